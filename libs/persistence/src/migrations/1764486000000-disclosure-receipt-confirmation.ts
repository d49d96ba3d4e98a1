import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipt of a disclosure application by channel (条例第三十一条): an ordinary letter, online or fax application is
 * received on the day receipt is confirmed with the applicant. Until then it is stored (acknowledged, nothing lost)
 * with receipt_status 'awaiting_receipt_confirmation' and no received_on, and its case does not start. The
 * confirmation is recorded once: when, how, by whom, a note, and when it was recorded. Rows stored before this
 * migration were received at submission ('received').
 */
export class DisclosureReceiptConfirmation1764486000000 implements MigrationInterface {
  name = 'DisclosureReceiptConfirmation1764486000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE intake.disclosure_applications ALTER COLUMN received_on DROP NOT NULL`);
    await q.query(`ALTER TABLE intake.disclosure_applications
      ADD COLUMN receipt_status text NOT NULL DEFAULT 'received' CHECK (receipt_status IN ('awaiting_receipt_confirmation', 'received')),
      ADD COLUMN receipt_confirmed_on date,
      ADD COLUMN receipt_confirmed_via text CHECK (receipt_confirmed_via IN ('phone', 'sms', 'email', 'online_system', 'fax', 'in_person')),
      ADD COLUMN receipt_confirmed_by text,
      ADD COLUMN receipt_confirmation_note text,
      ADD COLUMN receipt_confirmation_recorded_at timestamptz,
      ADD CONSTRAINT disclosure_applications_receipt_ck CHECK ((receipt_status = 'received') = (received_on IS NOT NULL)),
      ADD CONSTRAINT disclosure_applications_confirmation_ck CHECK ((receipt_confirmed_on IS NULL) = (receipt_confirmation_recorded_at IS NULL))`);
    // the queue of receipts to confirm, oldest first
    await q.query(`CREATE INDEX disclosure_applications_unconfirmed_idx ON intake.disclosure_applications (received_at, id)
      WHERE receipt_status = 'awaiting_receipt_confirmation'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // fails while an application awaits confirmation (no receipt date to put back): confirm those first
    await q.query(`DROP INDEX intake.disclosure_applications_unconfirmed_idx`);
    await q.query(`ALTER TABLE intake.disclosure_applications
      DROP CONSTRAINT disclosure_applications_confirmation_ck,
      DROP CONSTRAINT disclosure_applications_receipt_ck,
      DROP COLUMN receipt_confirmation_recorded_at,
      DROP COLUMN receipt_confirmation_note,
      DROP COLUMN receipt_confirmed_by,
      DROP COLUMN receipt_confirmed_via,
      DROP COLUMN receipt_confirmed_on,
      DROP COLUMN receipt_status`);
    await q.query(`ALTER TABLE intake.disclosure_applications ALTER COLUMN received_on SET NOT NULL`);
  }
}
