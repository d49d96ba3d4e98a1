// The key-case ledger (重点舆情台账) and accountability talks (约谈) of an opinion case: the requests of its workflow
// updates and the records the case keeps. Seed 004: 「对重点舆情建立管理台账…直至问题完全解决」; seed 003 附件2: 约谈.
// Imported by workflow code: plain types and constants only.

/** 列为重点舆情: an analyst or a supervising office marks the case as a key case, with the reason. */
export interface MarkKeyCaseRequest {
  reason: string;
  markedBy: string;
}

/** 台账跟踪记录: one follow-up entry of a key case — the day, what was done, how the public reacted. */
export interface KeyCaseEntryRequest {
  /** The day it was done (YYYY-MM-DD, Asia/Shanghai): not in the future, not before the matter was discovered. */
  date: string;
  /** 工作开展情况: what was done. */
  action: string;
  /** 舆论反应: the public reaction observed. */
  publicReaction: string;
  recordedBy: string;
}

/** 问题解决情况: how the underlying problem was resolved. A supervisor then verifies it (a different person). */
export interface KeyCaseResolutionRequest {
  summary: string;
  recordedBy: string;
}

export const RESOLUTION_DECISIONS = ['confirmed', 'returned'] as const; // 确认已完全解决 / 退回（未完全解决）
export type ResolutionDecision = (typeof RESOLUTION_DECISIONS)[number];

/** 核验: a supervisor confirms the problem is fully resolved, or returns the resolution. */
export interface VerifyResolutionRequest {
  decision: ResolutionDecision;
  opinion: string;
  verifiedBy: string;
}

/**
 * The role of the person talked to in an accountability talk: a role, never a name (the record is read in
 * bulletins). 主要负责人, 分管负责人, 科室负责人, 经办人员.
 */
export const ACCOUNTABILITY_TALK_ROLES = ['principal_head', 'deputy_head_in_charge', 'section_head', 'handling_staff'] as const;
export type AccountabilityTalkRole = (typeof ACCOUNTABILITY_TALK_ROLES)[number];

/** 约谈: on a case that was escalated (督办), the supervising office talked to a department's official. */
export interface AccountabilityTalkRequest {
  /** The day of the talk (YYYY-MM-DD, Asia/Shanghai). */
  date: string;
  /** The department talked to (a department code). */
  department: string;
  personRole: AccountabilityTalkRole;
  /** The office that held the talk, e.g. 市政府办公室. */
  heldBy: string;
  /** 约谈结果: what was required or agreed (整改要求, 时限). */
  outcome: string;
  recordedBy: string;
}

export interface KeyCaseEntryRecord extends KeyCaseEntryRequest {
  recordedAt: string;
}

export interface ResolutionVerificationRecord extends VerifyResolutionRequest {
  at: string;
}

export interface KeyCaseResolutionRecord extends KeyCaseResolutionRequest {
  recordedAt: string;
  /** null until a supervisor verified it. */
  verification: ResolutionVerificationRecord | null;
}

/**
 * open: on the ledger, no resolution recorded (or the last one returned); resolution_recorded: waiting for verification;
 * resolved: a supervisor confirmed the problem is fully resolved (问题完全解决) — only then may the case close.
 */
export const KEY_CASE_STATUSES = ['open', 'resolution_recorded', 'resolved'] as const;
export type KeyCaseStatus = (typeof KEY_CASE_STATUSES)[number];

export interface KeyCaseRecord extends MarkKeyCaseRequest {
  markedAt: string;
  status: KeyCaseStatus;
  entries: KeyCaseEntryRecord[];
  /** Every resolution recorded, oldest first; the last one is current. */
  resolutions: KeyCaseResolutionRecord[];
}

export interface AccountabilityTalkRecord extends AccountabilityTalkRequest {
  recordedAt: string;
}

/** The status a key case's resolutions give it. */
export function keyCaseStatusOf(resolutions: readonly { verification: { decision: ResolutionDecision } | null }[]): KeyCaseStatus {
  const last = resolutions[resolutions.length - 1];
  if (!last) return 'open';
  if (!last.verification) return 'resolution_recorded';
  return last.verification.decision === 'confirmed' ? 'resolved' : 'open';
}
