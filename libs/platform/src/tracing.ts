// Traces (README → Traces): one OpenTelemetry tracer provider per process, started first by each service's main.ts and
// the worker (startTracing). Where spans go is chosen by the environment: OTLP/HTTP to a collector when
// OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) is set, else JSON lines appended to HUIYING_TRACES_FILE when set
// (the local stack sets it), else nowhere: no provider is registered and the API stays a no-op.
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { context, propagation, trace, ROOT_CONTEXT, type Context, type TextMapGetter } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  NoopSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { loadConfig } from './config';
import { JsonLinesSpanExporter } from './trace-file-exporter';

export const TRACE_SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

/** The tracing settings (standard OTel variables where one exists), validated at start like every other config. */
export class TracingConfig {
  /** OTLP/HTTP base URL of a collector (Jaeger, Tempo, the OTel Collector), e.g. http://otel-collector:4318; spans go to <it>/v1/traces. */
  @IsOptional() @IsString()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The full traces URL, when it is not <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces. */
  @IsOptional() @IsString()
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** Without a collector: append spans as JSON lines to this file (the local stack: .huiying/logs/traces.jsonl). */
  @IsOptional() @IsString()
  HUIYING_TRACES_FILE?: string;

  @IsIn(TRACE_SAMPLERS)
  OTEL_TRACES_SAMPLER: TraceSamplerName = 'parentbased_always_on';

  /** The ratio of the *traceidratio samplers (0…1). */
  @IsOptional() @IsString()
  OTEL_TRACES_SAMPLER_ARG?: string;

  /** `true` turns tracing off whatever else is set. */
  @Transform(({ value }) => value === true || value === 'true') @IsBoolean()
  OTEL_SDK_DISABLED = false;
}

export type TraceExportChoice = { kind: 'otlp'; url: string } | { kind: 'file'; path: string } | { kind: 'off' };

/** Where spans go: a collector over OTLP/HTTP first, else the JSON-lines file, else nowhere. */
export function chooseTraceExport(c: Pick<TracingConfig, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'HUIYING_TRACES_FILE' | 'OTEL_SDK_DISABLED'>): TraceExportChoice {
  if (c.OTEL_SDK_DISABLED) return { kind: 'off' };
  if (c.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return { kind: 'otlp', url: c.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT };
  if (c.OTEL_EXPORTER_OTLP_ENDPOINT) return { kind: 'otlp', url: `${c.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` };
  if (c.HUIYING_TRACES_FILE) return { kind: 'file', path: c.HUIYING_TRACES_FILE };
  return { kind: 'off' };
}

/** The sampler named by OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, as the OTel specification defines them. */
export function samplerFrom(name: TraceSamplerName, arg?: string): Sampler {
  const parsed = arg === undefined || arg === '' ? 1 : Number(arg);
  const ratio = Number.isFinite(parsed) ? Math.min(1, Math.max(0, parsed)) : 1;
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

export function exporterFor(choice: Exclude<TraceExportChoice, { kind: 'off' }>): SpanExporter {
  return choice.kind === 'otlp' ? new OTLPTraceExporter({ url: choice.url }) : new JsonLinesSpanExporter(choice.path);
}

/** What a process's tracing is: the worker hands `resource` and `spanProcessor` to the workflow span sink. */
export interface Tracing {
  readonly enabled: boolean;
  readonly export: TraceExportChoice;
  readonly resource: Resource;
  /** Where finished spans go (a no-op processor when tracing is off). */
  readonly spanProcessor: SpanProcessor;
  /** Flushes what is buffered and stops; called on shutdown. */
  shutdown(): Promise<void>;
}

let installed: Tracing | undefined;

/**
 * Installs the process's tracer provider, the AsyncLocalStorage context manager and the W3C trace-context propagator.
 * `processor` replaces the exporter the configuration would choose (tests). Idempotent: a second call returns the first.
 */
export function installTracing(service: string, config: TracingConfig, processor?: SpanProcessor): Tracing {
  if (installed) return installed;
  const choice: TraceExportChoice = processor ? { kind: 'file', path: '(given processor)' } : chooseTraceExport(config);
  const resource = new Resource({ [ATTR_SERVICE_NAME]: service });
  if (choice.kind === 'off') {
    installed = { enabled: false, export: choice, resource, spanProcessor: new NoopSpanProcessor(), shutdown: async () => undefined };
    return installed;
  }
  const spanProcessor = processor ?? new BatchSpanProcessor(exporterFor(choice), { scheduledDelayMillis: 1000 });
  const provider = new BasicTracerProvider({ resource, sampler: samplerFrom(config.OTEL_TRACES_SAMPLER, config.OTEL_TRACES_SAMPLER_ARG) });
  provider.addSpanProcessor(spanProcessor);
  provider.register({ contextManager: new AsyncLocalStorageContextManager(), propagator: new W3CTraceContextPropagator() });
  const tracing: Tracing = {
    enabled: true,
    export: choice,
    resource,
    spanProcessor,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      installed = undefined;
    },
  };
  installed = tracing;
  return tracing;
}

/**
 * The first call of every service's main.ts and of the worker: reads the tracing settings (failing fast on bad ones),
 * installs tracing as they say, and flushes the spans still buffered when the process is asked to stop.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  const tracing = installTracing(service, loadConfig(TracingConfig, env));
  if (tracing.enabled) {
    const flush = () => void tracing.spanProcessor.forceFlush().catch(() => undefined);
    process.once('SIGTERM', flush);
    process.once('SIGINT', flush);
    process.once('beforeExit', () => void tracing.shutdown().catch(() => undefined));
  }
  return tracing;
}

/** The process's tracing, or undefined before startTracing. */
export function currentTracing(): Tracing | undefined {
  return installed;
}

/** W3C trace context of a message or a stored row: what the outbox keeps and Kafka headers carry. */
export interface TraceCarrier {
  traceparent: string | null;
  tracestate: string | null;
}

const w3c = new W3CTraceContextPropagator();

/** The W3C trace context of `ctx` (the active context by default); nulls when no span is in it. */
export function traceCarrierOf(ctx: Context = context.active()): TraceCarrier {
  const out: Record<string, string> = {};
  w3c.inject(ctx, out, { set: (c, k, v) => void (c[k] = v) });
  return { traceparent: out.traceparent ?? null, tracestate: out.tracestate ?? null };
}

const carrierGetter: TextMapGetter<Partial<TraceCarrier>> = {
  keys: (c) => Object.keys(c),
  get: (c, k) => (k === 'traceparent' || k === 'tracestate' ? (c[k] ?? undefined) : undefined),
};

/** The context a carrier continues (its remote span as parent); `base` unchanged when it holds no valid traceparent. */
export function contextFromCarrier(carrier: Partial<TraceCarrier>, base: Context = ROOT_CONTEXT): Context {
  return w3c.extract(base, carrier, carrierGetter);
}

/** The trace and span id of the active span, for log lines (pino mixin); empty outside a span. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const sc = trace.getSpan(context.active())?.spanContext();
  if (!sc || !trace.isSpanContextValid(sc)) return {};
  return { traceId: sc.traceId, spanId: sc.spanId };
}
