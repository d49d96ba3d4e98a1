import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `policy` (owned by routing): administrator-loaded calendar years with their load history, immutable
 * policy versions, and the schema's outbox. Built-in policy versions are seeded idempotently by routing at startup
 * (so a new built-in version in @huiying/policy needs no migration).
 *
 * Append-only/immutable tables refuse UPDATE and DELETE through a trigger. The one escape hatch is an explicit
 * purge in a transaction that sets `SET LOCAL huiying.allow_purge = 'on'` (used by tests cleaning up their own rows).
 */
export class PolicyCalendar1763800000000 implements MigrationInterface {
  name = 'PolicyCalendar1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS policy`);

    await q.query(`CREATE TABLE policy.calendar_years (
      year int PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
      data jsonb NOT NULL,
      source text NOT NULL,
      reference text NOT NULL,
      revision int NOT NULL CHECK (revision >= 1),
      loaded_at timestamptz NOT NULL DEFAULT now(),
      loaded_by text NOT NULL
    )`);

    await q.query(`CREATE TABLE policy.calendar_year_loads (
      id bigserial PRIMARY KEY,
      year int NOT NULL,
      revision int NOT NULL CHECK (revision >= 1),
      data jsonb NOT NULL,
      source text NOT NULL,
      reference text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      loaded_by text NOT NULL,
      UNIQUE (year, revision)
    )`);

    await q.query(`CREATE TABLE policy.policy_versions (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('opinion_deadlines', 'disclosure', 'routing')),
      jurisdiction text NOT NULL,
      version text NOT NULL,
      effective_from timestamptz NOT NULL,
      data jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      published_by text NOT NULL,
      CONSTRAINT policy_versions_version_key UNIQUE (kind, jurisdiction, version),
      CONSTRAINT policy_versions_effective_from_key UNIQUE (kind, jurisdiction, effective_from)
    )`);

    await q.query(`CREATE TABLE policy.outbox (
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
    await q.query(`CREATE INDEX policy_outbox_unsent_idx ON policy.outbox (id) WHERE sent_at IS NULL`);

    await q.query(`CREATE FUNCTION policy.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('huiying.allow_purge', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '%.% is append-only: % refused (publish a new version instead)', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'restrict_violation';
      END
    $$`);
    for (const table of ['calendar_year_loads', 'policy_versions']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON policy.${table}
        FOR EACH ROW EXECUTE FUNCTION policy.refuse_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA IF EXISTS policy CASCADE`);
  }
}
