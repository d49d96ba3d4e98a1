import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AssessmentDecisionEntity, AssessmentEntity } from '@huiying/persistence';

/** assessment.assessments and assessment.decisions: append-only records of what was sent to the case workflow. */
@Injectable()
export class AssessmentRepository {
  constructor(private readonly ds: DataSource) {}

  async add(row: Omit<AssessmentEntity, 'createdAt'>, manager: EntityManager = this.ds.manager): Promise<AssessmentEntity> {
    await manager.insert(AssessmentEntity, { ...row, features: row.features as never, scoreParts: row.scoreParts as never, flags: row.flags as never });
    return manager.findOneOrFail(AssessmentEntity, { where: { id: row.id } });
  }

  history(caseId: string): Promise<AssessmentEntity[]> {
    return this.ds.manager.find(AssessmentEntity, { where: { caseId }, order: { createdAt: 'ASC', workflowSequence: 'ASC' } });
  }

  latestAutomatic(caseId: string, manager: EntityManager = this.ds.manager): Promise<AssessmentEntity | null> {
    return manager.findOne(AssessmentEntity, { where: { caseId, source: 'automatic' }, order: { createdAt: 'DESC' } });
  }

  async addDecision(row: Omit<AssessmentDecisionEntity, 'createdAt'>): Promise<void> {
    await this.ds.manager.insert(AssessmentDecisionEntity, { ...row, body: row.body as never });
  }
}
