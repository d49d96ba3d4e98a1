import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys: `hy_<prefix>_<secret>`. The prefix (12 base62 characters) names the key to humans and finds it in the
 * database; the secret is 32 random bytes in base64url. Only the SHA-256 (hex) of the whole key is stored.
 */
export const API_KEY_PATTERN = /^hy_([0-9A-Za-z]{12})_([0-9A-Za-z_-]{43})$/;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number): string {
  let out = '';
  // rejection sampling keeps every character equally likely
  while (out.length < n) {
    for (const b of randomBytes(n * 2)) {
      if (b < 248 && out.length < n) out += BASE62[b % 62];
    }
  }
  return out;
}

export interface NewApiKey {
  /** The key itself: shown once, never stored or logged. */
  key: string;
  prefix: string;
  hash: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): NewApiKey {
  const prefix = base62(12);
  const key = `hy_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** The prefix of a well-formed key, or null. */
export function parseApiKey(key: string): { prefix: string } | null {
  const m = API_KEY_PATTERN.exec(key);
  return m ? { prefix: m[1] as string } : null;
}

/** Compares the key's hash with the stored hash in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key a request carries: `Authorization: Bearer <key>` (gRPC metadata `authorization` the same), else `x-api-key`.
 * Returns undefined when none is given.
 */
export function credentialFrom(authorization: string | undefined, apiKeyHeader: string | undefined): string | undefined {
  if (authorization) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return m ? m[1] : authorization.trim();
  }
  const k = apiKeyHeader?.trim();
  return k ? k : undefined;
}
