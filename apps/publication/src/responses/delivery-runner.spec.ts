import { ChannelDeliveryError, type ChannelAdapter, type DeliverableMessage } from './channels/channel-adapter';
import { backoffDelayMs, decideAfterAttempt } from './delivery-policy';
import { DeliveryRunner, type ClaimedMessage, type ClaimedRecording, type DeliveryStore, type RecordingOutcome, type ResponseRecorder } from './delivery-runner';
import type { AttemptDecision } from './delivery-policy';

const policy = { maxAttempts: 4, baseMs: 1000, maxMs: 5000 };

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((a) => backoffDelayMs(a, policy))).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('delivered, retried later, or failed for good after the last attempt or a permanent error', () => {
    const now = new Date('2026-11-20T08:00:00Z');
    expect(decideAfterAttempt(1, { ok: true, externalRef: 'weibo:post:1' }, now, policy)).toEqual({ status: 'delivered', deliveredAt: now, externalRef: 'weibo:post:1' });
    expect(decideAfterAttempt(2, { ok: false, retryable: true, error: 'down' }, now, policy)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-11-20T08:00:02Z'), error: 'down' });
    expect(decideAfterAttempt(4, { ok: false, retryable: true, error: 'down' }, now, policy)).toMatchObject({ status: 'failed', error: 'down (gave up after 4 attempts)' });
    expect(decideAfterAttempt(1, { ok: false, retryable: false, error: 'bad request' }, now, policy)).toEqual({ status: 'failed', failedAt: now, error: 'bad request' });
  });
});

/** An in-memory DeliveryStore with the table's semantics: due + not leased, attempts counted at claim. */
class MemoryStore implements DeliveryStore {
  messages: (ClaimedMessage & { status: string; nextAttemptAt: Date; leasedUntil: Date | null; attempts: number; history: { attempt: number; at: Date; outcome: string }[] })[] = [];
  responses = new Map<string, { status: string; publishedAt: Date | null; recordAttempts: number; nextRecordAt: Date | null; record: RecordingOutcome | null }>();

  add(id: string, responseId: string, channel: ClaimedMessage['channel'], now: Date) {
    this.messages.push({ id, responseId, caseId: 'case-1', channel, payload: { kind: 'post' }, recipient: null, attempt: 0, maxAttempts: policy.maxAttempts, status: 'pending', nextAttemptAt: now, leasedUntil: null, attempts: 0, history: [] });
    if (!this.responses.has(responseId)) this.responses.set(responseId, { status: 'publishing', publishedAt: null, recordAttempts: 0, nextRecordAt: null, record: null });
  }

  async claimDueMessages(now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const due = this.messages.filter((m) => m.status === 'pending' && m.nextAttemptAt <= now && (!m.leasedUntil || m.leasedUntil <= now)).slice(0, limit);
    for (const m of due) {
      m.attempts++;
      m.attempt = m.attempts;
      m.leasedUntil = new Date(now.getTime() + leaseMs);
    }
    return due.map((m) => ({ ...m }));
  }

  async finishAttempt(c: ClaimedMessage, startedAt: Date, d: AttemptDecision): Promise<void> {
    const m = this.messages.find((x) => x.id === c.id)!;
    if (m.attempts !== c.attempt) return;
    m.status = d.status;
    m.leasedUntil = null;
    m.history.push({ attempt: c.attempt, at: startedAt, outcome: d.status });
    if (d.status === 'pending') m.nextAttemptAt = d.nextAttemptAt;
    const r = this.responses.get(c.responseId)!;
    if (d.status === 'delivered' && r.status === 'publishing') Object.assign(r, { status: 'recording', publishedAt: d.deliveredAt, nextRecordAt: d.deliveredAt });
    if (d.status === 'failed' && r.status === 'publishing' && this.messages.filter((x) => x.responseId === c.responseId).every((x) => x.status === 'failed')) r.status = 'failed';
  }

  async claimDueRecordings(now: Date, limit: number, leaseMs: number): Promise<ClaimedRecording[]> {
    const out: ClaimedRecording[] = [];
    for (const [id, r] of this.responses) {
      if (r.status !== 'recording' || !r.nextRecordAt || r.nextRecordAt > now || out.length >= limit) continue;
      r.recordAttempts++;
      r.nextRecordAt = new Date(now.getTime() + leaseMs);
      out.push({ responseId: id, caseId: 'case-1', attempt: r.recordAttempts });
    }
    return out;
  }

  async finishRecording(c: ClaimedRecording, outcome: RecordingOutcome, _now: Date, nextAt: Date | null): Promise<void> {
    const r = this.responses.get(c.responseId)!;
    if (outcome.status === 'retry') r.nextRecordAt = nextAt;
    else Object.assign(r, { status: outcome.status, record: outcome, nextRecordAt: null });
  }
}

class FlakyChannel implements ChannelAdapter {
  readonly calls: { attempt: number; at: Date }[] = [];
  constructor(
    readonly channel: ClaimedMessage['channel'],
    private readonly failures: number,
    private readonly retryable = true,
  ) {}
  prepare() {
    return { payload: {}, recipient: null };
  }
  async deliver(m: DeliverableMessage, now: Date) {
    this.calls.push({ attempt: m.attempt, at: now });
    if (this.calls.length <= this.failures) throw new ChannelDeliveryError(`${this.channel} unavailable`, this.retryable);
    return { externalRef: `${this.channel}:post:${m.id}` };
  }
}

