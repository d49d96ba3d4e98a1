import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Logger } from 'pino';
import {
  DISCLOSURE_ACTION_FAILURES,
  DISCLOSURE_DEFAULT_DEPARTMENT,
  DISCLOSURE_WORKFLOW_TYPE,
  disclosureQueries,
  disclosureUpdates,
  SEARCH_ATTRIBUTES,
  TASK_QUEUES,
  type DisclosureApplicationInput,
  type DisclosureApplicationReceivedV1,
  type DisclosureCaseState,
  type EventEnvelope,
} from '@huiying/contracts';
import { isDepartmentCode, NATIONAL_DISCLOSURE_POLICY } from '@huiying/policy';
import { LOGGER } from '../infrastructure.module';
import { DisclosureCaseErrorCode, DisclosureCaseException } from './disclosure.exception';

/** REST action path → workflow update. */
export const DISCLOSURE_ACTIONS = {
  'correction-request': disclosureUpdates.requestCorrection,
  correction: disclosureUpdates.submitCorrection,
  review: disclosureUpdates.review,
  consultations: disclosureUpdates.requestConsultation,
  'consultation-replies': disclosureUpdates.recordConsultationReply,
  decision: disclosureUpdates.decide,
  extension: disclosureUpdates.extend,
  'fee-notice': disclosureUpdates.issueFeeNotice,
  'fee-payment': disclosureUpdates.recordFeePayment,
  reply: disclosureUpdates.issueReply,
  archive: disclosureUpdates.archive,
} as const;
export type DisclosureActionName = keyof typeof DISCLOSURE_ACTIONS;

@Injectable()
export class DisclosureCaseService {
  constructor(
    private readonly client: Client,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Starts the disclosure workflow with workflow id = case id; a redelivered event changes nothing. */
  async onApplicationReceived(envelope: EventEnvelope<DisclosureApplicationReceivedV1>): Promise<void> {
    const a = envelope.data;
    const department = a.department && isDepartmentCode(a.department) ? a.department : DISCLOSURE_DEFAULT_DEPARTMENT;
    const input: DisclosureApplicationInput = {
      caseId: a.caseId,
      applicationId: a.applicationId,
      channel: a.channel,
      receivedOn: a.receivedOn,
      receivedAt: a.receivedAt,
      applicant: { type: a.applicant.type, ...(a.applicant.organisationType ? { organisationType: a.applicant.organisationType } : {}) },
      filedAs: a.filedAs,
      deliveryForm: a.deliveryForm,
      answeredOnTheSpot: a.answeredOnTheSpot ? { ...a.answeredOnTheSpot } : null,
      leadDepartment: department,
      ccDepartments: [],
      jurisdiction: NATIONAL_DISCLOSURE_POLICY.jurisdiction,
      policy: NATIONAL_DISCLOSURE_POLICY,
    };
    let outcome: 'started' | 'already-started' = 'started';
    try {
      await this.client.workflow.start(DISCLOSURE_WORKFLOW_TYPE, {
        workflowId: a.caseId,
        taskQueue: TASK_QUEUES.cases,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: SEARCH_ATTRIBUTES.CaseKind, value: 'disclosure' },
          { key: SEARCH_ATTRIBUTES.CaseStage, value: 'received' },
          { key: SEARCH_ATTRIBUTES.Department, value: department },
          { key: SEARCH_ATTRIBUTES.Jurisdiction, value: input.jurisdiction },
        ],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      outcome = 'already-started';
    }
    this.logger.info({ caseId: a.caseId, applicationId: a.applicationId, department, outcome }, 'disclosure case workflow started');
  }

  async state(caseId: string): Promise<DisclosureCaseState> {
    try {
      return await this.client.workflow.getHandle(caseId).query(disclosureQueries.state);
    } catch (e) {
      throw this.translate(caseId, e);
    }
  }

  /** Runs an action as a workflow update; a validator's rejection becomes 409/422 with its reason. */
  async act(caseId: string, action: string, body: Record<string, unknown>): Promise<DisclosureCaseState> {
    const update = DISCLOSURE_ACTIONS[action as DisclosureActionName];
    if (!update) {
      throw new DisclosureCaseException(DisclosureCaseErrorCode.UnknownAction, `unknown action ${action}; one of ${Object.keys(DISCLOSURE_ACTIONS).join(', ')}`);
    }
    try {
      const state = await this.client.workflow.getHandle(caseId).executeUpdate(update as typeof disclosureUpdates.review, { args: [body as never] });
      this.logger.info({ caseId, action, stage: state.stage }, 'disclosure action applied');
      return state;
    } catch (e) {
      throw this.translate(caseId, e);
    }
  }

  private translate(caseId: string, e: unknown): Error {
    if (e instanceof WorkflowNotFoundError) return new DisclosureCaseException(DisclosureCaseErrorCode.CaseNotFound, `no disclosure case ${caseId}`);
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause;
      const message = cause?.message ?? e.message;
      if (cause instanceof ApplicationFailure && cause.type === DISCLOSURE_ACTION_FAILURES.invalid) {
        return new DisclosureCaseException(DisclosureCaseErrorCode.ActionInvalid, message);
      }
      return new DisclosureCaseException(DisclosureCaseErrorCode.ActionConflict, message);
    }
    const msg = (e as Error)?.message ?? '';
    if (/workflow execution already completed|not found/i.test(msg)) {
      return new DisclosureCaseException(/completed/i.test(msg) ? DisclosureCaseErrorCode.ActionConflict : DisclosureCaseErrorCode.CaseNotFound, msg);
    }
    return e as Error;
  }
}
