import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One report as received from a channel (intake schema). Each report keeps its own record. */
@Entity({ schema: 'intake', name: 'reports' })
export class ReportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') channel!: string;
  @Column('text') title!: string;
  @Column('text') content!: string;
  @Column('text') category!: string;
  @Column('jsonb') location!: Record<string, string>;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  /** When the channel or monitoring found the matter, if it said so (else the receipt time stands in). */
  @Column('timestamptz', { name: 'discovered_at', nullable: true }) discoveredAt?: Date | null;
  /** The policy jurisdiction the report asked for (null: the deployment's default). */
  @Column('text', { nullable: true }) jurisdiction?: string | null;
  /** The source system's id; unique, so a re-sent report never opens a second case. */
  @Column('text', { name: 'source_ref', nullable: true, unique: true }) sourceRef!: string | null;
  /** Reporter contact, AES-256-GCM encrypted (FieldCipher). */
  @Column('text', { name: 'reporter_encrypted', nullable: true }) reporterEncrypted!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  /** Normalised "district/township" the report is grouped by (null: no place, never grouped on its text). */
  @Column('text', { name: 'place_key', nullable: true }) placeKey?: string | null;
  /** MinHash signature of title + content (128 × uint32 big-endian; null: too little text to group on). */
  @Column('bytea', { name: 'text_minhash', nullable: true }) textMinhash?: Buffer | null;
  /** Why it joined an existing case ('near_duplicate'); null for the report that opened its case. */
  @Column('text', { name: 'grouping_reason', nullable: true }) groupingReason?: string | null;
  /** The report of the case it was found similar to. */
  @Column('uuid', { name: 'grouped_with_report_id', nullable: true }) groupedWithReportId?: string | null;
  /** Estimated text similarity (0–1) to that report. */
  @Column('real', { name: 'grouping_similarity', nullable: true }) groupingSimilarity?: number | null;
}

/** Cases intake knows are closed (from cases.events.v1): a near-duplicate of a closed case opens a new case. */
@Entity({ schema: 'intake', name: 'closed_cases' })
export class IntakeClosedCaseEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') stage!: string;
  @Column('timestamptz', { name: 'closed_at' }) closedAt!: Date;
  @Column('text', { name: 'source_event_id' }) sourceEventId!: string;
}

/** Transactional outbox: written in the same transaction as the record, relayed to Kafka. */
@Entity({ schema: 'intake', name: 'outbox' })
export class OutboxEntity {
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
