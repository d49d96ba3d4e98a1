import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { makeEnvelope, TOPICS, type EventEnvelope, type ReportUpdatedV1 } from '@huiying/contracts';
import { HostedConsumer } from './hosted-consumer';
import type { TypedProducer } from './typed-producer';

type EachMessage = (p: { topic: string; partition: number; message: { key: Buffer; value: Buffer; offset: string } }) => Promise<void>;

/** Just enough of a kafkajs consumer: records what it was asked and joins its group when run. */
class FakeKafkaConsumer {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };
  private readonly emitter = new EventEmitter();
  subscribed: unknown[] = [];
  eachMessage?: EachMessage;
  disconnected = false;
  on = (name: string, listener: (e: unknown) => void) => {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  };
  connect = async () => undefined;
  subscribe = async (s: unknown) => void this.subscribed.push(s);
  run = async (r: { eachMessage: EachMessage }) => {
    this.eachMessage = r.eachMessage;
    this.emitter.emit(this.events.GROUP_JOIN, { payload: { groupId: 'g' } });
  };
  disconnect = async () => {
    this.disconnected = true;
  };
}

class ReportUpdatesForTest extends HostedConsumer<typeof TOPICS.reportUpdated> {
  constructor(kafka: Kafka, producer: TypedProducer, handled: EventEnvelope<ReportUpdatedV1>[]) {
    super(kafka, { groupId: 'test-report-updates', topic: TOPICS.reportUpdated, handle: async (env) => void handled.push(env) }, producer, pino({ level: 'silent' }));
  }
}

describe('HostedConsumer', () => {
  it('starts its validating consumer when the application has booted, hands it valid messages and stops it at shutdown', async () => {
    const fake = new FakeKafkaConsumer();
    const groups: unknown[] = [];
    const kafka = { consumer: (c: unknown) => (groups.push(c), fake) } as unknown as Kafka;
    const producer = { connect: async () => undefined } as unknown as TypedProducer;
    const handled: EventEnvelope<ReportUpdatedV1>[] = [];
    const hosted = new ReportUpdatesForTest(kafka, producer, handled);

    expect(groups).toEqual([expect.objectContaining({ groupId: 'test-report-updates' })]);
    expect(hosted.healthy()).toBe(false);
    hosted.onApplicationBootstrap(); // returns at once: the service opens its ports while the consumer joins
    expect(hosted.healthy()).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.subscribed).toEqual([{ topic: TOPICS.reportUpdated, fromBeginning: true }]);
    expect(hosted.healthy()).toBe(true);

    const caseId = '0f9e8d7c-6b5a-4f3e-8d2c-1a0b9c8d7e6f';
    const data: ReportUpdatedV1 = {
      reportId: '7d1c2f0e-6a4b-4c1e-9d3a-1b2c3d4e5f60', caseId, revision: 2, previousRevision: 1, changedFields: ['content'], channel: 'hotline_12345',
      title: '路灯', content: '路灯不亮', category: 'other', location: {}, occurredAt: '2026-11-20T01:15:00.000Z', updatedAt: '2026-11-21T01:15:00.000Z',
    };
    const envelope = makeEnvelope({ id: 'report-updated:x:2', type: 'huiying.intake.report.updated.v1', source: '/test', time: data.updatedAt, subject: caseId, data });
    await fake.eachMessage?.({ topic: TOPICS.reportUpdated, partition: 0, message: { key: Buffer.from(caseId), value: Buffer.from(JSON.stringify(envelope)), offset: '0' } });
    expect(handled.map((e) => [e.id, e.data.revision])).toEqual([['report-updated:x:2', 2]]);

    await hosted.beforeApplicationShutdown();
    expect(fake.disconnected).toBe(true);
  });
});
