import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MonthlyStatisticsDto } from '@huiying/contracts';
import { ENDED_STAGES, type CaseHistoryForStatistics, type StatisticsScope } from './monthly-statistics.fold';
import { LIST_FIGURES, type CaseKindOfStatistics, type CaseStateCount, type SummedFigure } from './monthly-figures';

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

  /** The stored figures of a month that is over, if computed before and not invalidated since. */
  async snapshot(month: string, scope: StatisticsScope): Promise<MonthlyStatisticsDto | null> {
    const [row]: { figures: MonthlyStatisticsDto }[] = await this.ds.query(
      `SELECT figures FROM ledger.monthly_statistics_snapshots WHERE month = $1 AND jurisdiction = $2 AND department = $3`,
      [month, scope.jurisdiction ?? '*', scope.department ?? '*'],
    );
    return row?.figures ?? null;
  }

  /** The jurisdiction's statistics epoch, bumped by every late event (case.repository): read before computing. */
  async epoch(jurisdiction: string | null): Promise<string> {
    const key = jurisdiction ?? '*';
    await this.ds.query(`INSERT INTO ledger.statistics_epochs (jurisdiction) VALUES ($1) ON CONFLICT (jurisdiction) DO NOTHING`, [key]);
    const [row]: { epoch: string }[] = await this.ds.query(`SELECT epoch::text AS epoch FROM ledger.statistics_epochs WHERE jurisdiction = $1`, [key]);
    return row?.epoch ?? '0';
  }

  /**
   * Stores the figures computed for a month that is over, unless a late event bumped the epoch since `epoch` was read:
   * the UPDATE waits for a fold still holding the epoch row and then sees its bump, so a stale answer is never kept.
   * Returns whether it was stored.
   */
  async storeSnapshot(month: string, scope: StatisticsScope, figures: MonthlyStatisticsDto, epoch: string): Promise<boolean> {
    const key = scope.jurisdiction ?? '*';
    const rows: unknown[] = await this.ds.query(
      `WITH current AS (
         UPDATE ledger.statistics_epochs SET epoch = epoch WHERE jurisdiction = $2 AND epoch = $5::bigint RETURNING 1
       )
       INSERT INTO ledger.monthly_statistics_snapshots (month, jurisdiction, department, figures)
       SELECT $1, $2, $3, $4::jsonb FROM current
       ON CONFLICT (month, jurisdiction, department) DO NOTHING RETURNING 1`,
      [month, key, scope.department ?? '*', JSON.stringify(figures), epoch],
    );
    return rows.length > 0;
  }

  /**
   * The kept figures of a month summed per kind, department and figure; list figures (durations) with all their
   * values. Two queries run side by side: the sums stay in memory, the lists are a fifth of the rows.
   */
  async summedFigures(month: string, scope: StatisticsScope): Promise<SummedFigure[]> {
    const params: unknown[] = [month, LIST_FIGURES];
    const where = ['month = $1'];
    if (scope.jurisdiction !== null) where.push(`jurisdiction = $${params.push(scope.jurisdiction)}`);
    if (scope.department !== null) where.push(`department = $${params.push(scope.department)}`);
    type Row = { kind: CaseKindOfStatistics; department: string | null; figure: string; value: number | number[] };
    const [sums, lists]: [Row[], Row[]] = await Promise.all([
      this.ds.query(
        `SELECT kind, department, figure, sum(value) AS value FROM ledger.case_month_figures
         WHERE ${where.join(' AND ')} AND figure <> ALL($2::text[]) GROUP BY kind, department, figure`,
        params,
      ),
      this.ds.query(
        `SELECT kind, department, figure, array_agg(value) AS value FROM ledger.case_month_figures
         WHERE ${where.join(' AND ')} AND figure = ANY($2::text[]) GROUP BY kind, department, figure`,
        params,
      ),
    ]);
    return [...sums, ...lists].map((r) => ({ kind: r.kind, department: r.department, figure: r.figure, value: Array.isArray(r.value) ? r.value : Number(r.value) }));
  }

  /** Open and overdue cases now (the read model's stage and overdue), per kind and lead department. */
  async caseStatesNow(scope: StatisticsScope): Promise<CaseStateCount[]> {
    const params: unknown[] = [ENDED_STAGES];
    const where = ['true'];
    if (scope.jurisdiction !== null) where.push(`jurisdiction = $${params.push(scope.jurisdiction)}`);
    if (scope.department !== null) where.push(`department = $${params.push(scope.department)}`);
    const rows: { kind: string; department: string | null; open: string; overdue: string }[] = await this.ds.query(
      `SELECT kind, department, count(*) FILTER (WHERE stage <> ALL($1::text[])) AS open, count(*) FILTER (WHERE overdue) AS overdue
       FROM ledger.cases WHERE ${where.join(' AND ')} GROUP BY kind, department`,
      params,
    );
    return rows.map((r) => ({ kind: r.kind === 'disclosure' ? 'disclosure' : 'opinion', department: r.department, open: Number(r.open), overdue: Number(r.overdue) }));
  }
}
