import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { DLQ_HEADERS, makeEnvelope, TOPICS, type ReportUpdatedV1 } from '@huiying/contracts';
import { ValidatingConsumer } from './consumer';
import { failureReason, isTransientFailure } from './handler-failure';
import type { TypedProducer } from './typed-producer';

type EachMessage = (p: { topic: string; partition: number; message: { key: Buffer; value: Buffer; offset: string } }) => Promise<void>;

class FakeKafkaConsumer {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };
  private readonly emitter = new EventEmitter();
  eachMessage?: EachMessage;
  on = (name: string, listener: (e: unknown) => void) => (this.emitter.on(name, listener), () => this.emitter.off(name, listener));
  connect = async () => undefined;
  subscribe = async () => undefined;
  run = async (r: { eachMessage: EachMessage }) => {
    this.eachMessage = r.eachMessage;
    this.emitter.emit(this.events.GROUP_JOIN, {});
  };
  disconnect = async () => undefined;
}

const caseId = '0f9e8d7c-6b5a-4f3e-8d2c-1a0b9c8d7e6f';
function message(offset: string, revision: number) {
  const data: ReportUpdatedV1 = {
    reportId: '7d1c2f0e-6a4b-4c1e-9d3a-1b2c3d4e5f60', caseId, revision, previousRevision: revision - 1, changedFields: ['content'], channel: 'hotline_12345',
    title: '路灯', content: '路灯不亮', category: 'other', location: {}, occurredAt: '2026-11-20T01:15:00.000Z', updatedAt: '2026-11-21T01:15:00.000Z',
  };
  const envelope = makeEnvelope({ id: `report-updated:x:${revision}`, type: 'huiying.intake.report.updated.v1', source: '/test', time: data.updatedAt, subject: caseId, data });
  return { topic: TOPICS.reportUpdated, partition: 2, message: { key: Buffer.from(caseId), value: Buffer.from(JSON.stringify(envelope)), offset } };
}

async function consumerWith(handle: (revision: number) => Promise<void>) {
  const fake = new FakeKafkaConsumer();
  const dlq: { topic: string; messages: { key: string; headers?: Record<string, string> }[] }[] = [];
  const producer = { connect: async () => undefined, publishRaw: async (topic: string, messages: never[]) => void dlq.push({ topic, messages }) } as unknown as TypedProducer;
  const consumer = new ValidatingConsumer(
    { consumer: () => fake } as unknown as Kafka,
    { groupId: 'g', topic: TOPICS.reportUpdated, handle: (env) => handle(env.data.revision), attempts: 3, retryDelayMs: 1 },
    producer,
    pino({ level: 'silent' }),
  );
  await consumer.start();
  return { deliver: (m: ReturnType<typeof message>) => (fake.eachMessage as EachMessage)(m), dlq };
}

describe('ValidatingConsumer: a message its handler cannot process', () => {
  it('is tried again, then dead-lettered with the reason, and the message behind it is processed (the partition never stalls)', async () => {
    const tries: number[] = [];
    const { deliver, dlq } = await consumerWith(async (revision) => {
      tries.push(revision);
      if (revision === 2) void (undefined as unknown as { district: string }).district; // the TypeError of issue 14
    });
    await deliver(message('41', 2));
    await deliver(message('42', 3));
    expect(tries).toEqual([2, 2, 2, 3]);
    expect(dlq).toHaveLength(1);
    expect(dlq[0]?.topic).toBe('dlq.intake.reports.updated.v1');
    const headers = dlq[0]?.messages[0]?.headers ?? {};
    expect(headers[DLQ_HEADERS.reason]).toMatch(/^handler failed 3 times: TypeError: Cannot read properties of undefined \(reading 'district'\)/);
    expect(headers[DLQ_HEADERS.sourceOffset]).toBe('41');
    expect(headers[DLQ_HEADERS.consumerGroup]).toBe('g');
  });

  it('is retried without dead-lettering while a dependency is down (the error reaches kafkajs, the offset stays uncommitted)', async () => {
    let down = true;
    const tries: number[] = [];
    const { deliver, dlq } = await consumerWith(async (revision) => {
      tries.push(revision);
      if (down) throw Object.assign(new Error('Connection terminated unexpectedly'), {});
    });
    await expect(deliver(message('7', 2))).rejects.toThrow('Connection terminated unexpectedly');
    await expect(deliver(message('7', 2))).rejects.toThrow('Connection terminated unexpectedly');
    down = false;
    await deliver(message('7', 2));
    expect(tries).toEqual([2, 2, 2]);
    expect(dlq).toEqual([]);
  });

  it('recovers without dead-lettering when a later try succeeds', async () => {
    let failures = 1;
    const { deliver, dlq } = await consumerWith(async () => {
      if (failures-- > 0) throw new RangeError('flaky');
    });
    await deliver(message('1', 2));
    expect(dlq).toEqual([]);
  });
});

describe('isTransientFailure', () => {
  it.each([
    ['a cut pg connection', new Error('Connection terminated unexpectedly')],
    ['a pg pool time-out', new Error('timeout exceeded when trying to connect')],
    ['a refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['Postgres shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['Postgres starting (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a deadlock (40P01) wrapped by TypeORM', Object.assign(new Error('QueryFailedError'), { driverError: Object.assign(new Error('deadlock detected'), { code: '40P01' }) })],
    ['Temporal unavailable (gRPC 14)', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { name: 'ServiceError', code: 14 })],
    ['a gRPC error as the cause', Object.assign(new Error('Failed to start workflow'), { cause: Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4, details: 'deadline', metadata: {} }) })],
    ['a retriable kafkajs error', Object.assign(new Error('There is no leader for this topic-partition'), { retriable: true })],
  ])('%s is transient', (_label, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'district')")],
    ['a unique violation (23505)', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a check violation wrapped by TypeORM', Object.assign(new Error('QueryFailedError'), { driverError: Object.assign(new Error('violates check constraint'), { code: '23514' }) })],
    ['gRPC INVALID_ARGUMENT', Object.assign(new Error('3 INVALID_ARGUMENT'), { name: 'ServiceError', code: 3 })],
    ['a string', 'boom'],
  ])('%s is the message’s own problem', (_label, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });

  it('names the failure without personal data', () => {
    expect(failureReason(new Error('caller 13800138000 not found'), 4)).toBe('handler failed 4 times: Error: caller 138****8000 not found');
  });
});
