import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { InMemorySpanExporter, SamplingDecision, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { NextFunction, Request, Response } from 'express';
import { Writable } from 'node:stream';
import { loadConfig } from './config';
import { httpTracingMiddleware, reenterRequestTrace } from './http-tracing';
import { JsonLinesSpanExporter, spanLine, type SpanLine } from './trace-file-exporter';
import {
  activeTraceIds,
  chooseTraceExport,
  contextFromCarrier,
  exporterFor,
  installTracing,
  samplerFrom,
  traceCarrierOf,
  TracingConfig,
  type Tracing,
} from './tracing';
import { createLogger } from './logger';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`;

describe('the exporter chosen by the environment', () => {
  const config = (env: Record<string, string>) => loadConfig(TracingConfig, env);

  it('is off with nothing set, and the default sampler is parentbased_always_on', () => {
    const c = config({});
    expect(chooseTraceExport(c)).toEqual({ kind: 'off' });
    expect(c.OTEL_TRACES_SAMPLER).toBe('parentbased_always_on');
  });

  it('writes the JSON-lines file when only HUIYING_TRACES_FILE is set', () => {
    expect(chooseTraceExport(config({ HUIYING_TRACES_FILE: '/tmp/t.jsonl' }))).toEqual({ kind: 'file', path: '/tmp/t.jsonl' });
    expect(exporterFor({ kind: 'file', path: '/tmp/t.jsonl' })).toBeInstanceOf(JsonLinesSpanExporter);
  });

  it('sends OTLP/HTTP to <endpoint>/v1/traces when OTEL_EXPORTER_OTLP_ENDPOINT is set, even with a file configured', () => {
    expect(chooseTraceExport(config({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', HUIYING_TRACES_FILE: '/tmp/t.jsonl' }))).toEqual({
      kind: 'otlp',
      url: 'http://collector:4318/v1/traces',
    });
    expect(exporterFor({ kind: 'otlp', url: 'http://collector:4318/v1/traces' })).toBeInstanceOf(OTLPTraceExporter);
  });

  it('takes the traces endpoint as it is', () => {
    expect(chooseTraceExport(config({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/traces' }))).toEqual({
      kind: 'otlp',
      url: 'http://b:4318/traces',
    });
  });

  it('is off when OTEL_SDK_DISABLED=true whatever else is set', () => {
    expect(chooseTraceExport(config({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', HUIYING_TRACES_FILE: '/tmp/t' }))).toEqual({ kind: 'off' });
  });

  it('refuses a sampler the specification does not name', () => {
    expect(() => config({ OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(/OTEL_TRACES_SAMPLER/);
  });

  it('builds the named samplers: a ratio of 0 drops a root, a sampled parent is followed by parentbased_*', () => {
    const decide = (name: Parameters<typeof samplerFrom>[0], arg: string | undefined, parent = ROOT_CONTEXT) =>
      samplerFrom(name, arg).shouldSample(parent, TRACE_ID, 'x', SpanKind.SERVER, {}, []).decision;
    const sampledParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: PARENT_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });
    expect(decide('parentbased_always_on', undefined)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide('always_off', undefined)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide('traceidratio', '0')).toBe(SamplingDecision.NOT_RECORD);
    expect(decide('traceidratio', '1')).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide('parentbased_traceidratio', '0', sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide('parentbased_always_off', undefined, sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide('parentbased_always_off', undefined)).toBe(SamplingDecision.NOT_RECORD);
  });
});

describe('trace carriers (what the outbox stores and Kafka headers carry)', () => {
  it('round-trips a context: the extracted remote parent is the span the carrier was made from', () => {
    const ctx = contextFromCarrier({ traceparent: TRACEPARENT, tracestate: 'huiying=1' });
    const sc = trace.getSpanContext(ctx);
    expect(sc).toMatchObject({ traceId: TRACE_ID, spanId: PARENT_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });
    expect(traceCarrierOf(ctx)).toEqual({ traceparent: TRACEPARENT, tracestate: 'huiying=1' });
  });

  it('is empty outside a span, and a missing or malformed traceparent continues nothing', () => {
    expect(traceCarrierOf(ROOT_CONTEXT)).toEqual({ traceparent: null, tracestate: null });
    expect(trace.getSpanContext(contextFromCarrier({ traceparent: null, tracestate: null }))).toBeUndefined();
    expect(trace.getSpanContext(contextFromCarrier({ traceparent: 'not-a-traceparent' }))).toBeUndefined();
  });
});

describe('the JSON-lines file exporter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'huiying-traces-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function finishedSpans(): Promise<ReadableSpan[]> {
    const memory = new InMemorySpanExporter();
    const tracing = installTracing('intake', loadConfig(TracingConfig, {}), new SimpleSpanProcessor(memory));
    try {
      const tracer = trace.getTracer('test');
      const parent = contextFromCarrier({ traceparent: TRACEPARENT });
      const span = tracer.startSpan('POST /v1/reports', { kind: SpanKind.SERVER, attributes: { 'http.route': '/v1/reports' } }, parent);
      span.addEvent('stored');
      span.end();
      tracer.startSpan('intake.reports.received.v1 publish', { kind: SpanKind.PRODUCER }, trace.setSpan(parent, span)).end();
      return memory.getFinishedSpans();
    } finally {
      await tracing.shutdown();
    }
  }

  it('appends one valid JSON object per span, per export, in a directory it creates', async () => {
    const spans = await finishedSpans();
    const file = path.join(dir, 'logs', 'traces.jsonl');
    const exporter = new JsonLinesSpanExporter(file);
    const results: ExportResult[] = [];
    exporter.export(spans.slice(0, 1), (r) => results.push(r));
    exporter.export(spans.slice(1), (r) => results.push(r));
    await exporter.forceFlush();
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.SUCCESS]);
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as SpanLine);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: PARENT_ID,
      name: 'POST /v1/reports',
      kind: 'server',
      service: 'intake',
      status: 'unset',
      attributes: { 'http.route': '/v1/reports' },
      events: [{ name: 'stored' }],
    });
    expect(lines[1]).toMatchObject({ traceId: TRACE_ID, parentSpanId: lines[0]!.spanId, kind: 'producer' });
    expect(Date.parse(lines[0]!.end)).toBeGreaterThanOrEqual(Date.parse(lines[0]!.start));
    expect(lines[0]!.spanId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports a failed write instead of throwing', async () => {
    const [span] = await finishedSpans();
    const exporter = new JsonLinesSpanExporter(dir); // a directory: the append fails
    const result = await new Promise<ExportResult>((resolve) => exporter.export([span!], resolve));
    expect(result.code).toBe(ExportResultCode.FAILED);
  });

  it('serialises a span read back with the fields documented in the README', async () => {
    const [span] = await finishedSpans();
    expect(Object.keys(spanLine(span!)).sort()).toEqual(
      ['attributes', 'durationMs', 'end', 'events', 'kind', 'name', 'parentSpanId', 'service', 'spanId', 'start', 'status', 'traceId'].sort(),
    );
  });
});

describe('HTTP server spans and trace ids in log lines', () => {
  let memory: InMemorySpanExporter;
  let tracing: Tracing;
  beforeEach(() => {
    memory = new InMemorySpanExporter();
    tracing = installTracing('intake', loadConfig(TracingConfig, {}), new SimpleSpanProcessor(memory));
  });
  afterEach(() => tracing.shutdown());

  function request(headers: Record<string, string>, reqPath: string, status: number, route?: string) {
    const req = { method: 'POST', path: reqPath, baseUrl: '', protocol: 'http', headers, route: route ? { path: route } : undefined } as unknown as Request;
    const res = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as Response;
    return { req, res };
  }

  it('continues the caller traceparent in a SERVER span named by route template, without the URL', () => {
    const { req, res } = request({ traceparent: TRACEPARENT }, '/v1/reports', 202, '/v1/reports');
    let inside: ReturnType<typeof activeTraceIds> = {};
    httpTracingMiddleware()(req, res, (() => {
      // later, from another async context (the body parser's stream events), the chain is re-entered
      context.with(ROOT_CONTEXT, () => reenterRequestTrace(req, res, (() => (inside = activeTraceIds())) as NextFunction));
    }) as NextFunction);
    res.emit('finish');
    const [span] = memory.getFinishedSpans();
    expect(span).toBeDefined();
    expect(span!.name).toBe('POST /v1/reports');
    expect(span!.kind).toBe(SpanKind.SERVER);
    expect(span!.spanContext().traceId).toBe(TRACE_ID);
    expect(span!.parentSpanId).toBe(PARENT_ID);
    expect(span!.attributes).toEqual({ 'http.request.method': 'POST', 'url.scheme': 'http', 'http.route': '/v1/reports', 'http.response.status_code': 202 });
    expect(inside).toEqual({ traceId: TRACE_ID, spanId: span!.spanContext().spanId });
  });

  it('starts a new trace without a traceparent, marks a 5xx as an error, and does not trace health probes', () => {
    const failed = request({}, '/v1/cases/abc', 503, '/v1/cases/:caseId');
    httpTracingMiddleware()(failed.req, failed.res, (() => undefined) as NextFunction);
    failed.res.emit('finish');
    failed.res.emit('close');
    const probe = request({}, '/health', 200);
    let probed = false;
    httpTracingMiddleware()(probe.req, probe.res, (() => void (probed = true)) as NextFunction);
    probe.res.emit('finish');
    expect(probed).toBe(true);
    const spans = memory.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]!.name).toBe('POST /v1/cases/:caseId');
    expect(spans[0]!.parentSpanId).toBeUndefined();
    expect(spans[0]!.status.code).toBe(2);
  });

  it('writes traceId and spanId into log lines inside a span, and nothing outside', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), cb()) });
    const captured = createLogger('intake', 'info', sink);
    const span = trace.getTracer('test').startSpan('work', {}, contextFromCarrier({ traceparent: TRACEPARENT }));
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => captured.info('inside'));
    captured.info('outside');
    span.end();
    expect(lines[0]).toMatchObject({ msg: 'inside', traceId: TRACE_ID, spanId: span.spanContext().spanId });
    expect(lines[1]).not.toHaveProperty('traceId');
  });
});
