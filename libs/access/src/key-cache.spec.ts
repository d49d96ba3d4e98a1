import { generateApiKey } from './api-key';
import type { AccessRepository, KeyWithSystem } from './access.repository';
import { KeyAuthenticator } from './key-cache';

function fakeRepo(entries: Map<string, KeyWithSystem>) {
  const calls = { lookups: 0, touches: 0 };
  const repo = {
    keyWithSystem: async (prefix: string) => {
      calls.lookups++;
      const e = entries.get(prefix);
      return e ? structuredClone(e) : null;
    },
    touchKey: async () => {
      calls.touches++;
    },
  } as unknown as AccessRepository;
  return { repo, calls };
}

const system = { id: 'hotline-12345', name: '12345', kind: 'system' as const, department: null, jurisdiction: '*', scopes: ['submit' as const], rateLimitPerMinute: 600, createdAt: '', disabledAt: null };

describe('KeyAuthenticator', () => {
  it('authenticates a key, keeps it for the TTL, and sees a revocation once the TTL has passed', async () => {
    const k = generateApiKey();
    const entries = new Map<string, KeyWithSystem>([[k.prefix, { keyId: 'k1', hash: k.hash, expiresAt: null, revokedAt: null, lastUsedAt: null, system }]]);
    const { repo, calls } = fakeRepo(entries);
    let now = 1_000_000;
    const auth = new KeyAuthenticator(repo, 30000, () => now);
    expect(await auth.authenticate(k.key)).toMatchObject({ caller: { systemId: 'hotline-12345', keyId: 'k1', scopes: ['submit'] } });
    entries.get(k.prefix)!.revokedAt = new Date(now);
    now += 29_000;
    expect('caller' in (await auth.authenticate(k.key))).toBe(true);
    expect(calls.lookups).toBe(1);
    now += 1_000;
    expect(await auth.authenticate(k.key)).toMatchObject({ failure: 'revoked', systemId: 'hotline-12345' });
    expect(calls.lookups).toBe(2);
  });

  it('refuses unknown, malformed, wrong-secret, expired keys and disabled systems', async () => {
    const k = generateApiKey();
    const other = generateApiKey();
    const now = Date.now();
    const entries = new Map<string, KeyWithSystem>([
      [k.prefix, { keyId: 'k1', hash: k.hash, expiresAt: new Date(now - 1), revokedAt: null, lastUsedAt: null, system }],
      [other.prefix, { keyId: 'k2', hash: other.hash, expiresAt: null, revokedAt: null, lastUsedAt: null, system: { ...system, disabledAt: new Date(now).toISOString() } }],
    ]);
    const auth = new KeyAuthenticator(fakeRepo(entries).repo, 0, () => now);
    expect(await auth.authenticate('nonsense')).toEqual({ failure: 'malformed' });
    expect(await auth.authenticate(generateApiKey().key)).toEqual({ failure: 'unknown' });
    expect(await auth.authenticate(`${k.key.slice(0, 16)}${other.key.slice(16)}`)).toEqual({ failure: 'unknown' }); // right prefix, wrong secret
    expect(await auth.authenticate(k.key)).toMatchObject({ failure: 'expired' });
    expect(await auth.authenticate(other.key)).toMatchObject({ failure: 'disabled' });
  });

  it('does not remember unknown keys (a key issued a moment ago works at once) and forgets on demand', async () => {
    const k = generateApiKey();
    const entries = new Map<string, KeyWithSystem>();
    const { repo, calls } = fakeRepo(entries);
    const auth = new KeyAuthenticator(repo, 30000);
    expect(await auth.authenticate(k.key)).toEqual({ failure: 'unknown' });
    entries.set(k.prefix, { keyId: 'k1', hash: k.hash, expiresAt: null, revokedAt: null, lastUsedAt: null, system });
    expect('caller' in (await auth.authenticate(k.key))).toBe(true);
    entries.get(k.prefix)!.revokedAt = new Date(0);
    auth.forget(k.prefix);
    expect(await auth.authenticate(k.key)).toMatchObject({ failure: 'revoked' });
    expect(calls.lookups).toBe(3);
    // last_used_at is written when the looked-up row says it is older than a minute (the UPDATE checks it again)
    expect(calls.touches).toBe(2);
  });
});
