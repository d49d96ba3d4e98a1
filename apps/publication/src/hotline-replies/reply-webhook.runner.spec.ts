import { createHmac } from 'node:crypto';
import type { ReplyAttemptDecision } from './reply-delivery-policy';
import { ReplyWebhookRunner, type ClaimedReplyDelivery, type ReplyAttemptRecord, type ReplyDeliveryStore, type WebhookPoster } from './reply-webhook.runner';

/** An in-memory store with the repository's rules: claim due pending rows (attempt + 1), finish only the claim held. */
class MemoryStore implements ReplyDeliveryStore {
  rows = new Map<string, { d: ClaimedReplyDelivery; status: string; nextAt: number; attempts: ReplyAttemptRecord[] }>();
  add(id: string, maxAttempts: number) {
    this.rows.set(id, { d: { id, orderNo: `GD-${id}`, envelopeId: `hotline-reply:GD-${id}:3`, body: `{"id":"hotline-reply:GD-${id}:3"}`, attempt: 0, roundAttempt: 0, maxAttempts }, status: 'pending', nextAt: 0, attempts: [] });
  }
  async claimDueDeliveries(now: Date): Promise<ClaimedReplyDelivery[]> {
    return [...this.rows.values()]
      .filter((r) => r.status === 'pending' && r.nextAt <= now.getTime())
      .map((r) => {
        r.d = { ...r.d, attempt: r.d.attempt + 1, roundAttempt: r.d.roundAttempt + 1 };
        r.nextAt = Infinity; // leased
        return r.d;
      });
  }
  async finishDeliveryAttempt(d: ClaimedReplyDelivery, record: ReplyAttemptRecord, decision: ReplyAttemptDecision): Promise<boolean> {
    const r = this.rows.get(d.id);
    if (!r || r.d.attempt !== d.attempt) return false;
    r.status = decision.status;
    r.nextAt = decision.status === 'pending' ? decision.nextAttemptAt.getTime() : Infinity;
    r.attempts.push(record);
    return true;
  }
}

describe('ReplyWebhookRunner', () => {
  const secret = 'runner-test-secret-0123456789';
  let now: number;
  const clock = () => new Date(now);
  const options = { url: 'http://receiver.test/hotline/replies', secret, timeoutMs: 1000, baseMs: 100, maxMs: 1000, leaseMs: 5000, batchSize: 10 };

  beforeEach(() => {
    now = Date.parse('2026-11-21T02:00:00Z');
  });

  it('POSTs the body signed, refused once then delivered, each attempt recorded with the same delivery id', async () => {
    const store = new MemoryStore();
    store.add('a', 3);
    const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
    const answers = [500, 200];
    const post: WebhookPoster = async (url, headers, body) => {
      calls.push({ url, headers, body });
      now += 40; // the request takes 40 ms
      const s = answers.shift() as number;
      return { httpStatus: s, error: s === 200 ? null : `HTTP ${s}` };
    };
    const finished: string[] = [];
    const runner = new ReplyWebhookRunner(store, post, options, clock, () => 0, (_d, decision) => finished.push(decision.status));

    expect(await runner.runOnce()).toBe(1);
    expect(await runner.runOnce()).toBe(0); // not due before the back-off
    now += 100;
    expect(await runner.runOnce()).toBe(1);

    expect(finished).toEqual(['pending', 'delivered']);
    const row = store.rows.get('a')!;
    expect(row.status).toBe('delivered');
    expect(row.attempts.map((a) => [a.httpStatus, a.durationMs, a.error])).toEqual([[500, 40, 'HTTP 500'], [200, 40, null]]);
    expect(calls.map((c) => c.headers['x-huiying-delivery'])).toEqual(['hotline-reply:GD-a:3', 'hotline-reply:GD-a:3']);
    for (const c of calls) {
      expect(c.url).toBe(options.url);
      expect(c.body).toBe('{"id":"hotline-reply:GD-a:3"}');
      const expected = createHmac('sha256', secret).update(`${c.headers['x-huiying-timestamp']}.${c.body}`).digest('hex');
      expect(c.headers['x-huiying-signature']).toBe(`sha256=${expected}`);
    }
  });

  it('fails a delivery after its round\'s attempts, without answers at all', async () => {
    const store = new MemoryStore();
    store.add('b', 2);
    const post: WebhookPoster = async () => ({ httpStatus: null, error: 'fetch failed (ECONNREFUSED)' });
    const runner = new ReplyWebhookRunner(store, post, options, clock, () => 0);
    await runner.runOnce();
    now += 100;
    await runner.runOnce();
    const row = store.rows.get('b')!;
    expect(row.status).toBe('failed');
    expect(row.attempts).toHaveLength(2);
    expect(row.attempts.every((a) => a.httpStatus === null && a.error === 'fetch failed (ECONNREFUSED)')).toBe(true);
  });
});
