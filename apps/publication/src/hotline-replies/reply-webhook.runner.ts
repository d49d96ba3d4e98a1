// The webhook's delivery loop, driven by publication.hotline_reply_deliveries: each pass claims the deliveries that are
// due (a lease, so a crashed process's deliveries come back after it), POSTs each signed body once, and stores the
// attempt with the decision. Everything comes in through interfaces: the unit test runs it on a fake store and poster.
import { webhookHeaders } from './webhook-signature';
import { decideAfterReplyAttempt, type ReplyAttemptDecision, type ReplyBackoffPolicy, type WebhookAttemptResult } from './reply-delivery-policy';

export interface ClaimedReplyDelivery {
  id: string;
  orderNo: string;
  /** The envelope id: x-huiying-delivery, the receiver's idempotency key. */
  envelopeId: string;
  body: string;
  /** This attempt's number over the delivery's life (the attempt log's key). */
  attempt: number;
  /** This attempt's number in the round (since the last (re)send). */
  roundAttempt: number;
  maxAttempts: number;
}

export interface ReplyAttemptRecord extends WebhookAttemptResult {
  startedAt: Date;
  durationMs: number;
}

export interface ReplyDeliveryStore {
  /** Claims up to `limit` pending deliveries due at `now` (attempt + 1, leased until now + leaseMs). */
  claimDueDeliveries(now: Date, limit: number, leaseMs: number): Promise<ClaimedReplyDelivery[]>;
  /** Stores the attempt and the decision; false when the claim was no longer this process's (lease ran out). */
  finishDeliveryAttempt(d: ClaimedReplyDelivery, record: ReplyAttemptRecord, decision: ReplyAttemptDecision): Promise<boolean>;
}

/** One POST of `body` with `headers`; never throws (no answer is a result with httpStatus null). */
export type WebhookPoster = (url: string, headers: Record<string, string>, body: string, timeoutMs: number) => Promise<WebhookAttemptResult>;

export interface ReplyWebhookOptions extends Pick<ReplyBackoffPolicy, 'baseMs' | 'maxMs'> {
  url: string;
  secret: string;
  timeoutMs: number;
  leaseMs: number;
  batchSize: number;
}

export class ReplyWebhookRunner {
  constructor(
    private readonly store: ReplyDeliveryStore,
    private readonly post: WebhookPoster,
    private readonly options: ReplyWebhookOptions,
    private readonly clock: () => Date = () => new Date(),
    private readonly random: () => number = Math.random,
    private readonly onFinished: (d: ClaimedReplyDelivery, decision: ReplyAttemptDecision) => void = () => undefined,
  ) {}

  /** One pass: attempt every delivery that is due. Returns how many attempts it made. */
  async runOnce(): Promise<number> {
    const due = await this.store.claimDueDeliveries(this.clock(), this.options.batchSize, this.options.leaseMs);
    await Promise.all(due.map((d) => this.attempt(d)));
    return due.length;
  }

  private async attempt(d: ClaimedReplyDelivery): Promise<void> {
    const startedAt = this.clock();
    const result = await this.post(this.options.url, webhookHeaders(this.options.secret, d.envelopeId, d.body, startedAt), d.body, this.options.timeoutMs);
    const finishedAt = this.clock();
    const decision = decideAfterReplyAttempt(d.roundAttempt, result, finishedAt, { ...this.options, maxAttempts: d.maxAttempts }, this.random());
    const durationMs = Math.max(0, finishedAt.getTime() - startedAt.getTime());
    if (await this.store.finishDeliveryAttempt(d, { ...result, startedAt, durationMs }, decision)) this.onFinished(d, decision);
  }
}

/** The poster over fetch: a 3xx is not followed (it is not a 2xx: retried), the answer's body is not read. */
export const fetchWebhookPoster: WebhookPoster = async (url, headers, body, timeoutMs) => {
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    return { httpStatus: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}` };
  } catch (e) {
    return { httpStatus: null, error: describeFetchError(e, timeoutMs) };
  }
};

function describeFetchError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `${err?.message ?? String(e)}${cause ? ` (${cause})` : ''}`.slice(0, 500);
}
