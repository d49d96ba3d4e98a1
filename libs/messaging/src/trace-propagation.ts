// Trace context across Kafka (README → Traces): the W3C `traceparent` / `tracestate` of the producing span travel in
// the message headers; the consumer continues them in a CONSUMER span. Attributes are codes and ids only (topic,
// group, partition, offset, event id, case id as the message key), never the payload.
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { contextFromCarrier, traceCarrierOf, type TraceCarrier } from '@huiying/platform';

export const TRACE_HEADERS = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

export function messagingTracer(): Tracer {
  return trace.getTracer('@huiying/messaging');
}

/** The Kafka headers of a trace carrier: only what it holds. */
export function kafkaTraceHeaders(carrier: TraceCarrier): Record<string, string> {
  const headers: Record<string, string> = {};
  if (carrier.traceparent) headers[TRACE_HEADERS.traceparent] = carrier.traceparent;
  if (carrier.tracestate) headers[TRACE_HEADERS.tracestate] = carrier.tracestate;
  return headers;
}

function headerText(value: IHeaders[string]): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return null;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** The trace carrier of a consumed message's headers (kafkajs gives them as Buffers). */
export function carrierFromKafkaHeaders(headers: IHeaders | undefined): TraceCarrier {
  return { traceparent: headerText(headers?.[TRACE_HEADERS.traceparent]), tracestate: headerText(headers?.[TRACE_HEADERS.tracestate]) };
}

export interface ProducedMessageTrace {
  span: Span;
  /** The headers to send: the producer span's context. */
  headers: Record<string, string>;
}

/**
 * A PRODUCER span `<topic> publish` continuing `parent` (the stored context of an outbox row, or the active one), and
 * the headers that carry it. Nothing to continue (no span in `parent`) → no span and no headers: a message that
 * nothing traced does not start a trace of its own.
 */
export function startProducerSpan(
  topic: string,
  parent: Context,
  attributes: { eventId?: string; key?: string; outboxTable?: string },
  tracer: Tracer = messagingTracer(),
): ProducedMessageTrace | undefined {
  if (!trace.getSpanContext(parent)) return undefined;
  const span = tracer.startSpan(
    `${topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'publish',
        'messaging.destination.name': topic,
        ...(attributes.eventId ? { 'messaging.message.id': attributes.eventId } : {}),
        ...(attributes.key ? { 'messaging.kafka.message.key': attributes.key } : {}),
        ...(attributes.outboxTable ? { 'huiying.outbox.table': attributes.outboxTable } : {}),
      },
    },
    parent,
  );
  return { span, headers: kafkaTraceHeaders(traceCarrierOf(trace.setSpan(parent, span))) };
}

/** Ends producer spans once the broker answered (error status with the failure when it did not). */
export function endProducerSpans(spans: (ProducedMessageTrace | undefined)[], error?: unknown): void {
  for (const p of spans) {
    if (!p) continue;
    if (error) markFailed(p.span, error);
    p.span.end();
  }
}

/**
 * An error status naming the error's class only: messages can quote the data that failed, and spans carry no
 * personal data (the full reason is in the masked logs and the dead-letter headers).
 */
export function markFailed(span: Span, error: unknown): void {
  const type = error instanceof Error ? error.name || error.constructor.name : typeof error;
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/** The stored trace context of an outbox row as the parent of its producer span (none when the row has none). */
export function outboxRowContext(row: Partial<TraceCarrier>): Context {
  return contextFromCarrier(row, ROOT_CONTEXT);
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  key: string | null;
  headers?: IHeaders;
}

/**
 * Runs `fn` in a CONSUMER span `<topic> process` whose parent is the trace context the message carries (a new trace
 * when it carries none), so everything the handler does — database, Temporal, further messages — is in that trace.
 */
export async function inConsumerSpan<T>(m: ConsumedMessage, fn: (span: Span) => Promise<T>, tracer: Tracer = messagingTracer()): Promise<T> {
  const parent = contextFromCarrier(carrierFromKafkaHeaders(m.headers), ROOT_CONTEXT);
  const span = tracer.startSpan(
    `${m.topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': m.topic,
        'messaging.consumer.group.name': m.groupId,
        'messaging.destination.partition.id': String(m.partition),
        'messaging.kafka.offset': Number(m.offset),
        ...(m.key ? { 'messaging.kafka.message.key': m.key } : {}),
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (e) {
    markFailed(span, e);
    throw e;
  } finally {
    span.end();
  }
}
