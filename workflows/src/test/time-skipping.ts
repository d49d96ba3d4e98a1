// Test support: the time-skipping test server (Maven Central io.temporal:temporal-test-server, installed by
// deploy/local/temporal.sh test-server) and a worker running the real workflow bundle.
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Resource } from '@opentelemetry/resources';
import { NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { bundleWorkflows, ensureSearchAttributes, tracingWorkerInterceptors, workflowTraceSinks } from '@huiying/temporal';

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const serverPath = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!serverPath) {
    throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests through `npm test` (it installs the test server)');
  }
  // The SDK gives the Java server 5 s to listen; on a loaded machine it can take longer: try again before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: serverPath } } });
      await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
      return env;
    } catch (e) {
      if (attempt >= 4 || !/did not start within/.test(String((e as Error).message))) throw e;
    }
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflows bundled once per test file, through the same alias hook the worker uses. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows(path.join(__dirname, '..', 'index.ts'));
  return bundle;
}

/** Replay options as apps/worker's: the bundle, and the sink its tracing interceptors export through (spans dropped). */
export async function replayOptions(): Promise<{ workflowBundle: WorkflowBundleWithSourceMap; sinks: ReturnType<typeof workflowTraceSinks> }> {
  return { workflowBundle: await workflowBundle(), sinks: workflowTraceSinks(new NoopSpanProcessor(), new Resource({ 'service.name': 'worker' })) };
}

/** A worker as apps/worker makes it; its spans go to `spans` (none kept by default); `extra` options on top. */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: object,
  spans: SpanProcessor = new NoopSpanProcessor(),
  extra: Partial<WorkerOptions> = {},
): Promise<Worker> {
  return Worker.create({
    ...extra,
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
    interceptors: tracingWorkerInterceptors(),
    sinks: workflowTraceSinks(spans, new Resource({ 'service.name': 'worker' })),
  });
}
