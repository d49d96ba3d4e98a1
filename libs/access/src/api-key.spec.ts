import { apiKeyMatches, credentialFrom, generateApiKey, hashApiKey, parseApiKey } from './api-key';

describe('API keys', () => {
  it('are hy_<prefix>_<secret>, parse back to their prefix, and store only the SHA-256 of the whole key', () => {
    const k = generateApiKey();
    expect(k.key).toMatch(/^hy_[0-9A-Za-z]{12}_[0-9A-Za-z_-]{43}$/);
    expect(parseApiKey(k.key)).toEqual({ prefix: k.prefix });
    expect(k.hash).toBe(hashApiKey(k.key));
    expect(k.hash).toMatch(/^[0-9a-f]{64}$/);
    // the secret is base64url and may itself contain '_': cut it by position, not by splitting
    const secret = k.key.slice(`hy_${k.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(k.hash).not.toContain(secret);
  });

  it('parse back to their prefix whatever underscores and dashes the secret holds', () => {
    const prefix = 'AbC123xyz789';
    for (const secret of [`_${'a'.repeat(42)}`, `${'-'.repeat(21)}_${'_'.repeat(21)}`, `${'b'.repeat(42)}_`]) {
      expect(parseApiKey(`hy_${prefix}_${secret}`)).toEqual({ prefix });
    }
  });

  it('are different every time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('match only their own hash', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(apiKeyMatches(a.key, a.hash)).toBe(true);
    expect(apiKeyMatches(b.key, a.hash)).toBe(false);
    expect(apiKeyMatches(`${a.key}x`, a.hash)).toBe(false);
    expect(apiKeyMatches(a.key, 'not-hex')).toBe(false);
  });

  it('refuses malformed keys', () => {
    for (const bad of ['', 'hy_', 'hy_short_secret', `xx_${'a'.repeat(12)}_${'b'.repeat(43)}`, `hy_${'a'.repeat(12)}_${'b'.repeat(42)}`, `hy_${'a'.repeat(11)}!_${'b'.repeat(43)}`]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('are read from Authorization: Bearer, else x-api-key', () => {
    expect(credentialFrom('Bearer hy_abc', undefined)).toBe('hy_abc');
    expect(credentialFrom('bearer   hy_abc ', 'other')).toBe('hy_abc');
    expect(credentialFrom(undefined, ' hy_def ')).toBe('hy_def');
    expect(credentialFrom(undefined, undefined)).toBeUndefined();
    expect(credentialFrom(undefined, '  ')).toBeUndefined();
  });
});
