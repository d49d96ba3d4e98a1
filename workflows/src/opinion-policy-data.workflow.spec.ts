// The policy travels into the workflow as data, and each clock counts from the event its rule names:
// the seed city's 1 h (seed 003: 认领后……原则上不超过1小时) waits for the claim, the national 5 h and 24 h count from
// discovery; the report to the superior (向上级报告) is a step with its time and, where the policy sets one, a clock.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import {
  opinionCaseQueries,
  opinionCaseUpdates,
  type OpinionCaseState,
  type SuperiorReportRequest,
} from '@huiying/contracts/workflow';
import { NATIONAL_OPINION_POLICY, SEED_CITY_OPINION_POLICY, type OpinionDeadlinePolicy } from '@huiying/policy';
import { EmittedEvents, HOUR, maybeRecordHistory, MINUTE, opinionInput, routedCase, stateWhen, type CaseHandle } from './test/opinion-case.harness';
import { createTestWorker, createTimeSkippingEnv } from './test/time-skipping';

const LEAD = 'housing_urban_rural';
const clock = (s: Pick<OpinionCaseState, 'clocks'>, kind: string) => s.clocks.find((c) => c.clock === kind);
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

describe('opinionCaseWorkflow with the policy carried as data (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const events = new EmittedEvents();
  const taskQueue = `opinion-policy-${randomUUID()}`;
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
  async function finish(handle: CaseHandle): Promise<void> {
    await stateWhen(handle, (s) => events.of(handle.workflowId).length === s.history.length, 'all events emitted');
  }
  const claim = (h: CaseHandle) => h.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: LEAD, claimedBy: 'staff-1' }] });
  const reportUp = (h: CaseHandle, over: Partial<SuperiorReportRequest> & Pick<SuperiorReportRequest, 'reportedAt'>) =>
    h.executeUpdate(opinionCaseUpdates.reportToSuperior, {
      args: [{ reportedTo: '市人民政府总值班室', means: 'phone', reportedBy: '住建局 王科长', summary: '燃气爆炸，2人死亡，已开展救援', ...over }],
    });

  it('seed city 2026.2: the 1 h release and the report to the superior wait for the claim, then run 1 h from it', async () => {
    const discoveredAgo = 3 * HOUR; // the channel found it three hours before intake received it
    const { caseId, handle, t0 } = await routedCase(
      env,
      taskQueue,
      { grade: 'especially_major', policy: SEED_CITY_OPINION_POLICY, policyResolvedBy: 'in_force', discoveredAtSource: 'channel' },
      discoveredAgo,
    );
    const receivedAt = t0 + discoveredAgo;
    let s = await handle.query(opinionCaseQueries.state);
    expect(s.policy).toEqual({
      jurisdiction: 'seed-city', version: 'seed-city-2026.2', effectiveFrom: SEED_CITY_OPINION_POLICY.effectiveFrom, resolvedBy: 'in_force', carried: true,
    });
    expect(s.discovery).toMatchObject({ discoveredAt: iso(t0), source: 'channel' });
    expect(s.clocks.map((c) => [c.id, c.status, c.startsFrom, c.dueAt])).toEqual([
      ['claim#1', 'pending', 'routing', expect.any(String)],
      ['first_release#1', 'awaiting_claim', 'claim', null],
      ['superior_report#1', 'awaiting_claim', 'claim', null],
    ]);
    const collected = events.of(caseId)[0]!;
    expect(collected.detail).toMatchObject({ discoveredAt: iso(t0), discoveredAtSource: 'channel' });
    expect(events.of(caseId)[1]!.detail).toMatchObject({
      policy: { version: 'seed-city-2026.2', carried: true },
      clocks: expect.arrayContaining([{ id: 'first_release#1', clock: 'first_release', dueAt: null, status: 'awaiting_claim', startsFrom: 'claim' }]),
    });

    // a whole hour before the claim: nothing about the release escalates (it has not started), the claim clock reminds
    await env.sleep(90 * MINUTE);
    expect(events.ofChange(caseId, 'escalation').map((e) => e.detail.clock)).toEqual([]);
    // the superior report comes after the claim (认领后)
    expect(await rejection(reportUp(handle, { reportedAt: iso(receivedAt) }))).toMatch(/after claiming/);

    const claimed = await claim(handle);
    const claimedAt = Date.parse(claimed.claimedAt!);
    expect(claimed.clocks.filter((c) => c.startsFrom === 'claim').map((c) => [c.id, c.status, Date.parse(c.startsAt!), Date.parse(c.dueAt!) - claimedAt])).toEqual([
      ['first_release#1', 'pending', claimedAt, HOUR],
      ['superior_report#1', 'pending', claimedAt, HOUR],
    ]);
    expect(events.ofChange(caseId, 'stage').at(-1)).toMatchObject({
      stage: 'claimed',
      detail: { startedClocks: [expect.objectContaining({ id: 'first_release#1' }), expect.objectContaining({ id: 'superior_report#1' })] },
    });

    // the report to the superior 20 minutes after the claim meets its clock; the release is not made
    await env.sleep(20 * MINUTE);
    const reported = await reportUp(handle, { reportedAt: iso(claimedAt + 20 * MINUTE) });
    expect(reported.superiorReports).toEqual([
      expect.objectContaining({ reportedTo: '市人民政府总值班室', means: 'phone', met: { clockId: 'superior_report#1', dueAt: iso(claimedAt + HOUR), late: false }, late: false }),
    ]);
    expect(clock(reported, 'superior_report')).toMatchObject({ status: 'met', metAt: iso(claimedAt + 20 * MINUTE) });
    expect(events.ofChange(caseId, 'superior_report')[0]!.detail).toMatchObject({ reportedTo: '市人民政府总值班室', means: 'phone', late: false });

    // one hour after the claim the release escalates — measured from the claim, not from the discovery 4.5 h earlier
    await env.sleep(41 * MINUTE);
    s = await stateWhen(handle, (x) => clock(x, 'first_release')?.status === 'escalated', 'release escalated 1 h after the claim');
    const escalation = events.ofChange(caseId, 'escalation').find((e) => e.detail.clock === 'first_release')!;
    expect(Date.parse(escalation.occurredAt) - claimedAt).toBeGreaterThanOrEqual(HOUR);
    expect(Date.parse(escalation.occurredAt) - claimedAt).toBeLessThan(HOUR + 5 * MINUTE);
    expect(s.superiorReports).toHaveLength(1);
    await maybeRecordHistory(handle, 'carried-policy-claim-clocks');
    await finish(handle);
  });

  it('a second report to the superior (续报) is recorded too; a late one says so; future times and bad means are refused', async () => {
    const { caseId, handle } = await routedCase(env, taskQueue, { grade: 'major', policy: SEED_CITY_OPINION_POLICY, policyResolvedBy: 'in_force' });
    const claimed = await claim(handle);
    const claimedAt = Date.parse(claimed.claimedAt!);
    const now = await env.currentTimeMs();
    expect(await rejection(reportUp(handle, { reportedAt: iso(now + HOUR) }))).toMatch(/in the future/);
    expect(await rejection(reportUp(handle, { reportedAt: iso(now), means: 'pigeon' as never }))).toMatch(/means must be one of/);
    await env.sleep(2 * HOUR);
    const late = await reportUp(handle, { reportedAt: iso(claimedAt + 90 * MINUTE) });
    expect(late.superiorReports[0]).toMatchObject({ met: { clockId: 'superior_report#1', late: true }, late: true });
    const again = await reportUp(handle, { reportedAt: iso(claimedAt + 2 * HOUR), summary: '续报：伤亡人数更新' });
    expect(again.superiorReports.map((r) => r.met)).toEqual([expect.objectContaining({ late: true }), null]);
    expect(events.ofChange(caseId, 'superior_report')).toHaveLength(2);
    await finish(handle);
  });

  it('a factual release made before the claim meets the waiting release clock: it never starts, never escalates', async () => {
    const { caseId, handle } = await routedCase(env, taskQueue, { grade: 'major', policy: SEED_CITY_OPINION_POLICY, policyResolvedBy: 'in_force' });
    const releasedAt = iso(await env.currentTimeMs());
    const released = await handle.executeUpdate(opinionCaseUpdates.respond, { args: [{ form: 'factual_release', channel: 'weibo', publishedAt: releasedAt }] });
    expect(released.responses[0]!.met).toEqual([{ clockId: 'first_release#1', clock: 'first_release', dueAt: null, late: false }]);
    expect(clock(released, 'first_release')).toMatchObject({ status: 'met', metAt: releasedAt, dueAt: null });
    const claimed = await claim(handle);
    expect(clock(claimed, 'first_release')).toMatchObject({ status: 'met', dueAt: null });
    expect(clock(claimed, 'superior_report')).toMatchObject({ status: 'pending' }); // still owed, from the claim
    await env.sleep(2 * HOUR);
    await stateWhen(handle, (x) => clock(x, 'superior_report')?.status === 'escalated', 'superior report escalated');
    expect(events.ofChange(caseId, 'escalation').map((e) => e.detail.clock)).not.toContain('first_release');
    await finish(handle);
  });

  it('national cn-2016.2: a major emergency gets the 5 h release AND the 24 h press conference, both from discovery', async () => {
    const { caseId, handle, t0 } = await routedCase(env, taskQueue, {
      grade: 'major',
      policy: NATIONAL_OPINION_POLICY,
      policyResolvedBy: 'national_fallback',
      routing: { ...opinionInput('x', 0).routing, jurisdiction: 'elsewhere' },
    });
    const s = await handle.query(opinionCaseQueries.state);
    expect(s.policy).toMatchObject({ jurisdiction: 'cn', version: 'cn-2016.2', resolvedBy: 'national_fallback', carried: true });
    // the claim clock counts from routing (a moment after discovery), the others from discovery
    const from = (c: OpinionCaseState['clocks'][number]) => (c.startsFrom === 'routing' ? Date.parse(c.startsAt!) : t0);
    expect(s.clocks.map((c) => [c.clock, c.status, Date.parse(c.dueAt!) - from(c)])).toEqual([
      ['claim', 'pending', 2 * HOUR],
      ['first_release', 'pending', 5 * HOUR],
      ['press_conference', 'pending', 24 * HOUR],
    ]);
    expect(clock(s, 'press_conference')!.source).toMatchObject({ document: '国办发〔2016〕80号' });
    // no superior-report clock nationally, but the step is recorded with its time
    await claim(handle);
    const reported = await reportUp(handle, { reportedAt: iso(await env.currentTimeMs()) });
    expect(reported.superiorReports[0]).toMatchObject({ met: null, late: false });
    await env.sleep(24 * HOUR + MINUTE);
    await stateWhen(handle, (x) => clock(x, 'press_conference')?.status === 'escalated', 'press conference escalated at 24 h');
    expect(events.ofChange(caseId, 'escalation').filter((e) => e.detail.level === 1).map((e) => e.detail.clock)).toEqual(['first_release', 'press_conference']);
    await finish(handle);
  });

  it('a version published today (short clocks for a test jurisdiction) runs as carried, without being bundled', async () => {
    const published: OpinionDeadlinePolicy = {
      ...SEED_CITY_OPINION_POLICY,
      jurisdiction: 'test-city',
      version: 'test-city-2026.12',
      effectiveFrom: '2026-12-03T00:00:00+08:00',
      claim: { withinMinutes: 5, basis: 'test: claim within 5 min', startsFrom: 'routing' },
      response: { withinMinutes: 10, basis: 'test: respond within 10 min', startsFrom: 'discovery' },
    };
    const { caseId, handle, t0 } = await routedCase(env, taskQueue, {
      policy: published, policyResolvedBy: 'in_force', routing: { ...opinionInput('x', 0).routing, jurisdiction: 'test-city' },
    });
    const s = await handle.query(opinionCaseQueries.state);
    expect(s.policy).toMatchObject({ jurisdiction: 'test-city', version: 'test-city-2026.12', carried: true });
    expect(s.clocks.map((c) => [c.clock, c.startsFrom, Date.parse(c.dueAt!) - Date.parse(c.startsAt!)])).toEqual([['claim', 'routing', 5 * MINUTE], ['response', 'discovery', 10 * MINUTE]]);
    expect(Date.parse(clock(s, 'response')!.startsAt!)).toBe(t0);
    await env.sleep(11 * MINUTE);
    await stateWhen(handle, (x) => x.overdue && clock(x, 'response')?.status === 'escalated', 'response escalated at 10 min');
    expect(events.ofChange(caseId, 'escalation').map((e) => e.detail.clock)).toEqual(['claim', 'response']);
    await finish(handle);
  });
});
