import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 12345 hotline work orders: current state keyed by order number, append-only revision history (intake schema). */
export class HotlineWorkOrders1764000000000 implements MigrationInterface {
  name = 'HotlineWorkOrders1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE intake.hotline_work_orders (
      order_no text PRIMARY KEY,
      revision int NOT NULL CHECK (revision >= 1),
      report_id uuid NOT NULL UNIQUE REFERENCES intake.reports (id),
      case_id uuid NOT NULL,
      call_time timestamptz NOT NULL,
      appeal_type text NOT NULL,
      urgency text NOT NULL,
      handling_unit text,
      title text NOT NULL,
      content text NOT NULL,
      location jsonb NOT NULL,
      category text,
      caller_encrypted text,
      first_source text NOT NULL,
      received_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE intake.hotline_work_order_revisions (
      order_no text NOT NULL REFERENCES intake.hotline_work_orders (order_no),
      revision int NOT NULL,
      source text NOT NULL,
      snapshot jsonb NOT NULL,
      caller_encrypted text,
      changed_fields text[] NOT NULL DEFAULT '{}',
      received_at timestamptz NOT NULL,
      PRIMARY KEY (order_no, revision)
    )`);
    // append-only: revisions are never changed or removed
    await q.query(`CREATE FUNCTION intake.hotline_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'intake.hotline_work_order_revisions is append-only'; END $$`);
    await q.query(`CREATE TRIGGER hotline_revisions_append_only BEFORE UPDATE OR DELETE ON intake.hotline_work_order_revisions
      FOR EACH ROW EXECUTE FUNCTION intake.hotline_revisions_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intake.hotline_work_order_revisions`);
    await q.query(`DROP FUNCTION intake.hotline_revisions_append_only()`);
    await q.query(`DROP TABLE intake.hotline_work_orders`);
  }
}
