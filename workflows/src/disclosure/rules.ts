// The rules of each action on a disclosure case (the update validators): conflict (409) when the action does not fit
// the case's stage or history, invalid (422) when its content breaks a rule. They read the state; they change nothing.
import { isIsoDate } from '@huiying/calendar';
import { computeFee, disclosureRules, type FeeInput } from '@huiying/policy';
import {
  NOTICE_DELIVERY_CHANNELS,
  RECEIPT_EVIDENCE,
  REPLY_TYPE_RESULTS,
  type DisclosureApplicationInput,
  type DisclosureArchiveAction,
  type DisclosureCaseState,
  type DisclosureConsultationAction,
  type DisclosureConsultationReplyAction,
  type DisclosureCorrectionAction,
  type DisclosureCorrectionRequestAction,
  type DisclosureDecisionAction,
  type DisclosureExcessivePeriodAction,
  type DisclosureExcessiveReasonsAction,
  type DisclosureExtensionAction,
  type DisclosureFeeNoticeAction,
  type DisclosureFeePaymentAction,
  type DisclosureLateCorrectionAction,
  type DisclosureNoticeReceiptAction,
  type DisclosureReplyAction,
  type DisclosureReviewAction,
  type DisclosureStage,
} from '@huiying/contracts/workflow';
import { answerOwed, conflict, countStart, invalid, today } from './state';

