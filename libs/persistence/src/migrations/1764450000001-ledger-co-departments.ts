import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ledger.cases.co_departments: the co-handling departments (协办) of a case, folded from case events
 * (CaseStageChangedV1.coDepartments), so that a department's reach (属地管理, 谁主管谁负责: the cases it leads or
 * co-handles) is decided in SQL for lists.
 */
export class LedgerCoDepartments1764450000001 implements MigrationInterface {
  name = 'LedgerCoDepartments1764450000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.cases ADD COLUMN co_departments text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX cases_co_departments_idx ON ledger.cases USING gin (co_departments)`);
    await q.query(`CREATE INDEX cases_cc_departments_idx ON ledger.cases USING gin (cc_departments)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger.cases_cc_departments_idx`);
    await q.query(`DROP INDEX ledger.cases_co_departments_idx`);
    await q.query(`ALTER TABLE ledger.cases DROP COLUMN co_departments`);
  }
}
