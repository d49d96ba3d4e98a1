import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (bulletins 季通报/月报) — ledger.bulletins: one row per revision of a jurisdiction's period, with its figures,
 * HTML and PDF and the sha256 of each; a period gets a new revision only when its figures changed (unique kind, period,
 * jurisdiction, revision). ledger.bulletin_notices: the 通报 entry of each case a bulletin names (escalated or overdue),
 * for its lead department. ledger.outbox: the ledger's transactional outbox (ledger.bulletins.published.v1).
 */
export class LedgerBulletins1764525000000 implements MigrationInterface {
  name = 'LedgerBulletins1764525000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.bulletins (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('monthly', 'quarterly')),
      period text NOT NULL,
      jurisdiction text NOT NULL,
      revision int NOT NULL CHECK (revision >= 1),
      title text NOT NULL,
      generated_at timestamptz NOT NULL,
      generated_by text NOT NULL,
      figures jsonb NOT NULL,
      figures_sha256 text NOT NULL,
      html text NOT NULL,
      html_sha256 text NOT NULL,
      pdf bytea NOT NULL,
      pdf_sha256 text NOT NULL,
      UNIQUE (kind, period, jurisdiction, revision)
    )`);
    await q.query(`CREATE INDEX bulletins_generated_idx ON ledger.bulletins (generated_at DESC, id)`);
    await q.query(`CREATE TABLE ledger.bulletin_notices (
      bulletin_id uuid NOT NULL REFERENCES ledger.bulletins (id),
      case_id uuid NOT NULL,
      clock text NOT NULL,
      department text,
      late_seconds bigint,
      published_at timestamptz NOT NULL,
      PRIMARY KEY (bulletin_id, case_id, clock)
    )`);
    await q.query(`CREATE INDEX bulletin_notices_case_idx ON ledger.bulletin_notices (case_id, published_at)`);
    await q.query(`CREATE TABLE ledger.outbox (
      id bigserial PRIMARY KEY,
      event_id text NOT NULL UNIQUE,
      topic text NOT NULL,
      message_key text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text
    )`);
    await q.query(`CREATE INDEX ledger_outbox_unsent_idx ON ledger.outbox (id) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.outbox`);
    await q.query(`DROP TABLE ledger.bulletin_notices`);
    await q.query(`DROP TABLE ledger.bulletins`);
  }
}
