// Actions on an opinion case (Temporal updates and signals), their records and the clock view.
// Imported by workflow code: plain types and constants only.
import { OPINION_RESPONSE_FORMS_BEFORE_VERIFICATION, type ClockStart, type OpinionClockKind, type RuleSource } from '@huiying/policy';
import type { Channel, Grade } from './case';

export type { ClockStart, OpinionClockKind, RuleSource };

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const VERIFICATION_RESULTS = ['true', 'partly_true', 'untrue'] as const; // 属实 部分属实 不属实
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

/** Forms of a response (回应形式). */
export const RESPONSE_FORMS = [
  'factual_release', // 发布事实类信息 (the first release of major cases)
  'clarification_rebuttal', // 澄清、辟谣 (untrue / partly true reports)
  'remedy_progress', // 整改进展 (true / partly true reports)
  'press_conference', // 新闻发布会 (held)
  'press_conference_notice', // 新闻发布会通知
  'expert_interpretation', // 专家解读
  'point_to_point_reply', // 点对点回复 (to the poster)
] as const;
export type ResponseForm = (typeof RESPONSE_FORMS)[number];

/** Forms that may go out before verification (核查): the facts known so far, within the 1 h / 5 h first-release window. */
export const RESPONSE_FORMS_BEFORE_VERIFICATION: readonly ResponseForm[] = OPINION_RESPONSE_FORMS_BEFORE_VERIFICATION; // the rule: @huiying/policy opinionResponseRefusal

/** Which forms meet which response-type clock. Every form meets the general response clock. */
export const FORMS_MEETING_CLOCK: Readonly<Record<'first_release' | 'press_conference' | 'response', readonly ResponseForm[]>> = {
  first_release: ['factual_release', 'press_conference', 'clarification_rebuttal', 'remedy_progress'],
  press_conference: ['press_conference'],
  response: RESPONSE_FORMS,
};

