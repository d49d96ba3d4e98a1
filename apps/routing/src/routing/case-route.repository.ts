import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseRouteEntity } from '@huiying/persistence';

@Injectable()
export class CaseRouteRepository {
  constructor(private readonly ds: DataSource) {}

  /** Records the routing decision once; a redelivered message gets the decision already made. */
  async saveOnce(route: Omit<CaseRouteEntity, 'createdAt' | 'workflowStartedAt'>): Promise<CaseRouteEntity> {
    await this.ds
      .createQueryBuilder()
      .insert()
      .into(CaseRouteEntity)
      .values({ ...route, workflowStartedAt: null })
      .orIgnore()
      .execute();
    return this.ds.manager.findOneOrFail(CaseRouteEntity, { where: { caseId: route.caseId } });
  }

  async markWorkflowStarted(caseId: string): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(CaseRouteEntity)
      .set({ workflowStartedAt: () => 'now()' })
      .where('case_id = :caseId AND workflow_started_at IS NULL', { caseId })
      .execute();
  }

  find(caseId: string): Promise<CaseRouteEntity | null> {
    return this.ds.manager.findOne(CaseRouteEntity, { where: { caseId } });
  }
}
