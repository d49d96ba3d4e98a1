import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `access` (libs/access): the calling systems with their scopes, reach and rate limit; their API keys (only the
 * SHA-256 of each key is stored, never the key); and the audit log of every state-changing call, append-only — a
 * trigger refuses UPDATE, DELETE and TRUNCATE whatever the session (there is no purge switch).
 */
export class AccessControl1764450000000 implements MigrationInterface {
  name = 'AccessControl1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS access`);
    await q.query(`CREATE TABLE access.systems (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('system', 'department', 'supervisor')),
      department text,
      jurisdiction text NOT NULL DEFAULT '*',
      scopes text[] NOT NULL CHECK (scopes <@ ARRAY['submit', 'read', 'act', 'admin']::text[]),
      rate_limit_per_minute int NOT NULL DEFAULT 600 CHECK (rate_limit_per_minute > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz,
      CONSTRAINT systems_department_kind CHECK (kind <> 'department' OR department IS NOT NULL)
    )`);
    await q.query(`CREATE TABLE access.api_keys (
      id uuid PRIMARY KEY,
      system_id text NOT NULL REFERENCES access.systems (id),
      prefix text NOT NULL UNIQUE,
      hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`);
    await q.query(`CREATE INDEX api_keys_system_idx ON access.api_keys (system_id)`);
    await q.query(`CREATE TABLE access.audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      service text NOT NULL,
      transport text NOT NULL CHECK (transport IN ('rest', 'grpc')),
      system_id text,
      key_id uuid,
      method text NOT NULL,
      action text NOT NULL,
      target text,
      status text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('ok', 'rejected', 'denied', 'error')),
      request_id text,
      remote_address text,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON access.audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_system_idx ON access.audit_log (system_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_target_idx ON access.audit_log (target, at DESC) WHERE target IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_request_idx ON access.audit_log (request_id) WHERE request_id IS NOT NULL`);
    await q.query(`CREATE FUNCTION access.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON access.audit_log
      FOR EACH ROW EXECUTE FUNCTION access.audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON access.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION access.audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA access CASCADE`);
  }
}
