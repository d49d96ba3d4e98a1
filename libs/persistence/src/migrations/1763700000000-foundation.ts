import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schemas of intake, routing and ledger for the walking skeleton. */
export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS intake`);
    await q.query(`CREATE SCHEMA IF NOT EXISTS routing`);
    await q.query(`CREATE SCHEMA IF NOT EXISTS ledger`);

    await q.query(`CREATE TABLE intake.reports (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      channel text NOT NULL,
      title text NOT NULL,
      content text NOT NULL,
      category text NOT NULL,
      location jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      source_ref text UNIQUE,
      reporter_encrypted text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX reports_case_id_idx ON intake.reports (case_id)`);

    await q.query(`CREATE TABLE intake.outbox (
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
    await q.query(`CREATE INDEX outbox_unsent_idx ON intake.outbox (id) WHERE sent_at IS NULL`);

    await q.query(`CREATE TABLE routing.case_routes (
      case_id uuid PRIMARY KEY,
      report_id uuid NOT NULL,
      category text NOT NULL,
      lead_department text NOT NULL,
      cc_departments text[] NOT NULL,
      jurisdiction text NOT NULL,
      territory text,
      rule_version text NOT NULL,
      rule_id text NOT NULL,
      source_event_id text NOT NULL,
      workflow_started_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE ledger.cases (
      case_id uuid PRIMARY KEY,
      kind text NOT NULL,
      stage text NOT NULL,
      department text,
      cc_departments text[] NOT NULL DEFAULT '{}',
      grade text,
      jurisdiction text,
      last_sequence int NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX cases_department_stage_idx ON ledger.cases (department, stage)`);
    await q.query(`CREATE TABLE ledger.case_history (
      case_id uuid NOT NULL,
      sequence int NOT NULL,
      event_id text NOT NULL,
      stage text NOT NULL,
      previous_stage text,
      department text,
      occurred_at timestamptz NOT NULL,
      detail jsonb NOT NULL,
      PRIMARY KEY (case_id, sequence)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA IF EXISTS ledger CASCADE`);
    await q.query(`DROP SCHEMA IF EXISTS routing CASCADE`);
    await q.query(`DROP SCHEMA IF EXISTS intake CASCADE`);
  }
}
