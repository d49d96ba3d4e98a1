import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ledger: what each case event was (`change`: stage change, reminder, escalation, transfer, …) and the grade it carried;
 * on the case row the facts folded from its history for filters and the daily log (channel, category, territory,
 * discovery time, overdue with the escalated clocks, counts); the evaluation record of major cases (总结评估).
 */
export class LedgerCaseSupervision1764100000001 implements MigrationInterface {
  name = 'LedgerCaseSupervision1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.case_history ADD COLUMN change text, ADD COLUMN grade text`);
    // Rows folded before the change type was stored: the disclosure workflow names it in the detail; a row whose stage
    // did not move was something else than a stage change (recognised by its detail where possible).
    await q.query(`UPDATE ledger.case_history SET change = CASE
        WHEN detail ? 'change' THEN detail->>'change'
        WHEN previous_stage IS NULL OR previous_stage <> stage THEN 'stage'
        WHEN detail->>'type' IN ('escalation', 'transfer') THEN detail->>'type'
        WHEN detail ? 'label' AND detail ? 'clockId' THEN 'reminder'
        ELSE 'other' END`);
    await q.query(`ALTER TABLE ledger.case_history ALTER COLUMN change SET NOT NULL, ALTER COLUMN change SET DEFAULT 'stage'`);
    await q.query(`CREATE INDEX case_history_occurred_idx ON ledger.case_history (occurred_at)`);
    await q.query(`ALTER TABLE ledger.cases
      ADD COLUMN channel text,
      ADD COLUMN category text,
      ADD COLUMN territory text,
      ADD COLUMN discovered_at timestamptz,
      ADD COLUMN overdue boolean NOT NULL DEFAULT false,
      ADD COLUMN overdue_clocks text[] NOT NULL DEFAULT '{}',
      ADD COLUMN escalation_count int NOT NULL DEFAULT 0,
      ADD COLUMN escalation_level int NOT NULL DEFAULT 0,
      ADD COLUMN reminder_count int NOT NULL DEFAULT 0,
      ADD COLUMN response_count int NOT NULL DEFAULT 0,
      ADD COLUMN late_response_count int NOT NULL DEFAULT 0,
      ADD COLUMN first_response_at timestamptz,
      ADD COLUMN report_count int NOT NULL DEFAULT 1,
      ADD COLUMN closed_at timestamptz,
      ADD COLUMN fold_version int NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX cases_grade_idx ON ledger.cases (grade, created_at DESC)`);
    await q.query(`CREATE INDEX cases_overdue_idx ON ledger.cases (created_at DESC) WHERE overdue`);
    await q.query(`CREATE INDEX cases_created_idx ON ledger.cases (created_at DESC, case_id DESC)`);
    await q.query(`CREATE TABLE ledger.case_evaluations (
      case_id uuid PRIMARY KEY,
      lessons text NOT NULL,
      handling_capacity text NOT NULL,
      evaluated_by text NOT NULL,
      evaluated_at timestamptz NOT NULL,
      grade text,
      department text,
      recorded_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.case_evaluations`);
    await q.query(`DROP INDEX ledger.cases_created_idx`);
    await q.query(`DROP INDEX ledger.cases_overdue_idx`);
    await q.query(`DROP INDEX ledger.cases_grade_idx`);
    await q.query(`ALTER TABLE ledger.cases DROP COLUMN channel, DROP COLUMN category, DROP COLUMN territory, DROP COLUMN discovered_at,
      DROP COLUMN overdue, DROP COLUMN overdue_clocks, DROP COLUMN escalation_count, DROP COLUMN escalation_level, DROP COLUMN reminder_count,
      DROP COLUMN response_count, DROP COLUMN late_response_count, DROP COLUMN first_response_at, DROP COLUMN report_count,
      DROP COLUMN closed_at, DROP COLUMN fold_version`);
    await q.query(`DROP INDEX ledger.case_history_occurred_idx`);
    await q.query(`ALTER TABLE ledger.case_history DROP COLUMN change, DROP COLUMN grade`);
  }
}
