import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (monthly statistics at volume) — ledger.case_month_figures: each case's figures for each month it has events
 * in (apps/ledger/src/statistics/monthly-figures.ts), one row per figure, rewritten in the transaction that folds the
 * case's event; the month in progress is answered by summing them instead of folding every history. Cases folded
 * before get theirs when the ledger refolds them at start (fold version 4).
 */
export class LedgerCaseMonthFigures1764520000001 implements MigrationInterface {
  name = 'LedgerCaseMonthFigures1764520000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger.case_month_figures (
        case_id uuid NOT NULL,
        month text NOT NULL,
        jurisdiction text,
        kind text NOT NULL,
        department text,
        figure text NOT NULL,
        value double precision NOT NULL
      )`);
    await q.query(`CREATE INDEX case_month_figures_case_idx ON ledger.case_month_figures (case_id)`);
    await q.query(`CREATE INDEX case_month_figures_month_idx ON ledger.case_month_figures (month, jurisdiction, department)`);
    await q.query(`CREATE INDEX cases_jurisdiction_department_idx ON ledger.cases (jurisdiction, department)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger.cases_jurisdiction_department_idx`);
    await q.query(`DROP TABLE ledger.case_month_figures`);
  }
}
