import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { SpanKind, SpanStatusCode, type HrTime } from '@opentelemetry/api';
import { ExportResultCode, hrTimeToMilliseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** One span as a line of the traces file (README → Traces). */
export interface SpanLine {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: 'internal' | 'server' | 'client' | 'producer' | 'consumer';
  service: string;
  start: string;
  end: string;
  durationMs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage?: string;
  attributes: Record<string, unknown>;
  events?: { name: string; time: string; attributes?: Record<string, unknown> }[];
  links?: { traceId: string; spanId: string }[];
}

const KINDS: Record<SpanKind, SpanLine['kind']> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};
const STATUSES: Record<SpanStatusCode, SpanLine['status']> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};

const iso = (t: HrTime) => new Date(hrTimeToMilliseconds(t)).toISOString();

/** A finished span as one JSON object (ids in hex, times in ISO 8601 UTC, the service from its resource). */
export function spanLine(span: ReadableSpan): SpanLine {
  const sc = span.spanContext();
  const line: SpanLine = {
    traceId: sc.traceId,
    spanId: sc.spanId,
    parentSpanId: span.parentSpanId ?? null,
    name: span.name,
    kind: KINDS[span.kind] ?? 'internal',
    service: String(span.resource?.attributes[ATTR_SERVICE_NAME] ?? 'unknown'),
    start: iso(span.startTime),
    end: iso(span.endTime),
    durationMs: Math.round(hrTimeToMilliseconds(span.duration) * 1000) / 1000,
    status: STATUSES[span.status.code] ?? 'unset',
    attributes: { ...span.attributes },
  };
  if (span.status.message) line.statusMessage = span.status.message;
  if (span.events.length) line.events = span.events.map((e) => ({ name: e.name, time: iso(e.time), ...(e.attributes ? { attributes: { ...e.attributes } } : {}) }));
  if (span.links.length) line.links = span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId }));
  return line;
}

/**
 * Appends finished spans to a file, one JSON object per line, for a machine without a collector. Each export is one
 * append of whole lines (O_APPEND), so the services and the worker of the local stack can share one file; the file
 * is opened per export, so deleting it starts a new one.
 */
export class JsonLinesSpanExporter implements SpanExporter {
  /** Exports are written one after the other, in the order they came. */
  private tail: Promise<void> = Promise.resolve();
  private dirReady = false;

  constructor(readonly file: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const text = spans.map((s) => JSON.stringify(spanLine(s))).join('\n') + '\n';
    this.tail = this.tail
      .then(async () => {
        if (!this.dirReady) await mkdir(path.dirname(this.file), { recursive: true });
        this.dirReady = true;
        await appendFile(this.file, text, { encoding: 'utf8', flag: 'a' });
      })
      .then(
        () => done({ code: ExportResultCode.SUCCESS }),
        (error: Error) => {
          this.dirReady = false;
          done({ code: ExportResultCode.FAILED, error });
        },
      );
  }

  async forceFlush(): Promise<void> {
    await this.tail;
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
  }
}
