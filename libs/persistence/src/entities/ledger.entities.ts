import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of a case (台账), folded from cases.events. */
@Entity({ schema: 'ledger', name: 'cases' })
export class LedgerCaseEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') kind!: string;
  @Column('text') stage!: string;
  @Column('text', { nullable: true }) department!: string | null;
  @Column('text', { name: 'cc_departments', array: true, default: () => "'{}'" }) ccDepartments!: string[];
  /** Co-handling departments (协办), folded from case events; with `department` they decide a department's reach. */
  @Column('text', { name: 'co_departments', array: true, default: () => "'{}'" }) coDepartments!: string[];
  @Column('text', { nullable: true }) grade!: string | null;
  @Column('text', { nullable: true }) jurisdiction!: string | null;
  /** Highest event sequence folded in: older or repeated events never move the case back. */
  @Column('int', { name: 'last_sequence' }) lastSequence!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** Every stage change of a case, once each (primary key case id + sequence). */
@Entity({ schema: 'ledger', name: 'case_history' })
export class LedgerCaseHistoryEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @PrimaryColumn('int') sequence!: number;
  @Column('text', { name: 'event_id' }) eventId!: string;
  @Column('text') stage!: string;
  @Column('text', { name: 'previous_stage', nullable: true }) previousStage!: string | null;
  @Column('text', { nullable: true }) department!: string | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('jsonb') detail!: Record<string, unknown>;
}
