import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * access.role_grants (libs/access, README → Access control → Role grants): a named person (stable person id + name)
 * holds a role (today only head_of_disclosure_office) for one jurisdiction, optionally one department, from valid_from
 * to valid_to (inclusive dates, Asia/Shanghai), granted by someone (and recorded by a calling system, or the CLI).
 * Append-only apart from revocation: a trigger refuses DELETE and TRUNCATE, and any UPDATE except the one that revokes a
 * grant not yet revoked (revoked_at, revoked_by, revoked_by_system, revoke_reason; everything else unchanged).
 *
 * access.audit_log.transport also allows 'cli': the access CLI audits the grants and revocations it writes.
 */
export class AccessRoleGrants1764483000000 implements MigrationInterface {
  name = 'AccessRoleGrants1764483000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE access.role_grants (
      id uuid PRIMARY KEY,
      person_id text NOT NULL CHECK (person_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
      person_name text NOT NULL CHECK (length(btrim(person_name)) BETWEEN 1 AND 100),
      role text NOT NULL CHECK (role IN ('head_of_disclosure_office')),
      jurisdiction text NOT NULL CHECK (jurisdiction ~ '^[a-z0-9][a-z0-9_.-]{0,99}$'),
      department text CHECK (department ~ '^[a-z0-9_.-]{1,100}$'),
      office text NOT NULL CHECK (length(btrim(office)) BETWEEN 1 AND 200),
      valid_from date NOT NULL,
      valid_to date,
      basis text,
      granted_by text NOT NULL CHECK (length(btrim(granted_by)) > 0),
      granted_by_system text,
      granted_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_by text,
      revoked_by_system text,
      revoke_reason text,
      CONSTRAINT role_grants_window CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CONSTRAINT role_grants_revocation CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
    )`);
    await q.query(`CREATE INDEX role_grants_person_idx ON access.role_grants (person_id, role)`);
    await q.query(`CREATE INDEX role_grants_jurisdiction_idx ON access.role_grants (jurisdiction, role)`);
    await q.query(`CREATE FUNCTION access.role_grants_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF OLD.revoked_at IS NOT NULL THEN
            RAISE EXCEPTION 'access.role_grants: grant % is already revoked', OLD.id USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF NEW.revoked_at IS NULL
             OR (NEW.id, NEW.person_id, NEW.person_name, NEW.role, NEW.jurisdiction, NEW.department, NEW.office, NEW.valid_from,
                 NEW.valid_to, NEW.basis, NEW.granted_by, NEW.granted_by_system, NEW.granted_at)
                IS DISTINCT FROM
                (OLD.id, OLD.person_id, OLD.person_name, OLD.role, OLD.jurisdiction, OLD.department, OLD.office, OLD.valid_from,
                 OLD.valid_to, OLD.basis, OLD.granted_by, OLD.granted_by_system, OLD.granted_at) THEN
            RAISE EXCEPTION 'access.role_grants is append-only: only revoking a grant is allowed' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'access.role_grants is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER role_grants_revoke_only BEFORE UPDATE OR DELETE ON access.role_grants
      FOR EACH ROW EXECUTE FUNCTION access.role_grants_guard()`);
    await q.query(`CREATE TRIGGER role_grants_no_truncate BEFORE TRUNCATE ON access.role_grants
      FOR EACH STATEMENT EXECUTE FUNCTION access.role_grants_guard()`);

    await q.query(`ALTER TABLE access.audit_log DROP CONSTRAINT audit_log_transport_check`);
    await q.query(`ALTER TABLE access.audit_log ADD CONSTRAINT audit_log_transport_check CHECK (transport IN ('rest', 'grpc', 'cli'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // rows written by the CLI keep their transport: the old constraint is restored without checking them
    await q.query(`ALTER TABLE access.audit_log DROP CONSTRAINT audit_log_transport_check`);
    await q.query(`ALTER TABLE access.audit_log ADD CONSTRAINT audit_log_transport_check CHECK (transport IN ('rest', 'grpc')) NOT VALID`);
    await q.query(`DROP TABLE access.role_grants`);
    await q.query(`DROP FUNCTION access.role_grants_guard()`);
  }
}
