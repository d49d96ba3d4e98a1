import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENDED_STAGES, type CaseHistoryForStatistics, type StatisticsScope } from './monthly-statistics.fold';

/** Reads ledger.cases / ledger.case_history (the ledger's read model) for the monthly statistics. */
@Injectable()
export class MonthlyStatisticsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The cases that can count in [from, to) — received before its end and either acted on since its start (the last
   * event, updated_at, is not earlier) or not ended (open or overdue at its end) — with their events before its end.
   * A department scope keeps the cases that department led at some event; the fold attributes each figure.
   */
  async casesForMonth(from: Date, to: Date, scope: StatisticsScope): Promise<CaseHistoryForStatistics[]> {
    const params: unknown[] = [from, to, ENDED_STAGES];
    const where = [`c.created_at < $2`, `(c.updated_at >= $1 OR c.stage <> ALL($3::text[]))`];
    if (scope.jurisdiction !== null) {
      params.push(scope.jurisdiction);
      where.push(`c.jurisdiction = $${params.length}`);
    }
    if (scope.department !== null) {
      params.push(scope.department);
      where.push(`EXISTS (SELECT 1 FROM ledger.case_history x WHERE x.case_id = c.case_id AND x.department = $${params.length})`);
    }
    const rows: { case_id: string; kind: string; jurisdiction: string | null; sequence: number; change: string; stage: string; grade: string | null; department: string | null; occurred_at: Date; detail: Record<string, unknown> }[] =
      await this.ds.query(
        `SELECT c.case_id, c.kind, c.jurisdiction, h.sequence, h.change, h.stage, h.grade, h.department, h.occurred_at, h.detail
         FROM ledger.cases c JOIN ledger.case_history h ON h.case_id = c.case_id AND h.occurred_at < $2
         WHERE ${where.join(' AND ')}
         ORDER BY c.case_id, h.sequence`,
        params,
      );
    const byCase = new Map<string, CaseHistoryForStatistics>();
    for (const r of rows) {
      let c = byCase.get(r.case_id);
      if (!c) byCase.set(r.case_id, (c = { caseId: r.case_id, kind: r.kind, jurisdiction: r.jurisdiction, events: [] }));
      c.events.push({ sequence: r.sequence, change: r.change, stage: r.stage, grade: r.grade, department: r.department, occurredAt: r.occurred_at, detail: r.detail });
    }
    return [...byCase.values()];
  }
}
