// Names shared by the worker, the clients that start/act on workflows, and the workflow code.
// Declared once here (STYLE.md → Temporal). Workflow-safe: only @temporalio/workflow definitions.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey } from '@temporalio/common';
import type { OpinionCaseState, CaseStageChange } from './case';

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
};

export interface ClaimRequest {
  department: string;
  claimedBy: string;
}

export const opinionCaseQueries = {
  state: defineQuery<OpinionCaseState>('state'),
};

export const opinionCaseUpdates = {
  /** 认领: the lead department claims the case; rejected when already claimed or by another department. */
  claim: defineUpdate<OpinionCaseState, [ClaimRequest]>('claim'),
};

/** Activities the case workflows call; implemented by apps/worker. */
export interface CaseActivities {
  /** Publishes a stage change to cases.events.v1; idempotent by (caseId, sequence). */
  emitCaseEvent(event: CaseStageChange): Promise<void>;
}
