import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { OUTBOX_STUCK_AFTER_SECONDS, OutboxRelay } from './outbox-relay';
import type { TypedProducer } from './typed-producer';

/** A relay over a database that answers the backlog query with `row` (no I/O). */
const relayWith = (row: { pending: number; age: number }) =>
  new OutboxRelay({ query: async () => [row] } as unknown as DataSource, {} as TypedProducer, {} as Logger, { table: 'intake.outbox' });

describe('the outbox readiness check', () => {
  it('is non-critical and named after its table', () => {
    const check = relayWith({ pending: 0, age: 0 }).healthCheck();
    expect({ name: check.name, critical: check.critical }).toEqual({ name: 'outbox:intake.outbox', critical: false });
  });

  it('passes while events leave in time, or nothing waits', async () => {
    await expect(relayWith({ pending: 0, age: 0 }).healthCheck().check()).resolves.toBeUndefined();
    await expect(relayWith({ pending: 40, age: OUTBOX_STUCK_AFTER_SECONDS - 1 }).healthCheck().check()).resolves.toBeUndefined();
  });

  it('fails, naming the backlog, when the oldest event waited over the threshold', async () => {
    await expect(relayWith({ pending: 12, age: 75.4 }).healthCheck().check()).rejects.toThrow(
      /12 event\(s\) not yet sent to Kafka, the oldest for 75 s \(over 60 s\): Kafka or the relay is stuck/,
    );
    await expect(relayWith({ pending: 1, age: 11 }).healthCheck(10).check()).rejects.toThrow(/over 10 s/);
  });
});
