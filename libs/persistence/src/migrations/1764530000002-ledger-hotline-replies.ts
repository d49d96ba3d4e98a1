import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 — replies to the 12345 platform: one row per (work order, case event replied to), written with its
 * ledger.outbox row (hotline.work-order-replies.v1) in the same transaction. The key is the reply's idempotency key.
 */
export class LedgerHotlineReplies1764530000002 implements MigrationInterface {
  name = 'LedgerHotlineReplies1764530000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.hotline_replies (
      order_no text NOT NULL,
      sequence integer NOT NULL,
      case_id uuid NOT NULL,
      report_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('response', 'closure')),
      stage text NOT NULL,
      handling_unit text,
      result text NOT NULL,
      replied_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (order_no, sequence)
    )`);
    await q.query(`CREATE INDEX hotline_replies_case_idx ON ledger.hotline_replies (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.hotline_replies`);
  }
}
