import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Logger } from 'pino';
import {
  DISCLOSURE_ACTION_BODIES,
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
import { validateBody } from '@huiying/platform';
import { disclosureRefusalKind, executeWorkflowUpdate, updateRefusal, type RefusalKind } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import { DisclosureCaseErrorCode, DisclosureCaseException } from './disclosure.exception';

const CODE: Record<RefusalKind, DisclosureCaseErrorCode> = {
  not_found: DisclosureCaseErrorCode.CaseNotFound,
  conflict: DisclosureCaseErrorCode.ActionConflict,
  invalid: DisclosureCaseErrorCode.ActionInvalid,
};

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
      // intake's count of the applicant's applications in the month (国办函〔2020〕109号 第四条); null from older intakes
      applicantMonth: a.applicantMonth ? { month: a.applicantMonth.month, ordinal: a.applicantMonth.ordinal } : null,
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
      if (updateRefusal(e)?.refusal === 'not_found') throw new DisclosureCaseException(DisclosureCaseErrorCode.CaseNotFound, `no disclosure case ${caseId}`);
      throw e;
    }
  }

  /** Validates the action's body (DISCLOSURE_ACTION_BODIES), then runs it as a workflow update; a refusal is 404 / 409 / 422 with the workflow's reason (@huiying/temporal refusalKind). */
  async act(caseId: string, action: string, body: Record<string, unknown>): Promise<DisclosureCaseState> {
    const update = DISCLOSURE_ACTIONS[action as DisclosureActionName];
    if (!update) {
      throw new DisclosureCaseException(DisclosureCaseErrorCode.UnknownAction, `unknown action ${action}; one of ${Object.keys(DISCLOSURE_ACTIONS).join(', ')}`);
    }
    // the body's shape first (400 with field errors, the workflow is not asked); the workflow decides the rules
    const dto = await validateBody<object>(DISCLOSURE_ACTION_BODIES[action as DisclosureActionName], body);
    const outcome = await executeWorkflowUpdate(this.client, caseId, update as typeof disclosureUpdates.review, dto as never);
    if (!outcome.ok) {
      const kind = disclosureRefusalKind(outcome);
      this.logger.info({ caseId, action, refusal: outcome.refusal, kind, reason: outcome.message }, 'disclosure action refused');
      throw new DisclosureCaseException(CODE[kind], kind === 'not_found' ? `no disclosure case ${caseId}` : outcome.message);
    }
    this.logger.info({ caseId, action, stage: outcome.result.stage }, 'disclosure action applied');
    return outcome.result;
  }
}
