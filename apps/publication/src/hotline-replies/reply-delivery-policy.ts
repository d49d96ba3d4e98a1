// What happens to a webhook delivery: after an attempt (delivered on a 2xx; otherwise again later with exponential
// back-off and jitter, or failed once the round's attempts are spent) and on an ops resend. Pure: the schedule and the
// transitions are unit-tested with a fixed clock and a fixed random number.
import type { HotlineReplyDeliveryStatus } from '@huiying/contracts';

export interface ReplyBackoffPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** What one POST came to: the receiver's status (null: no answer — refused, timed out) and, when not delivered, why. */
export interface WebhookAttemptResult {
  httpStatus: number | null;
  error: string | null;
}

export type ReplyAttemptDecision =
  | { status: 'delivered'; at: Date }
  | { status: 'pending'; nextAttemptAt: Date; error: string }
  | { status: 'failed'; at: Date; error: string };

export function isDelivered(result: WebhookAttemptResult): boolean {
  return result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300;
}

/**
 * The pause after the `roundAttempt`-th failed attempt of a round: base × 2^(roundAttempt−1), at most maxMs, plus
 * jitter of up to 25 % (`random` in [0, 1)), so deliveries that failed together do not come back together.
 */
export function replyBackoffMs(roundAttempt: number, policy: Pick<ReplyBackoffPolicy, 'baseMs' | 'maxMs'>, random: number): number {
  const exp = Math.min(Math.max(roundAttempt - 1, 0), 30);
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** exp);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(delay + delay * 0.25 * r);
}

/** `roundAttempt`: the number of the attempt just made in this round (1 for the first after a (re)send). */
export function decideAfterReplyAttempt(roundAttempt: number, result: WebhookAttemptResult, now: Date, policy: ReplyBackoffPolicy, random: number): ReplyAttemptDecision {
  if (isDelivered(result)) return { status: 'delivered', at: now };
  const error = result.error ?? (result.httpStatus !== null ? `HTTP ${result.httpStatus}` : 'no answer');
  if (roundAttempt >= policy.maxAttempts) return { status: 'failed', at: now, error: `${error} (gave up after ${roundAttempt} attempts)` };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + replyBackoffMs(roundAttempt, policy, random)), error };
}

export type ResendDecision = { ok: true } | { ok: false; reason: string };

/** Ops may resend a delivery that failed or was delivered; one still pending is on its way already. */
export function canResend(status: HotlineReplyDeliveryStatus): ResendDecision {
  if (status === 'failed' || status === 'delivered') return { ok: true };
  return { ok: false, reason: 'the delivery is pending: it is being sent already' };
}
