import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { CaseStageChangedV1, CaseViewDto, EventEnvelope } from '@huiying/contracts';
import { LOGGER } from '../infrastructure.module';
import { CaseException, CaseExceptionCode } from './case.exception';
import { CaseRepository } from './case.repository';

@Injectable()
export class CaseService {
  constructor(
    private readonly repo: CaseRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onStageChanged(envelope: EventEnvelope<CaseStageChangedV1>): Promise<void> {
    const { applied } = await this.repo.applyStageChange(envelope.id, envelope.data);
    this.logger.info({ caseId: envelope.data.caseId, stage: envelope.data.stage, sequence: envelope.data.sequence, applied }, 'case event folded');
  }

  async getCase(caseId: string): Promise<CaseViewDto> {
    const found = await this.repo.findCase(caseId);
    if (!found) throw new CaseException(CaseExceptionCode.CaseNotFound, `case ${caseId} is not in the ledger`);
    const { row, history } = found;
    return {
      caseId: row.caseId,
      kind: row.kind,
      stage: row.stage,
      department: row.department,
      ccDepartments: row.ccDepartments,
      grade: row.grade,
      jurisdiction: row.jurisdiction,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      history: history.map((h) => ({
        sequence: h.sequence,
        stage: h.stage,
        previousStage: h.previousStage,
        department: h.department,
        occurredAt: h.occurredAt.toISOString(),
        detail: h.detail,
      })),
    };
  }
}
