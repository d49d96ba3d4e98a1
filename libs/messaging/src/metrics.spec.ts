import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { createMetricsRegistry } from '@huiying/platform';
import { TOPICS } from '@huiying/contracts';
import { lagFromOffsets } from './consumer-lag';
import { ValidatingConsumer } from './consumer';
import { deadLetterMetric, parseFailureClass } from './dead-letter-metrics';
import { OutboxMetrics } from './outbox-metrics';
import { ConsumerLagMetrics } from './consumer-lag-metrics';
import type { TypedProducer } from './typed-producer';

describe('consumer lag from offsets', () => {
  it('is the high watermark minus the committed offset, per partition, in partition order', () => {
    const lag = lagFromOffsets(
      'intake-hotline',
      'hotline.work-orders.v1',
      [
        { partition: 1, high: '120', low: '0' },
        { partition: 0, high: '57', low: '0' },
        { partition: 2, high: '9', low: '4' },
      ],
      [
        { partition: 0, offset: '50' },
        { partition: 1, offset: '120' },
        { partition: 2, offset: '-1' },
      ],
    );
    expect(lag.map((l) => [l.partition, l.committed, l.lag])).toEqual([
      [0, 50, 7],
      [1, 120, 0],
      // nothing committed yet: the group reads from the low mark
      [2, 4, 5],
    ]);
  });

  it('counts a partition the group never committed on from its low mark, and an offset below it (retention) from there too', () => {
    const lag = lagFromOffsets('g', 't', [{ partition: 0, high: '1000', low: '800' }, { partition: 1, high: '30', low: '0' }], [{ partition: 0, offset: '10' }]);
    expect(lag.map((l) => l.lag)).toEqual([200, 30]);
  });
});

describe('consumer lag metrics', () => {
  it('reports each tracked group per partition, and lag_up 0 for a group Kafka does not answer for', async () => {
    const registry = createMetricsRegistry();
    const admin = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      fetchTopicOffsets: async (topic: string) => {
        if (topic === 'broken.v1') throw new Error('leader not available');
        return [{ partition: 0, high: '10', low: '0', offset: '10' }];
      },
      fetchOffsets: async () => [{ topic: 'cases.events.v1', partitions: [{ partition: 0, offset: '4' }] }],
    };
    const kafka = { admin: () => admin } as unknown as Kafka;
    const metrics = new ConsumerLagMetrics(registry);
    metrics.track(kafka, 'ledger-cases', 'cases.events.v1');
    metrics.track(kafka, 'other', 'broken.v1');
    const text = await registry.metrics();
    expect(text).toContain('huiying_kafka_consumer_lag{group="ledger-cases",topic="cases.events.v1",partition="0"} 6');
    expect(text).toContain('huiying_kafka_consumer_lag_up{group="ledger-cases",topic="cases.events.v1"} 1');
    expect(text).toContain('huiying_kafka_consumer_lag_up{group="other",topic="broken.v1"} 0');
    await metrics.untrack('other', 'broken.v1');
    expect(await registry.metrics()).not.toContain('broken.v1');
  });
});

describe('dead-letter metrics', () => {
  it('classes the reasons of invalid messages into a bounded set', () => {
    expect(parseFailureClass('empty message value')).toBe('malformed');
    expect(parseFailureClass('value is not JSON: Unexpected token')).toBe('malformed');
    expect(parseFailureClass('invalid message: data.orderNo: must be a string')).toBe('invalid');
    expect(parseFailureClass('message key "a" differs from envelope subject "b"')).toBe('key_mismatch');
  });

  it('counts a message the consumer dead-letters by source topic, group and reason class', async () => {
    let eachMessage: ((p: unknown) => Promise<void>) | undefined;
    const emitter = new EventEmitter();
    const fake = {
      events: { GROUP_JOIN: 'join', CRASH: 'crash' },
      on: (n: string, l: () => void) => emitter.on(n, l),
      connect: async () => undefined,
      subscribe: async () => undefined,
      run: async (r: { eachMessage: (p: unknown) => Promise<void> }) => void (eachMessage = r.eachMessage),
      disconnect: async () => undefined,
    };
    const producer = { connect: async () => undefined, publishRaw: async () => undefined } as unknown as TypedProducer;
    const consumer = new ValidatingConsumer({ consumer: () => fake } as unknown as Kafka, { groupId: 'metrics-test', topic: TOPICS.reportUpdated, handle: async () => undefined }, producer, pino({ level: 'silent' }));
    await consumer.start();
    const labels: Record<string, string> = { topic: TOPICS.reportUpdated, group: 'metrics-test', reason_class: 'malformed' };
    const before = (await deadLetterMetric().get()).values.find((v) => v.labels.group === 'metrics-test' && v.labels.reason_class === 'malformed')?.value ?? 0;
    await eachMessage?.({ topic: TOPICS.reportUpdated, partition: 0, message: { key: Buffer.from('k'), value: Buffer.from('not json'), offset: '3' } });
    const after = (await deadLetterMetric().get()).values.find((v) => Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x))?.value;
    expect(after).toBe(before + 1);
    await consumer.stop();
  });
});

describe('outbox metrics', () => {
  it('reports pending rows and the oldest age per outbox table, and no sample for one that cannot be read', async () => {
    const registry = createMetricsRegistry();
    const metrics = new OutboxMetrics(registry);
    metrics.track({ table: 'intake.outbox', backlog: async () => ({ pending: 3, oldestPendingAgeSeconds: 12.5 }) });
    metrics.track({ table: 'policy.outbox', backlog: async () => Promise.reject(new Error('connection refused')) });
    metrics.relayed('intake.outbox', 200);
    const text = await registry.metrics();
    expect(text).toContain('huiying_outbox_pending_rows{table="intake.outbox"} 3');
    expect(text).toContain('huiying_outbox_oldest_pending_age_seconds{table="intake.outbox"} 12.5');
    expect(text).not.toContain('huiying_outbox_pending_rows{table="policy.outbox"}');
    expect(text).toContain('huiying_outbox_relayed_rows_total{table="intake.outbox"} 200');
    expect(text).toContain('huiying_outbox_relay_failures_total{table="policy.outbox"} 0');
  });
});
