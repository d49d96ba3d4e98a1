// Case vocabulary shared by workflows, services and the read model (DOMAIN.md → Vocabulary).
// This file is imported by workflow code: plain types and constants only.

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
  discoveredAt: string; // ISO instant the matter was discovered (received by intake)
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
}

export interface CaseHistoryEntry {
  sequence: number;
  stage: string;
  at: string;
  detail: Record<string, unknown>;
}

export interface OpinionCaseState {
  caseId: string;
  stage: OpinionStage;
  department: string;
  ccDepartments: string[];
  grade: Grade | null;
  claimedBy: string | null;
  history: CaseHistoryEntry[];
}

/** The event a workflow emits on every stage change (payload of cases.events.v1). */
export interface CaseStageChange {
  caseId: string;
  kind: CaseKind;
  sequence: number;
  stage: string;
  previousStage: string | null;
  department: string | null;
  ccDepartments: string[];
  grade: Grade | null;
  jurisdiction: string | null;
  occurredAt: string;
  detail: Record<string, unknown>;
}
