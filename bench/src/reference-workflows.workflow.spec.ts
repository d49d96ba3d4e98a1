// The engine reference of `npm run bench` (b) must have the shape of the case it stands for: run on the time-skipping
// server, its history up to its routed point counts as the case's did (same routedShape).
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { ensureSearchAttributes } from '@huiying/temporal';
import { referencePlan, routedShape, type CaseShape } from './history-shape';

describe('bench engine reference (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `bench-reference-${randomUUID()}`;

  beforeAll(async () => {
    const serverPath = process.env.TEMPORAL_TEST_SERVER_PATH;
    if (!serverPath) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests through `npm test` (it installs the test server)');
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: serverPath } } });
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
    worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'reference-workflows.ts'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } }),
      activities: { benchNoop: async () => undefined },
      sinks: { bench: { reached: { fn: () => undefined } } },
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const routedOpinionCase: CaseShape = { events: 9, workflowTasks: 1, activities: 0, upserts: 2, timers: 1, timersFired: 0, markers: 2, clean: true };
  const beforeThePatch: CaseShape = { events: 20, workflowTasks: 3, activities: 2, upserts: 3, timers: 1, timersFired: 0, markers: 0, clean: true };

  it.each([
    ['the routed opinion case (one task, two markers)', routedOpinionCase],
    ['the routed opinion case before case-events-batched-local (three tasks, two activities)', beforeThePatch],
  ])('reproduces %s', async (_name, shape) => {
    const handle = await env.client.workflow.start('benchReferenceWorkflow', { workflowId: randomUUID(), taskQueue, args: [referencePlan(shape)] });
    let got: CaseShape | null = null;
    for (let i = 0; i < 400 && !got; i++) {
      got = routedShape((await handle.fetchHistory()).events ?? []);
      if (!got) await new Promise((r) => setTimeout(r, 25));
    }
    expect(got).toEqual(shape);
    await handle.terminate('measured');
  });
});
