// Names shared by the worker, the clients that start/act on workflows, and the workflow code.
// Declared once here (STYLE.md → Temporal). Workflow-safe: only @temporalio/workflow definitions.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, type SearchAttributePair } from '@temporalio/common';
import type { CaseHistoryEntry, OpinionCaseInput, OpinionCaseSnapshot, OpinionCaseState, OpinionStage, CaseStageChange } from './case';
import type {
  ApproveRequest,
  AssessRequest,
  CalendarUpdatedSignal,
  CaseClock,
  ClaimRequest,
  CloseRequest,
  CoHandleRequest,
  CoHandlingReportRequest,
  ConsultRequest,
  EvaluateRequest,
  FollowUpRequest,
  PressConferenceRequest,
  ReportGroupedSignal,
  RespondRequest,
  SuperiorReportRequest,
  TransferRequest,
  VerifyRequest,
} from './opinion-actions';
import type { AccountabilityTalkRequest, KeyCaseEntryRequest, KeyCaseResolutionRequest, MarkKeyCaseRequest, VerifyResolutionRequest } from './key-case';

export const TASK_QUEUES = {
  cases: 'huiying-cases',
} as const;

export const WORKFLOW_TYPES = {
  opinionCase: 'opinionCaseWorkflow',
} as const;

/** Custom search attributes registered on the namespace (deploy/local/temporal.sh, docker-compose, k8s). */
export const SEARCH_ATTRIBUTES = {
  CaseKind: defineSearchAttributeKey('CaseKind', 'KEYWORD'),
  CaseStage: defineSearchAttributeKey('CaseStage', 'KEYWORD'),
  Department: defineSearchAttributeKey('Department', 'KEYWORD'),
  Grade: defineSearchAttributeKey('Grade', 'KEYWORD'),
  DueAt: defineSearchAttributeKey('DueAt', 'DATETIME'),
  Overdue: defineSearchAttributeKey('Overdue', 'BOOL'),
  Jurisdiction: defineSearchAttributeKey('Jurisdiction', 'KEYWORD'),
  ExtendedDueAt: defineSearchAttributeKey('ExtendedDueAt', 'DATETIME'),
  /**
   * The case's static summary (the same text as its Temporal user-metadata summary), set at start: the Temporal
   * UI's workflow list shows user metadata in no version, but shows a Keyword search attribute as a column.
   */
  CaseSummary: defineSearchAttributeKey('CaseSummary', 'KEYWORD'),
} as const;

/** name → Temporal type, for registration scripts and tests. */
export const SEARCH_ATTRIBUTE_TYPES: Record<keyof typeof SEARCH_ATTRIBUTES, string> = {
  CaseKind: 'Keyword',
  CaseStage: 'Keyword',
  Department: 'Keyword',
  Grade: 'Keyword',
  DueAt: 'Datetime',
  Overdue: 'Bool',
  Jurisdiction: 'Keyword',
  ExtendedDueAt: 'Datetime',
  CaseSummary: 'Keyword',
};

/**
 * The search attributes an opinion case starts with (routing's starter): every one the workflow's first task would
 * otherwise upsert and the starter knows exactly — the workflow reads them from its start and upserts only what
 * differs. The stage is `routed`, the stage at the end of the first task (collected → routed, nothing in between).
 * DueAt is not among them: the claim clock counts from the routing time, the first workflow task's own time.
 */
export function opinionStartSearchAttributes(input: Pick<OpinionCaseInput, 'routing' | 'grade'>): SearchAttributePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.CaseKind, value: 'opinion' },
    { key: SEARCH_ATTRIBUTES.Jurisdiction, value: input.routing.jurisdiction },
    { key: SEARCH_ATTRIBUTES.CaseStage, value: 'routed' },
    { key: SEARCH_ATTRIBUTES.Department, value: input.routing.leadDepartment },
    ...(input.grade ? [{ key: SEARCH_ATTRIBUTES.Grade, value: input.grade }] : []),
    { key: SEARCH_ATTRIBUTES.Overdue, value: false },
  ];
}

export const opinionCaseQueries = {
  /** The whole case state. */
  state: defineQuery<OpinionCaseState>('state'),
  stage: defineQuery<OpinionStage>('stage'),
  /** Every clock with its due time and status (pending / met / late / escalated / superseded). */
  clocks: defineQuery<CaseClock[]>('clocks'),
  history: defineQuery<CaseHistoryEntry[]>('history'),
};

