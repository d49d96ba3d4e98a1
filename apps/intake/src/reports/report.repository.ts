import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxEntity, ReportEntity } from '@huiying/persistence';

export interface StoredReport {
  caseId: string;
  reportId: string;
  duplicate: boolean;
}

const UNIQUE_VIOLATION = '23505';

/** The only place intake touches the database. */
@Injectable()
export class ReportRepository {
  constructor(private readonly ds: DataSource) {}

  findBySourceRef(sourceRef: string, em: EntityManager = this.ds.manager): Promise<ReportEntity | null> {
    return em.findOne(ReportEntity, { where: { sourceRef } });
  }

  /**
   * Stores the report and its outbox row in one transaction. A concurrent insert of the same sourceRef
   * loses on the unique index and gets the winner's case instead: one case per sourceRef, always.
   */
  async storeWithOutbox(report: ReportEntity, outbox: Omit<OutboxEntity, 'id' | 'createdAt' | 'sentAt' | 'attempts' | 'lastError'>): Promise<StoredReport> {
    try {
      await this.ds.transaction(async (em) => {
        await em.insert(ReportEntity, report);
        await em.getRepository(OutboxEntity).insert({ ...outbox, payload: outbox.payload as never, sentAt: null, attempts: 0, lastError: null });
      });
      return { caseId: report.caseId, reportId: report.id, duplicate: false };
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION && report.sourceRef) {
        const existing = await this.findBySourceRef(report.sourceRef);
        if (existing) return { caseId: existing.caseId, reportId: existing.id, duplicate: true };
      }
      throw e;
    }
  }
}
