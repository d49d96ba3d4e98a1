// The information-disclosure application (依申请公开) workflow. Deterministic: no clock but the workflow's own,
// no network, no database. Deadlines come from the computeDisclosureDeadlines activity (which loads the official
// calendar) as plain dates; the workflow keeps them and arms durable timers on their instants.
import { allHandlersFinished, ApplicationFailure, condition, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { shanghaiDateOf, isIsoDate, type IsoDate, type Pause } from '@huiying/calendar';
import { computeFee, type FeeInput } from '@huiying/policy';
import {
  ANNUAL_REPORT_RESULTS,
  DISCLOSURE_ACTION_FAILURES,
  disclosureQueries,
  disclosureSignals,
  disclosureUpdates,
  REPLY_TYPE_RESULTS,
  REPLY_LETTER_PATCH,
  replyLetterRequestId,
  RIGHT_CHANNELS,
  SEARCH_ATTRIBUTES,
  type AnnualReportResultCode,
  type DisclosureArchiveAction,
  type DisclosureConsultationAction,
  type DisclosureConsultationRecord,
  type DisclosureConsultationReplyAction,
  type DisclosureCorrectionAction,
  type DisclosureCorrectionRequestAction,
  type DisclosureDecisionAction,
  type DisclosureDecisionRecord,
  type DisclosureActivities,
  type DisclosureApplicationInput,
  type DisclosureCalendarUpdatedSignal,
  type DisclosureCaseState,
  type DisclosureClockName,
  type DisclosureClockView,
  type DisclosureDeadlineRequest,
  type DisclosureStage,
  type DisclosureExtensionAction,
  type DisclosureFeeNoticeAction,
  type DisclosureFeePaymentAction,
  type DisclosureReplyAction,
  type DisclosureReplyLetterRequest,
  type PublicationActivities,
  type DisclosureReviewAction,
} from '@huiying/contracts/workflow';

const activities = proxyActivities<DisclosureActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The reply letter (告知书) is rendered and stored by publication (publication.requested.v1). */
const publication = proxyActivities<PublicationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const DEFAULT_CORRECTION_WORKING_DAYS = 15;
/** Offices told when a deadline passes (督办). */
const ESCALATE_TO = ['disclosure_office', 'general_office'];
/** Stages in which the answer is still owed. */
const OPEN_STAGES: readonly DisclosureStage[] = ['received', 'registered', 'correction_requested', 'corrected', 'confidentiality_review', 'consultation', 'decided', 'fee_notice'];

function conflict(message: string): never {
  throw ApplicationFailure.create({ type: DISCLOSURE_ACTION_FAILURES.conflict, message, nonRetryable: true });
}
function invalid(message: string): never {
  throw ApplicationFailure.create({ type: DISCLOSURE_ACTION_FAILURES.invalid, message, nonRetryable: true });
}
function required(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') invalid(`${field} is required`);
}
function checkDate(value: string | undefined, field: string): void {
  if (value !== undefined && !isIsoDate(value)) invalid(`${field} must be a real date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}
function today(): IsoDate {
  // The workflow's clock is deterministic (replayed from history).
  return shanghaiDateOf(new Date().toISOString());
}

interface Timer {
  key: string;
  at: number;
  clock: DisclosureClockName;
  kind: 'reminder' | 'due';
  ref?: string;
  due: string;
  workingDaysBefore?: number;
}

export async function disclosureApplicationWorkflow(input: DisclosureApplicationInput): Promise<DisclosureCaseState> {
  const state: DisclosureCaseState = {
    caseId: input.caseId,
    applicationId: input.applicationId,
    kind: 'disclosure',
    stage: 'received',
    department: input.leadDepartment,
    ccDepartments: input.ccDepartments,
    jurisdiction: input.jurisdiction,
    policyVersion: input.policy.version,
    applicant: input.applicant,
    channel: input.channel,
    filedAs: input.filedAs,
    receivedOn: input.receivedOn,
    correction: null,
    reviews: [],
    consultations: [],
    pauses: [],
    extension: null,
    fee: null,
    decision: null,
    reply: null,
    archive: null,
    deadlines: null,
    clocks: [],
    overdue: false,
    reminders: [],
    escalations: [],
    calendarUpdates: [],
    history: [],
  };
  const fired = new Set<string>();
  let timers: Timer[] = [];
  let wake = 0;
  let recomputeRequested = false;
  const policy = input.policy;

  // ---------------------------------------------------------------- events, stages, search attributes

  async function emit(stage: DisclosureStage, detail: Record<string, unknown>, change: string = 'stage'): Promise<void> {
    const previousStage = state.history.length ? state.stage : null;
    const sequence = state.history.length + 1;
    const at = new Date().toISOString();
    state.stage = stage;
    const fullDetail = change === 'stage' ? detail : { change, ...detail };
    state.history.push({ sequence, stage, at, detail: fullDetail });
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.CaseStage, value: stage },
      { key: SEARCH_ATTRIBUTES.Department, value: state.department },
    ]);
    await activities.emitCaseEvent({
      caseId: state.caseId,
      kind: 'disclosure',
      sequence,
      stage,
      previousStage,
      department: state.department,
      ccDepartments: state.ccDepartments,
      grade: null,
      jurisdiction: state.jurisdiction,
      occurredAt: at,
      detail: fullDetail,
    });
  }
  const enterStage = (stage: DisclosureStage, detail: Record<string, unknown>) => emit(stage, detail);
  const record = (change: string, detail: Record<string, unknown>) => emit(state.stage, detail, change);

  function answerOwed(): boolean {
    return OPEN_STAGES.includes(state.stage);
  }

  // ---------------------------------------------------------------- deadlines

  function deadlineRequest(): DisclosureDeadlineRequest {
    const pauses: Pause[] = state.pauses.map((p) => ({ from: p.from, to: p.to, reason: p.reason }));
    return {
      policy,
      receivedOn: input.receivedOn,
      correctedOn: state.correction?.correctedOn ?? null,
      pauses,
      extension: state.extension
        ? { workingDays: state.extension.workingDays, approvedBy: state.extension.approvedBy, approverRole: state.extension.approverRole }
        : null,
      correctionRequest:
        state.correction?.outcome === 'waiting' ? { requestedOn: state.correction.requestedOn, workingDays: state.correction.respondWithinWorkingDays } : null,
      consultations: state.consultations
        .filter((c) => c.status === 'open')
        .map((c) => ({ id: c.id, party: c.party, requestReceivedOn: c.requestReceivedOn })),
      feeNoticeOn: state.fee?.status === 'waiting' ? state.fee.issuedOn : null,
    };
  }

  /** Runs the deadline activity with the current inputs, stores the answer, re-arms every timer. */
  async function recompute(): Promise<void> {
    const d = await activities.computeDisclosureDeadlines(deadlineRequest());
    state.deadlines = d;
    for (const c of d.consultations) {
      const rec = state.consultations.find((x) => x.id === c.id);
      if (rec) rec.due = c.due;
    }
    const next: Timer[] = [];
    if (answerOwed() && d.answer.status === 'running' && d.answer.dueAt) {
      for (const r of d.answer.reminders) {
        next.push({ key: `answer.reminder.${r.workingDaysBefore}.${r.date}`, at: Date.parse(r.at), clock: 'answer', kind: 'reminder', due: d.answer.due as string, workingDaysBefore: r.workingDaysBefore });
      }
      next.push({ key: `answer.due.${d.answer.due}`, at: Date.parse(d.answer.dueAt), clock: 'answer', kind: 'due', due: d.answer.due as string });
    }
    if (state.stage === 'registered' && !state.correction) {
      next.push({ key: `correction_window.due.${d.correctionRequestBy.due}`, at: Date.parse(d.correctionRequestBy.dueAt), clock: 'correction_window', kind: 'due', due: d.correctionRequestBy.due });
    }
    if (d.correctionDueBy && state.correction?.outcome === 'waiting') {
      next.push({ key: `correction_due.${d.correctionDueBy.due}`, at: Date.parse(d.correctionDueBy.dueAt), clock: 'correction_due', kind: 'due', due: d.correctionDueBy.due });
    }
    for (const c of d.consultations) {
      next.push({ key: `consultation.${c.id}.${c.due}`, at: Date.parse(c.dueAt), clock: 'consultation', kind: 'due', ref: c.id, due: c.due });
    }
    if (d.feePaymentBy && state.fee?.status === 'waiting') {
      next.push({ key: `fee_payment.${d.feePaymentBy.due}`, at: Date.parse(d.feePaymentBy.dueAt), clock: 'fee_payment', kind: 'due', due: d.feePaymentBy.due });
    }
    timers = next.sort((a, b) => a.at - b.at);
    refreshOverdue();
    refreshClocks();
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.DueAt, value: answerOwed() && d.answer.dueAt ? new Date(d.answer.dueAt) : null },
      { key: SEARCH_ATTRIBUTES.ExtendedDueAt, value: state.extension && d.answer.dueAt ? new Date(d.answer.dueAt) : null },
      { key: SEARCH_ATTRIBUTES.Overdue, value: state.overdue },
    ]);
  }

  function refreshOverdue(): void {
    const a = state.deadlines?.answer;
    state.overdue = answerOwed() && !!a && a.status === 'running' && !!a.dueAt && Date.now() > Date.parse(a.dueAt);
  }

  function refreshClocks(): void {
    const d = state.deadlines;
    if (!d) return;
    const clocks: DisclosureClockView[] = [];
    const a = d.answer;
    const answerStatus: DisclosureClockView['status'] = state.reply
      ? state.reply.late
        ? 'late'
        : 'met'
      : !answerOwed()
        ? 'closed'
        : a.status === 'paused'
          ? 'paused'
          : state.overdue
            ? 'overdue'
            : 'running';
    clocks.push({ name: 'answer', due: state.reply ? state.reply.due : a.due, dueAt: a.dueAt, provisional: a.provisional, status: answerStatus });
    const cw = d.correctionRequestBy;
    clocks.push({
      name: 'correction_window',
      due: cw.due,
      dueAt: cw.dueAt,
      provisional: cw.provisional,
      status: state.correction ? 'met' : state.stage === 'registered' ? 'running' : 'closed',
    });
    if (state.correction) {
      clocks.push({
        name: 'correction_due',
        due: d.correctionDueBy?.due ?? null,
        dueAt: d.correctionDueBy?.dueAt ?? null,
        provisional: d.correctionDueBy?.provisional ?? false,
        status: state.correction.outcome === 'waiting' ? 'running' : state.correction.outcome === 'corrected' ? 'met' : 'late',
      });
    }
    for (const c of state.consultations) {
      const live = d.consultations.find((x) => x.id === c.id);
      clocks.push({
        name: 'consultation',
        ref: c.id,
        due: c.due,
        dueAt: live?.dueAt ?? null,
        provisional: live?.provisional ?? false,
        status: c.status === 'open' ? 'running' : c.status === 'answered' ? 'met' : 'closed',
      });
    }
    if (state.fee && state.fee.fee.chargeable) {
      clocks.push({
        name: 'fee_payment',
        due: d.feePaymentBy?.due ?? null,
        dueAt: d.feePaymentBy?.dueAt ?? null,
        provisional: d.feePaymentBy?.provisional ?? false,
        status: state.fee.status === 'waiting' ? 'running' : state.fee.status === 'unpaid' ? 'late' : 'met',
      });
    }
    state.clocks = clocks;
  }

  async function fireDueTimers(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const t = timers.find((x) => x.at <= now && !fired.has(x.key));
      if (!t) return;
      fired.add(t.key);
      await onTimer(t);
    }
  }

  async function onTimer(t: Timer): Promise<void> {
    if (t.clock === 'answer') {
      if (!answerOwed() || state.deadlines?.answer.status !== 'running') return;
      if (t.kind === 'reminder') {
        state.reminders.push({ clock: 'answer', date: today(), workingDaysBefore: t.workingDaysBefore ?? 0 });
        await record('reminder', { clock: 'answer', due: t.due, workingDaysBefore: t.workingDaysBefore, to: [state.department] });
      } else {
        state.overdue = true;
        upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.Overdue, value: true }]);
        state.escalations.push({ clock: 'answer', due: t.due, at: new Date().toISOString() });
        refreshClocks();
        await record('escalation', { clock: 'answer', due: t.due, escalatedTo: ESCALATE_TO });
      }
      return;
    }
    if (t.clock === 'correction_window') {
      if (state.stage !== 'registered' || state.correction) return;
      state.escalations.push({ clock: 'correction_window', due: t.due, at: new Date().toISOString() });
      await record('escalation', {
        clock: 'correction_window',
        due: t.due,
        escalatedTo: ESCALATE_TO,
        note: 'the 7 working days to ask for a correction passed while the application was still only registered',
      });
      return;
    }
    if (t.clock === 'correction_due') {
      if (state.correction?.outcome !== 'waiting') return;
      state.correction.outcome = 'abandoned';
      closePause('correction', 'correction', t.due);
      await abandon('other.no_correction', `no correction received by ${t.due}`);
      return;
    }
    if (t.clock === 'consultation') {
      const c = state.consultations.find((x) => x.id === t.ref);
      if (!c || c.status !== 'open') return;
      c.status = 'silent';
      c.response = c.party === 'third_party' ? 'silence_agency_decides' : 'silence_consent';
      c.closedOn = t.due;
      closePause(c.party === 'third_party' ? 'third_party_consultation' : 'co_producing_agency', c.id, t.due);
      await recompute();
      await record('consultation_closed', { consultationId: c.id, party: c.party, response: c.response, closedOn: t.due, answerDue: state.deadlines?.answer.due ?? null });
      return;
    }
    if (t.clock === 'fee_payment') {
      if (state.fee?.status !== 'waiting') return;
      state.fee.status = 'unpaid';
      state.fee.settledOn = t.due;
      closePause('fee_notice', 'fee', t.due);
      await abandon('other.fee_unpaid', `the fee was not paid by ${t.due}`);
    }
  }

  async function abandon(resultCode: AnnualReportResultCode, reason: string): Promise<void> {
    state.decision = {
      replyType: null,
      resultCode,
      resultRow: rowOf(resultCode),
      decidedBy: 'system',
      decidedOn: today(),
      reason,
      legalBasis: resultCode === 'other.no_correction' ? '条例第三十条' : '国办函〔2020〕109号',
      whereToObtain: null,
      rightAgency: null,
      rightChannel: null,
      withheldParts: [],
      publicInterestOverride: null,
      onTheSpot: false,
    } satisfies DisclosureDecisionRecord;
    await enterStage('abandoned', { resultCode, resultRow: rowOf(resultCode), reason });
    await recompute();
  }

  function closePause(reason: DisclosureCaseState['pauses'][number]['reason'], ref: string, to: string): void {
    for (const p of state.pauses) if (p.reason === reason && p.ref === ref && p.to === null) p.to = to;
  }

  function rowOf(code: AnnualReportResultCode): string {
    return ANNUAL_REPORT_RESULTS.find((r) => r.code === code)?.row ?? '';
  }

  // ---------------------------------------------------------------- queries and signals

  setHandler(disclosureQueries.state, () => state);
  setHandler(disclosureQueries.clocks, () => state.clocks);
  setHandler(disclosureQueries.history, () => state.history);
  setHandler(disclosureSignals.calendarUpdated, (s: DisclosureCalendarUpdatedSignal) => {
    state.calendarUpdates.push({ year: s.year, revision: s.revision });
    recomputeRequested = true;
    wake++;
  });

  // ---------------------------------------------------------------- actions

  function expectStage(action: string, ...stages: DisclosureStage[]): void {
    if (!stages.includes(state.stage)) conflict(`${action} is not possible in stage ${state.stage} (only in ${stages.join(', ')})`);
  }

  setHandler(
    disclosureUpdates.requestCorrection,
    async (a: DisclosureCorrectionRequestAction) => {
      const requestedOn = a.requestedOn ?? today();
      state.correction = {
        requestedOn,
        requestedBy: a.requestedBy,
        items: a.items,
        respondWithinWorkingDays: a.respondWithinWorkingDays ?? DEFAULT_CORRECTION_WORKING_DAYS,
        correctedOn: null,
        receivedBy: null,
        outcome: 'waiting',
      };
      state.pauses.push({ from: requestedOn, to: null, reason: 'correction', ref: 'correction', recordedBy: a.requestedBy, approvedBy: null, note: a.items.join('; ') });
      await enterStage('correction_requested', { requestedOn, requestedBy: a.requestedBy, items: a.items, respondWithinWorkingDays: state.correction.respondWithinWorkingDays });
      await recompute();
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureCorrectionRequestAction) => {
        expectStage('a correction request', 'registered');
        if (state.correction) conflict('a correction was already requested: it is asked for once, listing everything (一次性告知)');
        required(a.requestedBy, 'requestedBy');
        if (!Array.isArray(a.items) || a.items.length === 0 || a.items.some((i) => typeof i !== 'string' || !i.trim())) invalid('items must list what is unclear or missing');
        checkDate(a.requestedOn, 'requestedOn');
        if (a.respondWithinWorkingDays !== undefined && (!Number.isInteger(a.respondWithinWorkingDays) || a.respondWithinWorkingDays < 1 || a.respondWithinWorkingDays > 60)) {
          invalid('respondWithinWorkingDays must be 1 to 60 working days');
        }
        const on = a.requestedOn ?? today();
        if (on < input.receivedOn) invalid(`requestedOn ${on} is before the receipt ${input.receivedOn}`);
        const by = state.deadlines?.correctionRequestBy.due;
        if (by && on > by) conflict(`a correction must be requested within ${policy.correction.requestWithinWorkingDays} working days of receipt, i.e. by ${by}`);
      },
    },
  );

  setHandler(
    disclosureUpdates.submitCorrection,
    async (a: DisclosureCorrectionAction) => {
      const correctedOn = a.correctedOn ?? today();
      const c = state.correction as NonNullable<DisclosureCaseState['correction']>;
      c.correctedOn = correctedOn;
      c.receivedBy = a.receivedBy;
      c.outcome = 'corrected';
      closePause('correction', 'correction', correctedOn);
      await recompute();
      await enterStage('corrected', { correctedOn, receivedBy: a.receivedBy, answerDue: state.deadlines?.answer.due ?? null, clockRestartedOn: correctedOn });
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureCorrectionAction) => {
        expectStage('a correction', 'correction_requested');
        required(a.receivedBy, 'receivedBy');
        checkDate(a.correctedOn, 'correctedOn');
        const on = a.correctedOn ?? today();
        const c = state.correction;
        if (c && on < c.requestedOn) invalid(`correctedOn ${on} is before the correction request of ${c.requestedOn}`);
        const by = state.deadlines?.correctionDueBy?.due;
        if (by && on > by) conflict(`the correction period ended on ${by}: the application is deemed withdrawn`);
      },
    },
  );

  setHandler(
    disclosureUpdates.review,
    async (a: DisclosureReviewAction) => {
      const reviewedOn = a.reviewedOn ?? today();
      state.reviews.push({ reviewedBy: a.reviewedBy, reviewedOn, outcome: a.outcome, notes: a.notes ?? null });
      if (state.stage === 'registered' || state.stage === 'corrected') {
        await enterStage('confidentiality_review', { reviewedBy: a.reviewedBy, reviewedOn, outcome: a.outcome });
        await recompute();
      } else {
        await record('review', { reviewedBy: a.reviewedBy, reviewedOn, outcome: a.outcome });
      }
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureReviewAction) => {
        expectStage('a confidentiality review', 'registered', 'corrected', 'confidentiality_review', 'consultation');
        required(a.reviewedBy, 'reviewedBy');
        if (!['cleared', 'contains_exempt_parts', 'exempt', 'needs_consultation'].includes(a.outcome)) invalid(`outcome ${String(a.outcome)} is not a review outcome`);
        checkDate(a.reviewedOn, 'reviewedOn');
      },
    },
  );

  setHandler(
    disclosureUpdates.requestConsultation,
    async (a: DisclosureConsultationAction) => {
      const requestedOn = a.requestedOn ?? today();
      const c: DisclosureConsultationRecord = {
        id: `c${state.consultations.length + 1}`,
        party: a.party,
        consultee: a.consultee,
        matters: a.matters,
        requestedOn,
        requestReceivedOn: a.requestReceivedOn ?? requestedOn,
        requestedBy: a.requestedBy,
        due: null,
        status: 'open',
        response: null,
        reasons: null,
        closedOn: null,
        applicantInformed: a.party === 'third_party',
      };
      state.consultations.push(c);
      state.pauses.push({
        from: requestedOn,
        to: null,
        reason: a.party === 'third_party' ? 'third_party_consultation' : 'co_producing_agency',
        ref: c.id,
        recordedBy: a.requestedBy,
        approvedBy: null,
        note: a.matters,
      });
      await recompute();
      const detail = { consultationId: c.id, party: c.party, requestedOn, due: c.due, answerClock: 'paused', applicantInformed: c.applicantInformed };
      if (state.stage === 'consultation') await record('consultation_opened', detail);
      else await enterStage('consultation', detail);
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureConsultationAction) => {
        expectStage('a consultation', 'confidentiality_review', 'consultation');
        if (a.party !== 'third_party' && a.party !== 'co_producing_agency') invalid('party must be third_party or co_producing_agency');
        required(a.consultee, 'consultee');
        required(a.matters, 'matters');
        required(a.requestedBy, 'requestedBy');
        checkDate(a.requestedOn, 'requestedOn');
        checkDate(a.requestReceivedOn, 'requestReceivedOn');
        const on = a.requestedOn ?? today();
        if (on < (state.correction?.correctedOn ?? input.receivedOn)) invalid(`requestedOn ${on} is before the application's receipt`);
        if (a.requestReceivedOn && a.requestReceivedOn < on) invalid('requestReceivedOn is before requestedOn');
      },
    },
  );

  setHandler(
    disclosureUpdates.recordConsultationReply,
    async (a: DisclosureConsultationReplyAction) => {
      const c = state.consultations.find((x) => x.id === a.consultationId) as DisclosureConsultationRecord;
      const on = a.answeredOn ?? today();
      c.status = 'answered';
      c.response = a.response;
      c.reasons = a.reasons ?? null;
      c.closedOn = on;
      closePause(c.party === 'third_party' ? 'third_party_consultation' : 'co_producing_agency', c.id, on);
      await recompute();
      await record('consultation_closed', { consultationId: c.id, party: c.party, response: c.response, closedOn: on, answerDue: state.deadlines?.answer.due ?? null });
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureConsultationReplyAction) => {
        const c = state.consultations.find((x) => x.id === a.consultationId);
        if (!c) invalid(`no consultation ${String(a.consultationId)} on this case`);
        if (c.status !== 'open') conflict(`consultation ${c.id} is already closed (${c.response} on ${c.closedOn})`);
        if (a.response !== 'consent' && a.response !== 'objection') invalid('response must be consent or objection');
        if (a.response === 'objection' && (typeof a.reasons !== 'string' || !a.reasons.trim())) invalid('an objection is recorded with its reasons');
        checkDate(a.answeredOn, 'answeredOn');
        const on = a.answeredOn ?? today();
        if (on < c.requestedOn) invalid(`answeredOn ${on} is before the request of ${c.requestedOn}`);
      },
    },
  );

  setHandler(
    disclosureUpdates.decide,
    async (a: DisclosureDecisionAction) => {
      await applyDecision(a, false);
      wake++;
      return state;
    },
    { validator: (a: DisclosureDecisionAction) => validateDecision(a) },
  );

  function validateDecision(a: DisclosureDecisionAction): void {
    expectStage('a decision', 'registered', 'corrected', 'confidentiality_review', 'consultation');
    const open = state.consultations.filter((c) => c.status === 'open');
    if (open.length) conflict(`consultation ${open.map((c) => c.id).join(', ')} is still open`);
    const allowed = REPLY_TYPE_RESULTS[a.replyType];
    if (!allowed) invalid(`replyType ${String(a.replyType)} is not a reply type`);
    required(a.decidedBy, 'decidedBy');
    checkDate(a.decidedOn, 'decidedOn');
    if (a.resultCode !== undefined && !allowed.includes(a.resultCode)) {
      invalid(`a ${a.replyType} reply is counted as ${allowed.join(' or ')}, not ${a.resultCode}`);
    }
    const providesInformation = a.replyType === 'disclosed' || a.replyType === 'partly_disclosed';
    if (providesInformation && state.reviews.length === 0) conflict('information is disclosed only after the confidentiality review (谁公开、谁审查)');
    if (a.replyType === 'already_public') required(a.whereToObtain, 'whereToObtain');
    if (a.replyType === 'not_disclosed') {
      required(a.reason, 'reason');
      if (a.resultCode === undefined) invalid(`resultCode is required for not_disclosed: one of ${allowed.join(', ')}`);
    }
    if (a.replyType === 'partly_disclosed') {
      if (!Array.isArray(a.withheldParts) || a.withheldParts.length === 0) invalid('withheldParts must list what is withheld and why');
      for (const [i, p] of a.withheldParts.entries()) {
        required(p?.description, `withheldParts[${i}].description`);
        required(p?.reason, `withheldParts[${i}].reason`);
        if (!p.resultCode || !(p.resultCode.startsWith('withheld.') || p.resultCode.startsWith('unavailable.'))) {
          invalid(`withheldParts[${i}].resultCode must be a 不予公开 or 无法提供 reason code`);
        }
      }
    }
    if (a.replyType === 'not_this_agency') required(a.rightAgency ?? a.reason, 'rightAgency');
    if (a.replyType === 'special_law') required(a.legalBasis, 'legalBasis');
    const objection = state.consultations.find((c) => c.party === 'third_party' && c.response === 'objection');
    if (objection && (a.replyType === 'disclosed' || a.replyType === 'already_public')) {
      const o = a.publicInterestOverride;
      if (!o) {
        conflict(`the third party (${objection.id}) objected with reasons: not disclosed unless a public-interest override is recorded (条例第三十二条)`);
      }
      required(o.reasons, 'publicInterestOverride.reasons');
      required(o.approvedBy, 'publicInterestOverride.approvedBy');
      if (!isIsoDate(o.thirdPartyNotifiedOn)) invalid('publicInterestOverride.thirdPartyNotifiedOn must be the date the third party was told in writing');
    }
  }

  async function applyDecision(a: DisclosureDecisionAction, onTheSpot: boolean): Promise<void> {
    const resultCode = a.resultCode ?? REPLY_TYPE_RESULTS[a.replyType][0];
    const rightChannel =
      a.rightChannel ?? (a.replyType === 'not_disclosure_application' && state.filedAs !== 'disclosure_application' ? RIGHT_CHANNELS[state.filedAs].nameZh : null);
    state.decision = {
      replyType: a.replyType,
      resultCode,
      resultRow: rowOf(resultCode),
      decidedBy: a.decidedBy,
      decidedOn: a.decidedOn ?? today(),
      reason: a.reason ?? null,
      legalBasis: a.legalBasis ?? null,
      whereToObtain: a.whereToObtain ?? null,
      rightAgency: a.rightAgency ?? null,
      rightChannel,
      withheldParts: a.withheldParts ?? [],
      publicInterestOverride: a.publicInterestOverride ?? null,
      onTheSpot,
    };
    await enterStage('decided', {
      replyType: a.replyType,
      resultCode,
      resultRow: state.decision.resultRow,
      decidedBy: a.decidedBy,
      decidedOn: state.decision.decidedOn,
      withheldParts: state.decision.withheldParts.map((p) => ({ resultCode: p.resultCode })),
      publicInterestOverride: state.decision.publicInterestOverride !== null,
      onTheSpot,
      ...(rightChannel ? { rightChannel } : {}),
    });
  }

  setHandler(
    disclosureUpdates.extend,
    async (a: DisclosureExtensionAction) => {
      const approvedOn = a.approvedOn ?? today();
      const dueBefore = state.deadlines?.answer.due ?? null;
      state.extension = {
        workingDays: a.workingDays,
        reason: a.reason,
        approvedBy: a.approvedBy,
        approverRole: 'head_of_disclosure_office',
        approvedOn,
        dueBefore,
        dueAfter: null,
        applicantNotifiedOn: a.applicantNotifiedOn ?? null,
      };
      await recompute();
      state.extension.dueAfter = state.deadlines?.answer.due ?? null;
      await record('extension', {
        workingDays: a.workingDays,
        reason: a.reason,
        approvedBy: a.approvedBy,
        approverRole: a.approverRole,
        approvedOn,
        dueBefore,
        dueAfter: state.extension.dueAfter,
        notifyApplicant: true,
        applicantNotifiedOn: state.extension.applicantNotifiedOn,
      });
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureExtensionAction) => {
        if (!answerOwed()) conflict(`no extension in stage ${state.stage}: the answer is no longer owed`);
        if (state.extension) {
          conflict(`the deadline was already extended once (${state.extension.workingDays} working days, approved by ${state.extension.approvedBy} on ${state.extension.approvedOn}); a second extension is not allowed (条例第三十三条)`);
        }
        if (a.approverRole !== policy.extension.approver) invalid(`an extension is approved by the ${policy.extension.approver}, not ${String(a.approverRole)}`);
        required(a.approvedBy, 'approvedBy');
        required(a.reason, 'reason');
        if (!Number.isInteger(a.workingDays) || a.workingDays < 1 || a.workingDays > policy.extension.maxWorkingDays) {
          invalid(`an extension is 1 to ${policy.extension.maxWorkingDays} working days, got ${String(a.workingDays)}`);
        }
        checkDate(a.approvedOn, 'approvedOn');
        checkDate(a.applicantNotifiedOn, 'applicantNotifiedOn');
        const due = state.deadlines?.answer.due;
        const on = a.approvedOn ?? today();
        if (due && on > due) conflict(`the answer deadline ${due} has passed: an extension must be approved before it`);
      },
    },
  );

  function feeInputOf(a: DisclosureFeeNoticeAction): FeeInput {
    return a.method === 'per_page'
      ? { method: 'per_page', pages: a.pages as number }
      : { method: 'per_application', priorApplicationsThisMonth: a.priorApplicationsThisMonth as number, applications: a.applications ?? 1 };
  }

  setHandler(
    disclosureUpdates.issueFeeNotice,
    async (a: DisclosureFeeNoticeAction) => {
      const issuedOn = a.issuedOn ?? today();
      const feeInput = feeInputOf(a);
      const fee = computeFee(policy, feeInput);
      state.fee = { issuedOn, issuedBy: a.issuedBy, input: feeInput, fee, status: 'waiting', settledOn: null, recordedBy: null, waiverApprovedBy: null };
      state.pauses.push({ from: issuedOn, to: null, reason: 'fee_notice', ref: 'fee', recordedBy: a.issuedBy, approvedBy: null, note: `${fee.amountYuan} 元 (${fee.method})` });
      await enterStage('fee_notice', { issuedOn, issuedBy: a.issuedBy, method: fee.method, amountYuan: fee.amountYuan, lines: fee.lines, reference: fee.reference });
      await recompute();
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureFeeNoticeAction) => {
        expectStage('a fee notice', 'decided');
        if (state.fee) conflict('a fee notice was already issued for this application');
        const rt = state.decision?.replyType;
        if (rt !== 'disclosed' && rt !== 'partly_disclosed') conflict(`no fee for a ${String(rt)} reply: fees are charged only for information provided`);
        required(a.issuedBy, 'issuedBy');
        checkDate(a.issuedOn, 'issuedOn');
        if (a.method === 'per_page' && (a.priorApplicationsThisMonth !== undefined || a.applications !== undefined)) invalid('one method per application: per page or per application, never both');
        let fee;
        try {
          fee = computeFee(policy, feeInputOf(a));
        } catch (e) {
          invalid((e as Error).message);
        }
        if (!fee.chargeable) conflict(`within the free tier of ${fee.reference}: no fee is charged (${fee.method})`);
      },
    },
  );

  setHandler(
    disclosureUpdates.recordFeePayment,
    async (a: DisclosureFeePaymentAction) => {
      const on = a.on ?? today();
      const fee = state.fee as NonNullable<DisclosureCaseState['fee']>;
      fee.status = a.outcome;
      fee.settledOn = on;
      fee.recordedBy = a.recordedBy;
      if (a.outcome === 'waived') {
        fee.waiverApprovedBy = a.waiverApprovedBy ?? null;
        fee.fee = computeFee(policy, { ...fee.input, waiver: { reason: 'hardship', approvedBy: a.waiverApprovedBy as string } } as FeeInput);
      }
      closePause('fee_notice', 'fee', on);
      await recompute();
      await enterStage('decided', { fee: a.outcome, on, recordedBy: a.recordedBy, waiverApprovedBy: fee.waiverApprovedBy, answerDue: state.deadlines?.answer.due ?? null });
      await recompute();
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureFeePaymentAction) => {
        expectStage('a fee payment', 'fee_notice');
        if (a.outcome !== 'paid' && a.outcome !== 'waived') invalid('outcome must be paid or waived');
        required(a.recordedBy, 'recordedBy');
        checkDate(a.on, 'on');
        if (a.outcome === 'waived') {
          required(a.waiverApprovedBy, 'waiverApprovedBy');
          if (a.approverRole !== policy.extension.approver) invalid(`a hardship waiver is approved by the ${policy.extension.approver}`);
        }
        const fee = state.fee;
        const on = a.on ?? today();
        if (fee && on < fee.issuedOn) invalid(`${on} is before the fee notice of ${fee.issuedOn}`);
        const by = state.deadlines?.feePaymentBy?.due;
        if (by && on > by && a.outcome === 'paid') conflict(`the payment window ended on ${by}`);
      },
    },
  );

  setHandler(
    disclosureUpdates.issueReply,
    async (a: DisclosureReplyAction) => {
      await issueReply(a);
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureReplyAction) => {
        if (state.stage === 'fee_notice') conflict('the fee notice is not settled yet (paid or waived)');
        expectStage('a reply', 'decided');
        required(a.issuedBy, 'issuedBy');
        required(a.deliveredVia, 'deliveredVia');
        checkDate(a.issuedOn, 'issuedOn');
        const on = a.issuedOn ?? today();
        if (state.decision && on < state.decision.decidedOn) invalid(`issuedOn ${on} is before the decision of ${state.decision.decidedOn}`);
      },
    },
  );

  async function issueReply(a: DisclosureReplyAction): Promise<void> {
    const issuedOn = a.issuedOn ?? today();
    const due = state.deadlines?.answer.due ?? null;
    const late = due !== null && issuedOn > due;
    state.reply = { issuedOn, issuedBy: a.issuedBy, deliveredVia: a.deliveredVia, letterRef: a.letterRef ?? null, due, late, copiedTo: 'disclosure_office' };
    await enterStage('reply_issued', {
      issuedOn,
      issuedBy: a.issuedBy,
      deliveredVia: a.deliveredVia,
      replyType: state.decision?.replyType ?? null,
      resultCode: state.decision?.resultCode ?? null,
      due,
      late,
      copiedTo: state.reply.copiedTo,
    });
    // Histories recorded before reply letters existed replay without this activity.
    if (patched(REPLY_LETTER_PATCH) && state.decision?.replyType) await publication.requestReplyLetter(replyLetterRequest());
    await recompute();
  }

  function replyLetterRequest(): DisclosureReplyLetterRequest {
    const d = state.decision as DisclosureDecisionRecord;
    const r = state.reply as NonNullable<DisclosureCaseState['reply']>;
    return {
      requestId: replyLetterRequestId(state.caseId),
      caseId: state.caseId,
      applicationId: state.applicationId,
      jurisdiction: state.jurisdiction,
      department: state.department,
      copiedTo: r.copiedTo,
      applicant: { ...state.applicant },
      filedAs: state.filedAs,
      channel: state.channel,
      deliveryForm: input.deliveryForm,
      receivedOn: state.receivedOn,
      correctedOn: state.correction?.correctedOn ?? null,
      answerDue: r.due,
      extension: state.extension ? { workingDays: state.extension.workingDays, approvedOn: state.extension.approvedOn, dueAfter: state.extension.dueAfter } : null,
      decision: {
        replyType: d.replyType as NonNullable<DisclosureDecisionRecord['replyType']>,
        resultCode: d.resultCode,
        resultRow: d.resultRow,
        decidedOn: d.decidedOn,
        reason: d.reason,
        legalBasis: d.legalBasis,
        whereToObtain: d.whereToObtain,
        rightAgency: d.rightAgency,
        rightChannel: d.rightChannel,
        withheldParts: d.withheldParts.map((p) => ({ ...p })),
        publicInterestOverride: d.publicInterestOverride !== null,
        onTheSpot: d.onTheSpot,
      },
      reply: { issuedOn: r.issuedOn, issuedBy: r.issuedBy, deliveredVia: r.deliveredVia, late: r.late, letterRef: r.letterRef },
      fee: state.fee ? { amountYuan: state.fee.fee.amountYuan, status: state.fee.status } : null,
    };
  }

  setHandler(
    disclosureUpdates.archive,
    async (a: DisclosureArchiveAction) => {
      state.archive = { archivedBy: a.archivedBy, archivedOn: today(), archiveRef: a.archiveRef ?? null };
      await enterStage('archived', { archivedBy: a.archivedBy, archiveRef: a.archiveRef ?? null, resultCode: state.decision?.resultCode ?? null });
      state.overdue = false;
      upsertSearchAttributes([
        { key: SEARCH_ATTRIBUTES.Overdue, value: false },
        { key: SEARCH_ATTRIBUTES.DueAt, value: null },
      ]);
      refreshClocks();
      wake++;
      return state;
    },
    {
      validator: (a: DisclosureArchiveAction) => {
        expectStage('archiving', 'reply_issued', 'abandoned');
        required(a.archivedBy, 'archivedBy');
      },
    },
  );

  // ---------------------------------------------------------------- run

  if (workflowInfo().workflowId !== input.caseId) {
    throw ApplicationFailure.nonRetryable(`workflow id ${workflowInfo().workflowId} must equal the case id ${input.caseId}`);
  }
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.CaseKind, value: 'disclosure' },
    { key: SEARCH_ATTRIBUTES.Jurisdiction, value: input.jurisdiction },
    { key: SEARCH_ATTRIBUTES.Overdue, value: false },
  ]);
  await enterStage('received', {
    applicationId: input.applicationId,
    channel: input.channel,
    receivedOn: input.receivedOn,
    applicantType: input.applicant.type,
    organisationType: input.applicant.organisationType ?? null,
    filedAs: input.filedAs,
    deliveryForm: input.deliveryForm,
    policyVersion: policy.version,
    year: Number(input.receivedOn.slice(0, 4)),
  });
  await enterStage('registered', { leadDepartment: state.department, ccDepartments: state.ccDepartments, jurisdiction: state.jurisdiction });
  await recompute();

  if (input.answeredOnTheSpot) {
    const s = input.answeredOnTheSpot;
    await applyDecision({ replyType: s.replyType, resultCode: s.resultCode, decidedBy: s.answeredBy, decidedOn: input.receivedOn, reason: s.reply }, true);
    await issueReply({ issuedBy: s.answeredBy, deliveredVia: 'on_the_spot', issuedOn: input.receivedOn });
  } else if (input.filedAs !== 'disclosure_application') {
    // 条例第三十九条: not handled as a disclosure application; the applicant is told and pointed to the right channel.
    await applyDecision(
      {
        replyType: 'not_disclosure_application',
        resultCode: 'not_processed.complaint_petition_report',
        decidedBy: 'intake',
        decidedOn: input.receivedOn,
        reason: `filed as ${input.filedAs}`,
        legalBasis: '条例第三十九条',
      },
      false,
    );
    await recompute();
  }

  const archived = () => state.stage === 'archived';
  while (!archived()) {
    const seen = wake;
    const pending = timers.find((t) => !fired.has(t.key)); // timers are sorted by instant
    if (pending) {
      await condition(() => wake !== seen || recomputeRequested || archived(), Math.max(1, pending.at - Date.now()));
    } else {
      await condition(() => wake !== seen || recomputeRequested || archived());
    }
    if (recomputeRequested) {
      recomputeRequested = false;
      const before = state.deadlines?.answer.due ?? null;
      const wasProvisional = state.deadlines?.provisional ?? false;
      await recompute();
      const last = state.calendarUpdates[state.calendarUpdates.length - 1];
      await record('deadline_recomputed', {
        cause: 'calendar_updated',
        year: last?.year ?? null,
        revision: last?.revision ?? null,
        answerDueBefore: before,
        answerDue: state.deadlines?.answer.due ?? null,
        provisionalBefore: wasProvisional,
        provisional: state.deadlines?.provisional ?? false,
        calendarVersion: state.deadlines?.calendarVersion ?? null,
      });
    }
    if (archived()) break;
    await fireDueTimers();
    refreshOverdue();
    refreshClocks();
  }
  // let the archive update (and any other running handler) finish and answer before the workflow completes
  await condition(allHandlersFinished);
  return state;
}
