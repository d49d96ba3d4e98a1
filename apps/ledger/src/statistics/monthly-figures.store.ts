import type { EntityManager } from 'typeorm';
import { caseFigureRows } from './monthly-figures';
import type { CaseHistoryForStatistics } from './monthly-statistics.fold';

/**
 * Rewrites a case's kept monthly figures from its whole history, in the transaction that folded its event (so the
 * figures and the read model never disagree). Idempotent: a redelivered event rewrites the same rows.
 */
export async function writeCaseMonthFigures(em: EntityManager, c: CaseHistoryForStatistics): Promise<void> {
  const rows = caseFigureRows(c);
  await em.query(`DELETE FROM ledger.case_month_figures WHERE case_id = $1`, [c.caseId]);
  if (!rows.length) return;
  await em.query(
    `INSERT INTO ledger.case_month_figures (case_id, jurisdiction, month, kind, department, figure, value)
     SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::float8[])`,
    [c.caseId, c.jurisdiction, rows.map((r) => r.month), rows.map((r) => r.kind), rows.map((r) => r.department), rows.map((r) => r.figure), rows.map((r) => r.value)],
  );
}
