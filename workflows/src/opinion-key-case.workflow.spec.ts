// The key-case ledger (重点舆情台账) and accountability talks (约谈) on the time-skipping test server: a key case
// refuses to close until its resolution is recorded and verified by another person, then closes; a talk needs an
// escalated case.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { shanghaiDateOf } from '@huiying/calendar';
import { opinionCaseQueries, opinionCaseUpdates } from '@huiying/contracts/workflow';
import { EmittedEvents, HOUR, maybeRecordHistory, routedCase, stateWhen, type CaseHandle } from './test/opinion-case.harness';
import { createTestWorker, createTimeSkippingEnv } from './test/time-skipping';

const LEAD = 'housing_urban_rural';
const iso = (ms: number) => new Date(ms).toISOString();

async function rejection(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => {
      throw new Error('expected the update to be rejected');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
  return (e as WorkflowUpdateFailedError).cause?.message ?? '';
}

describe('opinionCaseWorkflow: key cases and accountability talks (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const events = new EmittedEvents();
  const taskQueue = `opinion-key-${randomUUID()}`;
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

  const today = async () => shanghaiDateOf(iso(await env.currentTimeMs()));
  const close = (h: CaseHandle) => h.executeUpdate(opinionCaseUpdates.close, { args: [{ resolution: '管网改造完成，回访满意', closedBy: '住建局 王科长' }] });

  async function respondedCase(): Promise<{ caseId: string; handle: CaseHandle }> {
    const { caseId, handle } = await routedCase(env, taskQueue);
    await handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: LEAD, claimedBy: '住建局 王科长' }] });
    await handle.executeUpdate(opinionCaseUpdates.assess, { args: [{ source: 'analyst', grade: 'significant', riskLevel: 'high', needsResponse: true, assessedBy: '研判员 陈某' }] });
    await handle.executeUpdate(opinionCaseUpdates.verify, { args: [{ result: 'true', findings: '供暖管网老化属实', verifiedBy: '住建局 王科长' }] });
    await handle.executeUpdate(opinionCaseUpdates.respond, {
      args: [{ form: 'remedy_progress', channel: 'weibo', publishedAt: iso(await env.currentTimeMs()), publicationId: `pub-${caseId}` }],
    });
    return { caseId, handle };
  }

  it('mark key → close refused → entry, resolution → verification by the recorder refused, returned, confirmed by another → close accepted', async () => {
    const { caseId, handle } = await respondedCase();
    let s = await handle.executeUpdate(opinionCaseUpdates.markKeyCase, { args: [{ reason: '涉及 300 户供暖，网上持续发酵', markedBy: '网信办 研判员 陈某' }] });
    expect(s.keyCase).toMatchObject({ reason: '涉及 300 户供暖，网上持续发酵', markedBy: '网信办 研判员 陈某', status: 'open', entries: [], resolutions: [] });
    expect(await rejection(handle.executeUpdate(opinionCaseUpdates.markKeyCase, { args: [{ reason: 'x', markedBy: 'y' }] }))).toMatch(/already a key case/);

    expect(await rejection(close(handle))).toMatch(/key case .*no resolution is recorded yet/);

    await env.sleep(20 * HOUR);
    s = await handle.executeUpdate(opinionCaseUpdates.addKeyCaseEntry, {
      args: [{ date: await today(), action: '入户回访 12 户，更换老旧阀门', publicReaction: '网上讨论明显减少，个别住户仍有投诉', recordedBy: '住建局 李四' }],
    });
    expect(s.keyCase?.entries).toHaveLength(1);

    s = await handle.executeUpdate(opinionCaseUpdates.recordKeyCaseResolution, { args: [{ summary: '管网改造完成，室温达标', recordedBy: '住建局 王科长' }] });
    expect(s.keyCase?.status).toBe('resolution_recorded');
    expect(await rejection(close(handle))).toMatch(/awaits a supervisor's verification/);
    expect(
      await rejection(handle.executeUpdate(opinionCaseUpdates.verifyKeyCaseResolution, { args: [{ decision: 'confirmed', opinion: '已解决', verifiedBy: '住建局 王科长' }] })),
    ).toMatch(/different person/);

    s = await handle.executeUpdate(opinionCaseUpdates.verifyKeyCaseResolution, { args: [{ decision: 'returned', opinion: '回访仍有 3 户不达标', verifiedBy: '市督查室 李某' }] });
    expect(s.keyCase?.status).toBe('open');
    expect(await rejection(close(handle))).toMatch(/returned by 市督查室 李某/);

    await handle.executeUpdate(opinionCaseUpdates.recordKeyCaseResolution, { args: [{ summary: '3 户补装散热器，全部达标', recordedBy: '住建局 王科长' }] });
    s = await handle.executeUpdate(opinionCaseUpdates.verifyKeyCaseResolution, { args: [{ decision: 'confirmed', opinion: '经现场核验，问题完全解决', verifiedBy: '市督查室 李某' }] });
    expect(s.keyCase?.status).toBe('resolved');
    expect(s.keyCase?.resolutions.map((r) => r.verification?.decision)).toEqual(['returned', 'confirmed']);
    expect(
      await rejection(handle.executeUpdate(opinionCaseUpdates.addKeyCaseEntry, { args: [{ date: await today(), action: 'x', publicReaction: 'y', recordedBy: 'z' }] })),
    ).toMatch(/fully resolved/);

    s = await close(handle);
    expect(s.stage).toBe('closed');
    expect(await handle.result()).toMatchObject({ stage: 'closed', keyCase: { status: 'resolved' } });
    const changes = events.of(caseId).map((e) => e.change ?? 'stage');
    expect(changes.filter((c) => c.startsWith('key_case'))).toEqual([
      'key_case', 'key_case_entry', 'key_case_resolution', 'key_case_verification', 'key_case_resolution', 'key_case_verification',
    ]);
    expect(events.ofChange(caseId, 'key_case_verification').map((e) => e.detail)).toEqual([
      expect.objectContaining({ decision: 'returned', verifiedBy: '市督查室 李某', recordedBy: '住建局 王科长', status: 'open' }),
      expect.objectContaining({ decision: 'confirmed', verifiedBy: '市督查室 李某', status: 'resolved', resolutionNumber: 2 }),
    ]);
    expect(events.ofChange(caseId, 'key_case_entry')[0]).toMatchObject({ stage: 'responded', previousStage: 'responded', detail: { entryNumber: 1, recordedBy: '住建局 李四' } });
    expect(events.of(caseId).at(-1)).toMatchObject({ stage: 'closed', change: 'stage' });
    await maybeRecordHistory(handle, 'key-case-to-close');
  });

  it('an accountability talk (约谈) is refused before the case escalated and recorded after', async () => {
    const { caseId, handle } = await routedCase(env, taskQueue);
    await handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: LEAD, claimedBy: '住建局 王科长' }] });
    const talk = async () => ({
      date: await today(), department: LEAD, personRole: 'deputy_head_in_charge' as const, heldBy: '市政府办公室',
      outcome: '责令三日内完成整改并书面报告', recordedBy: '市督查室 李某',
    });
    expect(await rejection(handle.executeUpdate(opinionCaseUpdates.recordAccountabilityTalk, { args: [await talk()] }))).toMatch(/only on a case that was escalated/);

    await env.sleep(49 * HOUR); // the 48 h response clock escalates (督办)
    await stateWhen(handle, (x) => x.overdue, 'response escalated');
    const s = await handle.executeUpdate(opinionCaseUpdates.recordAccountabilityTalk, { args: [await talk()] });
    expect(s.accountabilityTalks).toEqual([expect.objectContaining({ department: LEAD, personRole: 'deputy_head_in_charge', heldBy: '市政府办公室' })]);
    expect(events.ofChange(caseId, 'accountability_talk')[0]!.detail).toMatchObject({ talkNumber: 1, outcome: '责令三日内完成整改并书面报告' });
    expect((await handle.query(opinionCaseQueries.state)).accountabilityTalks).toHaveLength(1);
  });
});
