// The public-opinion case (舆情案件) workflow. Deterministic: no clock, network or database here;
// everything that touches the outside world is an activity (CaseActivities, implemented by apps/worker).
//
// collected → routed → claimed → assessed → [consultation → approved] → handling → responded → follow_up → closed
// → [evaluated]; brackets: major / especially major (and sensitive) cases.
//
// Clocks (opinion/clocks.ts) come from the case's policy (opinion/policies.ts): carried in the input as data by routing
// (the version in force for the jurisdiction), fixed at start. Each clock counts from the event its rule names
// (discovery, routing or claim); one that counts from the claim waits (`awaiting_claim`) and starts at the first claim.
// One loop waits for the next reminder or escalation with an updatable timer — condition(changed, untilNext) — so an
// action that moves, adds, starts or meets a deadline wakes it and it re-arms from the new clocks.
//
// History size (issue 11). A routed case is one workflow task of 9 events: started, the task (3), the patch marker and
// the TemporalChangeVersion upsert the SDK adds to it, one upsert of our own (DueAt: the rest came with the start),
// one local-activity marker (the collected and routed events sent together) and the claim clock's timer. Case events
// go out in batches, one batch in flight per case, each batch a local activity (a marker: no activity events, no extra
// workflow task); a batch the local activity could not send in its one short attempt (Kafka away) goes to the ordinary
// activity, retried by the server, so an outage holds no workflow task slot. Reminders (3 per clock), escalations (2
// levels per clock) and one follow-up clock a day keep an active case in the tens to hundreds of events per month;
// escalations stop after the last level, so an abandoned case goes quiet. Cases that stay open for years should
// continueAsNew on workflowInfo().continueAsNewSuggested, carrying the state — not needed yet.
import {
  allHandlersFinished,
  ApplicationFailure,
  CancelledFailure,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  TemporalFailure,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { fromEpochMs, toEpochMs } from '@huiying/calendar';
import {
  FORMS_MEETING_CLOCK,
  opinionCaseQueries,
  opinionCaseSignals,
  opinionCaseUpdates,
  SEARCH_ATTRIBUTES,
  type AssessmentRecord,
  type CaseActivities,
  type CaseChange,
  type CaseClock,
  type CaseStageChange,
  type Grade,
  type OpinionCaseInput,
  type OpinionCaseSnapshot,
  type OpinionCaseState,
  type OpinionStage,
  type ResponseRecord,
  type SuperiorReportRecord,
} from '@huiying/contracts/workflow';
import {
  activeClock,
  addClock,
  clockSummary,
  dueItems,
  earliestDue,
  initialClocks,
  isActive,
  isOverdue,
  meetClock,
  pruneFollowUps,
  rearmResponseClocks,
  RESPONSE_CLOCKS,
  startClaimClocks,
  supersede,
  timedItems,
  type ClockBasis,
} from './opinion/clocks';
import { registerKeyCaseHandlers } from './opinion/key-case';
import { opinionCurrentDetails, opinionTimerSummary } from './opinion/ui-details';
import { resolveOpinionPolicy } from './opinion/policies';
import {
  checkApprove,
  checkAssess,
  checkClaim,
  checkClose,
  checkCoHandle,
  checkCoHandlingReport,
  checkConsult,
  checkEvaluate,
  checkFollowUp,
  checkPressConference,
  checkRespond,
  checkSuperiorReport,
  checkTransfer,
  checkVerify,
  gradeRank,
  isMajor,
} from './opinion/rules';

const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;
/** The activities, each call with the summary the Temporal UI shows on it. */
const activitiesSaying = (summary: string) => proxyActivities<CaseActivities>({ ...ACTIVITY_OPTIONS, summary });
/**
 * Case events as a local activity: one attempt of at most 5 s inside the workflow task (a publish takes milliseconds;
 * kafkajs retries a broker blip within it). A batch it could not send goes to the ordinary activity above, retried
 * by the server without holding one of the worker's few workflow task slots while Kafka is away.
 */
const localActivitiesSaying = (summary: string) =>
  proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '5 seconds', retry: { maximumAttempts: 1 }, summary });

