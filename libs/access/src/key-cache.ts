import { apiKeyMatches, parseApiKey } from './api-key';
import type { AccessRepository, KeyWithSystem } from './access.repository';
import type { Caller } from './access.types';

export type AuthFailure = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'disabled';

const MAX_ENTRIES = 10000;

/**
 * Authenticates keys against access.api_keys, keeping what it looked up for `ttlMs` (≤ 30 s): a revoked key stops
 * working within that time. Unknown keys are not remembered, so a key issued a moment ago works at once.
 */
export class KeyAuthenticator {
  private readonly cache = new Map<string, { entry: KeyWithSystem; until: number }>();

  constructor(
    private readonly repo: AccessRepository,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(key: string): Promise<{ caller: Caller } | { failure: AuthFailure; systemId?: string; keyId?: string }> {
    const parsed = parseApiKey(key);
    if (!parsed) return { failure: 'malformed' };
    const now = this.now();
    let hit = this.cache.get(parsed.prefix);
    if (!hit || hit.until <= now) {
      const entry = await this.repo.keyWithSystem(parsed.prefix);
      if (!entry) {
        this.cache.delete(parsed.prefix);
        return { failure: 'unknown' };
      }
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      hit = { entry, until: now + this.ttlMs };
      if (this.ttlMs > 0) this.cache.set(parsed.prefix, hit);
      if (!entry.lastUsedAt || now - new Date(entry.lastUsedAt).getTime() > 60000) {
        entry.lastUsedAt = new Date(now);
        void this.repo.touchKey(entry.keyId).catch(() => undefined);
      }
    }
    const e = hit.entry;
    if (!apiKeyMatches(key, e.hash)) return { failure: 'unknown' };
    const ids = { systemId: e.system.id, keyId: e.keyId };
    if (e.revokedAt && new Date(e.revokedAt).getTime() <= now) return { failure: 'revoked', ...ids };
    if (e.expiresAt && new Date(e.expiresAt).getTime() <= now) return { failure: 'expired', ...ids };
    if (e.system.disabledAt) return { failure: 'disabled', ...ids };
    return {
      caller: {
        systemId: e.system.id,
        keyId: e.keyId,
        kind: e.system.kind,
        department: e.system.department,
        jurisdiction: e.system.jurisdiction,
        scopes: e.system.scopes,
        rateLimitPerMinute: e.system.rateLimitPerMinute,
      },
    };
  }

  /** Forgets a key (or every key) at once, e.g. after revoking it in this process. */
  forget(prefix?: string): void {
    if (prefix) this.cache.delete(prefix);
    else this.cache.clear();
  }
}