export const RESPONSE_CHANNELS = ['portal', 'weibo', 'wechat', 'sms', 'press_conference', 'newspaper', 'radio_tv', 'letter'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

export type AssessmentSource = 'automatic' | 'analyst' | 'grouping';

/** 认领 */
export interface ClaimRequest {
  department: string;
  claimedBy: string;
}

/** 转办: the new department gets its own claim clock. */
export interface TransferRequest {
  toDepartment: string;
  reason: string;
  transferredBy: string;
}

/** 主办/协办: co-departments that handle a part of the case alongside the lead department. */
export interface CoHandlerAssignment {
  department: string;
  /** The part of the handling it takes on (e.g. 核查现场情况, 提供检测数据). */
  part: string;
}

/** Adds co-departments (协办) to the lead department (主办); each keeps its own part. */
export interface CoHandleRequest {
  coHandlers: CoHandlerAssignment[];
  assignedBy: string;
}

export const CO_HANDLING_STATUSES = ['assigned', 'in_progress', 'done'] as const;
export type CoHandlingStatus = (typeof CO_HANDLING_STATUSES)[number];

/** A co-department reports on its part. */
export interface CoHandlingReportRequest {
  department: string;
  status: Exclude<CoHandlingStatus, 'assigned'>;
  summary: string;
  reportedBy: string;
}

export interface CoHandlerRecord extends CoHandlerAssignment {
  assignedBy: string;
  assignedAt: string;
  status: CoHandlingStatus;
  reports: { status: CoHandlingStatus; summary: string; reportedBy: string; at: string }[];
}

/**
 * Failure types (ApplicationFailure.type) of a rejected opinion-case action, as callers see them:
 * `conflict` — the action does not fit the case's stage or history (REST 409);
 * `invalid` — the action's content breaks a rule (REST 422).
 */
export const OPINION_ACTION_FAILURES = {
  conflict: 'RejectedAction',
  invalid: 'InvalidAction',
} as const;

/** 研判: grade, risk level, response value. An analyst's grade overrides the automatic one, which stays on record. */
export interface AssessRequest {
  source: 'automatic' | 'analyst';
  grade: Grade;
  riskLevel: RiskLevel;
  /** Response value (回应价值): does the case need a public response? */
  needsResponse: boolean;
  /** Sensitive cases go to joint consultation whatever their grade. */
  sensitive?: boolean;
  flags?: { heavyCasualties?: boolean; largeSocialImpact?: boolean };
  assessedBy: string;
  /** Required for an analyst grade that differs from the automatic one. */
  reason?: string;
  /** The score's parts (automatic grading), kept as given. */
  scoreParts?: Record<string, number>;
}

/** 会商: a joint consultation round on a major or sensitive case. */
export interface ConsultRequest {
  participants: string[];
  opinion: string;
  convenedBy: string;
}

/** 报审: approval of the disposal opinion; `returned` sends it back for another consultation round. */
export interface ApproveRequest {
  decision: 'approved' | 'returned';
  approvedBy: string;
  opinion: string;
}

/** 核查 */
export interface VerifyRequest {
  result: VerificationResult;
  findings: string;
  verifiedBy: string;
}

/** 回应: a publication went out (publication service signals it through this update). */
export interface RespondRequest {
  form: ResponseForm;
  channel: ResponseChannel;
  /** When it was published (ISO instant); lateness is judged on it. */
  publishedAt: string;
  publicationId?: string;
  summary?: string;
}

/** 动态管理: a continuing update after the response. */
export interface FollowUpRequest {
  summary: string;
  updatedBy: string;
  channel?: ResponseChannel;
  publishedAt?: string;
}

/** 办结 */
export interface CloseRequest {
  resolution: string;
  closedBy: string;
}

/** 总结评估 (major cases) */
export interface EvaluateRequest {
  lessons: string;
  handlingCapacity: string;
  evaluatedBy: string;
}

/** How a department reported to its superior (向上级报告). */
export const SUPERIOR_REPORT_MEANS = ['phone', 'written', 'system', 'in_person'] as const; // 电话 书面 系统报送 当面
export type SuperiorReportMeans = (typeof SUPERIOR_REPORT_MEANS)[number];

/**
 * 向上级报告: the lead department reported the matter to its superior (seed 003: 「在向上级报告的同时」 the first
 * release of a major emergency). A step with its own time; meets the superior-report clock when the policy sets one.
 */
export interface SuperiorReportRequest {
  /** The superior body reported to, e.g. 市人民政府总值班室. */
  reportedTo: string;
  means: SuperiorReportMeans;
  /** When it was reported (ISO instant); lateness is judged on it. Not in the future, not before the matter was discovered. */
  reportedAt: string;
  reportedBy: string;
  summary: string;
}

export interface SuperiorReportRecord extends SuperiorReportRequest {
  /** When the workflow recorded it. */
  recordedAt: string;
  /** The superior-report clock it met, if one ran. */
  met: { clockId: string; dueAt: string; late: boolean } | null;
  late: boolean;
}

/** 视情连续召开: another press conference is needed, within the policy's press-conference window from now. */
export interface PressConferenceRequest {
  reason: string;
  requestedBy: string;
}

/** Signal: another report of the same matter joined the case (intake grouping). */
export interface ReportGroupedSignal {
  reportId: string;
  channel: Channel;
  receivedAt: string;
  /** The group's size after this report. */
  groupSize: number;
  /** A grade the growing group calls for; only ever raises the grade. */
  suggestedGrade?: Grade;
}

/** Signal: an official calendar notice was loaded (calendar.updated). */
export interface CalendarUpdatedSignal {
  year: number;
  source: string;
  loadedAt: string;
}

export interface AssessmentRecord {
  source: AssessmentSource;
  grade: Grade;
  riskLevel: RiskLevel | null;
  needsResponse: boolean | null;
  sensitive: boolean;
  assessedBy: string;
  reason: string | null;
  scoreParts: Record<string, number> | null;
  at: string;
}

export interface ConsultationRecord extends ConsultRequest {
  at: string;
}
export interface ApprovalRecord extends ApproveRequest {
  at: string;
}
export interface VerificationRecord extends VerifyRequest {
  at: string;
}
export interface ResponseRecord extends RespondRequest {
  recordedAt: string;
  /** The clocks it met, each on time or late (dueAt null: a clock still waiting for the claim, met before it started). */
  met: { clockId: string; clock: OpinionClockKind; dueAt: string | null; late: boolean }[];
  /** True when any clock it met was already past due: recorded, never hidden. */
  late: boolean;
}
export interface FollowUpRecord extends FollowUpRequest {
  recordedAt: string;
  late: boolean;
}
export interface TransferRecord extends TransferRequest {
  fromDepartment: string;
  at: string;
}
export interface EvaluationRecord extends EvaluateRequest {
  at: string;
}

/**
 * awaiting_claim: counts from the lead department's claim, which has not happened yet (no start, no due time);
 * pending: not due yet and not met; met: met on time; late: met after its due time; escalated: past due, not met;
 * superseded: no longer applies (grade changed, transferred, response waived, case closed).
 */
export const CLOCK_STATUSES = ['awaiting_claim', 'pending', 'met', 'late', 'escalated', 'superseded'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export interface CaseClock {
  /** Unique within the case: `<clock>#<n>`. */
  id: string;
  clock: OpinionClockKind;
  /** Claim clocks: the department that must claim. */
  department: string | null;
  /** The event it counts from (policy data); absent on follow-ups and on clocks of states before this field. */
  startsFrom?: ClockStart;
  /** null while `awaiting_claim`. */
  startsAt: string | null;
  /** null while `awaiting_claim`. */
  dueAt: string | null;
  withinMinutes: number;
  basis: string;
  /** The document, provision and effective date of the rule (policy data), when the policy gives it. */
  source?: RuleSource;
  policyVersion: string;
  /** Why it runs: the policy at start or after a grade change, a transfer, a requested press conference, a publication. */
  origin: 'policy' | 'transfer' | 'request' | 'publication';
  status: ClockStatus;
  metAt: string | null;
  supersededReason: string | null;
  reminders: { at: string; label: string; sentAt: string | null; skipped: boolean }[];
  escalations: { level: number; at: string; to: string; note: string; firedAt: string | null }[];
}