/**
 * Patch (issue 11): the search attributes the start carried are not upserted again, the first task's two case events
 * go out together, and every case event goes out in batches by local activity. Without it (histories recorded before,
 * cases started before this worker): one `emitCaseEvent` activity per event and the start's own upserts. A case
 * started before takes the new path at its first event after the deploy (a marker then). Remove the old branch
 * (deprecatePatch, then nothing) once no case started before this patch is open — README → Workflow versions.
 */
const CASE_EVENTS_PATCH = 'case-events-batched-local';

/** Case events one emission takes at most (a backlog after an outage goes out in several). */
const MAX_BATCH = 50;

const eventLabel = (e: Pick<CaseStageChange, 'change' | 'stage'>) => ((e.change ?? 'stage') === 'stage' ? `stage ${e.stage}` : `${e.change} (${e.stage})`);

/** Signals and calendar notices kept in state (the newest ones; the count is kept in full). */
const KEEP_RECENT = 20;

export async function opinionCaseWorkflow(input: OpinionCaseInput): Promise<OpinionCaseState> {
  if (workflowInfo().workflowId !== input.caseId) {
    throw ApplicationFailure.nonRetryable(`workflow id ${workflowInfo().workflowId} must equal the case id ${input.caseId}`);
  }
  const { policy, resolvedBy, carried } = resolveOpinionPolicy(input);
  const nowMs = () => Date.now(); // the workflow's clock: deterministic, replayed from history
  const nowIso = () => fromEpochMs(nowMs());

  const state: OpinionCaseState = {
    caseId: input.caseId,
    stage: 'collected',
    department: input.routing.leadDepartment,
    ccDepartments: input.routing.ccDepartments,
    coHandlers: [],
    grade: input.grade ?? null,
    claimedBy: null,
    claimedAt: null,
    discovery: {
      discoveredAt: input.discoveredAt,
      source: input.discoveredAtSource ?? 'receipt',
      receivedAt: input.receivedAt ?? input.discoveredAt,
    },
    history: [],
    policy: { jurisdiction: policy.jurisdiction, version: policy.version, effectiveFrom: policy.effectiveFrom, resolvedBy, carried },
    flags: { ...(input.flags ?? {}) },
    riskLevel: null,
    needsResponse: null,
    assessments: [],
    requiresConsultation: isMajor(input.grade ?? null),
    consultations: [],
    approvals: [],
    verification: null,
    responses: [],
    superiorReports: [],
    followUps: [],
    clocks: [],
    overdue: false,
    transfers: [],
    groupedReports: { count: 1, recent: [] },
    calendarUpdates: [],
    closure: null,
    evaluation: null,
    keyCase: null,
    accountabilityTalks: [],
  };
  if (input.grade) {
    state.assessments.push({
      source: 'automatic', grade: input.grade, riskLevel: null, needsResponse: null, sensitive: false,
      assessedBy: 'intake', reason: null, scoreParts: null, at: input.discoveredAt,
    });
  }
  let routedAt = input.discoveredAt;
  let routed = false;
  /** Bumped whenever the clocks change, to wake the timer loop. */
  let clockChanges = 0;

  const finished = () => state.stage === 'evaluated' || (state.stage === 'closed' && !isMajor(state.grade));
  const basis = (): ClockBasis => ({
    grade: state.grade ?? 'general',
    flags: state.flags,
    discoveredAt: input.discoveredAt,
    routedAt,
    claimedAt: state.claimedAt,
    needsResponse: state.needsResponse,
  });

  // Decided before the first command: a case started by this code (the patch marker), or an older history replaying.
  const lean = patched(CASE_EVENTS_PATCH);

  // ---- search attributes: every one kept current, upserted only when it changed
  const shown: Record<string, unknown> = {};
  if (lean) {
    // what the start carried (routing sets what it knows: opinionStartSearchAttributes) is not upserted again
    const started = workflowInfo().typedSearchAttributes;
    for (const key of [SEARCH_ATTRIBUTES.CaseKind, SEARCH_ATTRIBUTES.Jurisdiction, SEARCH_ATTRIBUTES.CaseStage, SEARCH_ATTRIBUTES.Department, SEARCH_ATTRIBUTES.Grade, SEARCH_ATTRIBUTES.Overdue]) {
      const v = started.get(key);
      if (v !== undefined) shown[key.name] = v;
    }
    const due = started.get(SEARCH_ATTRIBUTES.DueAt);
    if (due !== undefined) shown[SEARCH_ATTRIBUTES.DueAt.name] = fromEpochMs(due.getTime());
  }
  function syncSearchAttributes(): void {
    state.overdue = state.closure === null && isOverdue(state.clocks);
    setCurrentDetails(opinionCurrentDetails(state)); // the Temporal UI's "current details" (not a command: free to repeat)
    const dueAt = state.closure === null ? earliestDue(state.clocks) : null;
    const wanted: [SearchAttributeUpdatePair, unknown][] = [
      // constant: upserted once by a case whose start did not carry them (the old path upserts them at start)
      ...(lean
        ? ([
            [{ key: SEARCH_ATTRIBUTES.CaseKind, value: 'opinion' }, 'opinion'],
            [{ key: SEARCH_ATTRIBUTES.Jurisdiction, value: input.routing.jurisdiction }, input.routing.jurisdiction],
          ] as [SearchAttributeUpdatePair, unknown][])
        : []),
      [{ key: SEARCH_ATTRIBUTES.CaseStage, value: state.stage }, state.stage],
      [{ key: SEARCH_ATTRIBUTES.Department, value: state.department }, state.department],
      [{ key: SEARCH_ATTRIBUTES.Grade, value: state.grade }, state.grade],
      [{ key: SEARCH_ATTRIBUTES.DueAt, value: dueAt ? new Date(toEpochMs(dueAt)) : null }, dueAt],
      [{ key: SEARCH_ATTRIBUTES.Overdue, value: state.overdue }, state.overdue],
    ];
    const changed = wanted.filter(([pair, v]) => shown[pair.key.name] !== v && !(shown[pair.key.name] === undefined && v === null));
    if (!changed.length) return;
    for (const [pair, v] of changed) shown[pair.key.name] = v;
    upsertSearchAttributes(changed.map(([pair]) => pair));
  }

  // ---- case events: one per change, consecutive sequences, emitted in order, one emission in flight per case
  let emitted: Promise<void> = Promise.resolve();
  /** Recorded events not yet handed to an emission, oldest first; `batch` is the emission that took the event. */
  const unsent: { event: CaseStageChange; batch?: Promise<void> }[] = [];
  function record(change: CaseChange, stage: OpinionStage, detail: Record<string, unknown>, sync = true): Promise<void> {
    const previousStage = state.history.length ? state.stage : null;
    const sequence = state.history.length + 1;
    const at = nowIso();
    state.stage = stage;
    state.history.push({ sequence, change, stage, at, detail });
    if (sync) syncSearchAttributes();
    const event = {
      caseId: state.caseId,
      kind: 'opinion' as const,
      sequence,
      change,
      stage,
      previousStage,
      department: state.department,
      ccDepartments: state.ccDepartments,
      coDepartments: state.coHandlers.map((h) => h.department),
      grade: state.grade,
      jurisdiction: input.routing.jurisdiction,
      occurredAt: at,
      detail,
    };
    const entry: (typeof unsent)[number] = { event };
    unsent.push(entry);
    // when the emission before it has settled: the batch that took it, or a new emission starting with it
    const sent = emitted.then(() => entry.batch ?? emitNext());
    emitted = sent.catch(() => undefined);
    return sent;
  }

  /** Emits the oldest unsent event — with every event recorded behind it (up to MAX_BATCH) when the patch applies. */
  function emitNext(): Promise<void> {
    if (!patched(CASE_EVENTS_PATCH)) {
      const { event } = unsent.shift() as (typeof unsent)[number];
      return activitiesSaying(`case event ${event.sequence}: ${eventLabel(event)}`).emitCaseEvent(event);
    }
    const taken = unsent.splice(0, MAX_BATCH);
    const batch = emitBatch(taken.map((t) => t.event));
    for (const t of taken) t.batch = batch;
    return batch;
  }

  async function emitBatch(events: CaseStageChange[]): Promise<void> {
    const first = events[0] as CaseStageChange;
    const last = events[events.length - 1] as CaseStageChange;
    const summary = events.length === 1
      ? `case event ${first.sequence}: ${eventLabel(first)}`
      : `case events ${first.sequence}–${last.sequence}: ${events.map(eventLabel).join(', ')}`;
    try {
      await localActivitiesSaying(summary).emitCaseEvents(events);
    } catch (e) {
      // Not sent in its one local attempt (Kafka away, a slow broker): the server retries it, the task ends now. A local
      // activity's failure arrives as its cause (ApplicationFailure, TimeoutFailure), not wrapped in an ActivityFailure.
      if (!(e instanceof TemporalFailure) || e instanceof CancelledFailure) throw e;
      await activitiesSaying(summary).emitCaseEvents(events);
    }
  }
  const enter = (stage: OpinionStage, detail: Record<string, unknown>, sync = true) => record('stage', stage, detail, sync);
  const clocksChanged = () => {
    clockChanges++;
  };

  /** After a grade / flags / response-value change: re-arm the response clocks. */
  function rearm(): { added: string[]; superseded: string[] } {
    const { added, superseded } = rearmResponseClocks(state.clocks, policy, basis(), nowMs());
    if (added.length || superseded.length) clocksChanged();
    return { added: added.map((c) => c.id), superseded: superseded.map((c) => c.id) };
  }

  /** A new assessment record; returns the grade before it. An automatic grade never lowers an analyst's. */
  function applyAssessment(rec: AssessmentRecord): Grade | null {
    const before = state.grade;
    const analystOnRecord = state.assessments.some((a) => a.source === 'analyst');
    state.assessments.push(rec);
    if (rec.source === 'analyst' || !analystOnRecord) state.grade = rec.grade;
    else if (gradeRank(rec.grade) > gradeRank(state.grade)) state.grade = rec.grade;
    state.requiresConsultation = isMajor(state.grade) || state.assessments.some((a) => a.sensitive);
    return before;
  }

  /**
   * Meets the response-type clocks this form satisfies — running ones, and ones still waiting for the claim (a release
   * made before the claim is on time: those clocks then never start) — and the running follow-up clock; arms the next
   * follow-up.
   */
  function applyPublication(form: string, publishedAt: string): ResponseRecord['met'] {
    const met: ResponseRecord['met'] = [];
    for (const c of state.clocks) {
      if (!isActive(c) && c.status !== 'awaiting_claim') continue;
      const meets =
        c.clock === 'follow_up' ||
        ((RESPONSE_CLOCKS as readonly string[]).includes(c.clock) &&
          (FORMS_MEETING_CLOCK[c.clock as keyof typeof FORMS_MEETING_CLOCK] as readonly string[]).includes(form));
      if (!meets) continue;
      const status = meetClock(c, publishedAt);
      met.push({ clockId: c.id, clock: c.clock, dueAt: c.dueAt, late: status === 'late' });
    }
    addClock(state.clocks, policy, 'follow_up', publishedAt, { department: state.department, origin: 'publication' }, nowMs());
    state.clocks = pruneFollowUps(state.clocks);
    clocksChanged();
    return met;
  }

  function snapshot(): OpinionCaseSnapshot {
    const { history, ...rest } = state;
    return { ...rest, lastSequence: history.length };
  }

  // ---- queries
  setHandler(opinionCaseQueries.state, () => state);
  setHandler(opinionCaseQueries.stage, () => state.stage);
  setHandler(opinionCaseQueries.clocks, () => state.clocks);
  setHandler(opinionCaseQueries.history, () => state.history);

  // ---- updates (validators reject a wrong action with its reason; handlers wait until the case is routed)
  const whenRouted = () => condition(() => routed);

  setHandler(
    opinionCaseUpdates.claim,
    async (req) => {
      await whenRouted();
      const clock = activeClock(state.clocks, 'claim', req.department);
      const status = clock ? meetClock(clock, nowIso()) : null;
      if (clock) clocksChanged();
      state.claimedBy = req.claimedBy;
      // the first claim starts the clocks that count from it (seed 003: 认领后……); a later claim (after a transfer) does not
      let started: CaseClock[] = [];
      if (state.claimedAt === null) {
        state.claimedAt = nowIso();
        started = startClaimClocks(state.clocks, policy, state.claimedAt, nowMs());
        if (started.length) clocksChanged();
      }
      const detail = {
        department: req.department, claimedBy: req.claimedBy, clockId: clock?.id ?? null, late: status === 'late',
        ...(started.length ? { startedClocks: started.map((c) => ({ id: c.id, clock: c.clock, startsFrom: c.startsFrom ?? null, dueAt: c.dueAt })) } : {}),
      };
      await (state.stage === 'routed' ? enter('claimed', detail) : record('claim', state.stage, detail));
      return snapshot();
    },
    { validator: (req) => checkClaim(state, req) },
  );

  setHandler(
    opinionCaseUpdates.transfer,
    async (req) => {
      await whenRouted();
      const from = state.department;
      for (const c of state.clocks) if (c.clock === 'claim' && isActive(c)) supersede(c, `transferred to ${req.toDepartment}`);
      const clock = addClock(state.clocks, policy, 'claim', nowIso(), { department: req.toDepartment, origin: 'transfer' }, nowMs());
      clocksChanged();
      state.department = req.toDepartment;
      state.claimedBy = null;
      // the new lead (主办) no longer co-handles (协办) the case
      state.coHandlers = state.coHandlers.filter((h) => h.department !== req.toDepartment);
      state.transfers.push({ ...req, fromDepartment: from, at: nowIso() });
      const detail = { type: 'transfer', fromDepartment: from, toDepartment: req.toDepartment, reason: req.reason, transferredBy: req.transferredBy, claimClock: { id: clock.id, dueAt: clock.dueAt } };
      // Before assessment a transfer re-routes the case (back to routed); later the stage stays.
      await (state.stage === 'claimed' ? enter('routed', detail) : record('transfer', state.stage, detail));
      return snapshot();
    },
    { validator: (req) => checkTransfer(state, req) },
  );

  setHandler(
    opinionCaseUpdates.coHandle,
    async (req) => {
      await whenRouted();
      const at = nowIso();
      for (const c of req.coHandlers) {
        state.coHandlers.push({ department: c.department, part: c.part, assignedBy: req.assignedBy, assignedAt: at, status: 'assigned', reports: [] });
      }
      await record('co_handling', state.stage, {
        type: 'co_handlers_added', leadDepartment: state.department, assignedBy: req.assignedBy,
        added: req.coHandlers.map((c) => ({ department: c.department, part: c.part })),
        coHandlers: state.coHandlers.map((h) => ({ department: h.department, part: h.part, status: h.status })),
      });
      return snapshot();
    },
    { validator: (req) => checkCoHandle(state, req) },
  );

  setHandler(
    opinionCaseUpdates.reportCoHandling,
    async (req) => {
      await whenRouted();
      const h = state.coHandlers.find((c) => c.department === req.department);
      if (h) {
        h.status = req.status;
        h.reports.push({ status: req.status, summary: req.summary, reportedBy: req.reportedBy, at: nowIso() });
      }
      await record('co_handling', state.stage, {
        type: 'co_handling_report', department: req.department, part: h?.part ?? null, status: req.status, summary: req.summary, reportedBy: req.reportedBy,
        coHandlers: state.coHandlers.map((c) => ({ department: c.department, part: c.part, status: c.status })),
      });
      return snapshot();
    },
    { validator: (req) => checkCoHandlingReport(state, req) },
  );

  setHandler(
    opinionCaseUpdates.assess,
    async (req) => {
      await whenRouted();
      const before = applyAssessment({
        source: req.source, grade: req.grade, riskLevel: req.riskLevel, needsResponse: req.needsResponse,
        sensitive: req.sensitive ?? false, assessedBy: req.assessedBy, reason: req.reason ?? null,
        scoreParts: req.scoreParts ?? null, at: nowIso(),
      });
      state.riskLevel = req.riskLevel;
      state.needsResponse = req.needsResponse;
      if (req.flags) state.flags = { ...state.flags, ...req.flags };
      const rearmed = rearm();
      const detail = {
        source: req.source, grade: state.grade, assessedGrade: req.grade, previousGrade: before, riskLevel: req.riskLevel,
        needsResponse: req.needsResponse, requiresConsultation: state.requiresConsultation, flags: state.flags,
        reason: req.reason ?? null, rearmed, clocks: clockSummary(state.clocks),
      };
      await (state.stage === 'claimed' ? enter('assessed', detail) : record('assessment', state.stage, detail));
      return snapshot();
    },
    { validator: (req) => checkAssess(state, req) },
  );

  setHandler(
    opinionCaseUpdates.consult,
    async (req) => {
      state.consultations.push({ ...req, at: nowIso() });
      await enter('consultation', { participants: req.participants, opinion: req.opinion, convenedBy: req.convenedBy });
      return snapshot();
    },
    { validator: (req) => checkConsult(state, req) },
  );

  setHandler(
    opinionCaseUpdates.approve,
    async (req) => {
      state.approvals.push({ ...req, at: nowIso() });
      const detail = { decision: req.decision, approvedBy: req.approvedBy, opinion: req.opinion };
      await (req.decision === 'approved' ? enter('approved', detail) : record('approval', state.stage, detail));
      return snapshot();
    },
    { validator: (req) => checkApprove(state, req) },
  );

  setHandler(
    opinionCaseUpdates.verify,
    async (req) => {
      state.verification = { ...req, at: nowIso() };
      await enter('handling', { result: req.result, findings: req.findings, verifiedBy: req.verifiedBy });
      return snapshot();
    },
    { validator: (req) => checkVerify(state, req) },
  );

  setHandler(
    opinionCaseUpdates.respond,
    async (req) => {
      await whenRouted();
      const publishedAt = fromEpochMs(toEpochMs(req.publishedAt));
      const met = applyPublication(req.form, publishedAt);
      const response: ResponseRecord = { ...req, publishedAt, recordedAt: nowIso(), met, late: met.some((m) => m.late) };
      state.responses.push(response);
      const detail = { form: req.form, channel: req.channel, publishedAt, publicationId: req.publicationId ?? null, met, late: response.late };
      await (state.stage === 'handling' ? enter('responded', detail) : record('response', state.stage, detail));
      return snapshot();
    },
    { validator: (req) => checkRespond(state, req, nowMs(), input.discoveredAt) },
  );

  setHandler(
    opinionCaseUpdates.reportToSuperior,
    async (req) => {
      await whenRouted();
      const reportedAt = fromEpochMs(toEpochMs(req.reportedAt));
      const clock = activeClock(state.clocks, 'superior_report');
      const status = clock ? meetClock(clock, reportedAt) : null;
      if (clock) clocksChanged();
      const met = clock ? { clockId: clock.id, dueAt: clock.dueAt as string, late: status === 'late' } : null;
      const report: SuperiorReportRecord = { ...req, reportedAt, recordedAt: nowIso(), met, late: status === 'late' };
      state.superiorReports.push(report);
      await record('superior_report', state.stage, {
        reportedTo: req.reportedTo, means: req.means, reportedAt, reportedBy: req.reportedBy, summary: req.summary, met, late: report.late,
      });
      return snapshot();
    },
    { validator: (req) => checkSuperiorReport(state, req, nowMs(), input.discoveredAt) },
  );

  setHandler(
    opinionCaseUpdates.requestPressConference,
    async (req) => {
      await whenRouted();
      const clock = addClock(state.clocks, policy, 'press_conference', nowIso(), { department: state.department, origin: 'request' }, nowMs());
      clocksChanged();
      await record('press_conference_requested', state.stage, { reason: req.reason, requestedBy: req.requestedBy, clockId: clock.id, dueAt: clock.dueAt });
      return snapshot();
    },
    { validator: (req) => checkPressConference(state, req) },
  );

  setHandler(
    opinionCaseUpdates.followUp,
    async (req) => {
      const at = req.publishedAt ? fromEpochMs(toEpochMs(req.publishedAt)) : nowIso();
      const met = applyPublication('follow_up', at);
      state.followUps.push({ ...req, recordedAt: nowIso(), late: met.some((m) => m.late) });
      const detail = { summary: req.summary, updatedBy: req.updatedBy, channel: req.channel ?? null, publishedAt: at, met };
      await (state.stage === 'responded' ? enter('follow_up', detail) : record('follow_up', state.stage, detail));
      return snapshot();
    },
    { validator: (req) => checkFollowUp(state, req, nowMs(), input.discoveredAt) },
  );

  setHandler(
    opinionCaseUpdates.close,
    async (req) => {
      state.closure = { resolution: req.resolution, closedBy: req.closedBy, at: nowIso() };
      for (const c of state.clocks) if (c.status === 'pending') supersede(c, 'case closed');
      clocksChanged();
      const unmet = state.clocks.filter((c) => c.status === 'escalated').map((c) => c.id);
      await enter('closed', { resolution: req.resolution, closedBy: req.closedBy, unmetClocks: unmet, evaluationRequired: isMajor(state.grade) });
      return snapshot();
    },
    { validator: (req) => checkClose(state, req) },
  );

  setHandler(
    opinionCaseUpdates.evaluate,
    async (req) => {
      state.evaluation = { ...req, at: nowIso() };
      await enter('evaluated', { lessons: req.lessons, handlingCapacity: req.handlingCapacity, evaluatedBy: req.evaluatedBy });
      return snapshot();
    },
    { validator: (req) => checkEvaluate(state, req) },
  );

  // 重点舆情台账 and 约谈 (opinion/key-case.ts); close waits for a key case's verified resolution (rules.ts)
  registerKeyCaseHandlers({ state, discoveredAt: input.discoveredAt, nowMs, nowIso, whenRouted, record, snapshot });

  // ---- signals
  setHandler(opinionCaseSignals.reportGrouped, async (sig) => {
    await whenRouted();
    if (state.closure || state.groupedReports.recent.some((r) => r.reportId === sig.reportId)) return;
    state.groupedReports.count = Math.max(state.groupedReports.count + 1, sig.groupSize);
    state.groupedReports.recent = [...state.groupedReports.recent, sig].slice(-KEEP_RECENT);
    let raised: { from: Grade | null; to: Grade } | null = null;
    let rearmed: { added: string[]; superseded: string[] } | null = null;
    if (sig.suggestedGrade && gradeRank(sig.suggestedGrade) > gradeRank(state.grade)) {
      const from = applyAssessment({
        source: 'grouping', grade: sig.suggestedGrade, riskLevel: null, needsResponse: null, sensitive: false,
        assessedBy: 'intake grouping', reason: `group of ${state.groupedReports.count} reports`, scoreParts: null, at: nowIso(),
      });
      if (state.grade !== from) {
        raised = { from, to: state.grade as Grade };
        rearmed = rearm();
      }
    }
    await record('report_grouped', state.stage, {
      reportId: sig.reportId, channel: sig.channel, groupSize: state.groupedReports.count, raised, rearmed,
      clocks: raised ? clockSummary(state.clocks) : undefined,
    });
  });

  setHandler(opinionCaseSignals.calendarUpdated, (sig) => {
    // Opinion clocks are natural hours (DOMAIN.md → Calendar facts): nothing to recompute; the notice is recorded.
    state.calendarUpdates = [...state.calendarUpdates, sig].slice(-KEEP_RECENT);
  });

  // ---- the case starts
  const collectedDetail = {
    reportId: input.reportId, channel: input.channel, discoveredAt: input.discoveredAt,
    // cases started before reports could carry discoveredAt keep their collected event as it was
    ...(input.discoveredAtSource ? { discoveredAtSource: input.discoveredAtSource, receivedAt: state.discovery.receivedAt } : {}),
  };
  const routedDetail = () => ({
    leadDepartment: input.routing.leadDepartment,
    ccDepartments: input.routing.ccDepartments,
    territory: input.routing.territory,
    ruleVersion: input.routing.ruleVersion,
    ruleId: input.routing.ruleId,
    category: input.category,
    policy: state.policy,
    grade: state.grade,
    clocks: clockSummary(state.clocks),
  });
  if (lean) {
    // one workflow task: both events recorded, the search attributes synced once (what the start did not carry),
    // both events sent in one emission
    const collected = enter('collected', collectedDetail, false);
    routedAt = nowIso();
    state.clocks = initialClocks(policy, basis(), state.department, nowMs());
    const routedEvent = enter('routed', routedDetail());
    routed = true; // actions waiting for the case to be routed may record now, after sequence 2
    await Promise.all([collected, routedEvent]);
  } else {
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.CaseKind, value: 'opinion' },
      { key: SEARCH_ATTRIBUTES.Jurisdiction, value: input.routing.jurisdiction },
    ]);
    await enter('collected', collectedDetail);
    routedAt = nowIso();
    state.clocks = initialClocks(policy, basis(), state.department, nowMs());
    const routedEvent = enter('routed', routedDetail());
    routed = true;
    await routedEvent;
  }

  // ---- the clock loop: wait for the next reminder/escalation, or for an action that changed the clocks
  while (!finished()) {
    const seen = clockChanges;
    const next = state.closure ? undefined : timedItems(state.clocks)[0];
    const wake = () => clockChanges !== seen || finished();
    setCurrentDetails(opinionCurrentDetails(state));
    if (next === undefined) await condition(wake);
    else if (next.at > nowMs()) await condition(wake, next.at - nowMs(), { summary: opinionTimerSummary(next) });
    if (!state.closure) await fireDue();
  }
  await condition(allHandlersFinished);
  await emitted;
  return state;

  async function fireDue(): Promise<void> {
    const now = nowMs();
    const sends: Promise<void>[] = [];
    for (const item of dueItems(state.clocks, now)) {
      const c: CaseClock = item.clock;
      if (item.type === 'reminder') {
        const r = c.reminders[item.index];
        if (!r) continue;
        r.sentAt = fromEpochMs(now);
        sends.push(record('reminder', state.stage, { clockId: c.id, clock: c.clock, label: r.label, dueAt: c.dueAt, to: c.department ?? state.department }));
      } else {
        const e = c.escalations[item.index];
        if (!e) continue;
        e.firedAt = fromEpochMs(now);
        c.status = 'escalated';
        sends.push(
          record('escalation', state.stage, {
            type: 'escalation', clockId: c.id, clock: c.clock, level: e.level, to: e.to, note: e.note, dueAt: c.dueAt,
            department: c.department ?? state.department, supervisors: state.ccDepartments,
          }),
        );
      }
    }
    if (sends.length) await Promise.all(sends);
  }
}
