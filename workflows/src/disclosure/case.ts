// What happens on a disclosure case: each action's effect and each timer's consequence, with the activities they need
// (case events, deadlines, documents). The rules that refuse an action are in rules.ts; the clocks in clocks.ts.
import { proxyActivities, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { disclosureCurrentDetails } from './ui-details';
import { computeFee, disclosureRules, type FeeInput } from '@huiying/policy';
import {
  REPLY_TYPE_RESULTS,
  RIGHT_CHANNELS,
  SEARCH_ATTRIBUTES,
  replyLetterRequestId,
  type AnnualReportResultCode,
  type DisclosureActivities,
  type DisclosureApplicationInput,
  type DisclosureArchiveAction,
  type DisclosureCaseState,
  type DisclosureConsultationAction,
  type DisclosureConsultationRecord,
  type DisclosureConsultationReplyAction,
  type DisclosureCorrectionAction,
  type DisclosureCorrectionRequestAction,
  type DisclosureDecisionAction,
  type DisclosureDecisionRecord,
  type DisclosureExcessivePeriodAction,
  type DisclosureExcessiveReasonsAction,
  type DisclosureExtensionAction,
  type DisclosureFeeNoticeAction,
  type DisclosureFeePaymentAction,
  type DisclosureLateCorrectionAction,
  type DisclosureNoticeReceiptAction,
  type DisclosureReplyAction,
  type DisclosureReplyLetterRequest,
  type DisclosureReviewAction,
  type DisclosureStage,
  type PublicationActivities,
} from '@huiying/contracts/workflow';
import { TimerSet } from '../shared/timer-set';
import { clockViews, deadlineRequest, isOverdue, timersOf, type DisclosureTimer } from './clocks';
import { addNotice, nextNoticeId, recordReceipt, type NewNotice } from './notices';
import { feeInputOf } from './rules';
import { answerOwed, closePause, ESCALATE_TO, initialState, rowOf, today } from './state';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
/** The activities, each call with the summary the Temporal UI shows on it. */
const activities = (summary: string) => proxyActivities<DisclosureActivities>({ startToCloseTimeout: '30 seconds', retry, summary });
/** Documents (reply letter, notices) are rendered and stored by publication (publication.requested.v1). */
const publication = (summary: string) => proxyActivities<PublicationActivities>({ startToCloseTimeout: '30 seconds', retry, summary });

/** The office whose head approves an extension or a waiver, as letters name it. */
const APPROVER_OFFICE = '政府信息公开工作机构';

export class DisclosureCase {
  readonly state: DisclosureCaseState;
  readonly timers = new TimerSet<DisclosureTimer>();

  constructor(readonly input: DisclosureApplicationInput) {
    this.state = initialState(input);
  }

  private get policy() {
    return this.input.policy;
  }

  // ---------------------------------------------------------------- events and deadlines

  private async emit(stage: DisclosureStage, detail: Record<string, unknown>, change = 'stage'): Promise<void> {
    const s = this.state;
    const previousStage = s.history.length ? s.stage : null;
    const sequence = s.history.length + 1;
    const at = new Date().toISOString();
    s.stage = stage;
    const fullDetail = change === 'stage' ? detail : { change, ...detail };
    s.history.push({ sequence, stage, at, detail: fullDetail });
    setCurrentDetails(disclosureCurrentDetails(s));
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.CaseStage, value: stage },
      { key: SEARCH_ATTRIBUTES.Department, value: s.department },
    ]);
    await activities(`case event ${sequence}: ${change === 'stage' ? `stage ${stage}` : `${change} (${stage})`}`).emitCaseEvent({
      caseId: s.caseId, kind: 'disclosure', sequence, stage, previousStage, department: s.department, ccDepartments: s.ccDepartments,
      grade: null, jurisdiction: s.jurisdiction, occurredAt: at, detail: fullDetail,
    });
  }
  enterStage = (stage: DisclosureStage, detail: Record<string, unknown>) => this.emit(stage, detail);
  record = (change: string, detail: Record<string, unknown>) => this.emit(this.state.stage, detail, change);

  /** Runs the deadline activity with the current inputs, stores the answer, re-arms every timer. */
  async recompute(): Promise<void> {
    const s = this.state;
    const d = await activities('deadlines on the official calendar').computeDisclosureDeadlines(deadlineRequest(s, this.policy));
    s.deadlines = d;
    for (const c of s.consultations) c.due = d.consultations.find((x) => x.id === c.id)?.due ?? (c.status === 'open' ? null : c.due);
    this.timers.replace(timersOf(s, d));
    this.refresh();
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.DueAt, value: answerOwed(s) && d.answer.dueAt ? new Date(d.answer.dueAt) : null },
      { key: SEARCH_ATTRIBUTES.ExtendedDueAt, value: (s.extension || s.excessive?.period) && d.answer.dueAt ? new Date(d.answer.dueAt) : null },
      { key: SEARCH_ATTRIBUTES.Overdue, value: s.overdue },
    ]);
  }

  /** Overdue flag and clock views from the last deadlines and the workflow's clock. */
  refresh(): void {
    this.state.overdue = isOverdue(this.state, Date.now());
    this.state.clocks = clockViews(this.state);
    setCurrentDetails(disclosureCurrentDetails(this.state));
  }

  /** A notice: its delivery record, its document (publication), a case event. Its id is nextNoticeId() before the call. */
  private async issueNotice(n: NewNotice): Promise<void> {
    const { record, request } = addNotice(this.state, this.input, n);
    await publication(`notice ${record.id}: ${record.kind}`).requestNotice(request);
    await this.record('notice_issued', { noticeId: record.id, kind: record.kind, addressee: record.addressee, issuedOn: record.issuedOn, sentVia: record.sentVia, receivedOn: record.receivedOn });
  }

  // ---------------------------------------------------------------- timers

  async fireDueTimers(): Promise<void> {
    for (let t = this.timers.takeDue(Date.now()); t; t = this.timers.takeDue(Date.now())) await this.onTimer(t);
  }

  private async onTimer(t: DisclosureTimer): Promise<void> {
    const s = this.state;
    switch (t.clock) {
      case 'answer':
        if (!answerOwed(s) || s.deadlines?.answer.status !== 'running') return;
        if (t.kind === 'reminder') {
          s.reminders.push({ clock: 'answer', date: today(), workingDaysBefore: t.workingDaysBefore ?? 0 });
          return this.record('reminder', { clock: 'answer', due: t.due, workingDaysBefore: t.workingDaysBefore, to: [s.department] });
        }
        s.overdue = true;
        upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.Overdue, value: true }]);
        s.escalations.push({ clock: 'answer', due: t.due, at: new Date().toISOString() });
        this.refresh();
        return this.record('escalation', { clock: 'answer', due: t.due, escalatedTo: ESCALATE_TO });
      case 'correction_window':
        if (s.stage !== 'registered' || s.correction) return;
        s.escalations.push({ clock: 'correction_window', due: t.due, at: new Date().toISOString() });
        return this.record('escalation', { clock: 'correction_window', due: t.due, escalatedTo: ESCALATE_TO, note: 'the 7 working days to ask for a correction passed while the application was still only registered' });
      case 'correction_due':
        if (s.correction?.outcome !== 'waiting') return;
        s.correction.outcome = 'abandoned';
        closePause(s, 'correction', 'correction', t.due);
        return this.abandon('other.no_correction', `no correction received by ${t.due}`);
      case 'consultation': {
        const c = s.consultations.find((x) => x.id === t.ref);
        if (!c || c.status !== 'open') return;
        c.status = 'silent';
        c.response = c.party === 'third_party' ? 'silence_agency_decides' : 'silence_consent';
        c.closedOn = t.due;
        closePause(s, c.party === 'third_party' ? 'third_party_consultation' : 'co_producing_agency', c.id, t.due);
        await this.recompute();
        return this.record('consultation_closed', { consultationId: c.id, party: c.party, response: c.response, closedOn: t.due, requestReceivedOn: c.requestReceivedOn, answerDue: s.deadlines?.answer.due ?? null });
      }
      case 'fee_payment':
        if (s.fee?.status !== 'waiting') return;
        s.fee.status = 'unpaid';
        s.fee.settledOn = t.due;
        closePause(s, 'fee_notice', 'fee', t.due);
        return this.abandon('other.fee_unpaid', `the fee was not paid by ${t.due}`);
      case 'notice_receipt': {
        const n = s.notices.find((x) => x.id === t.ref);
        if (!n || n.receivedOn !== null) return;
        n.receiptReminders.push(t.due);
        return this.record('reminder', { clock: 'notice_receipt', noticeId: n.id, kind: n.kind, issuedOn: n.issuedOn, sentVia: n.sentVia, to: [s.department] });
      }
    }
  }

  private async abandon(resultCode: AnnualReportResultCode, reason: string): Promise<void> {
    this.state.decision = {
      replyType: null, resultCode, resultRow: rowOf(resultCode), decidedBy: 'system', decidedOn: today(), reason,
      legalBasis: resultCode === 'other.no_correction' ? '条例第三十条' : '国办函〔2020〕109号', whereToObtain: null, rightAgency: null, rightChannel: null,
      withheldParts: [], publicInterestOverride: null, onTheSpot: false,
    } satisfies DisclosureDecisionRecord;
    await this.enterStage('abandoned', { resultCode, resultRow: rowOf(resultCode), reason });
    await this.recompute();
  }

  // ---------------------------------------------------------------- actions (validated by rules.ts first)

  async requestCorrection(a: DisclosureCorrectionRequestAction): Promise<void> {
    const s = this.state;
    const requestedOn = a.requestedOn ?? today();
    const respondWithinWorkingDays = a.respondWithinWorkingDays ?? disclosureRules(this.policy).correctionPeriod.defaultWorkingDays;
    s.correction = { requestedOn, requestedBy: a.requestedBy, items: a.items, respondWithinWorkingDays, noticeId: nextNoticeId(s), noticeReceivedOn: a.noticeReceivedOn ?? null, correctedOn: null, receivedBy: null, outcome: 'waiting', late: null };
    s.pauses.push({ from: requestedOn, to: null, reason: 'correction', ref: 'correction', recordedBy: a.requestedBy, approvedBy: null, note: a.items.join('; ') });
    await this.enterStage('correction_requested', { requestedOn, requestedBy: a.requestedBy, items: a.items, respondWithinWorkingDays, periodStarts: 'on the applicant’s receipt of the notice' });
    await this.issueNotice({
      kind: 'correction_notice', addressee: 'applicant', addresseeName: null, ref: null, issuedOn: requestedOn, issuedBy: a.requestedBy, sentVia: a.sentVia,
      receivedOn: a.noticeReceivedOn, content: { kind: 'correction_notice', items: a.items, respondWithinWorkingDays },
    });
    await this.recompute();
  }

  async submitCorrection(a: DisclosureCorrectionAction): Promise<void> {
    const s = this.state;
    const correctedOn = a.correctedOn ?? today();
    const c = s.correction as NonNullable<DisclosureCaseState['correction']>;
    Object.assign(c, { correctedOn, receivedBy: a.receivedBy, outcome: 'corrected' });
    closePause(s, 'correction', 'correction', correctedOn);
    await this.recompute();
    await this.enterStage('corrected', { correctedOn, receivedBy: a.receivedBy, answerDue: s.deadlines?.answer.due ?? null, clockRestartedOn: correctedOn });
  }

  /** 条例第三十条: only 无正当理由 lapses the application; a late correction with a good reason reopens it. */
  async acceptLateCorrection(a: DisclosureLateCorrectionAction): Promise<void> {
    const s = this.state;
    const c = s.correction as NonNullable<DisclosureCaseState['correction']>;
    Object.assign(c, { correctedOn: a.correctedOn, receivedBy: a.receivedBy, outcome: 'corrected', late: { goodReason: a.goodReason, acceptedBy: a.acceptedBy, acceptedOn: today() } });
    s.decision = null;
    await this.recompute();
    await this.enterStage('corrected', {
      correctedOn: a.correctedOn, receivedBy: a.receivedBy, late: true, goodReason: a.goodReason, acceptedBy: a.acceptedBy, reopened: true,
      answerDue: s.deadlines?.answer.due ?? null, clockRestartedOn: a.correctedOn,
    });
  }

  async recordNoticeReceipt(a: DisclosureNoticeReceiptAction): Promise<void> {
    const { notice, started } = recordReceipt(this.state, a, today());
    await this.recompute();
    const s = this.state;
    const due = started === 'correction_due' ? s.deadlines?.correctionDueBy?.due : started === 'fee_payment' ? s.deadlines?.feePaymentBy?.due : started === 'consultation' ? s.consultations.find((c) => c.noticeId === notice.id)?.due : null;
    await this.record('notice_received', { noticeId: notice.id, kind: notice.kind, receivedOn: a.receivedOn, evidence: a.evidence, recordedBy: a.recordedBy, periodStarted: started, due: due ?? null });
  }

  async review(a: DisclosureReviewAction): Promise<void> {
    const s = this.state;
    const reviewedOn = a.reviewedOn ?? today();
    s.reviews.push({ reviewedBy: a.reviewedBy, reviewedOn, outcome: a.outcome, notes: a.notes ?? null });
    if (s.stage === 'registered' || s.stage === 'corrected') {
      await this.enterStage('confidentiality_review', { reviewedBy: a.reviewedBy, reviewedOn, outcome: a.outcome });
      await this.recompute();
    } else {
      await this.record('review', { reviewedBy: a.reviewedBy, reviewedOn, outcome: a.outcome });
    }
  }

  async requestConsultation(a: DisclosureConsultationAction): Promise<void> {
    const s = this.state;
    const requestedOn = a.requestedOn ?? today();
    const id = `c${s.consultations.length + 1}`;
    const c: DisclosureConsultationRecord = {
      id, party: a.party, consultee: a.consultee, matters: a.matters, requestedOn, requestReceivedOn: a.requestReceivedOn ?? null, requestedBy: a.requestedBy, noticeId: nextNoticeId(s),
      due: null, status: 'open', response: null, reasons: null, closedOn: null, applicantInformed: a.party === 'third_party',
    };
    s.consultations.push(c);
    // 第三十三条第三款: consultation time is not counted — the answer clock pauses from sending
    s.pauses.push({ from: requestedOn, to: null, reason: a.party === 'third_party' ? 'third_party_consultation' : 'co_producing_agency', ref: id, recordedBy: a.requestedBy, approvedBy: null, note: a.matters });
    const third = a.party === 'third_party';
    await this.recompute();
    const detail = { consultationId: id, party: c.party, requestedOn, requestReceivedOn: c.requestReceivedOn, due: c.due, answerClock: 'paused', applicantInformed: c.applicantInformed };
    if (s.stage === 'consultation') await this.record('consultation_opened', detail);
    else await this.enterStage('consultation', detail);
    await this.issueNotice({
      kind: 'consultation_request', addressee: a.party, addresseeName: a.consultee, ref: id, issuedOn: requestedOn, issuedBy: a.requestedBy, sentVia: a.sentVia, receivedOn: a.requestReceivedOn,
      content: { kind: 'consultation_request', consultationId: id, party: a.party, matters: a.matters, workingDays: third ? this.policy.thirdPartyConsultation.workingDays : this.policy.coProducingAgencyConsultation.workingDays, onSilence: third ? 'agency_decides' : 'consent' },
    });
    await this.recompute(); // the notice waits for its receipt: its reminder
  }

  async recordConsultationReply(a: DisclosureConsultationReplyAction): Promise<void> {
    const s = this.state;
    const c = s.consultations.find((x) => x.id === a.consultationId) as DisclosureConsultationRecord;
    const on = a.answeredOn ?? today();
    Object.assign(c, { status: 'answered', response: a.response, reasons: a.reasons ?? null, closedOn: on });
    closePause(s, c.party === 'third_party' ? 'third_party_consultation' : 'co_producing_agency', c.id, on);
    await this.recompute();
    await this.record('consultation_closed', { consultationId: c.id, party: c.party, response: c.response, closedOn: on, answerDue: s.deadlines?.answer.due ?? null });
  }

  async decide(a: DisclosureDecisionAction, onTheSpot: boolean): Promise<void> {
    const s = this.state;
    const resultCode = a.resultCode ?? REPLY_TYPE_RESULTS[a.replyType][0];
    const rightChannel = a.rightChannel ?? (a.replyType === 'not_disclosure_application' && s.filedAs !== 'disclosure_application' ? RIGHT_CHANNELS[s.filedAs].nameZh : null);
    const decidedOn = a.decidedOn ?? today();
    const o = a.publicInterestOverride;
    s.decision = {
      replyType: a.replyType, resultCode, resultRow: rowOf(resultCode), decidedBy: a.decidedBy, decidedOn, reason: a.reason ?? null, legalBasis: a.legalBasis ?? null,
      whereToObtain: a.whereToObtain ?? null, rightAgency: a.rightAgency ?? null, rightChannel, withheldParts: a.withheldParts ?? [], onTheSpot,
      publicInterestOverride: o ? { reasons: o.reasons, approvedBy: o.approvedBy, disclosedContent: o.disclosedContent, noticeId: nextNoticeId(s) } : null,
    };
    await this.enterStage('decided', {
      replyType: a.replyType, resultCode, resultRow: s.decision.resultRow, decidedBy: a.decidedBy, decidedOn, onTheSpot,
      withheldParts: s.decision.withheldParts.map((p) => ({ resultCode: p.resultCode })), publicInterestOverride: o !== undefined, ...(rightChannel ? { rightChannel } : {}),
    });
    if (o) {
      // 第三十二条: the third party is told in writing what is disclosed and why
      const objection = s.consultations.find((c) => c.party === 'third_party' && c.response === 'objection') as DisclosureConsultationRecord;
      await this.issueNotice({
        kind: 'public_interest_override_notice', addressee: 'third_party', addresseeName: objection.consultee, ref: objection.id, issuedOn: decidedOn, issuedBy: a.decidedBy, sentVia: o.sentVia,
        content: { kind: 'public_interest_override_notice', consultationId: objection.id, disclosedContent: o.disclosedContent, reasons: o.reasons },
      });
    }
  }

  async extend(a: DisclosureExtensionAction): Promise<void> {
    const s = this.state;
    const approvedOn = a.approvedOn ?? today();
    const dueBefore = s.deadlines?.answer.due ?? null;
    s.extension = { workingDays: a.workingDays, reason: a.reason, approvedBy: a.approval?.personName ?? a.approvedBy, approverRole: 'head_of_disclosure_office', approvedOn, dueBefore, dueAfter: null, noticeId: nextNoticeId(s), approval: a.approval ?? null };
    await this.recompute();
    const dueAfter = s.deadlines?.answer.due ?? null;
    s.extension.dueAfter = dueAfter;
    await this.record('extension', { workingDays: a.workingDays, reason: a.reason, approvedBy: s.extension.approvedBy, approverRole: a.approverRole, approval: a.approval ?? null, approvedOn, dueBefore, dueAfter });
    await this.issueNotice({
      kind: 'extension_notice', addressee: 'applicant', addresseeName: null, ref: null, issuedOn: approvedOn, issuedBy: a.approvedBy, sentVia: a.sentVia,
      content: { kind: 'extension_notice', workingDays: a.workingDays, reason: a.reason, dueBefore, dueAfter, approvedOn, approverOffice: a.approval?.office ?? APPROVER_OFFICE },
    });
  }

  async issueFeeNotice(a: DisclosureFeeNoticeAction): Promise<void> {
    const s = this.state;
    const issuedOn = a.issuedOn ?? today();
    const input = feeInputOf(this.input, a);
    const fee = computeFee(this.policy, input);
    s.fee = { issuedOn, issuedBy: a.issuedBy, noticeId: nextNoticeId(s), receivedOn: a.receivedOn ?? null, input, fee, status: 'waiting', settledOn: null, recordedBy: null, waiverApprovedBy: null, waiverApproval: null };
    s.pauses.push({ from: issuedOn, to: null, reason: 'fee_notice', ref: 'fee', recordedBy: a.issuedBy, approvedBy: null, note: `${fee.amountYuan} 元 (${fee.method})` });
    await this.enterStage('fee_notice', { issuedOn, issuedBy: a.issuedBy, method: fee.method, amountYuan: fee.amountYuan, lines: fee.lines, reference: fee.reference, applicantMonth: this.input.applicantMonth ?? null });
    await this.issueNotice({
      kind: 'fee_notice', addressee: 'applicant', addresseeName: null, ref: null, issuedOn, issuedBy: a.issuedBy, sentVia: a.sentVia, receivedOn: a.receivedOn,
      content: { kind: 'fee_notice', method: fee.method, amountYuan: fee.amountYuan, lines: fee.lines, reference: fee.reference, payWithinWorkingDays: this.policy.feePayment.payWithinWorkingDays },
    });
    await this.recompute();
  }

  async recordFeePayment(a: DisclosureFeePaymentAction): Promise<void> {
    const s = this.state;
    const on = a.on ?? today();
    const fee = s.fee as NonNullable<DisclosureCaseState['fee']>;
    Object.assign(fee, { status: a.outcome, settledOn: on, recordedBy: a.recordedBy });
    if (a.outcome === 'waived') {
      fee.waiverApprovedBy = a.approval?.personName ?? a.waiverApprovedBy ?? null;
      fee.waiverApproval = a.approval ?? null;
      fee.fee = computeFee(this.policy, { ...fee.input, waiver: { reason: 'hardship', approvedBy: fee.waiverApprovedBy as string } } as FeeInput);
    }
    closePause(s, 'fee_notice', 'fee', on);
    await this.recompute();
    await this.enterStage('decided', { fee: a.outcome, on, recordedBy: a.recordedBy, waiverApprovedBy: fee.waiverApprovedBy, waiverApproval: fee.waiverApproval, answerDue: s.deadlines?.answer.due ?? null });
    await this.recompute();
  }

  async requestExcessiveReasons(a: DisclosureExcessiveReasonsAction): Promise<void> {
    const s = this.state;
    const requestedOn = a.requestedOn ?? today();
    s.excessive = { reasonsRequested: { requestedOn, requestedBy: a.requestedBy, grounds: a.grounds, noticeId: nextNoticeId(s) }, period: null };
    await this.record('excessive_reasons_requested', { requestedOn, requestedBy: a.requestedBy });
    await this.issueNotice({
      kind: 'excessive_reasons_request', addressee: 'applicant', addresseeName: null, ref: null, issuedOn: requestedOn, issuedBy: a.requestedBy, sentVia: a.sentVia,
      content: { kind: 'excessive_reasons_request', grounds: a.grounds, reasonsWithinWorkingDays: a.reasonsWithinWorkingDays ?? null },
    });
  }

  async setExcessivePeriod(a: DisclosureExcessivePeriodAction): Promise<void> {
    const s = this.state;
    const decidedOn = a.decidedOn ?? today();
    const dueBefore = s.deadlines?.answer.due ?? null;
    const excessive = s.excessive as NonNullable<DisclosureCaseState['excessive']>;
    excessive.period = { due: a.due, reason: a.reason, decidedBy: a.decidedBy, decidedOn, noticeId: nextNoticeId(s) };
    await this.recompute();
    await this.record('excessive_period_set', { due: a.due, dueBefore, reason: a.reason, decidedBy: a.decidedBy, decidedOn });
    await this.issueNotice({
      kind: 'excessive_period_notice', addressee: 'applicant', addresseeName: null, ref: null, issuedOn: decidedOn, issuedBy: a.decidedBy, sentVia: a.sentVia,
      content: { kind: 'excessive_period_notice', due: a.due, reason: a.reason },
    });
  }

  async issueReply(a: DisclosureReplyAction): Promise<void> {
    const s = this.state;
    const issuedOn = a.issuedOn ?? today();
    const due = s.deadlines?.answer.due ?? null;
    const late = due !== null && issuedOn > due;
    s.reply = { issuedOn, issuedBy: a.issuedBy, deliveredVia: a.deliveredVia, letterRef: a.letterRef ?? null, due, late, copiedTo: 'disclosure_office' };
    await this.enterStage('reply_issued', { issuedOn, issuedBy: a.issuedBy, deliveredVia: a.deliveredVia, replyType: s.decision?.replyType ?? null, resultCode: s.decision?.resultCode ?? null, due, late, copiedTo: s.reply.copiedTo });
    if (s.decision?.replyType) await publication('reply letter 答复书').requestReplyLetter(this.replyLetterRequest());
    await this.recompute();
  }

  private replyLetterRequest(): DisclosureReplyLetterRequest {
    const s = this.state;
    const d = s.decision as DisclosureDecisionRecord;
    const r = s.reply as NonNullable<DisclosureCaseState['reply']>;
    return {
      requestId: replyLetterRequestId(s.caseId), caseId: s.caseId, applicationId: s.applicationId, jurisdiction: s.jurisdiction, department: s.department, copiedTo: r.copiedTo,
      applicant: { ...s.applicant }, filedAs: s.filedAs, channel: s.channel, deliveryForm: this.input.deliveryForm, receivedOn: s.receivedOn,
      correctedOn: s.correction?.correctedOn ?? null, answerDue: r.due,
      extension: s.extension ? { workingDays: s.extension.workingDays, approvedOn: s.extension.approvedOn, dueAfter: s.extension.dueAfter } : null,
      decision: {
        replyType: d.replyType as NonNullable<DisclosureDecisionRecord['replyType']>, resultCode: d.resultCode, resultRow: d.resultRow, decidedOn: d.decidedOn, reason: d.reason,
        legalBasis: d.legalBasis, whereToObtain: d.whereToObtain, rightAgency: d.rightAgency, rightChannel: d.rightChannel, withheldParts: d.withheldParts.map((p) => ({ ...p })),
        publicInterestOverride: d.publicInterestOverride !== null, onTheSpot: d.onTheSpot,
      },
      reply: { issuedOn: r.issuedOn, issuedBy: r.issuedBy, deliveredVia: r.deliveredVia, late: r.late, letterRef: r.letterRef },
      fee: s.fee ? { amountYuan: s.fee.fee.amountYuan, status: s.fee.status } : null,
    };
  }

  async archive(a: DisclosureArchiveAction): Promise<void> {
    const s = this.state;
    s.archive = { archivedBy: a.archivedBy, archivedOn: today(), archiveRef: a.archiveRef ?? null };
    await this.enterStage('archived', { archivedBy: a.archivedBy, archiveRef: a.archiveRef ?? null, resultCode: s.decision?.resultCode ?? null });
    s.overdue = false;
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.Overdue, value: false },
      { key: SEARCH_ATTRIBUTES.DueAt, value: null },
    ]);
    this.timers.replace([]);
    this.state.clocks = clockViews(this.state);
  }
}
