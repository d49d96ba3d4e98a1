import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { OPINION_ACTION_FAILURES, opinionCaseUpdates } from '@huiying/contracts/workflow';
import { EmittedEvents, routedCase, stateWhen, type CaseHandle } from './test/opinion-case.harness';
import { createTestWorker, createTimeSkippingEnv } from './test/time-skipping';

const LEAD = 'housing_urban_rural';

async function rejection(p: Promise<unknown>): Promise<{ message: string; type: string | undefined }> {
  const e = await p.then(
    () => {
      throw new Error('expected the update to be rejected');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (e as WorkflowUpdateFailedError).cause;
  return { message: cause?.message ?? '', type: cause instanceof ApplicationFailure ? cause.type ?? undefined : undefined };
}

describe('opinionCaseWorkflow co-handling (主办/协办) and rejection types (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const events = new EmittedEvents();
  const taskQueue = `opinion-co-${randomUUID()}`;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, events.activities);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });
  const settled = (h: CaseHandle) => stateWhen(h, (s) => events.of(h.workflowId).length === s.history.length, 'all events emitted');

  it('adds co-departments with their parts, tracks each part, and records a co_handling event each time', async () => {
    const { caseId, handle } = await routedCase(env, taskQueue);
    let s = await handle.executeUpdate(opinionCaseUpdates.coHandle, {
      args: [{ coHandlers: [{ department: 'market_regulation', part: '燃气质量检测' }, { department: 'health_commission', part: '居民健康排查' }], assignedBy: 'office-1' }],
    });
    expect(s.department).toBe(LEAD);
    expect(s.coHandlers.map((h) => [h.department, h.part, h.status])).toEqual([
      ['market_regulation', '燃气质量检测', 'assigned'],
      ['health_commission', '居民健康排查', 'assigned'],
    ]);
    s = await handle.executeUpdate(opinionCaseUpdates.reportCoHandling, { args: [{ department: 'market_regulation', status: 'done', summary: '检测合格', reportedBy: 'mr-1' }] });
    expect(s.coHandlers.find((h) => h.department === 'market_regulation')).toMatchObject({ status: 'done', reports: [{ status: 'done', summary: '检测合格', reportedBy: 'mr-1' }] });
    expect(s.stage).toBe('routed'); // co-handling never moves the stage
    await settled(handle);
    const coEvents = events.ofChange(caseId, 'co_handling');
    expect(coEvents.map((e) => e.detail.type)).toEqual(['co_handlers_added', 'co_handling_report']);
    expect(coEvents[1]!.detail).toMatchObject({ department: 'market_regulation', part: '燃气质量检测', status: 'done' });
    // every case event carries the co-departments at that moment (the ledger folds them for department reach)
    expect(coEvents.map((e) => e.coDepartments)).toEqual([
      ['market_regulation', 'health_commission'],
      ['market_regulation', 'health_commission'],
    ]);

    // a transfer to a co-department makes it the lead: it no longer co-handles
    s = await handle.executeUpdate(opinionCaseUpdates.transfer, { args: [{ toDepartment: 'health_commission', reason: '以健康排查为主', transferredBy: 'office-1' }] });
    expect(s.department).toBe('health_commission');
    expect(s.coHandlers.map((h) => h.department)).toEqual(['market_regulation']);
    await settled(handle);
    expect(events.ofChange(caseId, 'transfer').at(-1)).toMatchObject({ department: 'health_commission', coDepartments: ['market_regulation'] });
  });

  it('rejects the lead as a co-department, a department twice, an unknown co-department report, and a second done', async () => {
    const { caseId, handle } = await routedCase(env, taskQueue);
    const before = events.of(caseId).length;
    expect(await rejection(handle.executeUpdate(opinionCaseUpdates.coHandle, { args: [{ coHandlers: [{ department: LEAD, part: 'x' }], assignedBy: 'o' }] }))).toEqual({
      message: expect.stringMatching(/is the lead department/),
      type: OPINION_ACTION_FAILURES.conflict,
    });
    expect(await rejection(handle.executeUpdate(opinionCaseUpdates.coHandle, { args: [{ coHandlers: [], assignedBy: 'o' }] }))).toEqual({
      message: expect.stringMatching(/at least one co-department/),
      type: OPINION_ACTION_FAILURES.invalid,
    });
    expect((await rejection(handle.executeUpdate(opinionCaseUpdates.reportCoHandling, { args: [{ department: 'press_office', status: 'done', summary: 's', reportedBy: 'r' }] }))).message).toMatch(
      /does not co-handle/,
    );
    await handle.executeUpdate(opinionCaseUpdates.coHandle, { args: [{ coHandlers: [{ department: 'press_office', part: '发布口径' }], assignedBy: 'o' }] });
    expect((await rejection(handle.executeUpdate(opinionCaseUpdates.coHandle, { args: [{ coHandlers: [{ department: 'press_office', part: 'again' }], assignedBy: 'o' }] }))).message).toMatch(
      /already co-handles/,
    );
    await handle.executeUpdate(opinionCaseUpdates.reportCoHandling, { args: [{ department: 'press_office', status: 'done', summary: 's', reportedBy: 'r' }] });
    expect((await rejection(handle.executeUpdate(opinionCaseUpdates.reportCoHandling, { args: [{ department: 'press_office', status: 'done', summary: 's', reportedBy: 'r' }] }))).message).toMatch(
      /already reported its part/,
    );
    await settled(handle);
    expect(events.of(caseId).length).toBe(before + 2);
  });

  it('content errors are InvalidAction (422), stage conflicts RejectedAction (409)', async () => {
    const { handle } = await routedCase(env, taskQueue);
    expect(await rejection(handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: LEAD, claimedBy: '' }] }))).toEqual({
      message: 'claimedBy is required',
      type: OPINION_ACTION_FAILURES.invalid,
    });
    expect(await rejection(handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: 'education_bureau', claimedBy: 'x' }] }))).toEqual({
      message: expect.stringMatching(/only the lead department/),
      type: OPINION_ACTION_FAILURES.conflict,
    });
    await handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: LEAD, claimedBy: 'x' }] });
    await handle.executeUpdate(opinionCaseUpdates.assess, { args: [{ source: 'automatic', grade: 'general', riskLevel: 'low', needsResponse: true, assessedBy: 'model' }] });
    expect(
      await rejection(handle.executeUpdate(opinionCaseUpdates.assess, { args: [{ source: 'analyst', grade: 'major', riskLevel: 'high', needsResponse: true, assessedBy: 'a' }] })),
    ).toEqual({ message: expect.stringMatching(/needs a reason/), type: OPINION_ACTION_FAILURES.invalid });
    await settled(handle);
  });
});
