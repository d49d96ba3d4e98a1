import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 — status by order number: `ledger.case_reports` maps every report (from intake.reports.received.v1) to its
 * case, with the report's sourceRef (`12345:<orderNo>` for a 12345 work order), channel and receipt time. No personal
 * data: no text, no reporter. Written idempotently by report id (a redelivered event changes nothing).
 */
export class LedgerCaseReports1764530000001 implements MigrationInterface {
  name = 'LedgerCaseReports1764530000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.case_reports (
      report_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      source_ref text,
      channel text NOT NULL,
      jurisdiction text,
      received_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX case_reports_source_ref_idx ON ledger.case_reports (source_ref) WHERE source_ref IS NOT NULL`);
    await q.query(`CREATE INDEX case_reports_case_idx ON ledger.case_reports (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.case_reports`);
  }
}
