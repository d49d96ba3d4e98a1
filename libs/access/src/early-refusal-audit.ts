import { Inject, Injectable } from '@nestjs/common';
import type { EarlyRefusal, RefusalAuditSink } from '@huiying/platform';
import { credentialFrom } from './api-key';
import { ACCESS_SERVICE_NAME, AuditService, outcomeOf } from './audit.service';
import { targetOf } from './audit.interceptor';
import { KeyAuthenticator } from './key-cache';

/** Whether the refused request carried a key that works: `missing`, `invalid` (unknown, revoked, expired, disabled), `unverified` (the lookup failed). */
type CredentialState = 'valid' | 'missing' | 'invalid' | 'unverified';

/**
 * The audit row of a request refused before any controller (the platform's body stage: 413, 415, malformed JSON, not
 * UTF-8, unsafe text, too deep — request-refusals.ts), like the guard's: the caller when its key can be read (system and
 * key, also for a revoked or expired key, as the guard records them), else anonymous; the route template and target
 * when a route matched; the status, `detail.code` and the names of the fields at fault. Never the body, never the key.
 * The key is looked up only to name the caller: no rate limit is charged.
 */
@Injectable()
export class EarlyRefusalAudit implements RefusalAuditSink {
  constructor(
    private readonly keys: KeyAuthenticator,
    private readonly audit: AuditService,
    @Inject(ACCESS_SERVICE_NAME) private readonly service: string,
  ) {}

  private async caller(r: EarlyRefusal): Promise<{ systemId: string | null; keyId: string | null; credentials: CredentialState }> {
    const credential = credentialFrom(r.authorization, r.apiKey);
    if (!credential) return { systemId: null, keyId: null, credentials: 'missing' };
    try {
      const auth = await this.keys.authenticate(credential);
      if ('caller' in auth) return { systemId: auth.caller.systemId, keyId: auth.caller.keyId, credentials: 'valid' };
      return { systemId: auth.systemId ?? null, keyId: auth.keyId ?? null, credentials: 'invalid' };
    } catch {
      return { systemId: null, keyId: null, credentials: 'unverified' };
    }
  }

  async refusedBeforeController(r: EarlyRefusal): Promise<void> {
    const who = await this.caller(r);
    await this.audit.write({
      service: this.service,
      transport: 'rest',
      systemId: who.systemId,
      keyId: who.keyId,
      method: r.method,
      action: r.action,
      target: targetOf(r.params, undefined),
      status: String(r.status),
      outcome: outcomeOf(r.status),
      requestId: r.requestId,
      remoteAddress: r.remoteAddress,
      detail: { code: r.code, ...(r.fields ? { fields: r.fields } : {}), ...(who.credentials === 'valid' ? {} : { credentials: who.credentials }) },
    });
  }
}
