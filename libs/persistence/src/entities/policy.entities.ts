import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The official working-day data of one year as loaded by an administrator (policy schema, owned by routing).
 * One row per year: the current load. `data` is the `YearCalendar` record of @huiying/calendar, as is.
 * Built-in years (npm `chinese-days`) are not stored; a row here overrides or adds to them.
 */
@Entity({ schema: 'policy', name: 'calendar_years' })
export class CalendarYearEntity {
  @PrimaryColumn('int') year!: number;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column('text') source!: string;
  @Column('text') reference!: string;
  /** 1, 2, … per year, never reused (taken from the load history). */
  @Column('int') revision!: number;
  @Column('timestamptz', { name: 'loaded_at' }) loadedAt!: Date;
  @Column('text', { name: 'loaded_by' }) loadedBy!: string;
}

/** Every load of a year, append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ schema: 'policy', name: 'calendar_year_loads' })
export class CalendarYearLoadEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('int') year!: number;
  @Column('int') revision!: number;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column('text') source!: string;
  @Column('text') reference!: string;
  @Column('timestamptz', { name: 'loaded_at' }) loadedAt!: Date;
  @Column('text', { name: 'loaded_by' }) loadedBy!: string;
}

/**
 * A published policy version (immutable: a trigger refuses UPDATE and DELETE; a new version is a new row).
 * `data` is the whole policy object of @huiying/policy (header fields included).
 */
@Entity({ schema: 'policy', name: 'policy_versions' })
export class PolicyVersionEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  /** 'opinion_deadlines' | 'disclosure' | 'routing' (a CHECK constraint keeps it so). */
  @Column('text') kind!: string;
  @Column('text') jurisdiction!: string;
  @Column('text') version!: string;
  @Column('timestamptz', { name: 'effective_from' }) effectiveFrom!: Date;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column('timestamptz', { name: 'published_at' }) publishedAt!: Date;
  @Column('text', { name: 'published_by' }) publishedBy!: string;
}

/** Transactional outbox of the policy schema (calendar.updated.v1), relayed to Kafka by OutboxRelay. */
@Entity({ schema: 'policy', name: 'outbox' })
export class PolicyOutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('text', { name: 'event_id', unique: true }) eventId!: string;
  @Column('text') topic!: string;
  @Column('text', { name: 'message_key' }) messageKey!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
  @Column('int', { default: 0 }) attempts!: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  /** W3C trace context of the request that wrote the row (README → Traces); the relay sends it as Kafka headers. */
  @Column('text', { nullable: true }) traceparent!: string | null;
  @Column('text', { nullable: true }) tracestate!: string | null;
}
