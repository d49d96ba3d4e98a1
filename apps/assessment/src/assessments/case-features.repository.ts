import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AssessmentCaseEntity, AssessmentCaseReportEntity } from '@huiying/persistence';

/** assessment.case_reports and assessment.cases: what the grading knows of each case. */
@Injectable()
export class CaseFeaturesRepository {
  constructor(private readonly ds: DataSource) {}

  /** Records a report once (redeliveries change nothing); true when it is new. */
  async addReport(row: Omit<AssessmentCaseReportEntity, 'createdAt'>): Promise<boolean> {
    const result = await this.ds.createQueryBuilder().insert().into(AssessmentCaseReportEntity).values(row).orIgnore().returning(['reportId']).execute();
    return (result.raw as unknown[]).length > 0;
  }

  /**
   * Applies a report's newer revision: the features are replaced only over an older revision (a redelivery or a late
   * older revision changes nothing); the first receipt time and the case stay. Inserts the report when its update
   * arrives before its first event (which then changes nothing). True when applied.
   */
  async applyReportRevision(row: Omit<AssessmentCaseReportEntity, 'createdAt'>): Promise<boolean> {
    const applied: unknown[] = await this.ds.query(
      `INSERT INTO assessment.case_reports
         (report_id, case_id, channel, received_at, district, township, sensitive_terms, casualty_terms, lexicon_version, source_event_id, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (report_id) DO UPDATE SET
         channel = EXCLUDED.channel, district = EXCLUDED.district, township = EXCLUDED.township,
         sensitive_terms = EXCLUDED.sensitive_terms, casualty_terms = EXCLUDED.casualty_terms, lexicon_version = EXCLUDED.lexicon_version,
         source_event_id = EXCLUDED.source_event_id, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at
       WHERE assessment.case_reports.revision < EXCLUDED.revision
       RETURNING report_id`,
      [row.reportId, row.caseId, row.channel, row.receivedAt, row.district, row.township, row.sensitiveTerms, row.casualtyTerms, row.lexiconVersion, row.sourceEventId, row.revision, row.updatedAt],
    );
    return applied.length > 0;
  }

  reports(caseId: string, manager: EntityManager = this.ds.manager): Promise<AssessmentCaseReportEntity[]> {
    return manager.find(AssessmentCaseReportEntity, { where: { caseId }, order: { receivedAt: 'ASC' } });
  }

  /** Folds a case event: newer sequences only; `claimed` once set stays set. */
  async foldCase(row: Omit<AssessmentCaseEntity, 'updatedAt'>): Promise<void> {
    await this.ds.query(
      `INSERT INTO assessment.cases (case_id, stage, department, claimed, last_sequence, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (case_id) DO UPDATE SET
         stage = CASE WHEN EXCLUDED.last_sequence > assessment.cases.last_sequence THEN EXCLUDED.stage ELSE assessment.cases.stage END,
         department = CASE WHEN EXCLUDED.last_sequence > assessment.cases.last_sequence THEN EXCLUDED.department ELSE assessment.cases.department END,
         claimed = assessment.cases.claimed OR EXCLUDED.claimed,
         last_sequence = GREATEST(assessment.cases.last_sequence, EXCLUDED.last_sequence),
         updated_at = now()`,
      [row.caseId, row.stage, row.department, row.claimed, row.lastSequence],
    );
  }

  findCase(caseId: string, manager: EntityManager = this.ds.manager): Promise<AssessmentCaseEntity | null> {
    return manager.findOne(AssessmentCaseEntity, { where: { caseId } });
  }

  /**
   * Runs `fn` holding the case's grading lock (a transaction-scoped advisory lock), so the report and case-event
   * consumers never grade the same case at the same time.
   */
  withCaseLock<T>(caseId: string, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('assessment:' || $1, 0))`, [caseId]);
      return fn(manager);
    });
  }
}
