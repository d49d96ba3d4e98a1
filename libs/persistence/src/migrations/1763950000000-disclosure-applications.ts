import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disclosure applications live in intake's schema: intake receives them like reports, and their
 * received event leaves through the same intake.outbox and relay in the same transaction.
 */
export class DisclosureApplications1763950000000 implements MigrationInterface {
  name = 'DisclosureApplications1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE intake.disclosure_applications (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL UNIQUE,
      client_ref text UNIQUE,
      channel text NOT NULL CHECK (channel IN ('in_person', 'post_signed', 'ordinary_letter', 'online', 'fax')),
      received_on date NOT NULL,
      received_at timestamptz NOT NULL,
      receipt jsonb NOT NULL,
      applicant_type text NOT NULL CHECK (applicant_type IN ('natural_person', 'legal_person')),
      organisation_type text,
      applicant_encrypted text NOT NULL,
      information_description text NOT NULL,
      purpose text NOT NULL,
      delivery_form text NOT NULL,
      filed_as text NOT NULL,
      answered_on_the_spot jsonb,
      converted_case_id uuid,
      converted_at timestamptz,
      converted_by text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX disclosure_applications_received_on_idx ON intake.disclosure_applications (received_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intake.disclosure_applications`);
  }
}
