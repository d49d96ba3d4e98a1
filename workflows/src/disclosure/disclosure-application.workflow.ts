// The information-disclosure application (依申请公开) workflow. Deterministic: no clock but the workflow's own,
// no network, no database. Where things are:
//   state.ts    the case's state and its small facts          clocks.ts  what the deadline activity is asked, timers, clock views
//   rules.ts    why an action is refused (409 / 422)          case.ts    what each action and each timer does (activities)
//   notices.ts  notices and their delivery records (a period that runs from receipt starts when receipt is recorded)
// A due date is computed by the computeDisclosureDeadlines activity (libs/policy disclosureClocks over the official
// calendar) from clocks.ts deadlineRequest(); the workflow arms durable timers on the instants it returns.
import { allHandlersFinished, ApplicationFailure, condition, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { disclosureCurrentDetails, disclosureTimerSummary } from './ui-details';
import {
  disclosureQueries,
  disclosureSignals,
  disclosureUpdates,
  SEARCH_ATTRIBUTES,
  type DisclosureApplicationInput,
  type DisclosureCalendarUpdatedSignal,
  type DisclosureCaseState,
} from '@huiying/contracts/workflow';
import { DisclosureCase } from './case';
import * as rules from './rules';

export async function disclosureApplicationWorkflow(input: DisclosureApplicationInput): Promise<DisclosureCaseState> {
  const c = new DisclosureCase(input);
  const { state } = c;
  let recomputeRequested = false;

  setHandler(disclosureQueries.state, () => state);
  setHandler(disclosureQueries.clocks, () => state.clocks);
  setHandler(disclosureQueries.history, () => state.history);
  setHandler(disclosureSignals.calendarUpdated, (s: DisclosureCalendarUpdatedSignal) => {
    state.calendarUpdates.push({ year: s.year, revision: s.revision });
    recomputeRequested = true;
  });

  // Each update: the rule (validator, refuses before anything is recorded), then the effect; the answer is the state.
  const act = <A>(effect: (a: A) => Promise<void>) => async (a: A) => (await effect(a), state);
  setHandler(disclosureUpdates.requestCorrection, act((a) => c.requestCorrection(a)), { validator: (a) => rules.checkCorrectionRequest(state, input, a) });
  setHandler(disclosureUpdates.submitCorrection, act((a) => c.submitCorrection(a)), { validator: (a) => rules.checkCorrection(state, a) });
  setHandler(disclosureUpdates.acceptLateCorrection, act((a) => c.acceptLateCorrection(a)), { validator: (a) => rules.checkLateCorrection(state, a) });
  setHandler(disclosureUpdates.recordNoticeReceipt, act((a) => c.recordNoticeReceipt(a)), { validator: (a) => rules.checkNoticeReceipt(state, a) });
  setHandler(disclosureUpdates.review, act((a) => c.review(a)), { validator: (a) => rules.checkReview(state, a) });
  setHandler(disclosureUpdates.requestConsultation, act((a) => c.requestConsultation(a)), { validator: (a) => rules.checkConsultation(state, a) });
  setHandler(disclosureUpdates.recordConsultationReply, act((a) => c.recordConsultationReply(a)), { validator: (a) => rules.checkConsultationReply(state, a) });
  setHandler(disclosureUpdates.decide, act((a) => c.decide(a, false)), { validator: (a) => rules.checkDecision(state, a) });
  setHandler(disclosureUpdates.extend, act((a) => c.extend(a)), { validator: (a) => rules.checkExtension(state, input, a) });
  setHandler(disclosureUpdates.issueFeeNotice, act((a) => c.issueFeeNotice(a)), { validator: (a) => rules.checkFeeNotice(state, input, a) });
  setHandler(disclosureUpdates.recordFeePayment, act((a) => c.recordFeePayment(a)), { validator: (a) => rules.checkFeePayment(state, input, a) });
  setHandler(disclosureUpdates.requestExcessiveReasons, act((a) => c.requestExcessiveReasons(a)), { validator: (a) => rules.checkExcessiveReasons(state, a) });
  setHandler(disclosureUpdates.setExcessivePeriod, act((a) => c.setExcessivePeriod(a)), { validator: (a) => rules.checkExcessivePeriod(state, a) });
  setHandler(disclosureUpdates.issueReply, act((a) => c.issueReply(a)), { validator: (a) => rules.checkReply(state, a) });
  setHandler(disclosureUpdates.archive, act((a) => c.archive(a)), { validator: (a) => rules.checkArchive(state, a) });

  if (workflowInfo().workflowId !== input.caseId) {
    throw ApplicationFailure.nonRetryable(`workflow id ${workflowInfo().workflowId} must equal the case id ${input.caseId}`);
  }
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.CaseKind, value: 'disclosure' },
    { key: SEARCH_ATTRIBUTES.Jurisdiction, value: input.jurisdiction },
    { key: SEARCH_ATTRIBUTES.Overdue, value: false },
  ]);
  await c.enterStage('received', {
    applicationId: input.applicationId, channel: input.channel, receivedOn: input.receivedOn, applicantType: input.applicant.type,
    organisationType: input.applicant.organisationType ?? null, filedAs: input.filedAs, deliveryForm: input.deliveryForm, policyVersion: input.policy.version,
    year: Number(input.receivedOn.slice(0, 4)),
  });
  await c.enterStage('registered', { leadDepartment: state.department, ccDepartments: state.ccDepartments, jurisdiction: state.jurisdiction });
  await c.recompute();

  if (input.answeredOnTheSpot) {
    const s = input.answeredOnTheSpot;
    await c.decide({ replyType: s.replyType, resultCode: s.resultCode, decidedBy: s.answeredBy, decidedOn: input.receivedOn, reason: s.reply }, true);
    await c.issueReply({ issuedBy: s.answeredBy, deliveredVia: 'on_the_spot', issuedOn: input.receivedOn });
  } else if (input.filedAs !== 'disclosure_application') {
    // 条例第三十九条: not handled as a disclosure application; the applicant is told and pointed to the right channel.
    await c.decide({ replyType: 'not_disclosure_application', resultCode: 'not_processed.complaint_petition_report', decidedBy: 'intake', decidedOn: input.receivedOn, reason: `filed as ${input.filedAs}`, legalBasis: '条例第三十九条' }, false);
    await c.recompute();
  }

  const archived = () => state.stage === 'archived';
  while (!archived()) {
    const mark = c.timers.mark;
    const next = c.timers.next();
    const woken = () => c.timers.changed(mark) || recomputeRequested || archived();
    setCurrentDetails(disclosureCurrentDetails(state)); // the Temporal UI's "current details" (not a command)
    if (next) await condition(woken, Math.max(1, next.at - Date.now()), { summary: disclosureTimerSummary(next) });
    else await condition(woken);
    if (recomputeRequested) {
      recomputeRequested = false;
      const before = state.deadlines?.answer.due ?? null;
      const wasProvisional = state.deadlines?.provisional ?? false;
      await c.recompute();
      const last = state.calendarUpdates[state.calendarUpdates.length - 1];
      await c.record('deadline_recomputed', {
        cause: 'calendar_updated', year: last?.year ?? null, revision: last?.revision ?? null, answerDueBefore: before, answerDue: state.deadlines?.answer.due ?? null,
        provisionalBefore: wasProvisional, provisional: state.deadlines?.provisional ?? false, calendarVersion: state.deadlines?.calendarVersion ?? null,
      });
    }
    if (archived()) break;
    await c.fireDueTimers();
    c.refresh();
  }
  // let the archive update (and any other running handler) finish and answer before the workflow completes
  await condition(allHandlersFinished);
  return state;
}