export function required(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') invalid(`${field} is required`);
}
function checkDate(value: string | undefined, field: string): void {
  if (value !== undefined && !isIsoDate(value)) invalid(`${field} must be a real date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}
function notFuture(value: string | undefined, field: string): void {
  if (value !== undefined && value > today()) invalid(`${field} ${value} is in the future`);
}
function sentVia(value: unknown): void {
  if (!(NOTICE_DELIVERY_CHANNELS as readonly unknown[]).includes(value)) invalid(`sentVia must be one of: ${NOTICE_DELIVERY_CHANNELS.join(', ')}`);
}
export function expectStage(state: DisclosureCaseState, action: string, ...stages: DisclosureStage[]): void {
  if (!stages.includes(state.stage)) conflict(`${action} is not possible in stage ${state.stage} (only in ${stages.join(', ')})`);
}

export function checkCorrectionRequest(state: DisclosureCaseState, input: DisclosureApplicationInput, a: DisclosureCorrectionRequestAction): void {
  expectStage(state, 'a correction request', 'registered');
  if (state.correction) conflict('a correction was already requested: it is asked for once, listing everything (一次性告知)');
  required(a.requestedBy, 'requestedBy');
  if (!Array.isArray(a.items) || a.items.length === 0 || a.items.some((i) => typeof i !== 'string' || !i.trim())) invalid('items must list what is unclear or missing');
  sentVia(a.sentVia);
  checkDate(a.requestedOn, 'requestedOn');
  checkDate(a.noticeReceivedOn, 'noticeReceivedOn');
  notFuture(a.noticeReceivedOn, 'noticeReceivedOn');
  const max = disclosureRules(input.policy).correctionPeriod.maxWorkingDays;
  if (a.respondWithinWorkingDays !== undefined && (!Number.isInteger(a.respondWithinWorkingDays) || a.respondWithinWorkingDays < 1 || a.respondWithinWorkingDays > max)) {
    invalid(`respondWithinWorkingDays must be 1 to ${max} working days`);
  }
  const on = a.requestedOn ?? today();
  if (on < input.receivedOn) invalid(`requestedOn ${on} is before the receipt ${input.receivedOn}`);
  if (a.noticeReceivedOn && a.noticeReceivedOn < on) invalid(`noticeReceivedOn ${a.noticeReceivedOn} is before the notice was sent (${on})`);
  const by = state.deadlines?.correctionRequestBy.due;
  if (by && on > by) conflict(`a correction must be requested within ${input.policy.correction.requestWithinWorkingDays} working days of receipt, i.e. by ${by}`);
}

export function checkCorrection(state: DisclosureCaseState, a: DisclosureCorrectionAction): void {
  expectStage(state, 'a correction', 'correction_requested');
  required(a.receivedBy, 'receivedBy');
  checkDate(a.correctedOn, 'correctedOn');
  const on = a.correctedOn ?? today();
  const c = state.correction;
  if (c && on < c.requestedOn) invalid(`correctedOn ${on} is before the correction request of ${c.requestedOn}`);
  const by = state.deadlines?.correctionDueBy?.due;
  if (by && on > by) conflict(`the correction period ended on ${by}: without a good reason the application is deemed withdrawn (a late correction with a good reason: late-correction)`);
}

export function checkLateCorrection(state: DisclosureCaseState, a: DisclosureLateCorrectionAction): void {
  if (state.stage !== 'abandoned' || state.decision?.resultCode !== 'other.no_correction') {
    conflict('a late correction is accepted only for an application deemed withdrawn for lack of correction (条例第三十条)');
  }
  required(a.receivedBy, 'receivedBy');
  required(a.goodReason, 'goodReason');
  required(a.acceptedBy, 'acceptedBy');
  checkDate(a.correctedOn, 'correctedOn');
  if (!isIsoDate(a.correctedOn)) invalid('correctedOn is required');
  notFuture(a.correctedOn, 'correctedOn');
  const c = state.correction;
  if (c && a.correctedOn < c.requestedOn) invalid(`correctedOn ${a.correctedOn} is before the correction request of ${c.requestedOn}`);
}

export function checkNoticeReceipt(state: DisclosureCaseState, a: DisclosureNoticeReceiptAction): void {
  const n = state.notices.find((x) => x.id === a.noticeId);
  if (!n) invalid(`no notice ${String(a.noticeId)} on this case (notices: ${state.notices.map((x) => x.id).join(', ') || 'none'})`);
  if (n.receivedOn !== null) conflict(`the receipt of notice ${n.id} was already recorded: ${n.receivedOn}`);
  required(a.recordedBy, 'recordedBy');
  if (!(RECEIPT_EVIDENCE as readonly unknown[]).includes(a.evidence)) invalid(`evidence must be one of: ${RECEIPT_EVIDENCE.join(', ')}`);
  if (!isIsoDate(a.receivedOn)) invalid(`receivedOn must be a real date YYYY-MM-DD, got ${JSON.stringify(a.receivedOn)}`);
  notFuture(a.receivedOn, 'receivedOn');
  if (a.receivedOn < n.issuedOn) invalid(`receivedOn ${a.receivedOn} is before the notice was issued (${n.issuedOn})`);
}

export function checkReview(state: DisclosureCaseState, a: DisclosureReviewAction): void {
  expectStage(state, 'a confidentiality review', 'registered', 'corrected', 'confidentiality_review', 'consultation');
  required(a.reviewedBy, 'reviewedBy');
  if (!['cleared', 'contains_exempt_parts', 'exempt', 'needs_consultation'].includes(a.outcome)) invalid(`outcome ${String(a.outcome)} is not a review outcome`);
  checkDate(a.reviewedOn, 'reviewedOn');
}

export function checkConsultation(state: DisclosureCaseState, a: DisclosureConsultationAction): void {
  expectStage(state, 'a consultation', 'confidentiality_review', 'consultation');
  if (a.party !== 'third_party' && a.party !== 'co_producing_agency') invalid('party must be third_party or co_producing_agency');
  required(a.consultee, 'consultee');
  required(a.matters, 'matters');
  required(a.requestedBy, 'requestedBy');
  sentVia(a.sentVia);
  checkDate(a.requestedOn, 'requestedOn');
  checkDate(a.requestReceivedOn, 'requestReceivedOn');
  notFuture(a.requestReceivedOn, 'requestReceivedOn');
  const on = a.requestedOn ?? today();
  if (on < countStart(state)) invalid(`requestedOn ${on} is before the application's receipt`);
  if (a.requestReceivedOn && a.requestReceivedOn < on) invalid('requestReceivedOn is before requestedOn');
}

export function checkConsultationReply(state: DisclosureCaseState, a: DisclosureConsultationReplyAction): void {
  const c = state.consultations.find((x) => x.id === a.consultationId);
  if (!c) invalid(`no consultation ${String(a.consultationId)} on this case`);
  if (c.status !== 'open') conflict(`consultation ${c.id} is already closed (${c.response} on ${c.closedOn})`);
  if (a.response !== 'consent' && a.response !== 'objection') invalid('response must be consent or objection');
  if (a.response === 'objection' && (typeof a.reasons !== 'string' || !a.reasons.trim())) invalid('an objection is recorded with its reasons');
  checkDate(a.answeredOn, 'answeredOn');
  const on = a.answeredOn ?? today();
  if (on < c.requestedOn) invalid(`answeredOn ${on} is before the request of ${c.requestedOn}`);
}

export function checkDecision(state: DisclosureCaseState, a: DisclosureDecisionAction): void {
  expectStage(state, 'a decision', 'registered', 'corrected', 'confidentiality_review', 'consultation');
  const open = state.consultations.filter((c) => c.status === 'open');
  if (open.length) conflict(`consultation ${open.map((c) => c.id).join(', ')} is still open`);
  const allowed = REPLY_TYPE_RESULTS[a.replyType];
  if (!allowed) invalid(`replyType ${String(a.replyType)} is not a reply type`);
  required(a.decidedBy, 'decidedBy');
  checkDate(a.decidedOn, 'decidedOn');
  if (a.resultCode !== undefined && !allowed.includes(a.resultCode)) invalid(`a ${a.replyType} reply is counted as ${allowed.join(' or ')}, not ${a.resultCode}`);
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
      if (!p.resultCode || !(p.resultCode.startsWith('withheld.') || p.resultCode.startsWith('unavailable.'))) invalid(`withheldParts[${i}].resultCode must be a 不予公开 or 无法提供 reason code`);
    }
  }
  if (a.replyType === 'not_this_agency') required(a.rightAgency ?? a.reason, 'rightAgency');
  if (a.replyType === 'special_law') required(a.legalBasis, 'legalBasis');
  if (a.resultCode === 'not_processed.excessive' && !state.excessive?.reasonsRequested) {
    conflict('not processed as excessive only after the applicant was asked for reasons and they were found unreasonable (条例第三十五条): excessive-reasons-request first');
  }
  const objection = state.consultations.find((c) => c.party === 'third_party' && c.response === 'objection');
  if (objection && (a.replyType === 'disclosed' || a.replyType === 'already_public' || a.replyType === 'partly_disclosed')) {
    const o = a.publicInterestOverride;
    if (!o && a.replyType !== 'partly_disclosed') {
      conflict(`the third party (${objection.id}) objected with reasons: not disclosed unless a public-interest override is recorded (条例第三十二条)`);
    }
    if (o) {
      required(o.reasons, 'publicInterestOverride.reasons');
      required(o.approvedBy, 'publicInterestOverride.approvedBy');
      required(o.disclosedContent, 'publicInterestOverride.disclosedContent');
      sentVia(o.sentVia);
    }
  } else if (a.publicInterestOverride) {
    conflict('a public-interest override answers a third party’s objection (条例第三十二条): no third party objected on this case');
  }
}

