import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { addWorkingDays, Calendar, isWorkingDay, shanghaiDateOf, type YearCalendar } from '@huiying/calendar';
import { disclosureClocks, NATIONAL_DISCLOSURE_POLICY } from '@huiying/policy';
import {
  disclosureQueries,
  disclosureSignals,
  disclosureUpdates,
  SEARCH_ATTRIBUTES,
  type CaseStageChange,
  type DisclosureApplicationInput,
  type DisclosureCaseState,
  type DisclosureDeadlineRequest,
  type DisclosureNoticeRequest,
  type DisclosureReplyLetterRequest,
} from '@huiying/contracts/workflow';
import { disclosureApplicationWorkflow } from './disclosure-application.workflow';
import { createTestWorker, createTimeSkippingEnv } from '../test/time-skipping';
import { DISCLOSURE_HISTORIES_DIR, maybeRecordHistory } from '../test/opinion-case.harness';

/** 2027 as an administrator would load it (test data): 元旦 Friday 1 January. */
const YEAR_2027: YearCalendar = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
  ],
  makeUpWorkdays: [],
  source: 'workflow-test',
  reference: 'TEST DATA — not the State Council notice',
};

/** An approval as routing passes it after checking the role grant (access.role_grants). */
const APPROVAL = { grantId: 'grant-1', personId: 'staff-0421', personName: '王主任', role: 'head_of_disclosure_office' as const, office: '市政务公开办' };

function input(caseId: string, receivedOn: string, overrides: Partial<DisclosureApplicationInput> = {}): DisclosureApplicationInput {
  return {
    caseId,
    applicationId: randomUUID(),
    channel: 'online',
    receivedOn,
    receivedAt: `${receivedOn}T02:00:00.000Z`,
    applicant: { type: 'natural_person' },
    filedAs: 'disclosure_application',
    deliveryForm: 'electronic',
    answeredOnTheSpot: null,
    leadDepartment: 'disclosure_office',
    ccDepartments: [],
    jurisdiction: 'cn',
    policy: NATIONAL_DISCLOSURE_POLICY,
    ...overrides,
  };
}

async function rejection(p: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (e as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return { type: (cause as ApplicationFailure).type ?? undefined, message: (cause as ApplicationFailure).message };
  }
  throw new Error('the update was accepted');
}

