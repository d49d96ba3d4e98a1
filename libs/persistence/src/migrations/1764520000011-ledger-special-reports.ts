import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (supervision) — special reports (舆情专报): ledger.special_reports keeps every generated version of a case's
 * report — the content as JSON, the HTML and the PDF with their SHA-256 — and never changes one afterwards (a trigger
 * refuses UPDATE and DELETE: a new report is a new version).
 */
export class LedgerSpecialReports1764520000011 implements MigrationInterface {
  name = 'LedgerSpecialReports1764520000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.special_reports (
      case_id uuid NOT NULL,
      version int NOT NULL CHECK (version >= 1),
      generated_at timestamptz NOT NULL,
      generated_by text NOT NULL,
      last_sequence int NOT NULL,
      content jsonb NOT NULL,
      html text NOT NULL,
      pdf bytea NOT NULL,
      sha256_html char(64) NOT NULL,
      sha256_pdf char(64) NOT NULL,
      PRIMARY KEY (case_id, version)
    )`);
    await q.query(`CREATE FUNCTION ledger.special_reports_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger.special_reports is append-only: a new report is a new version'; END $$`);
    await q.query(`CREATE TRIGGER special_reports_immutable BEFORE UPDATE OR DELETE ON ledger.special_reports
      FOR EACH ROW EXECUTE FUNCTION ledger.special_reports_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.special_reports`);
    await q.query(`DROP FUNCTION ledger.special_reports_immutable()`);
  }
}