export function checkExtension(state: DisclosureCaseState, input: DisclosureApplicationInput, a: DisclosureExtensionAction): void {
  const policy = input.policy;
  if (!answerOwed(state)) conflict(`no extension in stage ${state.stage}: the answer is no longer owed`);
  const e = state.extension;
  if (e) conflict(`the deadline was already extended once (${e.workingDays} working days, approved by ${e.approvedBy} on ${e.approvedOn}); a second extension is not allowed (条例第三十三条)`);
  if (state.excessive?.period) conflict('a longer reasonable period was already set under 条例第三十五条: the 第三十三条 extension does not apply on top of it');
  if (a.approverRole !== policy.extension.approver) invalid(`an extension is approved by the ${policy.extension.approver}, not ${String(a.approverRole)}`);
  required(a.approvedBy, 'approvedBy');
  required(a.reason, 'reason');
  sentVia(a.sentVia);
  if (!Number.isInteger(a.workingDays) || a.workingDays < 1 || a.workingDays > policy.extension.maxWorkingDays) {
    invalid(`an extension is 1 to ${policy.extension.maxWorkingDays} working days, got ${String(a.workingDays)}`);
  }
  checkDate(a.approvedOn, 'approvedOn');
  const due = state.deadlines?.answer.due;
  const on = a.approvedOn ?? today();
  if (due && on > due) conflict(`the answer deadline ${due} has passed: an extension must be approved before it`);
}

/** The fee input of a notice: per application from the system's own count of the applicant's month (109号 第四条). */
export function feeInputOf(input: DisclosureApplicationInput, a: DisclosureFeeNoticeAction): FeeInput {
  if (a.method === 'per_page') return { method: 'per_page', pages: a.pages as number };
  return { method: 'per_application', priorApplicationsThisMonth: (input.applicantMonth?.ordinal ?? 1) - 1, applications: a.applications ?? 1 };
}

export function checkFeeNotice(state: DisclosureCaseState, input: DisclosureApplicationInput, a: DisclosureFeeNoticeAction): void {
  expectStage(state, 'a fee notice', 'decided');
  if (state.fee) conflict('a fee notice was already issued for this application');
  required(a.issuedBy, 'issuedBy');
  sentVia(a.sentVia);
  checkDate(a.issuedOn, 'issuedOn');
  checkDate(a.receivedOn, 'receivedOn');
  notFuture(a.receivedOn, 'receivedOn');
  if (a.receivedOn && a.receivedOn < (a.issuedOn ?? today())) invalid('receivedOn is before the notice was issued');
  if ((a as { priorApplicationsThisMonth?: unknown }).priorApplicationsThisMonth !== undefined) invalid('priorApplicationsThisMonth is kept by the system (the applicant\u2019s applications this month), not sent');
  const rules = disclosureRules(input.policy).feeMethods;
  const rt = state.decision?.replyType;
  if (a.method === 'per_page') {
    if (a.applications !== undefined) invalid('one method per application: per page or per application, never both (109号第三条)');
    if (!rt || !rules.perPage.replyTypes.includes(rt)) conflict(`按量计收 applies only where information is provided (${rules.perPage.replyTypes.join(', ')}), not to a ${String(rt)} reply (${rules.source})`);
    if (!rules.perPage.deliveryForms.includes(input.deliveryForm)) conflict(`按量计收 applies to paper copies, e-mail or copied electronic data, not to delivery by ${input.deliveryForm} (${rules.source})`);
  } else if (!input.applicantMonth) {
    conflict('按件计收 needs the applicant’s count for the month, which this case does not carry (received before the system kept it)');
  }
  let fee;
  try {
    fee = computeFee(input.policy, feeInputOf(input, a));
  } catch (e) {
    invalid((e as Error).message);
  }
  if (!fee.chargeable) conflict(`within the free tier of ${fee.reference}: no fee is charged (${fee.method})`);
}

