import { REFUSAL_AUDIT, type EarlyRefusal } from '@huiying/platform';
import { AccessModule } from './access.module';
import type { AuditEntry, Caller } from './access.types';
import type { AuditService } from './audit.service';
import { EarlyRefusalAudit } from './early-refusal-audit';
import type { KeyAuthenticator } from './key-cache';

const CASE = '0b6d3c1e-7f2a-4c1e-9a4b-2f6e8d9c1a2b';
const refusal = (over: Partial<EarlyRefusal> = {}): EarlyRefusal => ({
  method: 'POST', action: 'POST /v1/cases/:caseId/claim', params: { caseId: CASE }, requestId: 'rid-1', remoteAddress: '10.0.0.7', status: 413, code: 'PAYLOAD_TOO_LARGE', ...over,
});

/** The audit with a fake key lookup and a fake sink for its rows. */
function auditWith(authenticate: KeyAuthenticator['authenticate']) {
  const rows: AuditEntry[] = [];
  const keys = { authenticate } as KeyAuthenticator;
  const audit = { write: async (e: AuditEntry) => void rows.push(e) } as unknown as AuditService;
  return { rows, early: new EarlyRefusalAudit(keys, audit, 'ledger') };
}

describe('the audit of refusals before the controller', () => {
  it('names the caller whose key works, the route, its case, status and code — not the key, not the body', async () => {
    const seen: string[] = [];
    const { rows, early } = auditWith(async (key) => {
      seen.push(key);
      return { caller: { systemId: 'hotline-12345', keyId: 'k-1' } as Caller };
    });
    await early.refusedBeforeController(refusal({ authorization: 'Bearer hy_abc_secret' }));
    expect(seen).toEqual(['hy_abc_secret']);
    expect(rows).toEqual([
      {
        service: 'ledger', transport: 'rest', systemId: 'hotline-12345', keyId: 'k-1', method: 'POST', action: 'POST /v1/cases/:caseId/claim', target: CASE,
        status: '413', outcome: 'rejected', requestId: 'rid-1', remoteAddress: '10.0.0.7', detail: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('secret');
  });

  it('anonymous without a key (credentials: missing); the field names of hostile input', async () => {
    const { rows, early } = auditWith(async () => {
      throw new Error('not asked');
    });
    await early.refusedBeforeController(refusal({ status: 400, code: 'UNSAFE_TEXT', fields: ['title'] }));
    expect(rows[0]).toMatchObject({ systemId: null, keyId: null, status: '400', outcome: 'rejected', detail: { code: 'UNSAFE_TEXT', fields: ['title'], credentials: 'missing' } });
  });

  it('a revoked key names its system as the guard does (credentials: invalid); x-api-key is read too', async () => {
    const { rows, early } = auditWith(async () => ({ failure: 'revoked', systemId: 'old-system', keyId: 'k-0' }));
    await early.refusedBeforeController(refusal({ apiKey: 'hy_abc_revoked', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }));
    expect(rows[0]).toMatchObject({ systemId: 'old-system', keyId: 'k-0', status: '415', detail: { code: 'UNSUPPORTED_MEDIA_TYPE', credentials: 'invalid' } });
  });

  it('a key lookup that fails leaves the row anonymous (credentials: unverified) rather than unwritten', async () => {
    const { rows, early } = auditWith(async () => {
      throw new Error('connection refused');
    });
    await early.refusedBeforeController(refusal({ authorization: 'Bearer hy_abc_x', params: {}, action: 'POST /v1/reports', status: 400, code: 'MALFORMED_JSON' }));
    expect(rows[0]).toMatchObject({ systemId: null, target: null, action: 'POST /v1/reports', detail: { code: 'MALFORMED_JSON', credentials: 'unverified' } });
  });
});

describe('AccessModule', () => {
  it('provides and exports the sink the platform body stage looks up (REFUSAL_AUDIT) in every service that imports it', () => {
    const m = AccessModule.forRoot({ service: 'intake' });
    expect(m.exports).toContain(REFUSAL_AUDIT);
    expect(m.providers).toContainEqual({ provide: REFUSAL_AUDIT, useExisting: EarlyRefusalAudit });
  });
});
