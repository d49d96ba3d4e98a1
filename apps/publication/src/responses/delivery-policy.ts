// What happens after a delivery attempt: delivered, tried again later (exponential backoff, capped), or failed for good.
// Pure, so the retry schedule is tested with an injected clock.

export interface BackoffPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export type AttemptOutcome = { ok: true; externalRef: string } | { ok: false; retryable: boolean; error: string };

export type AttemptDecision =
  | { status: 'delivered'; deliveredAt: Date; externalRef: string }
  | { status: 'pending'; nextAttemptAt: Date; error: string }
  | { status: 'failed'; failedAt: Date; error: string };

/** Delay before attempt `attempt + 1` after attempt `attempt` failed: base × 2^(attempt−1), at most maxMs. */
export function backoffDelayMs(attempt: number, policy: Pick<BackoffPolicy, 'baseMs' | 'maxMs'>): number {
  const exp = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exp);
}

/** `attempt` is the number of the attempt just made (1 for the first). */
export function decideAfterAttempt(attempt: number, outcome: AttemptOutcome, now: Date, policy: BackoffPolicy): AttemptDecision {
  if (outcome.ok) return { status: 'delivered', deliveredAt: now, externalRef: outcome.externalRef };
  if (!outcome.retryable) return { status: 'failed', failedAt: now, error: outcome.error };
  if (attempt >= policy.maxAttempts) return { status: 'failed', failedAt: now, error: `${outcome.error} (gave up after ${attempt} attempts)` };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + backoffDelayMs(attempt, policy)), error: outcome.error };
}
