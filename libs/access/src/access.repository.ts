import { randomUUID } from 'node:crypto';
import { generateApiKey } from './api-key';
import { NO_JURISDICTION, type AuditEntry, type AuditOutcome, type Scope, type SystemKind } from './access.types';
import type { NewRoleGrant, Role, RoleGrant } from './role-grant';

/** A pg Pool or Client: the access store speaks plain SQL so the CLI and test set-up use it without Nest. */
export interface AccessDb {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

export interface SystemRecord {
  id: string;
  name: string;
  kind: SystemKind;
  department: string | null;
  jurisdiction: string;
  scopes: Scope[];
  rateLimitPerMinute: number;
  createdAt: string;
  disabledAt: string | null;
}

export interface KeyRecord {
  id: string;
  systemId: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A key with its system, as authentication needs it. */
export interface KeyWithSystem {
  keyId: string;
  hash: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  system: SystemRecord;
}

export interface NewSystem {
  id: string;
  name: string;
  kind: SystemKind;
  department?: string | null;
  jurisdiction?: string;
  scopes: Scope[];
  rateLimitPerMinute?: number;
}

export interface AuditQuery {
  systemId?: string;
  target?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  /** Rows with id below this (newest first). */
  beforeId?: string;
  limit: number;
}

export interface AuditRow extends AuditEntry {
  id: string;
  at: string;
}

export interface RoleGrantQuery {
  personId?: string;
  role?: Role;
  jurisdiction?: string;
  /** Only grants valid on this day and not revoked. */
  activeOn?: string;
  /** false: leave revoked grants out (default: include them). */
  includeRevoked?: boolean;
}

export interface RoleGrantRevocation {
  revokedBy: string;
  reason: string;
  /** The calling system that revoked it; null: the access CLI. */
  revokedBySystem: string | null;
}

export type RevokeRoleGrantResult = { grant: RoleGrant } | { missing: true } | { alreadyRevoked: RoleGrant };

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Dates as text: node-postgres would turn a `date` into a Date at local midnight. */
const GRANT_COLUMNS = `id, person_id, person_name, role, jurisdiction, department, office, valid_from::text AS valid_from,
  valid_to::text AS valid_to, basis, granted_by, granted_by_system, granted_at, revoked_at, revoked_by, revoked_by_system, revoke_reason`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toGrant(r: any): RoleGrant {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    role: r.role,
    jurisdiction: r.jurisdiction,
    department: r.department,
    office: r.office,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    basis: r.basis,
    grantedBy: r.granted_by,
    grantedBySystem: r.granted_by_system,
    grantedAt: iso(r.granted_at) as string,
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by,
    revokedBySystem: r.revoked_by_system,
    revokeReason: r.revoke_reason,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toSystem(r: any): SystemRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    department: r.department,
    jurisdiction: r.jurisdiction,
    scopes: r.scopes,
    rateLimitPerMinute: r.rate_limit_per_minute,
    createdAt: iso(r.created_at) as string,
    disabledAt: iso(r.disabled_at),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toKey(r: any): KeyRecord {
  return { id: r.id, systemId: r.system_id, prefix: r.prefix, createdAt: iso(r.created_at) as string, expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at), lastUsedAt: iso(r.last_used_at) };
}

/** The only code that reads and writes schema `access`. */
export class AccessRepository {
  constructor(private readonly db: AccessDb) {}

  /** Creates the system, or updates its settings when it exists (re-runnable set-up). */
  async upsertSystem(s: NewSystem): Promise<SystemRecord> {
    const { rows } = await this.db.query(
      `INSERT INTO access.systems (id, name, kind, department, jurisdiction, scopes, rate_limit_per_minute)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, department = EXCLUDED.department,
         jurisdiction = EXCLUDED.jurisdiction, scopes = EXCLUDED.scopes, rate_limit_per_minute = EXCLUDED.rate_limit_per_minute,
         disabled_at = NULL
       RETURNING *`,
      [s.id, s.name, s.kind, s.department ?? null, s.jurisdiction ?? NO_JURISDICTION, s.scopes, s.rateLimitPerMinute ?? 600],
    );
    return toSystem(rows[0]);
  }

