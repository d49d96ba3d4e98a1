// Traces through Temporal (README → Traces) with the SDK's OpenTelemetry interceptors: the client's start / update /
// signal spans carry the caller's trace in the workflow's headers, the workflow's spans (run, activity start) are
// exported by the worker through a sink, and activities run in spans continuing the workflow's.
import type { Context as OtelContext } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ClientInterceptors } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';

/** The workflow interceptor module the bundle must include (bundleWorkflows adds it). */
export const WORKFLOW_TRACING_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** Client interceptors: every Client that starts, signals or updates workflows passes the active trace on. */
export function tracingClientInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/** Worker interceptors: each activity runs in a `RunActivity:<type>` span continuing the workflow's trace. */
export function tracingWorkerInterceptors(): WorkerInterceptors {
  return {
    activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
  };
}

/**
 * The SDK copies the whole WorkflowInfo into the attributes of every workflow span (memo, search attributes, last
 * result…). Only identifiers and counters stay: a case's memo or summary could name people.
 */
const DROPPED_INFO = new Set(['memo', 'searchAttributes', 'typedSearchAttributes', 'lastResult', 'lastFailure', 'cronSchedule', 'staticSummary', 'staticDetails']);

export function workflowSpanAttributes(attributes: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (DROPPED_INFO.has(k)) continue;
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

class WorkflowSpanFilter implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}
  onStart(span: Span, parent: OtelContext): void {
    this.next.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    const filtered: ReadableSpan = Object.assign(Object.create(Object.getPrototypeOf(span) as object) as object, span, {
      attributes: workflowSpanAttributes(span.attributes as Record<string, unknown>),
    });
    this.next.onEnd(filtered);
  }
  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }
  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

/** The sink through which the workflow sandbox exports its spans, into the process's span processor. */
export function workflowTraceSinks(spanProcessor: SpanProcessor, resource: Resource): InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }> {
  return { exporter: makeWorkflowExporter(new WorkflowSpanFilter(spanProcessor), resource) };
}
