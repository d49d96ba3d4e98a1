// The history shape of a routed opinion case (issue 11: ≤ 12 events, ≤ 1 activity), counted by the same function as
// `npm run bench` (bench/src/history-shape.ts), on a case started as routing starts it. A change that adds a workflow
// task, an activity, an upsert or a timer before the case is routed fails here.
import { randomUUID } from 'node:crypto';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { activityInfo, sleep } from '@temporalio/activity';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { eventTypeName, routedShape, type CaseShape } from '@huiying/bench';
import {
  opinionCaseQueries,
  opinionCaseUpdates,
  opinionStartSearchAttributes,
  SEARCH_ATTRIBUTES,
  type CaseStageChange,
  type OpinionCaseInput,
} from '@huiying/contracts/workflow';
import type { opinionCaseWorkflow } from './opinion-case.workflow';
import { EmittedEvents, maybeRecordHistory, opinionInput, stateWhen, type CaseHandle } from './test/opinion-case.harness';
import { createTestWorker, createTimeSkippingEnv, replayOptions } from './test/time-skipping';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

describe('the routed opinion case shape (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const events = new EmittedEvents();
  const taskQueue = `shape-${randomUUID()}`;
  const workers: { worker: Worker; running: Promise<void> }[] = [];

  /**
   * Kafka as the second worker's activities see it. While it is down a publish hangs in kafkajs' own retries (the
   * local activity's 5 s timeout ends it) or, by activity, fails.
   */
  let kafkaUp = true;
  const attempts: { local: boolean; sequences: number[]; ok: boolean }[] = [];
  const published: number[] = [];
  const flaky = {
    emitCaseEvents: async (batch: CaseStageChange[]) => {
      const sequences = batch.map((e) => e.sequence);
      const local = activityInfo().isLocal;
      attempts.push({ local, sequences, ok: kafkaUp });
      if (!kafkaUp && local) await sleep(60_000); // cancelled at the local activity's timeout
      if (!kafkaUp) throw new Error('KafkaJSNumberOfRetriesExceeded: broker down');
      published.push(...sequences);
    },
    emitCaseEvent: async () => {
      throw new Error('the opinion case emits batches');
    },
  };
  const flakyQueue = `shape-kafka-down-${randomUUID()}`;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    for (const [queue, activities] of [[taskQueue, events.activities], [flakyQueue, flaky]] as const) {
      const worker = await createTestWorker(env, queue, activities);
      workers.push({ worker, running: worker.run() });
    }
  });
  afterAll(async () => {
    for (const w of workers) w.worker.shutdown();
    await Promise.all(workers.map((w) => w.running));
    await env?.teardown();
  });

  async function start(queue: string, carry: boolean, overrides: Partial<OpinionCaseInput> = {}) {
    const caseId = randomUUID();
    const input = opinionInput(caseId, await env.currentTimeMs(), overrides);
    const handle: CaseHandle = await env.client.workflow.start<typeof opinionCaseWorkflow>('opinionCaseWorkflow', {
      workflowId: caseId,
      taskQueue: queue,
      args: [input],
      // as routing's CaseWorkflowStarter starts it (carry = false: a starter from before, no attributes)
      ...(carry ? { typedSearchAttributes: opinionStartSearchAttributes(input) } : {}),
    });
    return { caseId, input, handle };
  }

  /** The history up to the routed point, polled without queries (a query is no history event, but keep it clean). */
  async function routed(handle: CaseHandle): Promise<{ shape: CaseShape; history: HistoryEvent[] }> {
    for (let i = 0; i < 400; i++) {
      const history = (await handle.fetchHistory()).events ?? [];
      const shape = routedShape(history);
      if (shape) return { shape, history: history.slice(0, shape.events) };
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${handle.workflowId} was not routed`);
  }
  const names = (history: HistoryEvent[]) => history.map((e) => eventTypeName(e.eventType));
  const upserted = (history: HistoryEvent[]) =>
    history
      .filter((e) => eventTypeName(e.eventType) === 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES')
      .map((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).sort());

  async function searchAttributes(h: CaseHandle) {
    const sa = (await h.describe()).typedSearchAttributes;
    return {
      kind: sa.get(SEARCH_ATTRIBUTES.CaseKind),
      jurisdiction: sa.get(SEARCH_ATTRIBUTES.Jurisdiction),
      stage: sa.get(SEARCH_ATTRIBUTES.CaseStage),
      department: sa.get(SEARCH_ATTRIBUTES.Department),
      grade: sa.get(SEARCH_ATTRIBUTES.Grade),
      overdue: sa.get(SEARCH_ATTRIBUTES.Overdue),
      dueAt: sa.get(SEARCH_ATTRIBUTES.DueAt)?.toISOString(),
    };
  }

  it('a case started as routing starts it is routed in one workflow task of 9 events: no activity, one upsert of its own (DueAt), one emission of both events', async () => {
    const { caseId, handle } = await start(taskQueue, true);
    const { shape, history } = await routed(handle);
    // issue 11's target is ≤ 12 events and ≤ 1 activity; this is the shape itself
    expect(shape).toEqual({ events: 9, workflowTasks: 1, activities: 0, upserts: 2, timers: 1, timersFired: 0, markers: 2, clean: true });
    expect(names(history)).toEqual([
      'WORKFLOW_EXECUTION_STARTED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED',
      'MARKER_RECORDED', // the patch (case-events-batched-local) …
      'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', // … and the SDK's TemporalChangeVersion upsert that goes with every patch
      'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', // DueAt
      'MARKER_RECORDED', // the local activity that sent collected and routed
      'TIMER_STARTED', // the claim clock
    ]);
    // the start carried the rest; the routing time (the claim clock's start) is the first task's own
    expect(upserted(history)).toEqual([['TemporalChangeVersion'], ['DueAt']]);
    expect(events.calls.filter((c) => c.caseId === caseId)).toEqual([{ activity: 'emitCaseEvents', caseId, sequences: [1, 2] }]);
    const s = await handle.query(opinionCaseQueries.state);
    expect(await searchAttributes(handle)).toEqual({
      kind: 'opinion', jurisdiction: 'seed-city', stage: 'routed', department: 'housing_urban_rural', grade: undefined, overdue: false,
      dueAt: new Date(s.clocks.find((c) => c.clock === 'claim')!.dueAt!).toISOString(),
    });
    await maybeRecordHistory(handle, 'routed-as-routing-starts-it');
  });

  it('a graded case carries its grade: still one upsert', async () => {
    const { handle } = await start(taskQueue, true, { grade: 'major' });
    const { shape, history } = await routed(handle);
    expect(shape).toMatchObject({ events: 9, workflowTasks: 1, activities: 0, upserts: 2 });
    expect(upserted(history)).toEqual([['TemporalChangeVersion'], ['DueAt']]);
    expect(await searchAttributes(handle)).toMatchObject({ grade: 'major', stage: 'routed' });
  });

  it('a case started without search attributes (a starter from before) upserts them all in its one upsert', async () => {
    const { handle } = await start(taskQueue, false);
    const { shape, history } = await routed(handle);
    expect(shape).toEqual({ events: 9, workflowTasks: 1, activities: 0, upserts: 2, timers: 1, timersFired: 0, markers: 2, clean: true });
    expect(upserted(history)).toEqual([['TemporalChangeVersion'], ['CaseKind', 'CaseStage', 'Department', 'DueAt', 'Jurisdiction', 'Overdue']]);
    expect(await searchAttributes(handle)).toMatchObject({ kind: 'opinion', jurisdiction: 'seed-city', stage: 'routed', department: 'housing_urban_rural', overdue: false });
  });

  it('a later stage change is a marker and an upsert in the update’s own task: no activity', async () => {
    const { caseId, handle } = await start(taskQueue, true);
    await routed(handle);
    await handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: 'housing_urban_rural', claimedBy: 'staff-1' }] });
    const all = names((await handle.fetchHistory()).events ?? []);
    expect(all.filter((n) => n.startsWith('ACTIVITY_TASK_'))).toEqual([]);
    expect(all.filter((n) => n === 'WORKFLOW_TASK_COMPLETED')).toHaveLength(2);
    expect(events.calls.filter((c) => c.caseId === caseId).map((c) => c.sequences)).toEqual([[1, 2], [3]]);
    expect((await searchAttributes(handle)).stage).toBe('claimed');
  });

  it('Kafka down: the local attempt times out once, the batch goes to a server-retried activity, later events wait behind it, nothing is lost or reordered', async () => {
    kafkaUp = false;
    const { caseId, handle } = await start(flakyQueue, true);
    // the fallback activity retries (1 s, 2 s, …) while Kafka is down
    for (let i = 0; i < 400 && attempts.filter((a) => !a.local).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(attempts.filter((a) => !a.local).length).toBeGreaterThanOrEqual(2);
    // an action meanwhile: recorded (sequence 3), its event waits for 1–2 to be sent
    const claimed = handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: 'housing_urban_rural', claimedBy: 'staff-1' }] });
    await stateWhen(handle, (s) => s.history.length === 3, 'the claim recorded');
    expect(published).toEqual([]);
    kafkaUp = true;
    await claimed;
    expect(published).toEqual([1, 2, 3]);
    // one local attempt per emission: [1, 2] timed out locally, then by activity until Kafka was back; [3] locally at once
    expect(attempts[0]).toEqual({ local: true, sequences: [1, 2], ok: false });
    const byActivity = attempts.filter((a) => !a.local);
    expect(byActivity.every((a) => a.sequences.join() === '1,2')).toBe(true);
    expect(byActivity.at(-1)?.ok).toBe(true);
    expect(attempts.at(-1)).toEqual({ local: true, sequences: [3], ok: true });
    // the routed point is after the fallback activity (the claim came in between: not a clean sample)
    const { shape } = await routed(handle);
    expect(shape).toMatchObject({ activities: 1, clean: false });
    expect(caseId).toBe(handle.workflowId);
  });

  it('a case started before the patch (one activity per event) keeps its path on replay, and its next event after the deploy goes out by local activity', async () => {
    // The worker from before, as far as commands go: the patch never activates (no marker), so the case runs the old
    // branch — the start's own upserts, one emitCaseEvent activity per event. No cache: nothing sticks to it.
    const queue = `shape-deploy-${randomUUID()}`;
    const before = await createTestWorker(env, queue, events.activities, new NoopSpanProcessor(), { patchActivationCallback: () => false, maxCachedWorkflows: 0 });
    const beforeRun = before.run();
    const { caseId, handle } = await start(queue, false);
    const { shape } = await routed(handle);
    expect(shape).toMatchObject({ workflowTasks: 3, activities: 2, upserts: 3, markers: 0 });
    await handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: 'housing_urban_rural', claimedBy: 'staff-1' }] });
    before.shutdown();
    await beforeRun;

    // the new worker: replays the case from its history, then records the next event by the new path
    const after = await createTestWorker(env, queue, events.activities);
    const afterRun = after.run();
    try {
      await handle.executeUpdate(opinionCaseUpdates.assess, { args: [{ source: 'analyst', grade: 'general', riskLevel: 'low', needsResponse: false, assessedBy: 'analyst-1' }] });
      expect(events.calls.filter((c) => c.caseId === caseId).map((c) => [c.activity, c.sequences])).toEqual([
        ['emitCaseEvent', [1]], ['emitCaseEvent', [2]], ['emitCaseEvent', [3]], ['emitCaseEvents', [4]],
      ]);
      expect(events.of(caseId).map((e) => [e.sequence, e.stage])).toEqual([[1, 'collected'], [2, 'routed'], [3, 'claimed'], [4, 'assessed']]);
      const history = (await handle.fetchHistory()).events ?? [];
      expect(names(history).filter((n) => n === 'ACTIVITY_TASK_SCHEDULED')).toHaveLength(3);
      // the whole history, both paths, replays
      const replayed = Worker.runReplayHistories(await replayOptions(), [{ workflowId: caseId, history: { events: history } }]);
      for await (const r of replayed) expect(r.error).toBeUndefined();
      expect((await searchAttributes(handle)).stage).toBe('assessed');
    } finally {
      after.shutdown();
      await afterRun;
    }
  });
});