export function checkFeePayment(state: DisclosureCaseState, input: DisclosureApplicationInput, a: DisclosureFeePaymentAction): void {
  expectStage(state, 'a fee payment', 'fee_notice');
  if (a.outcome !== 'paid' && a.outcome !== 'waived') invalid('outcome must be paid or waived');
  required(a.recordedBy, 'recordedBy');
  checkDate(a.on, 'on');
  if (a.outcome === 'waived') {
    required(a.waiverApprovedBy, 'waiverApprovedBy');
    if (a.approverRole !== input.policy.extension.approver) invalid(`a hardship waiver is approved by the ${input.policy.extension.approver}`);
  }
  const fee = state.fee;
  const on = a.on ?? today();
  if (fee && on < fee.issuedOn) invalid(`${on} is before the fee notice of ${fee.issuedOn}`);
  const by = state.deadlines?.feePaymentBy?.due;
  if (by && on > by && a.outcome === 'paid') conflict(`the payment window ended on ${by}`);
}

export function checkExcessiveReasons(state: DisclosureCaseState, a: DisclosureExcessiveReasonsAction): void {
  expectStage(state, 'asking for reasons (第三十五条)', 'registered', 'corrected', 'confidentiality_review');
  if (state.excessive?.reasonsRequested) conflict(`the applicant was already asked for reasons on ${state.excessive.reasonsRequested.requestedOn}`);
  required(a.requestedBy, 'requestedBy');
  required(a.grounds, 'grounds');
  sentVia(a.sentVia);
  checkDate(a.requestedOn, 'requestedOn');
  if (a.reasonsWithinWorkingDays !== undefined && (!Number.isInteger(a.reasonsWithinWorkingDays) || a.reasonsWithinWorkingDays < 1 || a.reasonsWithinWorkingDays > 60)) {
    invalid('reasonsWithinWorkingDays must be 1 to 60 working days');
  }
}

export function checkExcessivePeriod(state: DisclosureCaseState, a: DisclosureExcessivePeriodAction): void {
  if (!answerOwed(state) || state.stage === 'decided' || state.stage === 'fee_notice') conflict(`a longer reasonable period is set before the decision, not in stage ${state.stage}`);
  if (!state.excessive?.reasonsRequested) conflict('a longer reasonable period follows the applicant’s reasons (条例第三十五条): excessive-reasons-request first');
  if (state.excessive.period) conflict(`a reasonable period was already set (due ${state.excessive.period.due})`);
  if (state.extension) conflict('the 第三十三条 extension was already used: 第三十五条 applies when that period cannot be met, set it before extending');
  required(a.decidedBy, 'decidedBy');
  required(a.reason, 'reason');
  sentVia(a.sentVia);
  checkDate(a.decidedOn, 'decidedOn');
  if (!isIsoDate(a.due)) invalid(`due must be a real date YYYY-MM-DD, got ${JSON.stringify(a.due)}`);
  const statutory = state.deadlines?.answer.due;
  if (statutory && a.due <= statutory) invalid(`due ${a.due} is not later than the 第三十三条 deadline ${statutory}: no longer period is needed`);
}

export function checkReply(state: DisclosureCaseState, a: DisclosureReplyAction): void {
  if (state.stage === 'fee_notice') conflict('the fee notice is not settled yet (paid or waived)');
  expectStage(state, 'a reply', 'decided');
  required(a.issuedBy, 'issuedBy');
  required(a.deliveredVia, 'deliveredVia');
  checkDate(a.issuedOn, 'issuedOn');
  const on = a.issuedOn ?? today();
  if (state.decision && on < state.decision.decidedOn) invalid(`issuedOn ${on} is before the decision of ${state.decision.decidedOn}`);
}

export function checkArchive(state: DisclosureCaseState, a: DisclosureArchiveAction): void {
  expectStage(state, 'archiving', 'reply_issued', 'abandoned');
  required(a.archivedBy, 'archivedBy');
}
