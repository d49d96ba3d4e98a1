// The disclosure case's state: how it starts, and the small facts every part of the workflow asks of it.
import { ApplicationFailure } from '@temporalio/workflow';
import { shanghaiDateOf, type IsoDate } from '@huiying/calendar';
import {
  ANNUAL_REPORT_RESULTS,
  DISCLOSURE_ACTION_FAILURES,
  type AnnualReportResultCode,
  type DisclosureApplicationInput,
  type DisclosureCaseState,
  type DisclosureStage,
} from '@huiying/contracts/workflow';

/** Stages in which the answer is still owed. */
export const OPEN_STAGES: readonly DisclosureStage[] = ['received', 'registered', 'correction_requested', 'corrected', 'confidentiality_review', 'consultation', 'decided', 'fee_notice'];

/** Offices told when a deadline passes (督办). */
export const ESCALATE_TO = ['disclosure_office', 'general_office'];

export function initialState(input: DisclosureApplicationInput): DisclosureCaseState {
  return {
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
    notices: [],
    excessive: null,
    deadlines: null,
    clocks: [],
    overdue: false,
    reminders: [],
    escalations: [],
    calendarUpdates: [],
    history: [],
  };
}

export function answerOwed(state: DisclosureCaseState): boolean {
  return OPEN_STAGES.includes(state.stage);
}

/** The workflow's date in Asia/Shanghai (its clock is deterministic: replayed from history). */
export function today(): IsoDate {
  return shanghaiDateOf(new Date().toISOString());
}

export function rowOf(code: AnnualReportResultCode): string {
  return ANNUAL_REPORT_RESULTS.find((r) => r.code === code)?.row ?? '';
}

/** The start of the answer count: the corrected application's receipt when there was a correction. */
export function countStart(state: DisclosureCaseState): IsoDate {
  return state.correction?.correctedOn ?? state.receivedOn;
}

export function closePause(state: DisclosureCaseState, reason: DisclosureCaseState['pauses'][number]['reason'], ref: string, to: string): void {
  for (const p of state.pauses) if (p.reason === reason && p.ref === ref && p.to === null) p.to = to;
}

// ---------------------------------------------------------------- refusals (REST 409 / 422)

/** The action does not fit the case's stage or history (409). */
export function conflict(message: string): never {
  throw ApplicationFailure.create({ type: DISCLOSURE_ACTION_FAILURES.conflict, message, nonRetryable: true });
}
/** The action's content breaks a rule (422). */
export function invalid(message: string): never {
  throw ApplicationFailure.create({ type: DISCLOSURE_ACTION_FAILURES.invalid, message, nonRetryable: true });
}
