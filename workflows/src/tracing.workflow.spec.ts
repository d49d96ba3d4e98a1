import { randomUUID } from 'node:crypto';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { installTracing, loadConfig, TracingConfig, type Tracing } from '@huiying/platform';
import { tracingClientInterceptors } from '@huiying/temporal';
import type { opinionCaseWorkflow } from './opinion-case.workflow';
import { EmittedEvents, opinionInput, stateWhen, type CaseHandle } from './test/opinion-case.harness';
import { createTestWorker, createTimeSkippingEnv } from './test/time-skipping';

// README → Traces: a workflow started inside a trace (routing's consumer span) continues it — the client's start,
// the workflow run, each activity's start in the workflow and its run in the worker share the trace id (local
// activities too: the case events go out by one).
describe('traces through Temporal (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let tracing: Tracing;
  const memory = new InMemorySpanExporter();
  const events = new EmittedEvents();
  const taskQueue = `tracing-${randomUUID()}`;

  beforeAll(async () => {
    tracing = installTracing('worker', loadConfig(TracingConfig, {}), new SimpleSpanProcessor(memory));
    env = await createTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, events.activities, tracing.spanProcessor);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await tracing?.shutdown();
  });

  async function spansOf(traceId: string, want: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
    for (let i = 0; i < 200; i++) {
      const spans = memory.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      if (want(spans)) return spans;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`spans of ${traceId}: ${memory.getFinishedSpans().map((s) => `${s.spanContext().traceId}/${s.name}`).join(', ')}`);
  }

  it('continues the caller trace from the client start through the workflow run to the emitCaseEvents local activity', async () => {
    const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', interceptors: tracingClientInterceptors() });
    const caseId = randomUUID();
    const input = opinionInput(caseId, await env.currentTimeMs());
    const consumerSpan = trace.getTracer('test').startSpan('intake.reports.received.v1 process');
    const traceId = consumerSpan.spanContext().traceId;
    const handle: CaseHandle = await context.with(trace.setSpan(ROOT_CONTEXT, consumerSpan), () =>
      client.workflow.start<typeof opinionCaseWorkflow>('opinionCaseWorkflow', { workflowId: caseId, taskQueue, args: [input] }),
    );
    consumerSpan.end();
    await stateWhen(handle, (s) => s.stage === 'routed' && events.of(caseId).length >= 2, 'routed and both events emitted');

    // collected and routed go out together: one emission
    const spans = await spansOf(traceId, (s) => s.some((x) => x.name === 'RunActivity:emitCaseEvents') && s.some((x) => x.name === 'StartActivity:emitCaseEvents'));
    const named = (name: string) => spans.filter((s) => s.name === name);
    const start = named('StartWorkflow:opinionCaseWorkflow')[0];
    expect(start?.parentSpanId).toBe(consumerSpan.spanContext().spanId);
    // RunWorkflow:opinionCaseWorkflow ends with the case (still running here): it is the parent of the activity starts
    const scheduled = named('StartActivity:emitCaseEvents');
    expect(scheduled).toHaveLength(1);
    const runSpanId = scheduled[0]?.parentSpanId;
    expect(runSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(runSpanId).not.toBe(start?.spanContext().spanId);
    for (const s of scheduled) expect(s.parentSpanId).toBe(runSpanId);
    const ran = named('RunActivity:emitCaseEvents');
    expect(ran).toHaveLength(1);
    for (const s of ran) expect(scheduled.map((x) => x.spanContext().spanId)).toContain(s.parentSpanId);
    expect(ran[0]?.attributes).toMatchObject({ temporalWorkflowId: caseId });
    // the workflow's spans keep identifiers only: the input, memo and search attributes stay out
    expect(scheduled[0]?.attributes).toMatchObject({ workflowId: caseId, workflowType: 'opinionCaseWorkflow', taskQueue });
    for (const s of spans) expect(JSON.stringify(s.attributes)).not.toContain(input.title);
    for (const s of spans) expect(s.attributes).not.toHaveProperty('searchAttributes');
  });
});
