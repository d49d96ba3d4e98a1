// Case vocabulary shared by workflows, services and the read model (DOMAIN.md → Vocabulary).
// This file is imported by workflow code: plain types and constants only.
import type { OpinionDeadlinePolicy, OpinionFlags } from '@huiying/policy';
import type {
  ApprovalRecord,
  AssessmentRecord,
  CalendarUpdatedSignal,
  CaseClock,
  CoHandlerRecord,
  ConsultationRecord,
  EvaluationRecord,
  FollowUpRecord,
  ReportGroupedSignal,
  ResponseRecord,
  RiskLevel,
  SuperiorReportRecord,
  TransferRecord,
  VerificationRecord,
} from './opinion-actions';
import type { AccountabilityTalkRecord, KeyCaseRecord } from './key-case';

export type { OpinionDeadlinePolicy, OpinionFlags };

/**
 * Where a case's discovery time comes from: `channel` — the channel or monitoring said when it found the matter
 * (`discoveredAt` of the report); `receipt` — it did not, and the time intake received the report is used.
 */
export const DISCOVERED_AT_SOURCES = ['channel', 'receipt'] as const;
export type DiscoveredAtSource = (typeof DISCOVERED_AT_SOURCES)[number];

export const CASE_KINDS = ['opinion', 'disclosure'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Opinion-case stages (DOMAIN.md, case kind 1). */
export const OPINION_STAGES = [
  'collected', // 收集
  'routed', // 归口报送
  'claimed', // 认领
  'assessed', // 研判
  'consultation', // 会商
  'approved', // 报审
  'handling', // 处置
  'responded', // 回应
  'follow_up', // 动态管理
  'closed', // 办结
  'evaluated', // 总结评估
] as const;
export type OpinionStage = (typeof OPINION_STAGES)[number];

export const GRADES = ['general', 'significant', 'major', 'especially_major'] as const; // 一般 较大 重大 特别重大
export type Grade = (typeof GRADES)[number];

export const CHANNELS = [
  'portal',
  'forum',
  'blog',
  'weibo',
  'wechat',
  'short_video',
  'mobile_app',
  'online_inquiry', // 网络问政
  'hotline_12345',
  'news_comments',
  'newspaper',
  'radio_tv',
  'mayor_mailbox', // 市长信箱
  'online_petition', // 网上信访
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface CaseLocation {
  district?: string;
  township?: string;
  address?: string;
}

/** What routing hands to the opinion-case workflow when it starts it. */
export interface OpinionCaseInput {
  caseId: string;
  reportId: string;
  channel: Channel;
  title: string;
  category: string;
  location: CaseLocation;
  /** ISO instant the matter was discovered: the report's `discoveredAt`, else the receipt time (see discoveredAtSource). */
  discoveredAt: string;
  /** Which of the two `discoveredAt` is (absent on cases started before reports could carry it: receipt). */
  discoveredAtSource?: DiscoveredAtSource;
  /** When intake received the first report (absent on cases started before: = discoveredAt). */
  receivedAt?: string;
  routing: {
    leadDepartment: string;
    ccDepartments: string[];
    /** The policy jurisdiction whose rules decided (e.g. seed-city). */
    jurisdiction: string;
    /** Where it happened and who handles it locally (属地): "district/township", or null when unknown. */
    territory: string | null;
    ruleVersion: string;
    ruleId: string;
  };
  /**
   * The opinion deadline policy the case runs under, as data: the whole version routing found in force for the case's
   * jurisdiction when it received the case (published through the admin API or built in), so a version published
   * today runs without a deploy. The case keeps it for its whole life.
   */
  policy?: OpinionDeadlinePolicy;
  /** How routing chose `policy`: the jurisdiction's own version in force, or the national baseline (it has none). */
  policyResolvedBy?: 'in_force' | 'national_fallback';
  /**
   * Cases started before `policy` travelled as data: the version id, looked up in the versions bundled with the
   * workflow. When neither is given the workflow picks the bundled version of `routing.jurisdiction` in force at
   * `discoveredAt` (national baseline when the jurisdiction has none). New cases always carry `policy`.
   */
  policyVersion?: string;
  /** An automatic grade known at intake (e.g. from grouping); the clocks start from it. Default: general, until assessed. */
  grade?: Grade;
  /** 重大人员伤亡 / 社会影响较大 flags known at intake. */
  flags?: OpinionFlags;
}

/**
 * What a case event says happened. `stage` is a stage change; the others leave the stage as it is
 * (their `stage` equals `previousStage`) and are recorded so the ledger and the supervising offices see them.
 */
export const CASE_CHANGES = [
  'stage', // the case entered a new stage
  'claim', // claimed by a department after a transfer, without a stage change
  'transfer', // a new lead department (it gets its own claim clock)
  'assessment', // a new assessment or grade (clocks re-armed when the grade or flags change)
  'approval', // an approval step that did not approve (returned for another consultation round)
  'response', // a publication that did not change the stage (early factual release, repeated press conference)
  'follow_up', // a continuing update after the first one
  'co_handling', // co-departments (协办) added, or a co-department reported on its part
  'report_grouped', // another report of the same matter joined the case
  'press_conference_requested', // another press conference is needed (视情连续召开)
  'superior_report', // the lead department reported to its superior (向上级报告)
  'reminder', // a deadline is near (to the handling department)
  'escalation', // a deadline passed (督办, to the supervising offices)
  'key_case', // marked as a key case (列为重点舆情, on the ledger 台账 until fully resolved)
  'key_case_entry', // a follow-up entry of a key case (台账跟踪记录: date, what was done, public reaction)
  'key_case_resolution', // the resolution of a key case was recorded (问题解决情况)
  'key_case_verification', // a supervisor verified the resolution (confirmed: fully resolved) or returned it
  'accountability_talk', // an accountability talk (约谈) on an escalated case
  // A bulletin (季通报/月报) that names the case was published (通报). The ledger emits it, not the workflow: it is no
  // part of the case's history, carries no history sequence (sequence 0; the case stream must not drop it in its
  // sequence de-duplication) and never travels on cases.events.v1 (WORKFLOW_CASE_CHANGES leaves it out): the ledger
  // builds it from ledger.bulletins.published.v1 for gRPC WatchCaseEvents.
  'bulletin_notice',
] as const;
export type CaseChange = (typeof CASE_CHANGES)[number];

/** The changes a case workflow emits on cases.events.v1: every change but the ledger's own `bulletin_notice`. */
export const WORKFLOW_CASE_CHANGES = CASE_CHANGES.filter((c) => c !== 'bulletin_notice');

export interface CaseHistoryEntry {
  sequence: number;
  /** Absent on events recorded before change types existed: those were stage changes. */
  change?: CaseChange;
  stage: string;
  at: string;
  detail: Record<string, unknown>;
}

export interface OpinionCaseState {
  caseId: string;
  stage: OpinionStage;
  department: string;
  ccDepartments: string[];
  /** Co-departments (协办) beside the lead department (主办), each with its part and its progress. */
  coHandlers: CoHandlerRecord[];
  /** The effective grade (null until assessed or graded at intake). */
  grade: Grade | null;
  claimedBy: string | null;
  /** The first claim by a lead department (clocks that count from the claim count from it; a transfer keeps it). */
  claimedAt: string | null;
  /** When the matter was discovered, and whether the channel said so or the receipt time stands in. */
  discovery: { discoveredAt: string; source: DiscoveredAtSource; receivedAt: string };
  history: CaseHistoryEntry[];
  /**
   * The policy version the case runs under, fixed at start. resolvedBy: `in_force` / `national_fallback` — routing
   * chose it and handed it over as data; `input` (a version id), `in_force_at_discovery`, `national_fallback` on cases
   * started before, resolved from the versions bundled with the workflow (`carried: false`).
   */
  policy: {
    jurisdiction: string;
    version: string;
    effectiveFrom: string;
    resolvedBy: 'in_force' | 'input' | 'in_force_at_discovery' | 'national_fallback';
    carried: boolean;
  };
  flags: OpinionFlags;
  riskLevel: RiskLevel | null;
  /** The assessment's response value: does the case need a public response? (null until assessed) */
  needsResponse: boolean | null;
  /** Every assessment on record, oldest first (an analyst override keeps the automatic one). */
  assessments: AssessmentRecord[];
  /** Whether the case must pass joint consultation and approval (major / especially major / sensitive). */
  requiresConsultation: boolean;
  consultations: ConsultationRecord[];
  approvals: ApprovalRecord[];
  verification: VerificationRecord | null;
  responses: ResponseRecord[];
  /** 向上级报告, oldest first. */
  superiorReports: SuperiorReportRecord[];
  followUps: FollowUpRecord[];
  clocks: CaseClock[];
  /** True while a deadline is past and not met (mirrors the Overdue search attribute). */
  overdue: boolean;
  transfers: TransferRecord[];
  groupedReports: { count: number; recent: ReportGroupedSignal[] };
  calendarUpdates: CalendarUpdatedSignal[];
  closure: { resolution: string; closedBy: string; at: string } | null;
  evaluation: EvaluationRecord | null;
  /** 重点舆情台账: null unless marked as a key case; a key case closes only once its resolution is verified. */
  keyCase: KeyCaseRecord | null;
  /** 约谈 recorded on the case (escalated cases only), oldest first. */
  accountabilityTalks: AccountabilityTalkRecord[];
}

/**
 * What an update returns: the state without its history (query `history` for that), so that update results recorded in
 * the workflow's history do not grow with it.
 */
export type OpinionCaseSnapshot = Omit<OpinionCaseState, 'history'> & { lastSequence: number };

/** The event a workflow emits on every stage change (payload of cases.events.v1). */
export interface CaseStageChange {
  caseId: string;
  kind: CaseKind;
  sequence: number;
  stage: string;
  previousStage: string | null;
  department: string | null;
  ccDepartments: string[];
  /** Co-handling departments (协办) at the time of the event (absent on older events); with `department` they decide a department's reach. */
  coDepartments?: string[];
  grade: Grade | null;
  jurisdiction: string | null;
  occurredAt: string;
  detail: Record<string, unknown>;
  /** What happened; absent means a stage change (events before change types existed). */
  change?: CaseChange;
}
