/**
 * Token buckets per calling system, in this process: capacity = the system's rate limit per minute, refilled
 * continuously at capacity/60 tokens per second. Limits are therefore per service instance (README: Access control).
 */
export interface TakeResult {
  allowed: boolean;
  limit: number;
  /** Whole tokens left after this call. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** When refused: seconds until one token is available. */
  retryAfterSeconds: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number; capacity: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  take(key: string, perMinute: number): TakeResult {
    const now = this.now();
    const capacity = Math.max(1, perMinute);
    const ratePerMs = capacity / 60000;
    let b = this.buckets.get(key);
    if (!b || b.capacity !== capacity) {
      b = { tokens: b ? Math.min(b.tokens, capacity) : capacity, at: now, capacity };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) * ratePerMs);
    b.at = now;
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    return {
      allowed,
      limit: capacity,
      remaining: Math.floor(b.tokens),
      resetSeconds: Math.ceil((capacity - b.tokens) / ratePerMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - b.tokens) / ratePerMs / 1000)),
    };
  }
}