  /** Creates a system; null when the id is taken. */
  async createSystem(s: NewSystem): Promise<SystemRecord | null> {
    const { rows } = await this.db.query(
      `INSERT INTO access.systems (id, name, kind, department, jurisdiction, scopes, rate_limit_per_minute)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [s.id, s.name, s.kind, s.department ?? null, s.jurisdiction ?? NO_JURISDICTION, s.scopes, s.rateLimitPerMinute ?? 600],
    );
    return rows[0] ? toSystem(rows[0]) : null;
  }

  /** Disables a system (every key of it is refused as 'disabled') or enables it again; null when unknown. */
  async setSystemDisabled(id: string, disabled: boolean): Promise<SystemRecord | null> {
    const { rows } = await this.db.query(
      disabled
        ? `UPDATE access.systems SET disabled_at = COALESCE(disabled_at, now()) WHERE id = $1 RETURNING *`
        : `UPDATE access.systems SET disabled_at = NULL WHERE id = $1 RETURNING *`,
      [id],
    );
    return rows[0] ? toSystem(rows[0]) : null;
  }

  async findSystem(id: string): Promise<SystemRecord | null> {
    const { rows } = await this.db.query(`SELECT * FROM access.systems WHERE id = $1`, [id]);
    return rows[0] ? toSystem(rows[0]) : null;
  }

  async listSystems(): Promise<SystemRecord[]> {
    const { rows } = await this.db.query(`SELECT * FROM access.systems ORDER BY id`);
    return rows.map(toSystem);
  }

  /** Issues a key for the system; the key itself is returned once and never stored. */
  async issueKey(systemId: string, expiresAt: Date | null = null): Promise<{ key: string; record: KeyRecord }> {
    const k = generateApiKey();
    const { rows } = await this.db.query(
      `INSERT INTO access.api_keys (id, system_id, prefix, hash, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [randomUUID(), systemId, k.prefix, k.hash, expiresAt],
    );
    return { key: k.key, record: toKey(rows[0]) };
  }

  /** Revokes a key now (or lets it expire at `at`); returns the key, null when unknown. Revoking twice keeps the first time. */
  async revokeKey(by: { id?: string; prefix?: string }, at: Date | null = null): Promise<KeyRecord | null> {
    const col = by.id ? 'id' : 'prefix';
    const value = by.id ?? by.prefix;
    const { rows } = await this.db.query(
      at
        ? `UPDATE access.api_keys SET expires_at = LEAST(COALESCE(expires_at, $2), $2) WHERE ${col} = $1 RETURNING *`
        : `UPDATE access.api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE ${col} = $1 RETURNING *`,
      at ? [value, at] : [value],
    );
    return rows[0] ? toKey(rows[0]) : null;
  }

  async listKeys(systemId?: string): Promise<KeyRecord[]> {
    const { rows } = await this.db.query(
      `SELECT id, system_id, prefix, created_at, expires_at, revoked_at, last_used_at FROM access.api_keys
       ${systemId ? 'WHERE system_id = $1' : ''} ORDER BY system_id, created_at`,
      systemId ? [systemId] : [],
    );
    return rows.map(toKey);
  }

  async findKey(by: { id?: string; prefix?: string }): Promise<KeyRecord | null> {
    const { rows } = await this.db.query(`SELECT * FROM access.api_keys WHERE ${by.id ? 'id' : 'prefix'} = $1`, [by.id ?? by.prefix]);
    return rows[0] ? toKey(rows[0]) : null;
  }

  async keyWithSystem(prefix: string): Promise<KeyWithSystem | null> {
    const { rows } = await this.db.query(
      `SELECT k.id AS key_id, k.hash, k.expires_at, k.revoked_at, k.last_used_at, s.*
       FROM access.api_keys k JOIN access.systems s ON s.id = k.system_id WHERE k.prefix = $1`,
      [prefix],
    );
    const r = rows[0];
    if (!r) return null;
    return { keyId: r.key_id, hash: r.hash, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at, system: toSystem(r) };
  }

  /** Marks the key used, at most once a minute. */
  async touchKey(keyId: string): Promise<void> {
    await this.db.query(
      `UPDATE access.api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [keyId],
    );
  }

  /** Records a role grant (access.role_grants is append-only apart from revocation). */
  async createRoleGrant(g: NewRoleGrant): Promise<RoleGrant> {
    const { rows } = await this.db.query(
      `INSERT INTO access.role_grants (id, person_id, person_name, role, jurisdiction, department, office, valid_from, valid_to, basis, granted_by, granted_by_system)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${GRANT_COLUMNS}`,
      [randomUUID(), g.personId, g.personName, g.role, g.jurisdiction, g.department ?? null, g.office, g.validFrom, g.validTo ?? null, g.basis ?? null, g.grantedBy, g.grantedBySystem],
    );
    return toGrant(rows[0]);
  }

  /** Revokes a grant from now on; a grant revoked already keeps its first revocation. */
  async revokeRoleGrant(id: string, r: RoleGrantRevocation): Promise<RevokeRoleGrantResult> {
    const { rows } = await this.db.query(
      `UPDATE access.role_grants SET revoked_at = now(), revoked_by = $2, revoked_by_system = $3, revoke_reason = $4
       WHERE id = $1 AND revoked_at IS NULL RETURNING ${GRANT_COLUMNS}`,
      [id, r.revokedBy, r.revokedBySystem, r.reason],
    );
    if (rows[0]) return { grant: toGrant(rows[0]) };
    const existing = await this.findRoleGrant(id);
    return existing ? { alreadyRevoked: existing } : { missing: true };
  }

  async findRoleGrant(id: string): Promise<RoleGrant | null> {
    const { rows } = await this.db.query(`SELECT ${GRANT_COLUMNS} FROM access.role_grants WHERE id = $1`, [id]);
    return rows[0] ? toGrant(rows[0]) : null;
  }

  /** Grants by person, role, jurisdiction; `activeOn` keeps those valid that day and not revoked. Oldest first. */
  async listRoleGrants(q: RoleGrantQuery = {}): Promise<RoleGrant[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (q.personId) add('person_id = ?', q.personId);
    if (q.role) add('role = ?', q.role);
    if (q.jurisdiction) add('jurisdiction = ?', q.jurisdiction);
    if (q.activeOn) add('valid_from <= ?::date AND (valid_to IS NULL OR valid_to >= ?::date) AND revoked_at IS NULL', q.activeOn);
    if (q.includeRevoked === false) where.push('revoked_at IS NULL');
    const { rows } = await this.db.query(
      `SELECT ${GRANT_COLUMNS} FROM access.role_grants ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY granted_at, id`,
      params,
    );
    return rows.map(toGrant);
  }

  async appendAudit(e: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO access.audit_log (service, transport, system_id, key_id, method, action, target, status, outcome, request_id, remote_address, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [e.service, e.transport, e.systemId, e.keyId, e.method, e.action, e.target, e.status, e.outcome, e.requestId, e.remoteAddress, JSON.stringify(e.detail)],
    );
  }

  /** Audit rows, newest first, keyset-paged by id. */
  async queryAudit(q: AuditQuery): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.systemId) add('system_id = ?', q.systemId);
    if (q.target) add('target = ?', q.target);
    if (q.action) add('action = ?', q.action);
    if (q.outcome) add('outcome = ?', q.outcome);
    if (q.from) add('at >= ?', q.from);
    if (q.to) add('at < ?', q.to);
    if (q.beforeId) add('id < ?', q.beforeId);
    params.push(q.limit);
    const { rows } = await this.db.query(
      `SELECT * FROM access.audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      at: iso(r.at) as string,
      service: r.service,
      transport: r.transport,
      systemId: r.system_id,
      keyId: r.key_id,
      method: r.method,
      action: r.action,
      target: r.target,
      status: r.status,
      outcome: r.outcome,
      requestId: r.request_id,
      remoteAddress: r.remote_address,
      detail: r.detail,
    }));
  }
}
