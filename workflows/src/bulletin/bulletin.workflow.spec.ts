// The bulletin schedule's workflow (time-skipping): one bulletin per period even when the schedule fires twice for it.
// The ledger's activity is replaced by a recording one on the same task queue (a workflow unit test). A real schedule
// sets the system search attribute TemporalScheduledStartTime on each run; the time-skipping server has no schedules,
// so the test declares that attribute and sets it as a schedule would.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { periodBefore } from '@huiying/calendar';
import { BULLETIN_TASK_QUEUE, bulletinWorkflowId, SCHEDULED_START_TIME, type BulletinActivities, type BulletinRequest, type BulletinScheduleResult } from '@huiying/contracts/workflow';
import { createTestWorker, createTimeSkippingEnv } from '../test/time-skipping';
import { bulletinScheduleWorkflow, bulletinWorkflow } from './bulletin.workflow';

describe('bulletinScheduleWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = `bulletins-${randomUUID()}`;
  const generated: BulletinRequest[] = [];
  const activities: BulletinActivities = {
    async generateBulletin(request) {
      generated.push(request);
      return { bulletinId: randomUUID(), revision: 1, created: true };
    },
  };
  let workflows: Worker | undefined;
  let ledger: Worker | undefined;
  let running: Promise<unknown> | undefined;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: { [SCHEDULED_START_TIME.name]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME },
    });
    workflows = await createTestWorker(env, taskQueue, {});
    ledger = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue: BULLETIN_TASK_QUEUE, activities });
    running = Promise.all([workflows.run(), ledger.run()]);
  });
  afterAll(async () => {
    workflows?.shutdown();
    ledger?.shutdown();
    await running;
    await env?.teardown();
  });

  /** A run as the monthly schedule starts it, for the time it was scheduled at. */
  const trigger = (jurisdictions: string[], scheduledAt: string) =>
    env.client.workflow.execute(bulletinScheduleWorkflow, {
      taskQueue, workflowId: `bulletin-schedule-run-${randomUUID()}`, args: [{ kind: 'monthly', jurisdictions }],
      typedSearchAttributes: [{ key: SCHEDULED_START_TIME, value: new Date(scheduledAt) }],
    });

  it('triggered twice for the same period: one bulletin per jurisdiction, the second run starts nothing', async () => {
    const jurisdiction = `wf-${randomUUID().slice(0, 8)}`;
    // the 1 December 08:00 run, and the same run again (a manual trigger, a catch-up after an outage)
    const first: BulletinScheduleResult = await trigger([jurisdiction], '2026-12-01T08:00:00+08:00');
    const second: BulletinScheduleResult = await trigger([jurisdiction], '2026-12-01T08:00:05+08:00');
    const period = '2026-11';
    expect(periodBefore('monthly', first.scheduledAt).period).toBe(period);
    expect(second.period).toBe(period);
    expect(first).toMatchObject({ kind: 'monthly', period, jurisdictions: [{ jurisdiction, workflowId: bulletinWorkflowId('monthly', period, jurisdiction), outcome: { revision: 1, created: true } }] });
    expect(second.jurisdictions).toEqual([{ jurisdiction, workflowId: bulletinWorkflowId('monthly', period, jurisdiction), outcome: 'already_generated' }]);
    expect(generated.filter((r) => r.jurisdiction === jurisdiction)).toEqual([{ kind: 'monthly', period, jurisdiction }]);
  });

  it('reports on the period before the scheduled time Temporal gives the run (1 January 08:00 → the fourth quarter)', async () => {
    const jurisdiction = `wf-${randomUUID().slice(0, 8)}`;
    const result: BulletinScheduleResult = await env.client.workflow.execute(bulletinScheduleWorkflow, {
      taskQueue, workflowId: `bulletin-schedule-run-${randomUUID()}`, args: [{ kind: 'quarterly', jurisdictions: [jurisdiction] }],
      typedSearchAttributes: [{ key: SCHEDULED_START_TIME, value: new Date('2027-01-01T00:00:00Z') }],
    });
    expect(result).toMatchObject({ period: '2026-Q4', scheduledAt: '2027-01-01T00:00:00.000Z' });
    expect(generated.filter((r) => r.jurisdiction === jurisdiction)).toEqual([{ kind: 'quarterly', period: '2026-Q4', jurisdiction }]);
  });

  it('the period workflow id is refused once its bulletin is done: a second start cannot produce a second bulletin', async () => {
    const request = { kind: 'monthly' as const, period: '2026-11', jurisdiction: `wf-${randomUUID().slice(0, 8)}` };
    const workflowId = bulletinWorkflowId(request.kind, request.period, request.jurisdiction);
    const opts = { taskQueue, workflowId, args: [request] as [BulletinRequest], workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' as const };
    await env.client.workflow.execute(bulletinWorkflow, opts);
    await expect(env.client.workflow.start(bulletinWorkflow, opts)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    expect(generated.filter((r) => r.jurisdiction === request.jurisdiction)).toHaveLength(1);
  });
});
