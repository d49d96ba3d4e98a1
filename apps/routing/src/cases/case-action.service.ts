import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Logger } from 'pino';
import {
  opinionCaseUpdates,
  type AddCoHandlersDto,
  type ClaimCaseDto,
  type CoHandlingReportDto,
  type OpinionCaseSnapshot,
  type SuperiorReportDto,
  type TransferCaseDto,
} from '@huiying/contracts';
import { executeWorkflowUpdate, opinionRefusalKind } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import { CaseActionErrorCode, CaseActionException } from './case-action.exception';

const CODE = { not_found: CaseActionErrorCode.CaseNotFound, conflict: CaseActionErrorCode.ActionConflict, invalid: CaseActionErrorCode.ActionInvalid } as const;

/** 认领, 转办, 主办/协办, 向上级报告 on an opinion case: each is a workflow update; the workflow's validator has the last word. */
@Injectable()
export class CaseActionService {
  constructor(
    private readonly client: Client,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  claim(caseId: string, dto: ClaimCaseDto): Promise<OpinionCaseSnapshot> {
    return this.run(caseId, 'claim', opinionCaseUpdates.claim, { department: dto.department, claimedBy: dto.claimedBy });
  }

  transfer(caseId: string, dto: TransferCaseDto): Promise<OpinionCaseSnapshot> {
    return this.run(caseId, 'transfer', opinionCaseUpdates.transfer, { toDepartment: dto.toDepartment, reason: dto.reason, transferredBy: dto.transferredBy });
  }

  addCoHandlers(caseId: string, dto: AddCoHandlersDto): Promise<OpinionCaseSnapshot> {
    return this.run(caseId, 'co-handlers', opinionCaseUpdates.coHandle, {
      coHandlers: dto.coHandlers.map((c) => ({ department: c.department, part: c.part })),
      assignedBy: dto.assignedBy,
    });
  }

  reportCoHandling(caseId: string, department: string, dto: CoHandlingReportDto): Promise<OpinionCaseSnapshot> {
    return this.run(caseId, 'co-handling report', opinionCaseUpdates.reportCoHandling, { department, status: dto.status, summary: dto.summary, reportedBy: dto.reportedBy });
  }

  /** 向上级报告: a step with its time; meets the superior-report clock when the case's policy sets one. */
  reportToSuperior(caseId: string, dto: SuperiorReportDto): Promise<OpinionCaseSnapshot> {
    return this.run(caseId, 'superior report', opinionCaseUpdates.reportToSuperior, {
      reportedTo: dto.reportedTo, means: dto.means, reportedAt: dto.reportedAt, reportedBy: dto.reportedBy, summary: dto.summary,
    });
  }

  private async run<Arg>(caseId: string, action: string, update: UpdateDefinition<OpinionCaseSnapshot, [Arg]>, arg: Arg): Promise<OpinionCaseSnapshot> {
    const outcome = await executeWorkflowUpdate(this.client, caseId, update, arg);
    if (!outcome.ok) {
      const kind = opinionRefusalKind(outcome);
      this.logger.info({ caseId, action, refusal: outcome.refusal, kind, reason: outcome.message }, 'case action refused');
      throw new CaseActionException(CODE[kind], kind === 'not_found' ? `no case ${caseId}` : outcome.message);
    }
    const s = outcome.result;
    this.logger.info({ caseId, action, stage: s.stage, department: s.department, sequence: s.lastSequence }, 'case action applied');
    return s;
  }
}