describe('disclosureApplicationWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `disclosure-${randomUUID()}`;
  const emitted: CaseStageChange[] = [];
  /** The test double of the deadline activity: the real calendar lib and policy rules over in-memory years. */
  let loadedYears: YearCalendar[] = [];
  const letters: DisclosureReplyLetterRequest[] = [];
  const notices: DisclosureNoticeRequest[] = [];
  const activities = {
    async requestNotice(r: DisclosureNoticeRequest) {
      notices.push(r);
    },
    async emitCaseEvent(e: CaseStageChange) {
      emitted.push(e);
    },
    async requestReplyLetter(r: DisclosureReplyLetterRequest) {
      letters.push(r);
    },
    async computeDisclosureDeadlines(request: DisclosureDeadlineRequest) {
      const version = loadedYears.map((y) => `${y.year}:1`).join(',') || 'built-in';
      return { ...disclosureClocks(request, Calendar.fromYears(loadedYears)), calendarVersion: version };
    },
  };

  // One server and worker for the file. Cases are never terminated between tests: terminating a case whose workflow
  // task is in flight can leave the test server's time skipping stuck (later sleeps hang). Finished tests' cases
  // stay open; their timers may fire during later skips, which only adds events under their own case ids.
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, activities);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  /** The test server's current day in Asia/Shanghai; on a day off, time skips to 09:00 of the next working day first. */
  async function today(): Promise<string> {
    const d = shanghaiDateOf(new Date(await env.currentTimeMs()).toISOString());
    if (isWorkingDay(d)) return d;
    const next = addWorkingDays(d, 1);
    await sleepUntil(`${next}T09:00:00+08:00`);
    return next;
  }

  async function start(receivedOn: string, overrides: Partial<DisclosureApplicationInput> = {}): Promise<WorkflowHandle<typeof disclosureApplicationWorkflow>> {
    const caseId = randomUUID();
    const handle = await env.client.workflow.start(disclosureApplicationWorkflow, { workflowId: caseId, taskQueue, args: [input(caseId, receivedOn, overrides)] });
    await until(handle, (s) => s.deadlines !== null && s.history.length >= 2);
    return handle;
  }

  async function until(handle: WorkflowHandle, pred: (s: DisclosureCaseState) => boolean): Promise<DisclosureCaseState> {
    let s = await handle.query(disclosureQueries.state);
    for (let i = 0; i < 800 && !pred(s); i++) {
      await new Promise((r) => setTimeout(r, 25));
      s = await handle.query(disclosureQueries.state);
    }
    expect(pred(s)).toBe(true);
    return s;
  }

  /** Waits for the workflow to complete and returns its final state (without handle.result(), which unlocks time skipping). */
  async function completed(handle: WorkflowHandle): Promise<DisclosureCaseState> {
    for (let i = 0; i < 800 && (await handle.describe()).status.name !== 'COMPLETED'; i++) await new Promise((r) => setTimeout(r, 25));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    return handle.query(disclosureQueries.state);
  }

  async function sleepUntil(instant: string) {
    const ms = Date.parse(instant) - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
  }

  const eventsOf = (caseId: string) => emitted.filter((e) => e.caseId === caseId);
  const noticesOf = (caseId: string) => notices.filter((n) => n.caseId === caseId);

  it('received 2026-09-28 → due 2026-10-30 across National Day; extended by 20 → 2026-11-27; a second extension is rejected', async () => {
    const handle = await start('2026-09-28');
    let s = await handle.query(disclosureQueries.state);
    expect(s.stage).toBe('registered');
    expect(s.deadlines?.answer).toMatchObject({ status: 'running', due: '2026-10-30', provisional: false });
    expect(s.deadlines?.correctionRequestBy.due).toBe(addWorkingDays('2026-09-28', 7));
    expect(s.deadlines?.answer.reminders.map((r) => [r.workingDaysBefore, r.date])).toEqual([
      [5, '2026-10-23'],
      [1, '2026-10-29'],
    ]);
    const events = eventsOf(handle.workflowId);
    expect(events.map((e) => [e.sequence, e.stage, e.kind])).toEqual(expect.arrayContaining([[1, 'received', 'disclosure'], [2, 'registered', 'disclosure']]));
    expect(events[0].detail).toMatchObject({ applicantType: 'natural_person', receivedOn: '2026-09-28', policyVersion: NATIONAL_DISCLOSURE_POLICY.version });

    const wrongApprover = await rejection(
      handle.executeUpdate(disclosureUpdates.extend, { args: [{ approval: APPROVAL, workingDays: 20, reason: '涉及多个部门', approvedBy: '李科长', approverRole: 'section_chief', approvedOn: '2026-10-20', sentVia: 'post_signed' }] }),
    );
    expect(wrongApprover).toMatchObject({ type: 'DisclosureActionInvalid' });
    expect(wrongApprover.message).toContain('head_of_disclosure_office');
    const tooLong = await rejection(
      handle.executeUpdate(disclosureUpdates.extend, { args: [{ approval: APPROVAL, workingDays: 21, reason: '涉及多个部门', approvedBy: '王主任', approverRole: 'head_of_disclosure_office', approvedOn: '2026-10-20', sentVia: 'post_signed' }] }),
    );
    expect(tooLong.type).toBe('DisclosureActionInvalid');

    s = await handle.executeUpdate(disclosureUpdates.extend, {
      args: [{ approval: APPROVAL, workingDays: 20, reason: '需要调取档案', approvedBy: '王主任', approverRole: 'head_of_disclosure_office', approvedOn: '2026-10-20', sentVia: 'email' }],
    });
    expect(s.deadlines?.answer).toMatchObject({ due: '2026-11-27', dueWithoutExtension: '2026-10-30' });
    expect(s.extension).toMatchObject({ workingDays: 20, approvedBy: '王主任', dueBefore: '2026-10-30', dueAfter: '2026-11-27', noticeId: 'n1', approval: APPROVAL });
    // the applicant is told: a 延期答复告知书 with the new due date, its delivery record waiting for receipt
    expect(s.notices).toEqual([expect.objectContaining({ id: 'n1', kind: 'extension_notice', addressee: 'applicant', issuedOn: '2026-10-20', sentVia: 'email', receivedOn: null, periodFromReceipt: false })]);
    expect(noticesOf(handle.workflowId)).toEqual([
      expect.objectContaining({
        requestId: `${handle.workflowId}:notice:n1`, noticeId: 'n1', addressee: 'applicant', addresseeName: null,
        content: { kind: 'extension_notice', workingDays: 20, reason: '需要调取档案', dueBefore: '2026-10-30', dueAfter: '2026-11-27', approvedOn: '2026-10-20', approverOffice: '市政务公开办' },
      }),
    ]);
    const extended = (await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.ExtendedDueAt);
    expect(extended?.toISOString()).toBe('2026-11-27T15:59:59.999Z');
    expect(eventsOf(handle.workflowId).find((e) => e.detail.change === 'extension')?.detail).toMatchObject({ dueAfter: '2026-11-27' });
    expect(eventsOf(handle.workflowId).find((e) => e.detail.change === 'notice_issued')?.detail).toMatchObject({ noticeId: 'n1', kind: 'extension_notice' });

    const second = await rejection(
      handle.executeUpdate(disclosureUpdates.extend, { args: [{ approval: APPROVAL, workingDays: 5, reason: '再次延期', approvedBy: '王主任', approverRole: 'head_of_disclosure_office', approvedOn: '2026-11-20', sentVia: 'email' }] }),
    );
    expect(second.type).toBe('DisclosureActionConflict');
    expect(second.message).toContain('second extension is not allowed');
    expect((await handle.query(disclosureQueries.state)).deadlines?.answer.due).toBe('2026-11-27');
    await maybeRecordHistory(handle, 'extension', DISCLOSURE_HISTORIES_DIR);
  });

  it('a third-party consultation of 10 working days moves the answer deadline by exactly 10 working days', async () => {
    const received = await today();
    const handle = await start(received);
    const before = (await handle.query(disclosureQueries.state)).deadlines?.answer.due as string;
    const askedOn = addWorkingDays(received, 3);
    const answeredOn = addWorkingDays(askedOn, 9); // askedOn … answeredOn = 10 working days
    await handle.executeUpdate(disclosureUpdates.review, { args: [{ reviewedBy: '保密员甲', outcome: 'needs_consultation', reviewedOn: addWorkingDays(received, 2) }] });
    await sleepUntil(`${askedOn}T10:00:00+08:00`); // a receipt is never recorded ahead of the day
    let s = await handle.executeUpdate(disclosureUpdates.requestConsultation, {
      args: [{ party: 'third_party', consultee: '某科技有限公司', matters: '合同中的报价条款', requestedBy: '经办人乙', requestedOn: askedOn, sentVia: 'in_person', requestReceivedOn: askedOn }],
    });
    expect(s.stage).toBe('consultation');
    expect(s.deadlines?.answer).toMatchObject({ status: 'paused', due: null });
    expect(s.consultations[0]).toMatchObject({ id: 'c1', status: 'open', due: addWorkingDays(askedOn, 15), applicantInformed: true });
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.DueAt)).toBeUndefined();
    expect(s.clocks.find((c) => c.name === 'answer')?.status).toBe('paused');

    s = await handle.executeUpdate(disclosureUpdates.recordConsultationReply, { args: [{ consultationId: 'c1', response: 'consent', answeredOn }] });
    expect(s.deadlines?.answer.status).toBe('running');
    expect(s.deadlines?.answer.pausedWorkingDays).toBe(10);
    expect(s.deadlines?.answer.due).toBe(addWorkingDays(before, 10));
    expect(s.pauses).toEqual([expect.objectContaining({ from: askedOn, to: answeredOn, reason: 'third_party_consultation', ref: 'c1', recordedBy: '经办人乙' })]);
    const dueAt = (await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.DueAt);
    expect(dueAt?.toISOString()).toBe(s.deadlines?.answer.dueAt);
  });

  it('a reasoned third-party objection blocks disclosure unless a public-interest override is recorded', async () => {
    const received = await today();
    const handle = await start(received);
    await handle.executeUpdate(disclosureUpdates.review, { args: [{ reviewedBy: '保密员甲', outcome: 'needs_consultation' }] });
    await handle.executeUpdate(disclosureUpdates.requestConsultation, { args: [{ party: 'third_party', consultee: '某公司', matters: '商业秘密', requestedBy: '乙', requestedOn: received, sentVia: 'in_person', requestReceivedOn: received }] });
    const noReasons = await rejection(handle.executeUpdate(disclosureUpdates.recordConsultationReply, { args: [{ consultationId: 'c1', response: 'objection', answeredOn: received }] }));
    expect(noReasons.type).toBe('DisclosureActionInvalid');
    await handle.executeUpdate(disclosureUpdates.recordConsultationReply, { args: [{ consultationId: 'c1', response: 'objection', reasons: '涉及核心技术参数', answeredOn: received }] });
    const blocked = await rejection(handle.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'disclosed', decidedBy: '王主任' }] }));
    expect(blocked).toMatchObject({ type: 'DisclosureActionConflict' });
    expect(blocked.message).toContain('public-interest override');
    const wrongCode = await rejection(
      handle.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'not_disclosed', resultCode: 'other.other', reason: 'x', decidedBy: '王主任' }] }),
    );
    expect(wrongCode.type).toBe('DisclosureActionInvalid');
    const s = await handle.executeUpdate(disclosureUpdates.decide, {
      args: [
        {
          replyType: 'disclosed',
          decidedBy: '王主任',
          legalBasis: '条例第三十二条',
          publicInterestOverride: { reasons: '涉及公共安全，不公开会对公共利益造成重大影响', approvedBy: '王主任', disclosedContent: '检测报告中的安全参数', sentVia: 'post_signed' },
        },
      ],
    });
    expect(s.stage).toBe('decided');
    expect(s.decision).toMatchObject({ replyType: 'disclosed', resultCode: 'disclosed', resultRow: '（一）' });
    expect(s.decision?.publicInterestOverride).toMatchObject({ disclosedContent: '检测报告中的安全参数', noticeId: 'n2' });
    // 第三十二条: the third party is told in writing what is disclosed and why
    expect(noticesOf(handle.workflowId).map((n) => [n.noticeId, n.content.kind, n.addressee, n.addresseeName])).toEqual([
      ['n1', 'consultation_request', 'third_party', '某公司'],
      ['n2', 'public_interest_override_notice', 'third_party', '某公司'],
    ]);
    expect(noticesOf(handle.workflowId)[1]?.content).toEqual({ kind: 'public_interest_override_notice', consultationId: 'c1', disclosedContent: '检测报告中的安全参数', reasons: '涉及公共安全，不公开会对公共利益造成重大影响' });
  });

  it('consultation silence: co-producing agency = consent, third party = the agency decides; the answer clock resumes', async () => {
    const received = await today();
    const handle = await start(received);
    await handle.executeUpdate(disclosureUpdates.review, { args: [{ reviewedBy: '保密员甲', outcome: 'needs_consultation' }] });
    await handle.executeUpdate(disclosureUpdates.requestConsultation, { args: [{ party: 'co_producing_agency', consultee: '市财政局', matters: '联合发文', requestedBy: '乙', requestedOn: received, sentVia: 'online', requestReceivedOn: received }] });
    await sleepUntil(`${addWorkingDays(received, 2)}T10:00:00+08:00`);
    const s1 = await handle.executeUpdate(disclosureUpdates.requestConsultation, {
      args: [{ party: 'third_party', consultee: '某公司', matters: '经营数据', requestedBy: '乙', requestedOn: received, sentVia: 'post_signed', requestReceivedOn: addWorkingDays(received, 2) }],
    });
    const third = s1.deadlines?.consultations.find((c) => c.id === 'c2');
    expect(third?.due).toBe(addWorkingDays(addWorkingDays(received, 2), 15));
    await sleepUntil(third?.dueAt as string);
    await env.sleep(60_000);
    const s = await until(handle, (x) => x.consultations.every((c) => c.status !== 'open') && x.deadlines?.answer.status === 'running');
    expect(s.consultations.map((c) => [c.party, c.status, c.response])).toEqual([
      ['co_producing_agency', 'silent', 'silence_consent'],
      ['third_party', 'silent', 'silence_agency_decides'],
    ]);
    // overlapping pauses count once: the clock stood still from the request to the later consultation deadline
    expect(s.deadlines?.answer.pausedWorkingDays).toBe(17);
    expect(s.deadlines?.answer.due).toBe(addWorkingDays(received, 37));
    // silence of the third party does not block a disclosure decision
    await handle.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'disclosed', decidedBy: '王主任' }] });
  });

  it('correction restarts the 20-working-day count from the corrected application; a late correction request is refused', async () => {
    const received = await today();
    const handle = await start(received);
    const window = (await handle.query(disclosureQueries.state)).deadlines?.correctionRequestBy.due as string;
    expect(window).toBe(addWorkingDays(received, 7));
    const late = await rejection(
      handle.executeUpdate(disclosureUpdates.requestCorrection, { args: [{ requestedBy: '经办人', items: ['文件名称不明确'], requestedOn: addWorkingDays(received, 8), sentVia: 'post_signed' }] }),
    );
    expect(late.type).toBe('DisclosureActionConflict');
    expect(late.message).toContain(window);

    const sentOn = addWorkingDays(received, 2);
    let s = await handle.executeUpdate(disclosureUpdates.requestCorrection, {
      args: [{ requestedBy: '经办人', items: ['文件名称不明确', '缺少身份证明'], requestedOn: sentOn, sentVia: 'post_signed' }],
    });
    expect(s.stage).toBe('correction_requested');
    expect(s.deadlines?.answer.status).toBe('paused');
    // the applicant's period runs from their receipt of the 补正告知书: none yet
    expect(s.deadlines?.correctionDueBy).toBeNull();
    expect(s.clocks.find((c) => c.name === 'correction_due')?.status).toBe('waiting_receipt');
    expect(s.correction).toMatchObject({ noticeId: 'n1', noticeReceivedOn: null, respondWithinWorkingDays: 15 });
    expect(noticesOf(handle.workflowId)[0]?.content).toEqual({ kind: 'correction_notice', items: ['文件名称不明确', '缺少身份证明'], respondWithinWorkingDays: 15 });
    const receiptOn = addWorkingDays(sentOn, 2);
    const early = await rejection(handle.executeUpdate(disclosureUpdates.recordNoticeReceipt, { args: [{ noticeId: 'n1', receivedOn: addWorkingDays(sentOn, -1), evidence: 'postal_receipt', recordedBy: '窗口' }] }));
    expect(early.type).toBe('DisclosureActionInvalid');
    const ahead = await rejection(handle.executeUpdate(disclosureUpdates.recordNoticeReceipt, { args: [{ noticeId: 'n1', receivedOn: receiptOn, evidence: 'postal_receipt', recordedBy: '窗口' }] }));
    expect(ahead).toMatchObject({ type: 'DisclosureActionInvalid', message: expect.stringContaining('in the future') });
    await sleepUntil(`${receiptOn}T10:00:00+08:00`);
    s = await handle.executeUpdate(disclosureUpdates.recordNoticeReceipt, { args: [{ noticeId: 'n1', receivedOn: receiptOn, evidence: 'postal_receipt', recordedBy: '窗口', note: 'EMS 回执' }] });
    expect(s.deadlines?.correctionDueBy?.due).toBe(addWorkingDays(receiptOn, 15));
    expect(s.notices[0]).toMatchObject({ receivedOn: receiptOn, receipt: expect.objectContaining({ evidence: 'postal_receipt', recordedBy: '窗口', note: 'EMS 回执' }) });
    expect(eventsOf(handle.workflowId).find((e) => e.detail.change === 'notice_received')?.detail).toMatchObject({ noticeId: 'n1', periodStarted: 'correction_due', due: addWorkingDays(receiptOn, 15) });
    const twice = await rejection(handle.executeUpdate(disclosureUpdates.recordNoticeReceipt, { args: [{ noticeId: 'n1', receivedOn: receiptOn, evidence: 'postal_receipt', recordedBy: '窗口' }] }));
    expect(twice.type).toBe('DisclosureActionConflict');
    await maybeRecordHistory(handle, 'late-correction', DISCLOSURE_HISTORIES_DIR);
    const again = await rejection(handle.executeUpdate(disclosureUpdates.requestCorrection, { args: [{ requestedBy: '经办人', items: ['x'], sentVia: 'email' }] }));
    expect(again.type).toBe('DisclosureActionConflict');

    const correctedOn = addWorkingDays(received, 6);
    s = await handle.executeUpdate(disclosureUpdates.submitCorrection, { args: [{ receivedBy: '窗口', correctedOn }] });
    expect(s.stage).toBe('corrected');
    expect(s.deadlines?.answer).toMatchObject({ status: 'running', restartedOn: correctedOn, due: addWorkingDays(correctedOn, 20) });
    expect(s.correction).toMatchObject({ outcome: 'corrected', correctedOn });
    await maybeRecordHistory(handle, 'correction-receipt', DISCLOSURE_HISTORIES_DIR);
  });

  it('no correction in time: abandoned, counted as 其他处理 (no correction), then archived', async () => {
    const received = await today();
    const handle = await start(received, { applicant: { type: 'legal_person', organisationType: 'research_institution' } });
    const s1 = await handle.executeUpdate(disclosureUpdates.requestCorrection, {
      args: [{ requestedBy: '经办人', items: ['内容描述不清'], requestedOn: received, respondWithinWorkingDays: 5, sentVia: 'in_person', noticeReceivedOn: received }],
    });
    await sleepUntil(s1.deadlines?.correctionDueBy?.dueAt as string);
    await env.sleep(60_000);
    const s = await until(handle, (x) => x.stage === 'abandoned');
    expect(s.decision).toMatchObject({ replyType: null, resultCode: 'other.no_correction', resultRow: '（六）1' });
    expect(s.correction?.outcome).toBe('abandoned');
    const lateCorrection = await rejection(handle.executeUpdate(disclosureUpdates.submitCorrection, { args: [{ receivedBy: '窗口' }] }));
    expect(lateCorrection.type).toBe('DisclosureActionConflict');
    await handle.executeUpdate(disclosureUpdates.archive, { args: [{ archivedBy: '档案员' }] });
    expect((await completed(handle)).stage).toBe('archived');
    await maybeRecordHistory(handle, 'fee-paid-replied-archived', DISCLOSURE_HISTORIES_DIR);
    expect(eventsOf(handle.workflowId).map((e) => e.stage)).toEqual(['received', 'registered', 'correction_requested', 'correction_requested', 'abandoned', 'archived']);
  });

  it('received 2026-12-15: provisional until 2027 is loaded, then recomputed on calendarUpdated', async () => {
    loadedYears = [];
    const handle = await start('2026-12-15');
    let s = await handle.query(disclosureQueries.state);
    expect(s.deadlines?.answer).toMatchObject({ due: '2027-01-12', provisional: true, yearsWithoutOfficialData: [2027] });
    expect(s.deadlines?.calendarVersion).toBe('built-in');
    loadedYears = [YEAR_2027];
    try {
      await handle.signal(disclosureSignals.calendarUpdated, { year: 2027, revision: 1 });
      s = await until(handle, (x) => x.deadlines?.provisional === false);
    } finally {
      loadedYears = [];
    }
    expect(s.deadlines?.answer).toMatchObject({ due: '2027-01-13', provisional: false, yearsWithoutOfficialData: [] });
    expect(s.calendarUpdates).toEqual([{ year: 2027, revision: 1 }]);
    const recomputed = eventsOf(handle.workflowId).find((e) => e.detail.change === 'deadline_recomputed');
    expect(recomputed?.detail).toMatchObject({ answerDueBefore: '2027-01-12', answerDue: '2027-01-13', provisionalBefore: true, provisional: false, year: 2027 });
  });

  it('a fee beyond the free tier pauses the clock during the payment window; within the free tier no fee can be charged', async () => {
    const received = await today();
    const handle = await start(received);
    await handle.executeUpdate(disclosureUpdates.review, { args: [{ reviewedBy: '保密员', outcome: 'cleared' }] });
    await handle.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'disclosed', decidedBy: '王主任', decidedOn: received }] });
    const before = (await handle.query(disclosureQueries.state)).deadlines?.answer.due as string;
    const free = await rejection(handle.executeUpdate(disclosureUpdates.issueFeeNotice, { args: [{ issuedBy: '经办人', method: 'per_page', pages: 30, sentVia: 'email' }] }));
    expect(free.type).toBe('DisclosureActionConflict');
    expect(free.message).toContain('free tier');
    const noticeOn = addWorkingDays(received, 1);
    let s = await handle.executeUpdate(disclosureUpdates.issueFeeNotice, { args: [{ issuedBy: '经办人', method: 'per_page', pages: 150, issuedOn: noticeOn, sentVia: 'email' }] });
    expect(s.stage).toBe('fee_notice');
    expect(s.fee?.fee.amountYuan).toBe(1700);
    expect(s.deadlines?.answer.status).toBe('paused');
    expect(s.deadlines?.feePaymentBy).toBeNull(); // the payment period runs from the applicant's receipt of the notice
    const readOn = addWorkingDays(noticeOn, 1);
    await sleepUntil(`${readOn}T10:00:00+08:00`);
    s = await handle.executeUpdate(disclosureUpdates.recordNoticeReceipt, { args: [{ noticeId: 'n1', receivedOn: readOn, evidence: 'read_receipt', recordedBy: '经办人' }] });
    expect(s.deadlines?.feePaymentBy?.due).toBe(addWorkingDays(readOn, 20));
    expect(noticesOf(handle.workflowId)[0]?.content).toMatchObject({ kind: 'fee_notice', method: 'per_page', amountYuan: 1700, payWithinWorkingDays: 20, reference: expect.stringContaining('109号') });
    const early = await rejection(handle.executeUpdate(disclosureUpdates.issueReply, { args: [{ issuedBy: '经办人', deliveredVia: 'post' }] }));
    expect(early.type).toBe('DisclosureActionConflict');

    const paidOn = addWorkingDays(noticeOn, 3); // noticeOn … paidOn = 4 working days
    s = await handle.executeUpdate(disclosureUpdates.recordFeePayment, { args: [{ outcome: 'paid', recordedBy: '财务', on: paidOn }] });
    expect(s.stage).toBe('decided');
    expect(s.deadlines?.answer.due).toBe(addWorkingDays(before, 4));
    expect(s.pauses).toEqual([expect.objectContaining({ reason: 'fee_notice', from: noticeOn, to: paidOn })]);
    s = await handle.executeUpdate(disclosureUpdates.issueReply, { args: [{ issuedBy: '经办人', deliveredVia: 'post', issuedOn: paidOn, letterRef: '公开〔2026〕1号' }] });
    expect(s.reply).toMatchObject({ late: false, copiedTo: 'disclosure_office' });
    // the reply letter is requested from publication once, with everything the letter states
    expect(letters.filter((l) => l.caseId === handle.workflowId)).toEqual([
      expect.objectContaining({
        requestId: `${handle.workflowId}:reply-letter`,
        receivedOn: received,
        answerDue: addWorkingDays(before, 4),
        copiedTo: 'disclosure_office',
        decision: expect.objectContaining({ replyType: 'disclosed', resultCode: 'disclosed', resultRow: '（一）' }),
        reply: expect.objectContaining({ issuedOn: paidOn, deliveredVia: 'post', letterRef: '公开〔2026〕1号', late: false }),
        fee: { amountYuan: 1700, status: 'paid' },
      }),
    ]);
    await handle.executeUpdate(disclosureUpdates.archive, { args: [{ archivedBy: '档案员' }] });
    expect((await completed(handle)).stage).toBe('archived');
  });

  it('an unpaid fee closes the application as 其他处理 (fee unpaid) when the payment window ends', async () => {
    const received = await today();
    const handle = await start(received, { applicant: { type: 'legal_person', organisationType: 'commercial_enterprise' }, applicantMonth: { month: received.slice(0, 7), ordinal: 13 } });
    await handle.executeUpdate(disclosureUpdates.review, { args: [{ reviewedBy: '保密员', outcome: 'cleared' }] });
    await handle.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'disclosed', decidedBy: '王主任' }] });
    const sent = await rejection(handle.executeUpdate(disclosureUpdates.issueFeeNotice, { args: [{ issuedBy: '经办人', method: 'per_application', sentVia: 'email', priorApplicationsThisMonth: 0 } as never] }));
    expect(sent).toMatchObject({ type: 'DisclosureActionInvalid', message: expect.stringContaining('kept by the system') });
    const s1 = await handle.executeUpdate(disclosureUpdates.issueFeeNotice, { args: [{ issuedBy: '经办人', method: 'per_application', sentVia: 'in_person', receivedOn: received }] });
    // the 13th application of the applicant this month (the system's count): 11th–30th cost 100 元
    expect(s1.fee?.fee.amountYuan).toBe(100);
    expect(s1.fee?.input).toMatchObject({ method: 'per_application', priorApplicationsThisMonth: 12 });
    await sleepUntil(s1.deadlines?.feePaymentBy?.dueAt as string);
    await env.sleep(60_000);
    const s = await until(handle, (x) => x.stage === 'abandoned');
    expect(s.decision).toMatchObject({ resultCode: 'other.fee_unpaid', resultRow: '（六）2' });
    expect(s.fee?.status).toBe('unpaid');
  });

  it('reminds 5 and 1 working days before the due date and escalates when it passes; a late reply is recorded as late', async () => {
    const received = await today();
    const handle = await start(received);
    const s0 = await handle.query(disclosureQueries.state);
    await sleepUntil(s0.deadlines?.answer.dueAt as string);
    await env.sleep(60_000);
    const s = await until(handle, (x) => x.overdue);
    expect(s.reminders.map((r) => r.workingDaysBefore)).toEqual([5, 1]);
    expect(s.escalations.filter((e) => e.clock === 'answer')).toEqual([expect.objectContaining({ clock: 'answer', due: s0.deadlines?.answer.due })]);
    expect(s.clocks.find((c) => c.name === 'answer')?.status).toBe('overdue');
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.Overdue)).toBe(true);
    const changes = eventsOf(handle.workflowId).map((e) => e.detail.change).filter(Boolean);
    expect(changes).toEqual(expect.arrayContaining(['reminder', 'reminder', 'escalation']));
    const escalation = eventsOf(handle.workflowId).find((e) => e.detail.change === 'escalation');
    expect(escalation?.detail.escalatedTo).toEqual(['disclosure_office', 'general_office']);
    // the correction window (7 working days) passed while the application was only registered: escalated too
    expect(changes.filter((c) => c === 'escalation')).toHaveLength(2);

    await handle.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'does_not_exist', resultCode: 'unavailable.not_held', decidedBy: '王主任' }] });
    const replied = await handle.executeUpdate(disclosureUpdates.issueReply, { args: [{ issuedBy: '经办人', deliveredVia: 'email' }] });
    expect(replied.reply?.late).toBe(true);
    expect(replied.overdue).toBe(false);
    expect(replied.clocks.find((c) => c.name === 'answer')?.status).toBe('late');
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.Overdue)).toBe(false);
  });

  it('an answer given on the spot is recorded as decided and replied the same day', async () => {
    const received = await today();
    const handle = await start(received, {
      channel: 'in_person',
      answeredOnTheSpot: { replyType: 'already_public', answeredBy: '窗口', reply: '已在政府网站公开，告知网址' },
    });
    const s = await until(handle, (x) => x.stage === 'reply_issued' && x.clocks.some((c) => c.name === 'answer' && c.status !== 'running'));
    expect(s.decision).toMatchObject({ replyType: 'already_public', resultCode: 'disclosed', onTheSpot: true, decidedOn: received });
    expect(s.reply).toMatchObject({ deliveredVia: 'on_the_spot', issuedOn: received, late: false });
    expect(s.clocks.find((c) => c.name === 'answer')?.status).toBe('met');
  });

  it('a complaint filed as an application is decided as not a disclosure application, with the right channel', async () => {
    const handle = await start(await today(), { filedAs: 'complaint' });
    const s = await until(handle, (x) => x.stage === 'decided');
    expect(s.decision).toMatchObject({ replyType: 'not_disclosure_application', resultCode: 'not_processed.complaint_petition_report', resultRow: '（五）1' });
    expect(s.decision?.rightChannel).toContain('12345');
  });
  it('a consultation whose request is received three working days after sending: silence applies only 15 working days after that receipt', async () => {
    const received = await today();
    const handle = await start(received);
    await handle.executeUpdate(disclosureUpdates.review, { args: [{ reviewedBy: '保密员甲', outcome: 'needs_consultation' }] });
    let s = await handle.executeUpdate(disclosureUpdates.requestConsultation, { args: [{ party: 'third_party', consultee: '某物业公司', matters: '住户名单', requestedBy: '乙', requestedOn: received, sentVia: 'post_signed' }] });
    expect(s.consultations[0]).toMatchObject({ requestReceivedOn: null, due: null, noticeId: 'n1' });
    expect(s.deadlines?.answer.status).toBe('paused'); // the answer clock pauses from sending
    expect(s.clocks.find((c) => c.name === 'consultation')?.status).toBe('waiting_receipt');
    // 15 working days after SENDING pass: nothing happens, the receipt was never recorded
    await sleepUntil(`${addWorkingDays(received, 16)}T12:00:00+08:00`);
    s = await handle.query(disclosureQueries.state);
    expect(s.consultations[0]?.status).toBe('open');
    const receivedByParty = addWorkingDays(received, 3);
    s = await handle.executeUpdate(disclosureUpdates.recordNoticeReceipt, { args: [{ noticeId: 'n1', receivedOn: receivedByParty, evidence: 'signature', recordedBy: '乙' }] });
    const due = addWorkingDays(receivedByParty, 15);
    expect(s.consultations[0]).toMatchObject({ requestReceivedOn: receivedByParty, due });
    // one day before the end of the 15 working days from receipt: still open
    await sleepUntil(`${addWorkingDays(due, -1)}T12:00:00+08:00`);
    expect((await handle.query(disclosureQueries.state)).consultations[0]?.status).toBe('open');
    await sleepUntil(s.deadlines?.consultations[0]?.dueAt as string);
    await env.sleep(60_000);
    s = await until(handle, (x) => x.consultations[0]?.status === 'silent');
    expect(s.consultations[0]).toMatchObject({ response: 'silence_agency_decides', closedOn: due });
    expect(s.pauses[0]).toMatchObject({ from: received, to: due });
    await maybeRecordHistory(handle, 'consultation-receipt-silence', DISCLOSURE_HISTORIES_DIR);
  });

  it('a late correction with a good reason is accepted by staff and reopens the application; the count restarts from it', async () => {
    const received = await today();
    const handle = await start(received);
    const s1 = await handle.executeUpdate(disclosureUpdates.requestCorrection, { args: [{ requestedBy: '经办人', items: ['内容描述不清'], requestedOn: received, respondWithinWorkingDays: 3, sentVia: 'in_person', noticeReceivedOn: received }] });
    await sleepUntil(s1.deadlines?.correctionDueBy?.dueAt as string);
    await env.sleep(60_000);
    await until(handle, (x) => x.stage === 'abandoned');
    const noReason = await rejection(handle.executeUpdate(disclosureUpdates.acceptLateCorrection, { args: [{ correctedOn: addWorkingDays(received, 4), receivedBy: '窗口', goodReason: ' ', acceptedBy: '王主任' }] }));
    expect(noReason.type).toBe('DisclosureActionInvalid');
    const correctedOn = addWorkingDays(received, 4);
    const s = await handle.executeUpdate(disclosureUpdates.acceptLateCorrection, { args: [{ correctedOn, receivedBy: '窗口', goodReason: '申请人住院，有医院证明', acceptedBy: '王主任' }] });
    expect(s.stage).toBe('corrected');
    expect(s.decision).toBeNull();
    expect(s.correction).toMatchObject({ outcome: 'corrected', correctedOn, late: expect.objectContaining({ goodReason: '申请人住院，有医院证明', acceptedBy: '王主任' }) });
    expect(s.deadlines?.answer).toMatchObject({ status: 'running', restartedOn: correctedOn, due: addWorkingDays(correctedOn, 20) });
    expect(eventsOf(handle.workflowId).filter((e) => e.stage === 'corrected').pop()?.detail).toMatchObject({ reopened: true, late: true, acceptedBy: '王主任' });
    const twice = await rejection(handle.executeUpdate(disclosureUpdates.acceptLateCorrection, { args: [{ correctedOn, receivedBy: '窗口', goodReason: 'x', acceptedBy: '王主任' }] }));
    expect(twice.type).toBe('DisclosureActionConflict');
  });

  it('fees: 按件计收 applies to every decision type (109号第四条); 按量计收 only where information is provided in paper, e-mail or copied data (第五条)', async () => {
    const received = await today();
    const handle = await start(received, { deliveryForm: 'inspection', applicantMonth: { month: received.slice(0, 7), ordinal: 31 } });
    await handle.executeUpdate(disclosureUpdates.review, { args: [{ reviewedBy: '保密员', outcome: 'exempt' }] });
    await handle.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'not_disclosed', resultCode: 'withheld.internal_affairs', reason: '内部事务信息', decidedBy: '王主任' }] });
    const perPage = await rejection(handle.executeUpdate(disclosureUpdates.issueFeeNotice, { args: [{ issuedBy: '经办人', method: 'per_page', pages: 90, sentVia: 'email' }] }));
    expect(perPage).toMatchObject({ type: 'DisclosureActionConflict', message: expect.stringContaining('按量计收 applies only where information is provided') });
    const s = await handle.executeUpdate(disclosureUpdates.issueFeeNotice, { args: [{ issuedBy: '经办人', method: 'per_application', sentVia: 'email' }] });
    // the 31st application of the month: 31st–40th cost 200 元 each
    expect(s.fee?.fee).toMatchObject({ method: 'per_application', amountYuan: 200 });
    expect(s.clocks.find((c) => c.name === 'fee_payment')?.status).toBe('waiting_receipt');

    const other = await start(received, { deliveryForm: 'inspection' });
    await other.executeUpdate(disclosureUpdates.review, { args: [{ reviewedBy: '保密员', outcome: 'cleared' }] });
    await other.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'disclosed', decidedBy: '王主任' }] });
    const inspection = await rejection(other.executeUpdate(disclosureUpdates.issueFeeNotice, { args: [{ issuedBy: '经办人', method: 'per_page', pages: 90, sentVia: 'email' }] }));
    expect(inspection.message).toContain('not to delivery by inspection');
    const noCount = await rejection(other.executeUpdate(disclosureUpdates.issueFeeNotice, { args: [{ issuedBy: '经办人', method: 'per_application', sentVia: 'email' }] }));
    expect(noCount).toMatchObject({ type: 'DisclosureActionConflict', message: expect.stringContaining('count for the month') });
  });

  it('第三十五条: reasons asked, then a longer reasonable period set and told — not overdue at 20 (+20) working days; not processed only after asking', async () => {
    const received = await today();
    const handle = await start(received);
    const statutory = (await handle.query(disclosureQueries.state)).deadlines?.answer.due as string;
    const early = await rejection(handle.executeUpdate(disclosureUpdates.decide, { args: [{ replyType: 'not_disclosure_application', resultCode: 'not_processed.excessive', decidedBy: '王主任' }] }));
    expect(early.message).toContain('excessive-reasons-request first');
    const noReasons = await rejection(handle.executeUpdate(disclosureUpdates.setExcessivePeriod, { args: [{ decidedBy: '王主任', due: addWorkingDays(received, 60), reason: '数量大', sentVia: 'email' }] }));
    expect(noReasons.type).toBe('DisclosureActionConflict');
    let s = await handle.executeUpdate(disclosureUpdates.requestExcessiveReasons, { args: [{ requestedBy: '经办人', grounds: '本月已申请 45 件', sentVia: 'email', requestedOn: received }] });
    expect(s.excessive?.reasonsRequested).toMatchObject({ grounds: '本月已申请 45 件', noticeId: 'n1' });
    const tooShort = await rejection(handle.executeUpdate(disclosureUpdates.setExcessivePeriod, { args: [{ decidedBy: '王主任', due: statutory, reason: '数量大', sentVia: 'email' }] }));
    expect(tooShort.type).toBe('DisclosureActionInvalid');
    const longer = addWorkingDays(received, 60);
    s = await handle.executeUpdate(disclosureUpdates.setExcessivePeriod, { args: [{ decidedBy: '王主任', due: longer, reason: '需逐件调取 2010 年以来的档案', sentVia: 'email', decidedOn: addWorkingDays(received, 1) }] });
    expect(s.deadlines?.answer).toMatchObject({ basis: 'excessive_period', due: longer });
    expect(s.notices.map((n) => n.kind)).toEqual(['excessive_reasons_request', 'excessive_period_notice']);
    expect(noticesOf(handle.workflowId)[1]?.content).toEqual({ kind: 'excessive_period_notice', due: longer, reason: '需逐件调取 2010 年以来的档案' });
    const extension = await rejection(handle.executeUpdate(disclosureUpdates.extend, { args: [{ approval: APPROVAL, workingDays: 20, reason: 'x', approvedBy: '王主任', approverRole: 'head_of_disclosure_office', sentVia: 'email' }] }));
    expect(extension.type).toBe('DisclosureActionConflict');
    // 20 + 20 working days pass: not overdue
    await sleepUntil(`${addWorkingDays(received, 41)}T12:00:00+08:00`);
    s = await handle.query(disclosureQueries.state);
    expect(s.overdue).toBe(false);
    expect(s.escalations.filter((e) => e.clock === 'answer')).toEqual([]);
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.DueAt)?.toISOString()).toBe(s.deadlines?.answer.dueAt);
    await maybeRecordHistory(handle, 'excessive-period', DISCLOSURE_HISTORIES_DIR);
  });

  it('a notice whose receipt is not recorded raises a reminder after the policy’s working days', async () => {
    const received = await today();
    const handle = await start(received);
    await handle.executeUpdate(disclosureUpdates.requestCorrection, { args: [{ requestedBy: '经办人', items: ['缺少身份证明'], requestedOn: received, sentVia: 'ordinary_letter' }] });
    const s0 = await handle.query(disclosureQueries.state);
    const reminder = s0.deadlines?.noticeReceiptReminders[0];
    expect(reminder).toMatchObject({ id: 'n1', date: addWorkingDays(received, 5) });
    await sleepUntil(reminder?.at as string);
    await env.sleep(60_000);
    const s = await until(handle, (x) => x.notices[0]?.receiptReminders.length === 1);
    expect(s.notices[0]?.receiptReminders).toEqual([addWorkingDays(received, 5)]);
    expect(eventsOf(handle.workflowId).find((e) => e.detail.change === 'reminder' && e.detail.clock === 'notice_receipt')?.detail).toMatchObject({ noticeId: 'n1', kind: 'correction_notice', sentVia: 'ordinary_letter' });
  });
});
