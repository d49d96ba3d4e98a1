import { EventEmitter } from 'node:events';
import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { IHeaders, Kafka } from 'kafkajs';
import pino from 'pino';
import { makeEnvelope, TOPICS, type ReportUpdatedV1 } from '@huiying/contracts';
import { activeTraceIds, installTracing, loadConfig, traceCarrierOf, TracingConfig, type Tracing } from '@huiying/platform';
import { ValidatingConsumer } from './consumer';
import { outboxMessage, type OutboxRow } from './outbox-relay';
import { carrierFromKafkaHeaders, endProducerSpans, inConsumerSpan, kafkaTraceHeaders } from './trace-propagation';
import { TypedProducer } from './typed-producer';

const caseId = '0f9e8d7c-6b5a-4f3e-8d2c-1a0b9c8d7e6f';
const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';

/** As kafkajs hands headers to a consumer: Buffers. */
const delivered = (headers: Record<string, string> | undefined): IHeaders =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, Buffer.from(v)]));

function row(carrier: { traceparent: string | null; tracestate: string | null }): OutboxRow {
  return { id: '1', event_id: `report-received:${caseId}`, topic: TOPICS.reportReceived, message_key: caseId, payload: { id: 'x' }, ...carrier };
}

describe('trace context through the outbox, Kafka headers and the consumer', () => {
  let memory: InMemorySpanExporter;
  let tracing: Tracing;
  beforeEach(() => {
    memory = new InMemorySpanExporter();
    tracing = installTracing('intake', loadConfig(TracingConfig, {}), new SimpleSpanProcessor(memory));
  });
  afterEach(() => tracing.shutdown());
  const spanNamed = (name: string): ReadableSpan => {
    const s = memory.getFinishedSpans().find((x) => x.name === name);
    if (!s) throw new Error(`no span ${name} in ${memory.getFinishedSpans().map((x) => x.name).join(', ')}`);
    return s;
  };

  it('continues the request that wrote the row: outbox row → producer span in the headers → consumer span → handler', async () => {
    // the request: a SERVER span continuing the caller's traceparent, in which the row is written
    const caller = trace.setSpanContext(ROOT_CONTEXT, { traceId: CALLER_TRACE, spanId: CALLER_SPAN, traceFlags: 1, isRemote: true });
    const request = trace.getTracer('test').startSpan('POST /v1/reports', { kind: SpanKind.SERVER }, caller);
    const stored = row(context.with(trace.setSpan(caller, request), () => traceCarrierOf()));
    request.end();
    expect(stored.traceparent).toBe(`00-${CALLER_TRACE}-${request.spanContext().spanId}-01`);

    // the relay (another process, later): the message and its headers
    const { message, traced } = outboxMessage(stored, 'intake.outbox');
    endProducerSpans([traced]);
    expect(message.key).toBe(caseId);
    expect(Object.keys(message.headers ?? {})).toEqual(['traceparent']);

    // the consumer: the handler runs in a CONSUMER span of the same trace, whose parent is the producer span
    let inHandler: ReturnType<typeof activeTraceIds> = {};
    await inConsumerSpan(
      { topic: TOPICS.reportReceived, partition: 3, offset: '17', groupId: 'routing-reports', key: caseId, headers: delivered(message.headers) },
      async () => void (inHandler = activeTraceIds()),
    );

    const producer = spanNamed(`${TOPICS.reportReceived} publish`);
    const consumer = spanNamed(`${TOPICS.reportReceived} process`);
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(producer.parentSpanId).toBe(request.spanContext().spanId);
    expect(producer.attributes).toMatchObject({ 'messaging.destination.name': TOPICS.reportReceived, 'messaging.message.id': stored.event_id, 'huiying.outbox.table': 'intake.outbox' });
    expect(consumer.kind).toBe(SpanKind.CONSUMER);
    expect(consumer.parentSpanId).toBe(producer.spanContext().spanId);
    expect(consumer.attributes).toMatchObject({ 'messaging.consumer.group.name': 'routing-reports', 'messaging.destination.partition.id': '3', 'messaging.kafka.offset': 17 });
    for (const s of [producer, consumer]) expect(s.spanContext().traceId).toBe(CALLER_TRACE);
    expect(inHandler).toEqual({ traceId: CALLER_TRACE, spanId: consumer.spanContext().spanId });
  });

  it('keeps tracestate, and reads headers given as strings or arrays', () => {
    const carrier = { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, tracestate: 'vendor=abc' };
    expect(carrierFromKafkaHeaders(delivered(kafkaTraceHeaders(carrier)))).toEqual(carrier);
    expect(carrierFromKafkaHeaders({ traceparent: [carrier.traceparent], tracestate: carrier.tracestate })).toEqual(carrier);
    expect(carrierFromKafkaHeaders(undefined)).toEqual({ traceparent: null, tracestate: null });
  });

  it('sends a row written outside any trace without headers, and its consumer starts a trace of its own', async () => {
    const { message, traced } = outboxMessage(row({ traceparent: null, tracestate: null }), 'intake.outbox');
    expect(traced).toBeUndefined();
    expect(message).not.toHaveProperty('headers');
    await inConsumerSpan({ topic: TOPICS.reportReceived, partition: 0, offset: '1', groupId: 'g', key: caseId }, async () => undefined);
    const [consumer] = memory.getFinishedSpans();
    expect(consumer?.parentSpanId).toBeUndefined();
  });

  it('TypedProducer.publish in a traced span (an activity) sends the producer span in the headers', async () => {
    const sent: { messages: { headers?: Record<string, string> }[] }[] = [];
    const kafka = { producer: () => ({ connect: async () => undefined, send: async (r: (typeof sent)[number]) => void sent.push(r) }) } as unknown as Kafka;
    const producer = new TypedProducer(kafka);
    const activity = trace.getTracer('test').startSpan('RunActivity:emitCaseEvent');
    const envelope = makeEnvelope({ id: `${caseId}:2`, type: 'huiying.case.stage-changed.v1', source: '/test', time: new Date().toISOString(), subject: caseId, data: {} });
    await context.with(trace.setSpan(ROOT_CONTEXT, activity), () => producer.publish(TOPICS.caseEvents, envelope as never));
    activity.end();
    const span = spanNamed(`${TOPICS.caseEvents} publish`);
    expect(span.parentSpanId).toBe(activity.spanContext().spanId);
    expect(sent[0]?.messages[0]?.headers?.traceparent).toBe(`00-${activity.spanContext().traceId}-${span.spanContext().spanId}-01`);

    await producer.publish(TOPICS.caseEvents, envelope as never); // outside any span: nothing to continue
    expect(sent[1]?.messages[0]).not.toHaveProperty('headers');
  });

  it('TypedProducer.publishAll sends a batch in one request, in order, each message with its own producer span', async () => {
    const sent: { topic: string; messages: { key: string; value: string; headers?: Record<string, string> }[] }[] = [];
    const kafka = { producer: () => ({ connect: async () => undefined, send: async (r: (typeof sent)[number]) => void sent.push(r) }) } as unknown as Kafka;
    const producer = new TypedProducer(kafka);
    const activity = trace.getTracer('test').startSpan('RunActivity:emitCaseEvents');
    const envelopes = [1, 2].map((n) => makeEnvelope({ id: `${caseId}:${n}`, type: 'huiying.case.stage-changed.v1', source: '/test', time: new Date().toISOString(), subject: caseId, data: {} }));
    await context.with(trace.setSpan(ROOT_CONTEXT, activity), () => producer.publishAll(TOPICS.caseEvents, envelopes as never));
    activity.end();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.messages.map((m) => [m.key, (JSON.parse(m.value) as { id: string }).id])).toEqual([[caseId, `${caseId}:1`], [caseId, `${caseId}:2`]]);
    const spans = memory.getFinishedSpans().filter((x) => x.name === `${TOPICS.caseEvents} publish`);
    expect(spans.map((x) => x.attributes['messaging.message.id'])).toEqual([`${caseId}:1`, `${caseId}:2`]);
    for (const [i, span] of spans.entries()) {
      expect(span.parentSpanId).toBe(activity.spanContext().spanId);
      expect(sent[0]?.messages[i]?.headers?.traceparent).toBe(`00-${activity.spanContext().traceId}-${span.spanContext().spanId}-01`);
    }
  });

  it('ValidatingConsumer runs the handler in the message trace, and a dead letter is an error span that keeps the trace headers', async () => {
    let fake: { eachMessage?: (p: unknown) => Promise<void> } & Record<string, unknown> = {};
    const emitter = new EventEmitter();
    fake = {
      events: { GROUP_JOIN: 'join', CRASH: 'crash' },
      on: (n: string, l: () => void) => (emitter.on(n, l), () => emitter.off(n, l)),
      connect: async () => undefined,
      subscribe: async () => undefined,
      run: async (r: { eachMessage: (p: unknown) => Promise<void> }) => {
        fake.eachMessage = r.eachMessage;
        emitter.emit('join', {});
      },
      disconnect: async () => undefined,
    };
    const dlq: { headers?: Record<string, string> }[] = [];
    const dlqProducer = { connect: async () => undefined, publishRaw: async (_t: string, m: never[]) => void dlq.push(...m) } as unknown as TypedProducer;
    const seen: string[] = [];
    const consumer = new ValidatingConsumer(
      { consumer: () => fake } as unknown as Kafka,
      {
        groupId: 'ledger-cases',
        topic: TOPICS.reportUpdated,
        attempts: 1,
        handle: async (env) => {
          seen.push(activeTraceIds().traceId ?? 'none');
          if (env.data.revision === 3) throw new TypeError('cannot fold');
        },
      },
      dlqProducer,
      pino({ level: 'silent' }),
    );
    await consumer.start();
    const traceparent = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
    const deliver = (revision: number) => {
      const data = { reportId: '7d1c2f0e-6a4b-4c1e-9d3a-1b2c3d4e5f60', caseId, revision, previousRevision: revision - 1, changedFields: ['content'], channel: 'hotline_12345', title: 't', content: 'c', category: 'other', location: {}, occurredAt: '2026-11-20T01:15:00.000Z', updatedAt: '2026-11-21T01:15:00.000Z' } as ReportUpdatedV1;
      const envelope = makeEnvelope({ id: `report-updated:x:${revision}`, type: 'huiying.intake.report.updated.v1', source: '/test', time: data.updatedAt, subject: caseId, data });
      return fake.eachMessage!({ topic: TOPICS.reportUpdated, partition: 1, message: { key: Buffer.from(caseId), value: Buffer.from(JSON.stringify(envelope)), offset: String(revision), headers: delivered({ traceparent }) } });
    };
    await deliver(2);
    await deliver(3);
    await consumer.stop();
    expect(seen).toEqual([CALLER_TRACE, CALLER_TRACE]);
    const spans = memory.getFinishedSpans().filter((s) => s.name === `${TOPICS.reportUpdated} process`);
    expect(spans.map((s) => [s.parentSpanId, s.attributes['messaging.message.id'], s.status.code])).toEqual([
      [CALLER_SPAN, 'report-updated:x:2', 0],
      [CALLER_SPAN, 'report-updated:x:3', 2],
    ]);
    expect(spans[1]?.attributes['huiying.dead_letter.reason_class']).toBe('handler_failed');
    expect(dlq[0]?.headers?.traceparent).toBe(traceparent);
  });
});
