import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Logger } from 'pino';
import { RoleGrantVerifier } from '@huiying/access';
import { shanghaiDateOf } from '@huiying/calendar';
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
  type DisclosureApproval,
  type DisclosureCaseState,
  type DisclosureExtensionAction,
  type DisclosureExtensionDto,
  type DisclosureFeePaymentAction,
  type DisclosureFeePaymentDto,
  type EventEnvelope,
} from '@huiying/contracts';
import { isDepartmentCode, NATIONAL_JURISDICTION, type ApproverRole, type DisclosurePolicy } from '@huiying/policy';
import { validateBody } from '@huiying/platform';
import { CaseWorkflowUnavailableError, disclosureRefusalKind, executeWorkflowUpdate, queryWorkflow, updateRefusal, type RefusalKind } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import { PolicyService } from '../policies/policy.service';
import { RoutingConfig } from '../routing.config';
import { DisclosureCaseErrorCode, DisclosureCaseException } from './disclosure.exception';
import { disclosureWorkflowSummary } from '../routing/workflow-summary';

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
  'notice-receipts': disclosureUpdates.recordNoticeReceipt,
  'late-correction': disclosureUpdates.acceptLateCorrection,
  'excessive-reasons-request': disclosureUpdates.requestExcessiveReasons,
  'excessive-period': disclosureUpdates.setExcessivePeriod,
} as const;
export type DisclosureActionName = keyof typeof DISCLOSURE_ACTIONS;

/**
 * Who approves an extension (条例第三十三条第二款: 政府信息公开工作机构负责人) and a hardship waiver of a fee. The policy
 * names the same role (DisclosurePolicy.extension.approver, which can only be this one).
 */
export const DISCLOSURE_APPROVER_ROLE: ApproverRole = 'head_of_disclosure_office';

const todayInShanghai = () => shanghaiDateOf(new Date().toISOString());

@Injectable()
export class DisclosureCaseService {
  constructor(
    private readonly client: Client,
    private readonly grants: RoleGrantVerifier,
    private readonly policies: PolicyService,
    private readonly config: RoutingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Starts the disclosure workflow with workflow id = case id; a redelivered event changes nothing (the workflow id is
   * taken: the case keeps the policy it started with). The policy is the disclosure version in force for
   * DISCLOSURE_JURISDICTION at receipt (published through the admin API or built in), else the national baseline's,
   * handed over whole in `DisclosureApplicationInput.policy`.
   */
  async onApplicationReceived(envelope: EventEnvelope<DisclosureApplicationReceivedV1>): Promise<void> {
    const a = envelope.data;
    const jurisdiction = this.config.DISCLOSURE_JURISDICTION;
    // the policy in force at receipt (条例第三十一条): an application whose receipt was confirmed days after it was
    // stored is received on the confirmation day, so the later of the two instants decides
    const receiptDay = `${a.receivedOn}T00:00:00+08:00`;
    const at = Date.parse(a.receivedAt) >= Date.parse(receiptDay) ? a.receivedAt : receiptDay;
    const chosen = await this.policies.chooseInForce<DisclosurePolicy>('disclosure', jurisdiction, at, NATIONAL_JURISDICTION);
    if (!chosen) throw new Error(`no disclosure policy in force for ${jurisdiction} or ${NATIONAL_JURISDICTION} at ${at}`);
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
      jurisdiction,
      policy: chosen.policy,
    };
    const summary = disclosureWorkflowSummary(input);
    let outcome: 'started' | 'already-started' = 'started';
    try {
      await this.client.workflow.start(DISCLOSURE_WORKFLOW_TYPE, {
        workflowId: a.caseId,
        taskQueue: TASK_QUEUES.cases,
        args: [input],
        ...summary,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: SEARCH_ATTRIBUTES.CaseKind, value: 'disclosure' },
          { key: SEARCH_ATTRIBUTES.CaseStage, value: 'received' },
          { key: SEARCH_ATTRIBUTES.Department, value: department },
          { key: SEARCH_ATTRIBUTES.Jurisdiction, value: input.jurisdiction },
          // the summary again, for the Temporal UI's workflow list (a column there; README → Watching cases)
          { key: SEARCH_ATTRIBUTES.CaseSummary, value: summary.staticSummary },
        ],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      outcome = 'already-started';
    }
    this.logger.info(
      { caseId: a.caseId, applicationId: a.applicationId, department, jurisdiction, policy: `${chosen.policy.jurisdiction}/${chosen.policy.version}`, policyResolvedBy: chosen.resolvedBy, outcome },
      'disclosure case workflow started',
    );
  }

