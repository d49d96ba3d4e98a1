import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import {
  opinionCaseQueries,
  opinionCaseSignals,
  opinionCaseUpdates,
  SEARCH_ATTRIBUTES,
  type AssessRequest,
  type OpinionCaseState,
  type RespondRequest,
} from '@huiying/contracts/workflow';
import { opinionCaseWorkflow } from './opinion-case.workflow';
import {
  EmittedEvents,
  HOUR,
  maybeRecordHistory,
  MINUTE,
  opinionInput,
  routedCase,
  stateWhen,
  type CaseHandle,
} from './test/opinion-case.harness';
import { createTestWorker, createTimeSkippingEnv } from './test/time-skipping';

const LEAD = 'housing_urban_rural';
const clock = (s: Pick<OpinionCaseState, 'clocks'>, kind: string) => s.clocks.filter((c) => c.clock === kind);
const iso = (ms: number) => new Date(ms).toISOString();

const assess = (grade: AssessRequest['grade'], extra: Partial<AssessRequest> = {}): AssessRequest => ({
  source: 'analyst', grade, riskLevel: 'medium', needsResponse: true, assessedBy: 'analyst-1', ...extra,
});

async function claim(h: CaseHandle, department = LEAD) {
  return h.executeUpdate(opinionCaseUpdates.claim, { args: [{ department, claimedBy: 'staff-1' }] });
}
async function respond(h: CaseHandle, req: Partial<RespondRequest> & Pick<RespondRequest, 'form' | 'publishedAt'>) {
  return h.executeUpdate(opinionCaseUpdates.respond, { args: [{ channel: 'portal', ...req }] });
}
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
async function searchAttributes(h: CaseHandle) {
  const d = await h.describe();
  return {
    stage: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.CaseStage),
    department: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Department),
    grade: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Grade),
    dueAt: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.DueAt),
    overdue: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Overdue),
    kind: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.CaseKind),
    jurisdiction: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Jurisdiction),
  };
}

