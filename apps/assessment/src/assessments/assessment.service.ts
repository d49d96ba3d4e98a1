import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Logger } from 'pino';
import {
  opinionCaseUpdates,
  type AnalystAssessmentDto,
  type ApprovalDto,
  type AssessmentHistoryDto,
  type ConsultationDto,
  type OpinionCaseSnapshot,
  type VerificationDto,
} from '@huiying/contracts';
import { executeWorkflowUpdate, opinionRefusalKind, updateRefusal } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import { AssessmentErrorCode, AssessmentException } from './assessment.exception';
import { analystAssessRequest, approveRequest, assessmentView, consultRequest, verifyRequest } from './assessment.mapper';
import { AssessmentRepository } from './assessment.repository';

const CODE = { not_found: AssessmentErrorCode.CaseNotFound, conflict: AssessmentErrorCode.ActionConflict, invalid: AssessmentErrorCode.ActionInvalid } as const;

/** Analysts' decisions on an opinion case: each is a workflow update, recorded here once the workflow accepted it. */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly repo: AssessmentRepository,
    private readonly client: Client,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** 研判 by an analyst: overrides the automatic grade (which stays on record); a different grade needs a reason. */
  async assess(caseId: string, dto: AnalystAssessmentDto): Promise<OpinionCaseSnapshot> {
    const s = await this.run(caseId, 'assessment', opinionCaseUpdates.assess, analystAssessRequest(dto));
    const automatic = await this.repo.latestAutomatic(caseId);
    await this.repo.add({
      id: randomUUID(),
      caseId,
      source: 'analyst',
      grade: dto.grade,
      riskLevel: dto.riskLevel,
      needsResponse: dto.needsResponse,
      sensitive: dto.sensitive ?? false,
      flags: { ...(dto.flags ?? {}) },
      score: null,
      scoreParts: null,
      features: null,
      modelVersion: null,
      lexiconVersion: null,
      assessedBy: dto.assessedBy,
      reason: dto.reason ?? null,
      overridesId: automatic?.id ?? null,
      effectiveGrade: s.grade ?? dto.grade,
      workflowSequence: s.lastSequence,
    });
    return s;
  }

  async consult(caseId: string, dto: ConsultationDto): Promise<OpinionCaseSnapshot> {
    const s = await this.run(caseId, 'consultation', opinionCaseUpdates.consult, consultRequest(dto));
    await this.decision(caseId, 'consultation', { ...consultRequest(dto) }, dto.convenedBy, s);
    return s;
  }

  async approve(caseId: string, dto: ApprovalDto): Promise<OpinionCaseSnapshot> {
    const s = await this.run(caseId, 'approval', opinionCaseUpdates.approve, approveRequest(dto));
    await this.decision(caseId, 'approval', { ...approveRequest(dto) }, dto.approvedBy, s);
    return s;
  }

  async verify(caseId: string, dto: VerificationDto): Promise<OpinionCaseSnapshot> {
    const s = await this.run(caseId, 'verification', opinionCaseUpdates.verify, verifyRequest(dto));
    await this.decision(caseId, 'verification', { ...verifyRequest(dto) }, dto.verifiedBy, s);
    return s;
  }

  /** Every assessment on record, oldest first, with the automatic score parts. */
  async history(caseId: string): Promise<AssessmentHistoryDto> {
    const rows = await this.repo.history(caseId);
    if (!rows.length) await this.mustExist(caseId);
    return { caseId, grade: (rows[rows.length - 1]?.effectiveGrade as AssessmentHistoryDto['grade']) ?? null, assessments: rows.map(assessmentView) };
  }

  private async mustExist(caseId: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(caseId).describe();
    } catch (e) {
      const refused = updateRefusal(e);
      if (refused?.refusal === 'not_found') throw new AssessmentException(AssessmentErrorCode.CaseNotFound, `no case ${caseId}`);
      throw e;
    }
  }

  private async decision(caseId: string, action: 'consultation' | 'approval' | 'verification', body: Record<string, unknown>, actor: string, s: OpinionCaseSnapshot): Promise<void> {
    await this.repo.addDecision({ id: randomUUID(), caseId, action, body, actor, stageAfter: s.stage, workflowSequence: s.lastSequence });
  }

  private async run<Arg>(caseId: string, action: string, update: UpdateDefinition<OpinionCaseSnapshot, [Arg]>, arg: Arg): Promise<OpinionCaseSnapshot> {
    const outcome = await executeWorkflowUpdate(this.client, caseId, update, arg);
    if (!outcome.ok) {
      const kind = opinionRefusalKind(outcome);
      this.logger.info({ caseId, action, refusal: outcome.refusal, kind, reason: outcome.message }, 'case action refused');
      throw new AssessmentException(CODE[kind], kind === 'not_found' ? `no case ${caseId}` : outcome.message);
    }
    const s = outcome.result;
    this.logger.info({ caseId, action, stage: s.stage, grade: s.grade, sequence: s.lastSequence }, 'case action applied');
    return s;
  }
}
