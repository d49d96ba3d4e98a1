import { TokenBuckets } from './token-bucket';

describe('token buckets per calling system', () => {
  it('allow a burst up to the per-minute limit, then refuse with the wait until the next token', () => {
    let now = 1_000_000;
    const b = new TokenBuckets(() => now);
    for (let i = 0; i < 3; i++) expect(b.take('a', 3)).toMatchObject({ allowed: true, limit: 3, remaining: 2 - i });
    const refused = b.take('a', 3);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
    now += 19_000;
    expect(b.take('a', 3).allowed).toBe(false);
    now += 1_000;
    expect(b.take('a', 3)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('refill continuously up to the capacity, never beyond', () => {
    let now = 0;
    const b = new TokenBuckets(() => now);
    for (let i = 0; i < 60; i++) b.take('a', 60);
    expect(b.take('a', 60).allowed).toBe(false);
    now += 3_600_000;
    const r = b.take('a', 60);
    expect(r).toMatchObject({ allowed: true, remaining: 59 });
    expect(r.resetSeconds).toBe(1);
  });

  it('keep one bucket per system', () => {
    const now = 0;
    const b = new TokenBuckets(() => now);
    expect(b.take('a', 1).allowed).toBe(true);
    expect(b.take('a', 1).allowed).toBe(false);
    expect(b.take('b', 1).allowed).toBe(true);
  });

  it('follow a changed limit without handing out a fresh burst', () => {
    const now = 0;
    const b = new TokenBuckets(() => now);
    for (let i = 0; i < 10; i++) b.take('a', 10);
    expect(b.take('a', 100).allowed).toBe(false);
  });
});