describe('opinionCaseWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const events = new EmittedEvents();
  const taskQueue = `opinion-${randomUUID()}`;
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
  const run = (fn: () => Promise<void>) => fn();
  /**
   * A test's case is left running (its timers fire in later tests' skipped time, harmlessly: events are kept per case).
   * Terminating instead races the worker's workflow task, and the test server then keeps time-skipping locked:
   * the next env.sleep waits in real time.
   */
  async function finish(handle: CaseHandle): Promise<void> {
    await stateWhen(handle, (s) => events.of(handle.workflowId).length === s.history.length, 'all events emitted');
  }

  it('records collected then routed, arms the claim and 48 h response clocks of the seed-city policy, and keeps running', () =>
    run(async () => {
      const { caseId, handle, t0 } = await routedCase(env, taskQueue);
      const s = await handle.query(opinionCaseQueries.state);
      expect(s.history.map((h) => h.stage)).toEqual(['collected', 'routed']);
      expect(s.policy).toEqual({ jurisdiction: 'seed-city', version: 'seed-city-2026.1', effectiveFrom: '2026-01-01T00:00:00+08:00', resolvedBy: 'in_force_at_discovery', carried: false });
      expect(s.discovery).toEqual({ discoveredAt: iso(t0), source: 'receipt', receivedAt: iso(t0) });
      expect(s.clocks.map((c) => [c.id, c.status])).toEqual([['claim#1', 'pending'], ['response#1', 'pending']]);
      expect(Date.parse(clock(s, 'response')[0]!.dueAt!)).toBe(t0 + 48 * HOUR);
      expect(await handle.query(opinionCaseQueries.stage)).toBe('routed');
      expect((await handle.query(opinionCaseQueries.clocks)).length).toBe(2);
      expect((await handle.query(opinionCaseQueries.history)).length).toBe(2);
      expect((await handle.describe()).status.name).toBe('RUNNING');

      const e = events.of(caseId);
      expect(e.map((x) => [x.stage, x.sequence, x.previousStage, x.change])).toEqual([
        ['collected', 1, null, 'stage'],
        ['routed', 2, 'collected', 'stage'],
      ]);
      expect(e[1]).toMatchObject({ caseId, kind: 'opinion', department: LEAD, jurisdiction: 'seed-city' });
      expect(e[1]!.detail).toMatchObject({ ruleVersion: 'test-rules-1', policy: { version: 'seed-city-2026.1' } });

      const sa = await searchAttributes(handle);
      expect(sa).toMatchObject({ kind: 'opinion', stage: 'routed', department: LEAD, jurisdiction: 'seed-city', overdue: false, grade: undefined });
      // the earliest pending deadline is the 2 h claim clock
      expect(sa.dueAt?.getTime()).toBe(Date.parse(clock(s, 'claim')[0]!.dueAt!));
      await maybeRecordHistory(handle, 'routed');
      await finish(handle);
    }));

  it('especially major case missing the 1 h first release: reminders before, escalation right after 1 h, a late release recorded as late', () =>
    run(async () => {
      const { caseId, handle, t0 } = await routedCase(env, taskQueue, { grade: 'especially_major' });
      await claim(handle);
      let s: Omit<OpinionCaseState, 'history'> = await handle.query(opinionCaseQueries.state);
      const release = clock(s, 'first_release')[0]!;
      expect(Date.parse(release.dueAt!)).toBe(t0 + HOUR);
      expect(clock(s, 'response')).toEqual([]); // the 1 h release replaces the 48 h response clock
      expect(s.requiresConsultation).toBe(true);

      await env.sleep(59 * MINUTE);
      s = await stateWhen(handle, () => events.ofChange(caseId, 'reminder').length === 3, '3 reminders');
      expect(events.ofChange(caseId, 'reminder').map((e) => e.detail.label)).toEqual(['50% of the window', '15 min before due', '80% of the window']);
      expect(clock(s, 'first_release')[0]!.status).toBe('pending');
      expect(events.ofChange(caseId, 'escalation')).toEqual([]);

      await env.sleep(2 * MINUTE);
      s = await stateWhen(handle, (x) => clock(x, 'first_release')[0]!.status === 'escalated', 'escalated');
      const [esc] = events.ofChange(caseId, 'escalation');
      expect(esc).toMatchObject({ stage: 'claimed', previousStage: 'claimed', detail: { clock: 'first_release', level: 1, to: 'general_office' } });
      expect(Date.parse(esc!.occurredAt) - t0).toBeGreaterThanOrEqual(HOUR);
      expect(Date.parse(esc!.occurredAt) - t0).toBeLessThan(HOUR + MINUTE);
      expect(s.overdue).toBe(true);
      expect((await searchAttributes(handle)).overdue).toBe(true);

      const now = await env.currentTimeMs();
      const after = await respond(handle, { form: 'factual_release', channel: 'weibo', publishedAt: iso(now) });
      expect(clock(after, 'first_release')[0]).toMatchObject({ status: 'late' });
      expect(after.responses[0]).toMatchObject({ late: true, met: [{ clock: 'first_release', late: true }] });
      expect(after.stage).toBe('claimed'); // an early release does not skip assessment
      expect(after.overdue).toBe(false);
      expect(events.ofChange(caseId, 'response').at(-1)?.detail).toMatchObject({ late: true });
      expect((await searchAttributes(handle)).overdue).toBe(false);

      // met, so no level-2 escalation 4 h later; the next continuing update is due 24 h after the release
      await env.sleep(5 * HOUR);
      s = await handle.query(opinionCaseQueries.state);
      expect(events.ofChange(caseId, 'escalation')).toHaveLength(1);
      expect(Date.parse(clock(s, 'follow_up')[0]!.dueAt!)).toBe(now + 24 * HOUR);
      await maybeRecordHistory(handle, 'especially-major-late-release');
      await finish(handle);
    }));

  it('national baseline: the first release is due within 5 h', () =>
    run(async () => {
      const { caseId, handle, t0 } = await routedCase(env, taskQueue, {
        grade: 'major',
        routing: { ...opinionInput('x', 0).routing, jurisdiction: 'cn' },
      });
      const s = await handle.query(opinionCaseQueries.state);
      expect(s.policy.version).toBe('cn-2016.1');
      expect(Date.parse(clock(s, 'first_release')[0]!.dueAt!)).toBe(t0 + 5 * HOUR);
      await claim(handle);
      await env.sleep(4 * HOUR + 50 * MINUTE);
      expect(events.ofChange(caseId, 'escalation')).toEqual([]);
      await env.sleep(15 * MINUTE);
      await stateWhen(handle, (x) => clock(x, 'first_release')[0]!.status === 'escalated', 'escalated at 5 h');
      await finish(handle);
    }));

  it('unknown jurisdiction falls back to the national policy and says so', () =>
    run(async () => {
      const { handle } = await routedCase(env, taskQueue, { routing: { ...opinionInput('x', 0).routing, jurisdiction: 'elsewhere' } });
      expect((await handle.query(opinionCaseQueries.state)).policy).toMatchObject({ jurisdiction: 'cn', version: 'cn-2016.1', resolvedBy: 'national_fallback', carried: false });
      await finish(handle);
    }));

  it('48 h general path: reminders before, escalation at 48 h, level 2 four hours later, a late response recorded as late', () =>
    run(async () => {
      const { caseId, handle, t0 } = await routedCase(env, taskQueue);
      await claim(handle);
      await handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('general')] });
      await handle.executeUpdate(opinionCaseUpdates.verify, { args: [{ result: 'true', findings: '供暖管道老化', verifiedBy: 'staff-1' }] });

      await env.sleep(47 * HOUR + 50 * MINUTE);
      let s: Omit<OpinionCaseState, 'history'> = await stateWhen(handle, () => events.ofChange(caseId, 'reminder').length === 3, 'response reminders');
      expect(events.ofChange(caseId, 'reminder').map((e) => [e.detail.clock, Date.parse(e.detail.dueAt as string) - t0])).toEqual([
        ['response', 48 * HOUR],
        ['response', 48 * HOUR],
        ['response', 48 * HOUR],
      ]);
      expect(clock(s, 'response')[0]!.status).toBe('pending');

      await env.sleep(20 * MINUTE);
      s = await stateWhen(handle, (x) => x.overdue, 'overdue at 48 h');
      expect(events.ofChange(caseId, 'escalation').map((e) => e.detail.level)).toEqual([1]);
      await env.sleep(4 * HOUR);
      await stateWhen(handle, () => events.ofChange(caseId, 'escalation').length === 2, 'level 2');
      expect(events.ofChange(caseId, 'escalation')[1]!.detail).toMatchObject({ level: 2, to: 'government_leadership', clock: 'response' });

      const now = await env.currentTimeMs();
      const r = await respond(handle, { form: 'remedy_progress', publishedAt: iso(now) });
      expect(r.stage).toBe('responded');
      expect(clock(r, 'response')[0]).toMatchObject({ status: 'late' });
      expect(r.responses[0]!.late).toBe(true);
      expect(events.of(caseId).at(-1)).toMatchObject({ change: 'stage', stage: 'responded', detail: { late: true } });
      await maybeRecordHistory(handle, 'general-late-response');
      await finish(handle);
    }));

  it('24 h press-conference path, and another press conference when needed', () =>
    run(async () => {
      const { caseId, handle, t0 } = await routedCase(env, taskQueue);
      await claim(handle);
      let s: Omit<OpinionCaseState, 'history'> = await handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('significant', { flags: { largeSocialImpact: true } })] });
      expect(clock(s, 'press_conference')[0]).toMatchObject({ status: 'pending' });
      expect(Date.parse(clock(s, 'press_conference')[0]!.dueAt!)).toBe(t0 + 24 * HOUR);
      expect(clock(s, 'response')[0]).toMatchObject({ status: 'superseded' });

      await env.sleep(20 * HOUR);
      s = await respond(handle, { form: 'press_conference', channel: 'press_conference', publishedAt: iso(await env.currentTimeMs()) });
      expect(clock(s, 'press_conference')[0]).toMatchObject({ status: 'met' });

      s = await handle.executeUpdate(opinionCaseUpdates.requestPressConference, { args: [{ reason: '伤亡人数更新', requestedBy: 'press_office' }] });
      const second = clock(s, 'press_conference')[1]!;
      expect(second).toMatchObject({ id: 'press_conference#2', status: 'pending', origin: 'request' });
      expect(
        await rejection(handle.executeUpdate(opinionCaseUpdates.requestPressConference, { args: [{ reason: 'again', requestedBy: 'x' }] })),
      ).toMatch(/already due/);
      await env.sleep(24 * HOUR + MINUTE);
      s = await stateWhen(handle, (x) => clock(x, 'press_conference')[1]!.status === 'escalated', 'second press conference escalated');
      expect(events.ofChange(caseId, 'escalation').map((e) => e.detail.clockId)).toContain('press_conference#2');
      await finish(handle);
    }));

  it('a grade raised mid-case re-arms its clocks: the first-release clock is added and escalates at 1 h, the 48 h clock is superseded', () =>
    run(async () => {
      const { caseId, handle, t0 } = await routedCase(env, taskQueue);
      await claim(handle);
      await env.sleep(20 * MINUTE);
      const s = await handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('major')] });
      expect(s.stage).toBe('assessed');
      expect(clock(s, 'response')[0]).toMatchObject({ status: 'superseded' });
      expect(clock(s, 'first_release')[0]).toMatchObject({ status: 'pending' });
      expect(Date.parse(clock(s, 'first_release')[0]!.dueAt!)).toBe(t0 + HOUR);
      expect(events.of(caseId).at(-1)?.detail).toMatchObject({ rearmed: { added: ['first_release#1'], superseded: ['response#1'] } });
      expect((await searchAttributes(handle)).dueAt?.getTime()).toBe(t0 + HOUR);
      expect((await searchAttributes(handle)).grade).toBe('major');

      await env.sleep(41 * MINUTE);
      await stateWhen(handle, (x) => x.overdue, 'first release overdue');
      expect(events.ofChange(caseId, 'escalation')[0]!.detail).toMatchObject({ clock: 'first_release', level: 1 });
      await maybeRecordHistory(handle, 'grade-raised-by-assessment');
      await finish(handle);
    }));

  it('a growing report group raises the grade; a window already missed escalates at once', () =>
    run(async () => {
      const { caseId, handle } = await routedCase(env, taskQueue);
      await claim(handle);
      await env.sleep(3 * HOUR);
      await handle.signal(opinionCaseSignals.reportGrouped, {
        reportId: randomUUID(), channel: 'hotline_12345', receivedAt: iso(await env.currentTimeMs()), groupSize: 40, suggestedGrade: 'especially_major',
      });
      const s = await stateWhen(handle, (x) => clock(x, 'first_release')[0]?.status === 'escalated', 'escalated after regrade');
      expect(s.grade).toBe('especially_major');
      expect(s.groupedReports.count).toBe(40);
      expect(s.assessments.map((a) => a.source)).toEqual(['grouping']);
      expect(events.ofChange(caseId, 'report_grouped')[0]!.detail).toMatchObject({ raised: { from: null, to: 'especially_major' } });
      // a smaller suggestion never lowers it
      await handle.signal(opinionCaseSignals.reportGrouped, { reportId: randomUUID(), channel: 'weibo', receivedAt: iso(await env.currentTimeMs()), groupSize: 41, suggestedGrade: 'general' });
      const s2 = await stateWhen(handle, (x) => x.groupedReports.count === 41, 'second report');
      expect(s2.grade).toBe('especially_major');
      await finish(handle);
    }));

  it('general case from claim to close: verification, response, follow-up updates re-armed until closed, then the workflow completes', () =>
    run(async () => {
      const { caseId, handle } = await routedCase(env, taskQueue);
      await claim(handle);
      await handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('general', { source: 'automatic', assessedBy: 'grading-model', scoreParts: { reports: 1 } })] });
      await handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('significant', { reason: '媒体已介入' })] });
      await handle.executeUpdate(opinionCaseUpdates.verify, { args: [{ result: 'untrue', findings: '供暖正常，系个别用户阀门关闭', verifiedBy: 'staff-1' }] });
      await env.sleep(10 * HOUR);
      let s: Omit<OpinionCaseState, 'history'> = await respond(handle, { form: 'clarification_rebuttal', channel: 'weibo', publishedAt: iso(await env.currentTimeMs()), publicationId: 'pub-1' });
      expect(s.stage).toBe('responded');
      expect(clock(s, 'response')[0]).toMatchObject({ status: 'met' });
      expect(clock(s, 'follow_up')).toHaveLength(1);

      await env.sleep(20 * HOUR);
      s = await handle.executeUpdate(opinionCaseUpdates.followUp, { args: [{ summary: '网民反响平稳', updatedBy: 'staff-1' }] });
      expect(s.stage).toBe('follow_up');
      expect(clock(s, 'follow_up').map((c) => c.status)).toEqual(['met', 'pending']);
      // no update for a day: the follow-up clock escalates
      await env.sleep(24 * HOUR + MINUTE);
      s = await stateWhen(handle, (x) => clock(x, 'follow_up')[1]!.status === 'escalated', 'follow-up escalated');
      s = await handle.executeUpdate(opinionCaseUpdates.followUp, { args: [{ summary: '持续关注', updatedBy: 'staff-1' }] });
      expect(clock(s, 'follow_up').map((c) => c.status)).toEqual(['met', 'late', 'pending']);
      expect(s.followUps.map((f) => f.late)).toEqual([false, true]);

      s = await handle.executeUpdate(opinionCaseUpdates.close, { args: [{ resolution: '已澄清，舆情平息', closedBy: 'staff-1' }] });
      expect(s.stage).toBe('closed');
      expect(clock(s, 'follow_up').map((c) => c.status)).toEqual(['met', 'late', 'superseded']);
      const result = await handle.result();
      expect(result.stage).toBe('closed');
      expect(result.assessments.map((a) => [a.source, a.grade])).toEqual([['automatic', 'general'], ['analyst', 'significant']]);
      expect(result.grade).toBe('significant');
      expect(events.ofChange(caseId, 'stage').map((e) => e.stage)).toEqual([
        'collected', 'routed', 'claimed', 'assessed', 'handling', 'responded', 'follow_up', 'closed',
      ]);
      const seqs = events.of(caseId).map((e) => e.sequence);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect((await searchAttributes(handle)).stage).toBe('closed');
      expect((await searchAttributes(handle)).overdue).toBe(false);
      await maybeRecordHistory(handle, 'general-to-close');
    }));

  it('especially major case through consultation, approval, verification, response, follow-up, close and evaluation', () =>
    run(async () => {
      const { caseId, handle } = await routedCase(env, taskQueue, { grade: 'especially_major', flags: { heavyCasualties: true } });
      await env.sleep(40 * MINUTE);
      let s: Omit<OpinionCaseState, 'history'> = await respond(handle, { form: 'factual_release', channel: 'weibo', publishedAt: iso(await env.currentTimeMs()) });
      expect(clock(s, 'first_release')[0]).toMatchObject({ status: 'met' });
      expect(clock(s, 'press_conference')[0]).toMatchObject({ status: 'pending' });
      await claim(handle);
      s = await handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('especially_major', { riskLevel: 'high' })] });
      expect(s.stage).toBe('assessed');
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.verify, { args: [{ result: 'true', findings: 'x', verifiedBy: 'y' }] }))).toMatch(/after its disposal opinion is approved/);
      s = await handle.executeUpdate(opinionCaseUpdates.consult, { args: [{ participants: ['press_office', 'cyberspace_office', LEAD], opinion: '如实发布伤亡情况', convenedBy: 'general_office' }] });
      expect(s.stage).toBe('consultation');
      s = await handle.executeUpdate(opinionCaseUpdates.approve, { args: [{ decision: 'returned', approvedBy: 'leader-1', opinion: '补充救援进展' }] });
      expect(s.stage).toBe('consultation');
      s = await handle.executeUpdate(opinionCaseUpdates.approve, { args: [{ decision: 'approved', approvedBy: 'leader-1', opinion: '同意' }] });
      expect(s.stage).toBe('approved');
      await handle.executeUpdate(opinionCaseUpdates.verify, { args: [{ result: 'true', findings: '事故属实', verifiedBy: 'staff-1' }] });
      s = await respond(handle, { form: 'press_conference', channel: 'press_conference', publishedAt: iso(await env.currentTimeMs()) });
      expect(s.stage).toBe('responded');
      expect(clock(s, 'press_conference')[0]).toMatchObject({ status: 'met' });
      await handle.executeUpdate(opinionCaseUpdates.followUp, { args: [{ summary: '救援进展', updatedBy: 'staff-1', channel: 'portal' }] });
      s = await handle.executeUpdate(opinionCaseUpdates.close, { args: [{ resolution: '善后完成', closedBy: 'staff-1' }] });
      expect(s.closure).not.toBeNull();
      expect((await handle.describe()).status.name).toBe('RUNNING'); // waits for the evaluation
      s = await handle.executeUpdate(opinionCaseUpdates.evaluate, { args: [{ lessons: '首发及时', handlingCapacity: '良好', evaluatedBy: 'general_office' }] });
      const result = await handle.result();
      expect(result.stage).toBe('evaluated');
      expect(events.ofChange(caseId, 'stage').map((e) => e.stage)).toEqual([
        'collected', 'routed', 'claimed', 'assessed', 'consultation', 'approved', 'handling', 'responded', 'follow_up', 'closed', 'evaluated',
      ]);
      expect(events.ofChange(caseId, 'escalation')).toEqual([]);
      await maybeRecordHistory(handle, 'especially-major-to-evaluation');
    }));

  it('transfer gives the new department its own claim clock; only it can claim', () =>
    run(async () => {
      const { caseId, handle } = await routedCase(env, taskQueue);
      await claim(handle);
      await env.sleep(30 * MINUTE);
      let s: Omit<OpinionCaseState, 'history'> = await handle.executeUpdate(opinionCaseUpdates.transfer, { args: [{ toDepartment: 'market_regulation', reason: '涉及燃气质量', transferredBy: 'staff-1' }] });
      expect(s).toMatchObject({ stage: 'routed', department: 'market_regulation', claimedBy: null });
      expect(clock(s, 'claim').map((c) => [c.id, c.status, c.department])).toEqual([
        ['claim#1', 'met', LEAD],
        ['claim#2', 'pending', 'market_regulation'],
      ]);
      expect((await searchAttributes(handle)).department).toBe('market_regulation');
      expect(await rejection(claim(handle, LEAD))).toMatch(/only the lead department market_regulation/);
      await env.sleep(2 * HOUR + MINUTE);
      s = await stateWhen(handle, (x) => clock(x, 'claim')[1]!.status === 'escalated', 'claim clock escalated');
      s = await claim(handle, 'market_regulation');
      expect(s.stage).toBe('claimed');
      expect(clock(s, 'claim')[1]!.status).toBe('late');
      expect(events.of(caseId).filter((e) => e.stage === 'routed' && e.change === 'stage').map((e) => e.detail.type ?? 'routing')).toEqual(['routing', 'transfer']);
      await finish(handle);
    }));

  it('validators reject wrong actions with a reason and record nothing', () =>
    run(async () => {
      const { caseId, handle } = await routedCase(env, taskQueue);
      const before = events.of(caseId).length;
      expect(await rejection(claim(handle, 'education_bureau'))).toMatch(/only the lead department housing_urban_rural/);
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('general')] }))).toMatch(/has not claimed/);
      await claim(handle);
      expect(await rejection(claim(handle))).toMatch(/already claimed/);
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.approve, { args: [{ decision: 'approved', approvedBy: 'x', opinion: 'y' }] }))).toMatch(/not in consultation/);
      expect(await rejection(respond(handle, { form: 'remedy_progress', publishedAt: iso(await env.currentTimeMs()) }))).toMatch(/verification result first/);
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.close, { args: [{ resolution: 'done', closedBy: 'x' }] }))).toMatch(/cannot close/);
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('general', { grade: 'enormous' as never })] }))).toMatch(/grade must be one of/);
      await handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('general')] });
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.consult, { args: [{ participants: ['a'], opinion: 'b', convenedBy: 'c' }] }))).toMatch(/needs no joint consultation/);
      await handle.executeUpdate(opinionCaseUpdates.verify, { args: [{ result: 'true', findings: '属实', verifiedBy: 'staff-1' }] });
      expect(await rejection(respond(handle, { form: 'clarification_rebuttal', publishedAt: iso(await env.currentTimeMs()) }))).toMatch(/not a rebuttal/);
      expect(await rejection(respond(handle, { form: 'remedy_progress', publishedAt: iso((await env.currentTimeMs()) + HOUR) }))).toMatch(/in the future/);
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.close, { args: [{ resolution: 'done', closedBy: 'x' }] }))).toMatch(/needs a public response/);
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.followUp, { args: [{ summary: 's', updatedBy: 'u' }] }))).toMatch(/after the response/);
      await respond(handle, { form: 'remedy_progress', publishedAt: iso(await env.currentTimeMs()) });
      await handle.executeUpdate(opinionCaseUpdates.close, { args: [{ resolution: 'done', closedBy: 'x' }] });
      await handle.result();
      const stages = events.of(caseId).slice(before).map((e) => e.stage);
      expect(stages).toEqual(['claimed', 'assessed', 'handling', 'responded', 'closed']);
    }));

  it('an especially major case needs evaluation, a general one cannot be evaluated', () =>
    run(async () => {
      const { handle } = await routedCase(env, taskQueue);
      await claim(handle);
      expect(await rejection(handle.executeUpdate(opinionCaseUpdates.evaluate, { args: [{ lessons: 'a', handlingCapacity: 'b', evaluatedBy: 'c' }] }))).toMatch(/only major and especially major/);
      await finish(handle);
    }));

  it('a case with no response value closes after verification, its 48 h clock waived', () =>
    run(async () => {
      const { handle } = await routedCase(env, taskQueue);
      await claim(handle);
      let s: Omit<OpinionCaseState, 'history'> = await handle.executeUpdate(opinionCaseUpdates.assess, { args: [assess('general', { needsResponse: false })] });
      expect(clock(s, 'response')[0]).toMatchObject({ status: 'superseded', supersededReason: 'assessment: no public response needed' });
      await handle.executeUpdate(opinionCaseUpdates.verify, { args: [{ result: 'untrue', findings: '无此事', verifiedBy: 'staff-1' }] });
      s = await handle.executeUpdate(opinionCaseUpdates.close, { args: [{ resolution: '不属实，无需回应', closedBy: 'staff-1' }] });
      expect(s.stage).toBe('closed');
      await handle.result();
    }));

  it('a claim sent before the case is routed waits and is recorded after routed', () =>
    run(async () => {
      const caseId = randomUUID();
      const input = opinionInput(caseId, await env.currentTimeMs());
      const handle = await env.client.workflow.start(opinionCaseWorkflow, { workflowId: caseId, taskQueue, args: [input] });
      const s = await claim(handle);
      expect(s.lastSequence).toBe(3);
      expect((await handle.query(opinionCaseQueries.history)).map((h) => h.stage)).toEqual(['collected', 'routed', 'claimed']);
      await finish(handle);
    }));

  it('refuses to run under a workflow id other than the case id', () =>
    run(async () => {
      const handle = await env.client.workflow.start(opinionCaseWorkflow, { workflowId: `not-${randomUUID()}`, taskQueue, args: [opinionInput(randomUUID(), Date.now())] });
      await expect(handle.result()).rejects.toMatchObject({ cause: { message: expect.stringMatching(/must equal the case id/) } });
    }));
});
