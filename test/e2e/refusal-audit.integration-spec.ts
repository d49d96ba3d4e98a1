// A call refused before any controller sees it — a body too large (413), not JSON (415), broken JSON, a NUL character
// in a field — is audited like every other refused call (issue 14): one row, written before the answer leaves, with the
// caller when its key can be read (else anonymous), the route template and its case, the status and the reason
// (detail.code, the names of the fields at fault), never the body.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import { apiKey, pg, urls } from './support';

const caseId = randomUUID();
const FOLLOW_UPS = `${urls.ledger}/v1/cases/${caseId}/follow-ups`;
const REPORTS = `${urls.intake}/v1/reports`;

async function send(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; requestId: string; body: Record<string, unknown> }> {
  const requestId = randomUUID();
  const res = await fetch(url, { method: 'POST', headers: { 'x-request-id': requestId, ...headers }, body });
  return { status: res.status, requestId, body: (await res.json()) as Record<string, unknown> };
}
const withKey = (contentType = 'application/json') => ({ authorization: `Bearer ${apiKey()}`, 'content-type': contentType });

describe('refusals before the controller are audited', () => {
  let db: PgClient;
  const auditOf = async (requestId: string) =>
    (await db.query(`SELECT service, transport, system_id, method, action, target, status, outcome, detail FROM access.audit_log WHERE request_id = $1`, [requestId])).rows;

  beforeAll(async () => {
    db = await pg();
  });
  afterAll(async () => {
    await db?.end();
  });

  it('ledger: 413, 415, broken JSON and a NUL character — one row each, with the caller, the route and its case', async () => {
    const row = { service: 'ledger', transport: 'rest', system_id: 'test-suite', method: 'POST', action: 'POST /v1/cases/:id/follow-ups', target: caseId, outcome: 'rejected' };
    const tooLarge = await send(FOLLOW_UPS, JSON.stringify({ note: '大'.repeat(60_000) }), withKey());
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await auditOf(tooLarge.requestId)).toEqual([{ ...row, status: '413', detail: { code: 'PAYLOAD_TOO_LARGE' } }]);

    const notJson = await send(FOLLOW_UPS, 'note=x', withKey('application/x-www-form-urlencoded'));
    expect(notJson).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(await auditOf(notJson.requestId)).toEqual([{ ...row, status: '415', detail: { code: 'UNSUPPORTED_MEDIA_TYPE' } }]);

    const broken = await send(FOLLOW_UPS, '{"note": "张三 13812345678', withKey());
    expect(broken).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    expect(await auditOf(broken.requestId)).toEqual([{ ...row, status: '400', detail: { code: 'MALFORMED_JSON' } }]);

    const nul = await send(FOLLOW_UPS, JSON.stringify({ note: '张三\u000013812345678' }), withKey());
    expect(nul).toMatchObject({ status: 400, body: { code: 'UNSAFE_TEXT', errors: [{ field: 'note' }] } });
    expect(await auditOf(nul.requestId)).toEqual([{ ...row, status: '400', detail: { code: 'UNSAFE_TEXT', fields: ['note'] } }]);
  });

  it('intake: without a key the row is anonymous; the body is never in it', async () => {
    const anonymous = await send(REPORTS, '{"title": "张三 13812345678", "content":', { 'content-type': 'application/json' });
    expect(anonymous.status).toBe(400);
    const rows = await auditOf(anonymous.requestId);
    expect(rows).toEqual([{ service: 'intake', transport: 'rest', system_id: null, method: 'POST', action: 'POST /v1/reports', target: null, status: '400', outcome: 'rejected', detail: { code: 'MALFORMED_JSON', credentials: 'missing' } }]);
    expect(JSON.stringify(rows)).not.toMatch(/张三|13812345678/);

    const text = await send(REPORTS, '张三 13812345678', { ...withKey('text/plain') });
    expect(text.status).toBe(415);
    expect(await auditOf(text.requestId)).toEqual([expect.objectContaining({ service: 'intake', system_id: 'test-suite', status: '415', detail: { code: 'UNSUPPORTED_MEDIA_TYPE' } })]);
  });
});