/** Actions that need an answer: each has a validator that rejects a wrong action with a reason; each returns the snapshot. */
export const opinionCaseUpdates = {
  /** 认领: the lead department claims the case; rejected when already claimed or by another department. */
  claim: defineUpdate<OpinionCaseSnapshot, [ClaimRequest]>('claim'),
  /** 转办: another lead department, with a reason; it gets its own claim clock. */
  transfer: defineUpdate<OpinionCaseSnapshot, [TransferRequest]>('transfer'),
  /** 主办/协办: add co-departments, each with its part (not the lead, not twice). */
  coHandle: defineUpdate<OpinionCaseSnapshot, [CoHandleRequest]>('coHandle'),
  /** A co-department reports progress on its part (in_progress / done). */
  reportCoHandling: defineUpdate<OpinionCaseSnapshot, [CoHandlingReportRequest]>('reportCoHandling'),
  /** 研判: grade, risk, response value; a grade change re-arms the clocks. */
  assess: defineUpdate<OpinionCaseSnapshot, [AssessRequest]>('assess'),
  /** 会商 (major / especially major / sensitive cases). */
  consult: defineUpdate<OpinionCaseSnapshot, [ConsultRequest]>('consult'),
  /** 报审: approve the disposal opinion, or return it to consultation. */
  approve: defineUpdate<OpinionCaseSnapshot, [ApproveRequest]>('approve'),
  /** 核查: true / partly true / untrue, with findings. */
  verify: defineUpdate<OpinionCaseSnapshot, [VerifyRequest]>('verify'),
  /** 回应: a publication went out; meets the response clocks (a late one is recorded as late). */
  respond: defineUpdate<OpinionCaseSnapshot, [RespondRequest]>('respond'),
  /** 向上级报告: the lead department reported to its superior; meets the superior-report clock if one runs. */
  reportToSuperior: defineUpdate<OpinionCaseSnapshot, [SuperiorReportRequest]>('reportToSuperior'),
  /** 视情连续召开: arm another press-conference clock. */
  requestPressConference: defineUpdate<OpinionCaseSnapshot, [PressConferenceRequest]>('requestPressConference'),
  /** 动态管理: a continuing update; re-arms the follow-up clock. */
  followUp: defineUpdate<OpinionCaseSnapshot, [FollowUpRequest]>('followUp'),
  /** 办结 */
  close: defineUpdate<OpinionCaseSnapshot, [CloseRequest]>('close'),
  /** 总结评估 (major cases, after closing). */
  evaluate: defineUpdate<OpinionCaseSnapshot, [EvaluateRequest]>('evaluate'),
  /** 列为重点舆情: the case goes on the key-case ledger (台账) and cannot close until its resolution is verified. */
  markKeyCase: defineUpdate<OpinionCaseSnapshot, [MarkKeyCaseRequest]>('markKeyCase'),
  /** 台账跟踪记录: a follow-up entry of a key case (date, what was done, public reaction). */
  addKeyCaseEntry: defineUpdate<OpinionCaseSnapshot, [KeyCaseEntryRequest]>('addKeyCaseEntry'),
  /** 问题解决情况: the resolution of a key case, to be verified by a supervisor. */
  recordKeyCaseResolution: defineUpdate<OpinionCaseSnapshot, [KeyCaseResolutionRequest]>('recordKeyCaseResolution'),
  /** 核验: a supervisor (not the person who recorded it) confirms the resolution or returns it. */
  verifyKeyCaseResolution: defineUpdate<OpinionCaseSnapshot, [VerifyResolutionRequest]>('verifyKeyCaseResolution'),
  /** 约谈: an accountability talk on an escalated case. */
  recordAccountabilityTalk: defineUpdate<OpinionCaseSnapshot, [AccountabilityTalkRequest]>('recordAccountabilityTalk'),
};

/** Facts that need no answer. */
export const opinionCaseSignals = {
  /** Another report joined the case's group; a growing group may raise the grade. */
  reportGrouped: defineSignal<[ReportGroupedSignal]>('reportGrouped'),
  /** calendar.updated: recompute working-day clocks (opinion clocks are natural hours: recorded only). */
  calendarUpdated: defineSignal<[CalendarUpdatedSignal]>('calendarUpdated'),
};

/** Activities the case workflows call; implemented by apps/worker. */
export interface CaseActivities {
  /** Publishes a stage change to cases.events.v1; idempotent by (caseId, sequence). */
  emitCaseEvent(event: CaseStageChange): Promise<void>;
  /**
   * Publishes consecutive changes of one case to cases.events.v1 in one send, in sequence order (one partition, the
   * case id is the key); idempotent by (caseId, sequence). Made to run as a local activity: one short attempt.
   */
  emitCaseEvents(events: CaseStageChange[]): Promise<void>;
}
