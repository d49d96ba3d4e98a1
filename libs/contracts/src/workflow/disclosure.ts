// The information-disclosure application (依申请公开, DOMAIN.md case kind 2): vocabulary, annual-report codes,
// workflow input/state, actions, and the Temporal definitions of disclosureApplicationWorkflow.
// Imported by workflow code: plain types, constants and @temporalio/workflow definitions only.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DisclosureClockRequest, DisclosureClocks, DisclosurePolicy, FeeInput, FeeResult } from '@huiying/policy';
import type { CaseHistoryEntry, CaseStageChange } from './case';

export const DISCLOSURE_WORKFLOW_TYPE = 'disclosureApplicationWorkflow';
/** Disclosure applications are led by the disclosure office (政务公开办) unless intake says otherwise. */
export const DISCLOSURE_DEFAULT_DEPARTMENT = 'disclosure_office';

// ------------------------------------------------------------------ application vocabulary

/** 申请人: the annual report's columns (自然人 | 法人或其他组织 …). */
export const APPLICANT_TYPES = ['natural_person', 'legal_person'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
/** 法人或其他组织: 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他. */
export const ORGANISATION_TYPES = [
  'commercial_enterprise',
  'research_institution',
  'public_interest_organisation',
  'legal_services_organisation',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** How the application arrived; decides the receipt date (DOMAIN.md case kind 2 §1). */
export const DISCLOSURE_CHANNELS = ['in_person', 'post_signed', 'ordinary_letter', 'online', 'fax'] as const;
export type DisclosureChannel = (typeof DISCLOSURE_CHANNELS)[number];

export const DELIVERY_FORMS = ['paper', 'electronic', 'email', 'post', 'pickup', 'inspection'] as const;
export type DeliveryForm = (typeof DELIVERY_FORMS)[number];

/** What the filing really is: a complaint/petition/report filed as an application is not a disclosure application (条例第三十九条). */
export const FILED_AS = ['disclosure_application', 'complaint', 'petition', 'report'] as const;
export type FiledAs = (typeof FILED_AS)[number];

/** The channel a non-application is pointed to. */
export const RIGHT_CHANNELS: Record<Exclude<FiledAs, 'disclosure_application'>, { code: string; nameZh: string; nameEn: string }> = {
  complaint: { code: 'hotline_12345', nameZh: '12345政务服务便民热线（投诉）', nameEn: '12345 government service hotline (complaints)' },
  petition: { code: 'petition_bureau', nameZh: '信访部门（网上信访）', nameEn: 'petition bureau (online petition)' },
  report: { code: 'competent_authority_report', nameZh: '有关主管部门或纪检监察机关举报渠道', nameEn: 'report channel of the competent authority or the discipline inspection body' },
};

// ------------------------------------------------------------------ decisions and the annual report

/** Reply types (条例第三十六条 and 第三十九条). */
export const REPLY_TYPES = [
  'already_public', // 已主动公开: tell where
  'disclosed', // 予以公开
  'partly_disclosed', // 部分公开 (区分处理), reasons for the withheld parts
  'not_disclosed', // 不予公开, with the reason
  'does_not_exist', // 信息不存在
  'not_this_agency', // 非本机关负责公开, name the right agency
  'duplicate', // 重复申请
  'special_law', // 法律、行政法规另有规定 (工商、不动产登记资料…)
  'not_disclosure_application', // 信访、投诉、举报 filed as an application (不作为政府信息公开申请处理)
] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

/**
 * 国办公开办函〔2021〕30号, table 三 "收到和处理政府信息公开申请情况", rows of 三、本年度办理结果.
 * The code is what a decision records; the annual report counts by it.
 */
export const ANNUAL_REPORT_RESULTS = [
  { code: 'disclosed', row: '（一）', group: 'disclosed', labelZh: '予以公开' },
  { code: 'partly_disclosed', row: '（二）', group: 'partly_disclosed', labelZh: '部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { code: 'withheld.state_secret', row: '（三）1', group: 'withheld', labelZh: '属于国家秘密' },
  { code: 'withheld.prohibited_by_law', row: '（三）2', group: 'withheld', labelZh: '其他法律行政法规禁止公开' },
  { code: 'withheld.security_stability', row: '（三）3', group: 'withheld', labelZh: '危及“三安全一稳定”' },
  { code: 'withheld.third_party_rights', row: '（三）4', group: 'withheld', labelZh: '保护第三方合法权益' },
  { code: 'withheld.internal_affairs', row: '（三）5', group: 'withheld', labelZh: '属于三类内部事务信息' },
  { code: 'withheld.process_information', row: '（三）6', group: 'withheld', labelZh: '属于四类过程性信息' },
  { code: 'withheld.law_enforcement_files', row: '（三）7', group: 'withheld', labelZh: '属于行政执法案卷' },
  { code: 'withheld.administrative_inquiry', row: '（三）8', group: 'withheld', labelZh: '属于行政查询事项' },
  { code: 'unavailable.not_held', row: '（四）1', group: 'unavailable', labelZh: '本机关不掌握相关政府信息' },
  { code: 'unavailable.requires_creation', row: '（四）2', group: 'unavailable', labelZh: '没有现成信息需要另行制作' },
  { code: 'unavailable.unclear_after_correction', row: '（四）3', group: 'unavailable', labelZh: '补正后申请内容仍不明确' },
  { code: 'not_processed.complaint_petition_report', row: '（五）1', group: 'not_processed', labelZh: '信访举报投诉类申请' },
  { code: 'not_processed.duplicate', row: '（五）2', group: 'not_processed', labelZh: '重复申请' },
  { code: 'not_processed.publication', row: '（五）3', group: 'not_processed', labelZh: '要求提供公开出版物' },
  { code: 'not_processed.excessive', row: '（五）4', group: 'not_processed', labelZh: '无正当理由大量反复申请' },
  { code: 'not_processed.confirm_or_reissue', row: '（五）5', group: 'not_processed', labelZh: '要求行政机关确认或重新出具已获取信息' },
  { code: 'other.no_correction', row: '（六）1', group: 'other', labelZh: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { code: 'other.fee_unpaid', row: '（六）2', group: 'other', labelZh: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { code: 'other.other', row: '（六）3', group: 'other', labelZh: '其他' },
] as const;
export type AnnualReportResultCode = (typeof ANNUAL_REPORT_RESULTS)[number]['code'];
export const ANNUAL_REPORT_RESULT_CODES: readonly AnnualReportResultCode[] = ANNUAL_REPORT_RESULTS.map((r) => r.code);
export const WITHHELD_RESULT_CODES = ANNUAL_REPORT_RESULT_CODES.filter((c) => c.startsWith('withheld.'));
export const UNAVAILABLE_RESULT_CODES = ANNUAL_REPORT_RESULT_CODES.filter((c) => c.startsWith('unavailable.'));

/** Which annual-report rows each reply type may be counted in; the first is the default. */
export const REPLY_TYPE_RESULTS: Record<ReplyType, readonly AnnualReportResultCode[]> = {
  already_public: ['disclosed'],
  disclosed: ['disclosed'],
  partly_disclosed: ['partly_disclosed'],
  not_disclosed: WITHHELD_RESULT_CODES,
  does_not_exist: ['unavailable.not_held', 'unavailable.requires_creation', 'unavailable.unclear_after_correction'],
  not_this_agency: ['unavailable.not_held'],
  duplicate: ['not_processed.duplicate'],
  special_law: ['other.other', 'withheld.prohibited_by_law'],
  not_disclosure_application: [
    'not_processed.complaint_petition_report',
    'not_processed.publication',
    'not_processed.confirm_or_reissue',
    'not_processed.excessive',
  ],
};

// ------------------------------------------------------------------ workflow input and state

export const DISCLOSURE_STAGES = [
  'received', // 收到
  'registered', // 登记
  'correction_requested', // 补正告知
  'corrected', // 已补正 (the count restarted)
  'confidentiality_review', // 保密审查
  'consultation', // 征求意见 (third party / co-producing agency)
  'decided', // 作出决定
  'fee_notice', // 收费通知, waiting for payment
  'reply_issued', // 答复
  'abandoned', // 视为放弃 (no correction / fee unpaid in time): 其他处理
  'archived', // 归档
] as const;
export type DisclosureStage = (typeof DISCLOSURE_STAGES)[number];

export interface DisclosureApplicantCategory {
  type: ApplicantType;
  /** For legal persons and other organisations. */
  organisationType?: OrganisationType;
}

export interface DisclosureOnTheSpotAnswer {
  replyType: ReplyType;
  resultCode?: AnnualReportResultCode;
  answeredBy: string;
  /** What was answered (当场答复). */
  reply: string;
}

/** What routing hands to the workflow. No personal data: identity and contact stay encrypted in intake. */
export interface DisclosureApplicationInput {
  caseId: string;
  applicationId: string;
  channel: DisclosureChannel;
  receivedOn: string; // 'YYYY-MM-DD' (Asia/Shanghai) after the channel rules
  receivedAt: string; // instant intake stored it
  applicant: DisclosureApplicantCategory;
  filedAs: FiledAs;
  deliveryForm: DeliveryForm;
  answeredOnTheSpot: DisclosureOnTheSpotAnswer | null;
  leadDepartment: string;
  ccDepartments: string[];
  jurisdiction: string;
  /** The disclosure policy version the case runs under, whole (a case keeps it). */
  policy: DisclosurePolicy;
  /**
   * The applicant's count for 按件计收 (国办函〔2020〕109号 第四条): this application's ordinal among the applicant's
   * applications received in the same calendar month, kept by intake. null when unknown (cases started before it).
   */
  applicantMonth?: { month: string; ordinal: number } | null;
}

export type DisclosureClockName = 'answer' | 'correction_window' | 'correction_due' | 'consultation' | 'fee_payment';

export interface DisclosureClockView {
  name: DisclosureClockName;
  /** Consultation id for consultation clocks. */
  ref?: string;
  due: string | null;
  dueAt: string | null;
  provisional: boolean;
  status: 'running' | 'paused' | 'met' | 'late' | 'overdue' | 'closed';
}

export interface DisclosurePauseRecord {
  from: string;
  to: string | null;
  reason: 'third_party_consultation' | 'co_producing_agency' | 'fee_notice' | 'correction';
  /** consultation id, fee notice, correction request */
  ref: string;
  recordedBy: string;
  approvedBy: string | null;
  note: string | null;
}

export interface DisclosureCorrectionRecord {
  requestedOn: string;
  requestedBy: string;
  items: string[];
  respondWithinWorkingDays: number;
  correctedOn: string | null;
  receivedBy: string | null;
  outcome: 'waiting' | 'corrected' | 'abandoned';
}

export interface DisclosureReviewRecord {
  reviewedBy: string;
  reviewedOn: string;
  outcome: DisclosureReviewOutcome;
  notes: string | null;
}

export const DISCLOSURE_REVIEW_OUTCOMES = ['cleared', 'contains_exempt_parts', 'exempt', 'needs_consultation'] as const;
export type DisclosureReviewOutcome = (typeof DISCLOSURE_REVIEW_OUTCOMES)[number];

export const DISCLOSURE_CONSULTATION_PARTIES = ['third_party', 'co_producing_agency'] as const;
export type DisclosureConsultationParty = (typeof DISCLOSURE_CONSULTATION_PARTIES)[number];

export interface DisclosureConsultationRecord {
  id: string;
  party: DisclosureConsultationParty;
  /** Name of the third party or agency consulted (not logged). */
  consultee: string;
  matters: string;
  requestedOn: string;
  requestReceivedOn: string;
  requestedBy: string;
  due: string | null;
  status: 'open' | 'answered' | 'silent';
  /** consent | objection (with reasons); silence: third party → agency decides, co-producer → consent. */
  response: 'consent' | 'objection' | 'silence_agency_decides' | 'silence_consent' | null;
  reasons: string | null;
  closedOn: string | null;
  /** 第三十二条: the applicant is told in writing that a third party is consulted. */
  applicantInformed: boolean;
}

export interface DisclosureWithheldPart {
  description: string;
  resultCode: AnnualReportResultCode;
  reason: string;
}

export interface DisclosurePublicInterestOverride {
  reasons: string;
  approvedBy: string;
  /** The third party is told in writing what is disclosed and why. */
  thirdPartyNotifiedOn: string;
}

export interface DisclosureDecisionRecord {
  /** null when the application was not answered (abandoned: no correction / fee unpaid). */
  replyType: ReplyType | null;
  resultCode: AnnualReportResultCode;
  resultRow: string;
  decidedBy: string;
  decidedOn: string;
  reason: string | null;
  legalBasis: string | null;
  whereToObtain: string | null;
  rightAgency: string | null;
  rightChannel: string | null;
  withheldParts: DisclosureWithheldPart[];
  publicInterestOverride: DisclosurePublicInterestOverride | null;
  onTheSpot: boolean;
}

export interface DisclosureExtensionRecord {
  workingDays: number;
  reason: string;
  approvedBy: string;
  approverRole: 'head_of_disclosure_office';
  approvedOn: string;
  dueBefore: string | null;
  dueAfter: string | null;
  /** The applicant must be told (告知申请人). */
  applicantNotifiedOn: string | null;
}

export interface DisclosureFeeRecord {
  issuedOn: string;
  issuedBy: string;
  input: FeeInput;
  fee: FeeResult;
  status: 'waiting' | 'paid' | 'waived' | 'unpaid';
  settledOn: string | null;
  recordedBy: string | null;
  waiverApprovedBy: string | null;
}

export interface DisclosureReplyRecord {
  issuedOn: string;
  issuedBy: string;
  deliveredVia: string;
  letterRef: string | null;
  /** The answer clock's due date when the reply went out, and whether it was late. */
  due: string | null;
  late: boolean;
  /** 抄送同级政府信息公开工作主管部门. */
  copiedTo: string;
}

export interface DisclosureCaseState {
  caseId: string;
  applicationId: string;
  kind: 'disclosure';
  stage: DisclosureStage;
  department: string;
  ccDepartments: string[];
  jurisdiction: string;
  policyVersion: string;
  applicant: DisclosureApplicantCategory;
  channel: DisclosureChannel;
  filedAs: FiledAs;
  receivedOn: string;
  correction: DisclosureCorrectionRecord | null;
  reviews: DisclosureReviewRecord[];
  consultations: DisclosureConsultationRecord[];
  pauses: DisclosurePauseRecord[];
  extension: DisclosureExtensionRecord | null;
  fee: DisclosureFeeRecord | null;
  decision: DisclosureDecisionRecord | null;
  reply: DisclosureReplyRecord | null;
  archive: { archivedBy: string; archivedOn: string; archiveRef: string | null } | null;
  /** The last computation of the deadline activity. */
  deadlines: (DisclosureClocks & { calendarVersion: string }) | null;
  clocks: DisclosureClockView[];
  overdue: boolean;
  reminders: { clock: DisclosureClockName; date: string; workingDaysBefore: number }[];
  escalations: { clock: DisclosureClockName; due: string; at: string }[];
  calendarUpdates: DisclosureCalendarUpdatedSignal[];
  history: CaseHistoryEntry[];
}

// ------------------------------------------------------------------ actions (updates)

export interface DisclosureCorrectionRequestAction {
  requestedBy: string;
  /** What is unclear or missing (一次性告知). */
  items: string[];
  requestedOn?: string;
  /** The period given to the applicant (合理的补正期限), working days; default 15. */
  respondWithinWorkingDays?: number;
}
export interface DisclosureCorrectionAction {
  receivedBy: string;
  correctedOn?: string;
}
export interface DisclosureReviewAction {
  reviewedBy: string;
  outcome: DisclosureReviewOutcome;
  notes?: string;
  reviewedOn?: string;
}
export interface DisclosureConsultationAction {
  party: DisclosureConsultationParty;
  consultee: string;
  matters: string;
  requestedBy: string;
  requestedOn?: string;
  /** When the consulted party received the written request (its 15 working days count from here); default requestedOn. */
  requestReceivedOn?: string;
}
export interface DisclosureConsultationReplyAction {
  consultationId: string;
  response: 'consent' | 'objection';
  reasons?: string;
  answeredOn?: string;
}
export interface DisclosureDecisionAction {
  replyType: ReplyType;
  resultCode?: AnnualReportResultCode;
  decidedBy: string;
  decidedOn?: string;
  reason?: string;
  legalBasis?: string;
  whereToObtain?: string;
  rightAgency?: string;
  rightChannel?: string;
  withheldParts?: DisclosureWithheldPart[];
  publicInterestOverride?: DisclosurePublicInterestOverride;
}
export interface DisclosureExtensionAction {
  workingDays: number;
  reason: string;
  approvedBy: string;
  approverRole: string;
  approvedOn?: string;
  applicantNotifiedOn?: string;
}
export interface DisclosureFeeNoticeAction {
  issuedBy: string;
  issuedOn?: string;
  method: 'per_application' | 'per_page';
  pages?: number;
  priorApplicationsThisMonth?: number;
  applications?: number;
}
export interface DisclosureFeePaymentAction {
  outcome: 'paid' | 'waived';
  recordedBy: string;
  on?: string;
  /** A hardship waiver (减免) is approved by the head of the disclosure office. */
  waiverApprovedBy?: string;
  approverRole?: string;
}
export interface DisclosureReplyAction {
  issuedBy: string;
  deliveredVia: string;
  issuedOn?: string;
  letterRef?: string;
}
export interface DisclosureArchiveAction {
  archivedBy: string;
  archiveRef?: string;
}

export interface DisclosureCalendarUpdatedSignal {
  year: number;
  revision: number;
}

/** Failure types an update validator throws (ApplicationFailure.type): REST maps them to 409 / 422. */
export const DISCLOSURE_ACTION_FAILURES = {
  /** The action does not fit the case's stage or history (409). */
  conflict: 'DisclosureActionConflict',
  /** The action's content breaks a rule (422). */
  invalid: 'DisclosureActionInvalid',
} as const;

export const disclosureQueries = {
  state: defineQuery<DisclosureCaseState>('state'),
  clocks: defineQuery<DisclosureClockView[]>('clocks'),
  history: defineQuery<CaseHistoryEntry[]>('history'),
};

export const disclosureUpdates = {
  requestCorrection: defineUpdate<DisclosureCaseState, [DisclosureCorrectionRequestAction]>('requestCorrection'),
  submitCorrection: defineUpdate<DisclosureCaseState, [DisclosureCorrectionAction]>('submitCorrection'),
  review: defineUpdate<DisclosureCaseState, [DisclosureReviewAction]>('review'),
  requestConsultation: defineUpdate<DisclosureCaseState, [DisclosureConsultationAction]>('requestConsultation'),
  recordConsultationReply: defineUpdate<DisclosureCaseState, [DisclosureConsultationReplyAction]>('recordConsultationReply'),
  decide: defineUpdate<DisclosureCaseState, [DisclosureDecisionAction]>('decide'),
  extend: defineUpdate<DisclosureCaseState, [DisclosureExtensionAction]>('extend'),
  issueFeeNotice: defineUpdate<DisclosureCaseState, [DisclosureFeeNoticeAction]>('issueFeeNotice'),
  recordFeePayment: defineUpdate<DisclosureCaseState, [DisclosureFeePaymentAction]>('recordFeePayment'),
  issueReply: defineUpdate<DisclosureCaseState, [DisclosureReplyAction]>('issueReply'),
  archive: defineUpdate<DisclosureCaseState, [DisclosureArchiveAction]>('archive'),
};

export const disclosureSignals = {
  /** calendar.updated: re-run the deadline activity and re-arm the timers. */
  calendarUpdated: defineSignal<[DisclosureCalendarUpdatedSignal]>('calendarUpdated'),
};

export type DisclosureDeadlineRequest = DisclosureClockRequest;
export type DisclosureDeadlines = DisclosureClocks & {
  /** year:revision of every loaded calendar year the computation used ('built-in' when none). */
  calendarVersion: string;
};

/** Activities of the disclosure workflow; implemented by apps/worker (disclosure-activities.ts). */
export interface DisclosureActivities {
  /** Loads the official calendar and computes every clock; returns plain dates. */
  computeDisclosureDeadlines(request: DisclosureDeadlineRequest): Promise<DisclosureDeadlines>;
  /** Same contract as CaseActivities.emitCaseEvent (one implementation in the worker). */
  emitCaseEvent(event: CaseStageChange): Promise<void>;
}
