import { canResend, decideAfterReplyAttempt, isDelivered, replyBackoffMs } from './reply-delivery-policy';

describe('hotline reply delivery policy', () => {
  const policy = { maxAttempts: 4, baseMs: 1000, maxMs: 5000 };
  const now = new Date('2026-11-21T02:00:00Z');

  it('back-off: base × 2^(n−1), capped, plus up to 25 % jitter', () => {
    expect([1, 2, 3, 4, 5].map((n) => replyBackoffMs(n, policy, 0))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect([1, 2, 3, 4].map((n) => replyBackoffMs(n, policy, 0.5))).toEqual([1125, 2250, 4500, 5625]);
    expect(replyBackoffMs(2, policy, 0.999999)).toBeLessThanOrEqual(2500);
    expect(replyBackoffMs(0, policy, 0)).toBe(1000);
    expect(replyBackoffMs(1000, policy, 0)).toBe(5000); // no overflow
    expect(replyBackoffMs(1, policy, 7)).toBe(1250); // random clamped to [0, 1]
  });

  it('a 2xx is delivered, anything else is not', () => {
    expect([200, 201, 204, 299].every((s) => isDelivered({ httpStatus: s, error: null }))).toBe(true);
    expect([199, 301, 400, 409, 500, 503].some((s) => isDelivered({ httpStatus: s, error: `HTTP ${s}` }))).toBe(false);
    expect(isDelivered({ httpStatus: null, error: 'connect ECONNREFUSED' })).toBe(false);
  });

  it('pending → delivered on a 2xx, whatever the attempt', () => {
    expect(decideAfterReplyAttempt(1, { httpStatus: 200, error: null }, now, policy, 0)).toEqual({ status: 'delivered', at: now });
    expect(decideAfterReplyAttempt(4, { httpStatus: 204, error: null }, now, policy, 0)).toEqual({ status: 'delivered', at: now });
  });

  it('pending → pending with the next attempt after the back-off while attempts are left', () => {
    expect(decideAfterReplyAttempt(1, { httpStatus: 500, error: 'HTTP 500' }, now, policy, 0)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 1000), error: 'HTTP 500' });
    expect(decideAfterReplyAttempt(3, { httpStatus: null, error: 'no answer within 10000 ms' }, now, policy, 0.5)).toEqual({
      status: 'pending', nextAttemptAt: new Date(now.getTime() + 4500), error: 'no answer within 10000 ms',
    });
    // a 4xx is retried as well: the receiver may be misconfigured for a while, ops see it in the attempts
    expect(decideAfterReplyAttempt(2, { httpStatus: 401, error: null }, now, policy, 0)).toMatchObject({ status: 'pending', error: 'HTTP 401' });
  });

  it('pending → failed once the round\'s attempts are spent', () => {
    expect(decideAfterReplyAttempt(4, { httpStatus: 500, error: 'HTTP 500' }, now, policy, 0)).toEqual({ status: 'failed', at: now, error: 'HTTP 500 (gave up after 4 attempts)' });
    expect(decideAfterReplyAttempt(1, { httpStatus: 502, error: 'HTTP 502' }, now, { ...policy, maxAttempts: 1 }, 0)).toMatchObject({ status: 'failed' });
  });

  it('resend: failed or delivered → pending; pending is refused', () => {
    expect(canResend('failed')).toEqual({ ok: true });
    expect(canResend('delivered')).toEqual({ ok: true });
    expect(canResend('pending')).toEqual({ ok: false, reason: expect.stringContaining('pending') });
  });
});
