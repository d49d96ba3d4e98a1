import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The system's own count of an applicant's applications in a calendar month (国办函〔2020〕109号 第四条:
 * 「同一申请人一个自然月内累计申请」), for per-application fees:
 * - applicant_key: HMAC-SHA256 of the normalised identity document under a key derived from HUIYING_DATA_KEY (keyed,
 *   so it cannot be reversed by trying every identity number); set by intake at submission, and for rows stored before
 *   this migration by intake at start (it decrypts the applicant to compute it);
 * - applicant_month ('YYYY-MM' of received_on, Asia/Shanghai) and applicant_month_ordinal: set once, when the receipt
 *   is recorded, for disclosure applications (filed_as = 'disclosure_application') only: the application is the
 *   applicant's n-th received in that month. Assigned under pg_advisory_xact_lock on the key; the unique index makes
 *   a duplicate ordinal impossible whatever happens.
 */
export class DisclosureApplicantMonth1764486000001 implements MigrationInterface {
  name = 'DisclosureApplicantMonth1764486000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE intake.disclosure_applications
      ADD COLUMN applicant_key text CHECK (applicant_key ~ '^[0-9a-f]{64}$'),
      ADD COLUMN applicant_month text CHECK (applicant_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      ADD COLUMN applicant_month_ordinal int CHECK (applicant_month_ordinal > 0),
      ADD CONSTRAINT disclosure_applications_applicant_month_ck CHECK (
        (applicant_month IS NULL) = (applicant_month_ordinal IS NULL)
        AND (applicant_month IS NULL OR (applicant_key IS NOT NULL AND received_on IS NOT NULL
          AND applicant_month = lpad(extract(year FROM received_on)::int::text, 4, '0') || '-' || lpad(extract(month FROM received_on)::int::text, 2, '0')))
      )`);
    // the count: an applicant's received disclosure applications in a month (received_on range)
    await q.query(`CREATE INDEX disclosure_applications_applicant_received_idx ON intake.disclosure_applications (applicant_key, received_on)
      WHERE filed_as = 'disclosure_application' AND receipt_status = 'received' AND applicant_key IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX disclosure_applications_applicant_month_ordinal_uq
      ON intake.disclosure_applications (applicant_key, applicant_month, applicant_month_ordinal) WHERE applicant_month_ordinal IS NOT NULL`);
    // rows still to be keyed by intake at start
    await q.query(`CREATE INDEX disclosure_applications_unkeyed_idx ON intake.disclosure_applications (id) WHERE applicant_key IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX intake.disclosure_applications_unkeyed_idx`);
    await q.query(`DROP INDEX intake.disclosure_applications_applicant_month_ordinal_uq`);
    await q.query(`DROP INDEX intake.disclosure_applications_applicant_received_idx`);
    await q.query(`ALTER TABLE intake.disclosure_applications
      DROP CONSTRAINT disclosure_applications_applicant_month_ck,
      DROP COLUMN applicant_month_ordinal,
      DROP COLUMN applicant_month,
      DROP COLUMN applicant_key`);
  }
}