  async state(caseId: string): Promise<DisclosureCaseState> {
    try {
      return await queryWorkflow(this.client, caseId, disclosureQueries.state);
    } catch (e) {
      if (updateRefusal(e)?.refusal === 'not_found') throw new DisclosureCaseException(DisclosureCaseErrorCode.CaseNotFound, `no disclosure case ${caseId}`);
      if (e instanceof CaseWorkflowUnavailableError) {
        this.logger.error({ caseId, err: e.cause }, 'disclosure case workflow unreachable');
        throw new DisclosureCaseException(DisclosureCaseErrorCode.WorkflowUnavailable, 'the case workflow cannot be reached (no worker or Temporal down); nothing was read, try again');
      }
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
    const arg = await this.withVerifiedApproval(caseId, action as DisclosureActionName, dto);
    let outcome;
    try {
      outcome = await executeWorkflowUpdate(this.client, caseId, update as typeof disclosureUpdates.review, arg as never);
    } catch (err) {
      this.logger.error({ caseId, action, err }, 'disclosure case workflow unreachable');
      throw new DisclosureCaseException(DisclosureCaseErrorCode.WorkflowUnavailable, 'the case workflow cannot be reached; try again (an action sent again is checked against the case as it then is)');
    }
    if (!outcome.ok) {
      const kind = disclosureRefusalKind(outcome);
      this.logger.info({ caseId, action, refusal: outcome.refusal, kind, reason: outcome.message }, 'disclosure action refused');
      throw new DisclosureCaseException(CODE[kind], kind === 'not_found' ? `no disclosure case ${caseId}` : outcome.message);
    }
    this.logger.info({ caseId, action, stage: outcome.result.stage }, 'disclosure action applied');
    return outcome.result;
  }

  /**
   * An extension, and a fee waived for hardship, carry an approval reserved to the head of the disclosure office: the
   * caller names the person (approverId); the approval counts only if that person holds a grant of the role active for
   * the case's jurisdiction (and lead department, per the case workflow's state now) on the approval day — else 422 on
   * approverId and the workflow is not asked. The workflow gets the verified approval as data, with the approval day
   * made explicit (the day the grant was checked on). Every other action passes as validated.
   */
  private async withVerifiedApproval(caseId: string, action: DisclosureActionName, dto: object): Promise<object> {
    if (action === 'extension') {
      const { approverId, ...rest } = dto as DisclosureExtensionDto;
      const approvedOn = rest.approvedOn ?? todayInShanghai();
      const approval = await this.verifiedApproval(caseId, approverId, approvedOn, action);
      return { ...rest, approvedOn, approval, approvedBy: approval.personName, approverRole: approval.role } satisfies DisclosureExtensionAction;
    }
    if (action === 'fee-payment' && (dto as DisclosureFeePaymentDto).outcome === 'waived') {
      const { approverId, ...rest } = dto as DisclosureFeePaymentDto;
      const on = rest.on ?? todayInShanghai();
      const approval = await this.verifiedApproval(caseId, approverId as string, on, action);
      return { ...rest, on, approval, waiverApprovedBy: approval.personName, approverRole: approval.role } satisfies DisclosureFeePaymentAction;
    }
    return dto;
  }

  private async verifiedApproval(caseId: string, personId: string, on: string, action: DisclosureActionName): Promise<DisclosureApproval> {
    const s = await this.state(caseId);
    const check = await this.grants.check({ personId, role: DISCLOSURE_APPROVER_ROLE, jurisdiction: s.jurisdiction, department: s.department, on });
    if (!check.ok) {
      this.logger.info({ caseId, action, approverId: personId, on, jurisdiction: s.jurisdiction, reasons: check.reasons }, 'disclosure approval refused: no active role grant');
      throw new DisclosureCaseException(DisclosureCaseErrorCode.ApproverNotGranted, `approver ${personId} ${check.message}: ${check.reasons.join('; ')}`, [
        { field: 'approverId', messages: [check.message, ...check.reasons] },
      ]);
    }
    return { ...check.approval, role: DISCLOSURE_APPROVER_ROLE };
  }
}
