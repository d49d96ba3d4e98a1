import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ledger.disclosure_applications: the annual report's read model (国办公开办函〔2021〕30号 table 三), one row per
 * disclosure case folded from cases.events.v1 — received date, applicant column, result code and the day the
 * application was closed (reply issued or abandoned).
 */
export class LedgerDisclosureAnnualReport1764200000001 implements MigrationInterface {
  name = 'LedgerDisclosureAnnualReport1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.disclosure_applications (
      case_id uuid PRIMARY KEY,
      application_id uuid,
      department text,
      jurisdiction text,
      received_on date,
      applicant_type text,
      organisation_type text,
      result_code text,
      closed_on date,
      closed_stage text CHECK (closed_stage IN ('reply_issued', 'abandoned')),
      last_event_id text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX disclosure_applications_received_on_idx ON ledger.disclosure_applications (received_on)`);
    await q.query(`CREATE INDEX disclosure_applications_closed_on_idx ON ledger.disclosure_applications (closed_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.disclosure_applications`);
  }
}
