// Test support: the time-skipping test server (Maven Central io.temporal:temporal-test-server, installed by
// deploy/local/temporal.sh test-server) and a worker running the real workflow bundle.
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows, ensureSearchAttributes } from '@huiying/temporal';

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const serverPath = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!serverPath) {
    throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests through `npm test` (it installs the test server)');
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: serverPath } } });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflows bundled once per test file, through the same alias hook the worker uses. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows(path.join(__dirname, '..', 'index.ts'));
  return bundle;
}

export async function createTestWorker(env: TestWorkflowEnvironment, taskQueue: string, activities: object): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
}
