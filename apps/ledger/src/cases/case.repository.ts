import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseStageChangedV1 } from '@huiying/contracts';
import { LedgerCaseEntity, LedgerCaseHistoryEntity } from '@huiying/persistence';

@Injectable()
export class CaseRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Folds one stage change into the read model, idempotently: the history row is keyed by (case, sequence)
   * and the case row only moves forward (a repeated or older event changes nothing).
   */
  async applyStageChange(eventId: string, e: CaseStageChangedV1): Promise<{ applied: boolean }> {
    return this.ds.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO ledger.case_history (case_id, sequence, event_id, stage, previous_stage, department, occurred_at, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (case_id, sequence) DO NOTHING RETURNING sequence`,
        [e.caseId, e.sequence, eventId, e.stage, e.previousStage, e.department, e.occurredAt, JSON.stringify(e.detail)],
      );
      await em.query(
        `INSERT INTO ledger.cases (case_id, kind, stage, department, cc_departments, grade, jurisdiction, last_sequence, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         ON CONFLICT (case_id) DO UPDATE SET
           stage = EXCLUDED.stage, department = EXCLUDED.department, cc_departments = EXCLUDED.cc_departments,
           grade = EXCLUDED.grade, jurisdiction = EXCLUDED.jurisdiction, last_sequence = EXCLUDED.last_sequence,
           updated_at = EXCLUDED.updated_at,
           created_at = LEAST(ledger.cases.created_at, EXCLUDED.created_at)
         WHERE ledger.cases.last_sequence < EXCLUDED.last_sequence`,
        [e.caseId, e.kind, e.stage, e.department, e.ccDepartments, e.grade, e.jurisdiction, e.sequence, e.occurredAt],
      );
      return { applied: inserted.length > 0 };
    });
  }

  /**
   * Cases newest first, filtered; keyset paging on (created_at, case_id). The cursor keeps created_at as Postgres
   * prints it, so no precision is lost between pages.
   */
  async listCases(filter: { department?: string; stage?: string; kind?: string }, limit: number, after?: { createdAt: string; caseId: string }) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.department) add('department = ?', filter.department);
    if (filter.stage) add('stage = ?', filter.stage);
    if (filter.kind) add('kind = ?', filter.kind);
    if (after) {
      params.push(after.createdAt, after.caseId);
      where.push(`(created_at, case_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    const rows: { case_id: string; kind: string; stage: string; department: string | null; cc_departments: string[]; grade: string | null; jurisdiction: string | null; created_at: Date; updated_at: Date; cursor: string }[] =
      await this.ds.query(
        `SELECT case_id, kind, stage, department, cc_departments, grade, jurisdiction, created_at, updated_at, created_at::text AS cursor
         FROM ledger.cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, case_id DESC LIMIT $${params.length}`,
        params,
      );
    return rows;
  }

  async findCase(caseId: string): Promise<{ row: LedgerCaseEntity; history: LedgerCaseHistoryEntity[] } | null> {
    const row = await this.ds.manager.findOne(LedgerCaseEntity, { where: { caseId } });
    if (!row) return null;
    const history = await this.ds.manager.find(LedgerCaseHistoryEntity, { where: { caseId }, order: { sequence: 'ASC' } });
    return { row, history };
  }
}
