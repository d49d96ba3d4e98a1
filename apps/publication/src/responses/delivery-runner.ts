// The delivery loop, driven by the outbound table: each pass claims the messages that are due (a lease, so a crashed
// process's messages come back after the lease), hands each to its channel adapter, and stores the decision with the
// attempt. Then it records delivered responses in the case workflow (respond update), retrying while Temporal is away.
// Everything it needs comes in through interfaces, so the unit test runs it on an in-memory store and a fake clock.
import type { PublicationChannel } from '@huiying/contracts';
import { ChannelDeliveryError, type ChannelAdapter, type DeliverableMessage } from './channels/channel-adapter';
import { backoffDelayMs, decideAfterAttempt, type AttemptDecision, type AttemptOutcome, type BackoffPolicy } from './delivery-policy';

export interface ClaimedMessage extends DeliverableMessage {
  maxAttempts: number;
}

export interface ClaimedRecording {
  responseId: string;
  caseId: string;
  attempt: number;
}

export type RecordingOutcome =
  | { status: 'published'; workflowRecord: Record<string, unknown> | null }
  | { status: 'unrecorded'; reason: string }
  | { status: 'retry'; error: string };

export interface DeliveryStore {
  /** Claims up to `limit` pending messages due at `now` (attempts + 1, leased until now + leaseMs). */
  claimDueMessages(now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** Stores the decision for the attempt and moves the response along (first delivery → recording; all failed → failed). */
  finishAttempt(message: ClaimedMessage, startedAt: Date, decision: AttemptDecision): Promise<void>;
  /** Claims delivered responses whose recording in the workflow is due. */
  claimDueRecordings(now: Date, limit: number, leaseMs: number): Promise<ClaimedRecording[]>;
  finishRecording(recording: ClaimedRecording, outcome: RecordingOutcome, now: Date, nextAt: Date | null): Promise<void>;
}

export interface ResponseRecorder {
  /** Records the response in the case workflow; throws when Temporal cannot be reached (then it is retried). */
  record(responseId: string, caseId: string): Promise<Exclude<RecordingOutcome, { status: 'retry' }>>;
}

export interface DeliveryRunnerOptions extends BackoffPolicy {
  leaseMs: number;
  batchSize: number;
}

export class DeliveryRunner {
  private readonly adapters: Map<PublicationChannel, ChannelAdapter>;

  constructor(
    private readonly store: DeliveryStore,
    adapters: ChannelAdapter[],
    private readonly recorder: ResponseRecorder,
    private readonly options: DeliveryRunnerOptions,
    private readonly clock: () => Date = () => new Date(),
    private readonly onError: (what: string, e: unknown) => void = () => undefined,
  ) {
    this.adapters = new Map(adapters.map((a) => [a.channel, a]));
  }

  /** One pass: deliver what is due, then record what was delivered. Returns how much work it did. */
  async runOnce(): Promise<{ attempts: number; recordings: number }> {
    const messages = await this.store.claimDueMessages(this.clock(), this.options.batchSize, this.options.leaseMs);
    await Promise.all(messages.map((m) => this.attempt(m)));
    const recordings = await this.store.claimDueRecordings(this.clock(), this.options.batchSize, this.options.leaseMs);
    for (const r of recordings) await this.recordOne(r);
    return { attempts: messages.length, recordings: recordings.length };
  }

  private async attempt(m: ClaimedMessage): Promise<void> {
    const startedAt = this.clock();
    let outcome: AttemptOutcome;
    const adapter = this.adapters.get(m.channel);
    try {
      if (!adapter) throw new ChannelDeliveryError(`no adapter for channel ${m.channel}`, false);
      const { externalRef } = await adapter.deliver(m, startedAt);
      outcome = { ok: true, externalRef };
    } catch (e) {
      const retryable = e instanceof ChannelDeliveryError ? e.retryable : true;
      outcome = { ok: false, retryable, error: (e as Error)?.message ?? String(e) };
    }
    const decision = decideAfterAttempt(m.attempt, outcome, this.clock(), { ...this.options, maxAttempts: m.maxAttempts });
    await this.store.finishAttempt(m, startedAt, decision);
  }

  private async recordOne(r: ClaimedRecording): Promise<void> {
    let outcome: RecordingOutcome;
    try {
      outcome = await this.recorder.record(r.responseId, r.caseId);
    } catch (e) {
      this.onError('recording the response in the case workflow', e);
      outcome = { status: 'retry', error: (e as Error)?.message ?? String(e) };
    }
    const now = this.clock();
    const nextAt = outcome.status === 'retry' ? new Date(now.getTime() + backoffDelayMs(r.attempt, this.options)) : null;
    await this.store.finishRecording(r, outcome, now, nextAt);
  }
}