describe('DeliveryRunner (injected clock, in-memory outbound table)', () => {
  let now: Date;
  const clock = () => now;
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));
  const recorded: string[] = [];
  const recorder: ResponseRecorder = {
    async record(responseId) {
      recorded.push(responseId);
      return { status: 'published', workflowRecord: { late: false } };
    },
  };
  const options = { ...policy, leaseMs: 60000, batchSize: 10 };

  beforeEach(() => {
    now = new Date('2026-11-20T08:00:00Z');
    recorded.length = 0;
  });

  it('retries a failing channel with backoff 1 s, 2 s and delivers on the third attempt, then records the response once', async () => {
    const store = new MemoryStore();
    store.add('m1', 'r1', 'weibo', now);
    const weibo = new FlakyChannel('weibo', 2);
    const runner = new DeliveryRunner(store, [weibo], recorder, options, clock);

    await runner.runOnce(); // attempt 1 fails
    expect(store.messages[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date('2026-11-20T08:00:01Z') });
    advance(999);
    expect(await runner.runOnce()).toEqual({ attempts: 0, recordings: 0 }); // not due yet
    advance(1);
    await runner.runOnce(); // attempt 2 fails
    expect(store.messages[0].nextAttemptAt).toEqual(new Date('2026-11-20T08:00:03Z'));
    advance(2000);
    await runner.runOnce(); // attempt 3 delivers, and the response is recorded in the same pass
    expect(store.messages[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(weibo.calls.map((c) => c.at.toISOString())).toEqual(['2026-11-20T08:00:00.000Z', '2026-11-20T08:00:01.000Z', '2026-11-20T08:00:03.000Z']);
    expect(store.responses.get('r1')).toMatchObject({ status: 'published', publishedAt: new Date('2026-11-20T08:00:03Z') });
    expect(recorded).toEqual(['r1']);
    advance(60000);
    expect(await runner.runOnce()).toEqual({ attempts: 0, recordings: 0 });
  });

  it('gives up after the last attempt; a response none of whose channels delivered is failed and never recorded', async () => {
    const store = new MemoryStore();
    store.add('m1', 'r1', 'sms', now);
    const runner = new DeliveryRunner(store, [new FlakyChannel('sms', 99)], recorder, options, clock);
    for (let i = 0; i < 10; i++) {
      await runner.runOnce();
      advance(5000);
    }
    expect(store.messages[0]).toMatchObject({ status: 'failed', attempts: 4 });
    expect(store.messages[0].history.map((h) => h.outcome)).toEqual(['pending', 'pending', 'pending', 'failed']);
    expect(store.responses.get('r1')?.status).toBe('failed');
    expect(recorded).toEqual([]);
  });

  it('a permanent error fails at once; the response is published by the channel that did deliver', async () => {
    const store = new MemoryStore();
    store.add('m1', 'r1', 'wechat', now);
    store.add('m2', 'r1', 'portal', now);
    const runner = new DeliveryRunner(store, [new FlakyChannel('wechat', 1, false), new FlakyChannel('portal', 0)], recorder, options, clock);
    await runner.runOnce();
    expect(store.messages.map((m) => [m.channel, m.status, m.attempts])).toEqual([['wechat', 'failed', 1], ['portal', 'delivered', 1]]);
    expect(store.responses.get('r1')?.status).toBe('published');
  });

  it('keeps retrying the recording while the workflow cannot be reached, with backoff', async () => {
    const store = new MemoryStore();
    store.add('m1', 'r1', 'portal', now);
    let down = 2;
    const flaky: ResponseRecorder = {
      async record() {
        if (down-- > 0) throw new Error('14 UNAVAILABLE');
        return { status: 'published', workflowRecord: null };
      },
    };
    const runner = new DeliveryRunner(store, [new FlakyChannel('portal', 0)], flaky, options, clock);
    await runner.runOnce();
    expect(store.responses.get('r1')).toMatchObject({ status: 'recording', nextRecordAt: new Date('2026-11-20T08:00:01Z') });
    advance(1000);
    await runner.runOnce();
    expect(store.responses.get('r1')).toMatchObject({ status: 'recording', nextRecordAt: new Date('2026-11-20T08:00:03Z') });
    advance(2000);
    await runner.runOnce();
    expect(store.responses.get('r1')?.status).toBe('published');
  });

  it('a crashed pass leaves its messages leased; after the lease another pass picks them up (driven by the table)', async () => {
    const store = new MemoryStore();
    store.add('m1', 'r1', 'portal', now);
    await store.claimDueMessages(now, 10, 60000); // a process claimed it and died
    const runner = new DeliveryRunner(store, [new FlakyChannel('portal', 0)], recorder, options, clock);
    expect(await runner.runOnce()).toEqual({ attempts: 0, recordings: 0 });
    advance(60000);
    await runner.runOnce();
    expect(store.messages[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
