import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A calling system (another government system, a department's client, a supervising office) and what it may do. */
@Entity({ schema: 'access', name: 'systems' })
export class AccessSystemEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  /** system | department | supervisor */
  @Column('text') kind!: string;
  /** For kind department: the department code used in cases' `department`. */
  @Column('text', { nullable: true }) department!: string | null;
  /** The case jurisdiction a supervisor or system reaches ('*' = every one). */
  @Column('text') jurisdiction!: string;
  /** submit | read | act | admin (admin implies the others). */
  @Column('text', { array: true }) scopes!: string[];
  @Column('int', { name: 'rate_limit_per_minute' }) rateLimitPerMinute!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'disabled_at', nullable: true }) disabledAt!: Date | null;
}

/** An API key `hy_<prefix>_<secret>`: only the prefix (shown to humans) and the SHA-256 of the whole key are stored. */
@Entity({ schema: 'access', name: 'api_keys' })
export class AccessApiKeyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'system_id' }) systemId!: string;
  @Column('text') prefix!: string;
  @Column('text') hash!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
}

/** One state-changing call (accepted or refused), append-only. */
@Entity({ schema: 'access', name: 'audit_log' })
export class AccessAuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') service!: string;
  /** rest | grpc | cli (the access CLI) */
  @Column('text') transport!: string;
  @Column('text', { name: 'system_id', nullable: true }) systemId!: string | null;
  @Column('uuid', { name: 'key_id', nullable: true }) keyId!: string | null;
  @Column('text') method!: string;
  @Column('text') action!: string;
  @Column('text', { nullable: true }) target!: string | null;
  @Column('text') status!: string;
  /** ok | rejected | denied | error */
  @Column('text') outcome!: string;
  @Column('text', { name: 'request_id', nullable: true }) requestId!: string | null;
  @Column('text', { name: 'remote_address', nullable: true }) remoteAddress!: string | null;
  @Column('jsonb') detail!: Record<string, unknown>;
}

/**
 * A role granted to a person (head_of_disclosure_office …) for a jurisdiction, optionally one department, for a window of
 * days; append-only apart from revocation (a trigger refuses every other change).
 */
@Entity({ schema: 'access', name: 'role_grants' })
export class AccessRoleGrantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'person_id' }) personId!: string;
  @Column('text', { name: 'person_name' }) personName!: string;
  /** head_of_disclosure_office */
  @Column('text') role!: string;
  @Column('text') jurisdiction!: string;
  /** Only cases led by this department (null: every case of the jurisdiction). */
  @Column('text', { nullable: true }) department!: string | null;
  /** The office the person heads, as notices print it. */
  @Column('text') office!: string;
  @Column('date', { name: 'valid_from' }) validFrom!: string;
  @Column('date', { name: 'valid_to', nullable: true }) validTo!: string | null;
  @Column('text', { nullable: true }) basis!: string | null;
  @Column('text', { name: 'granted_by' }) grantedBy!: string;
  @Column('text', { name: 'granted_by_system', nullable: true }) grantedBySystem!: string | null;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('text', { name: 'revoked_by', nullable: true }) revokedBy!: string | null;
  @Column('text', { name: 'revoked_by_system', nullable: true }) revokedBySystem!: string | null;
  @Column('text', { name: 'revoke_reason', nullable: true }) revokeReason!: string | null;
}
