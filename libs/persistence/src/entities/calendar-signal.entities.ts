import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A calendar notice to pass to every open case; swept in the background (see the migration). */
@Entity({ schema: 'routing', name: 'calendar_sweeps' })
export class CalendarSweepEntity {
  @PrimaryColumn('text', { name: 'event_id' }) eventId!: string;
  @Column('int') year!: number;
  @Column('int') revision!: number;
  @Column('text') source!: string;
  @Column('timestamptz', { name: 'loaded_at' }) loadedAt!: Date;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('timestamptz', { name: 'leased_until', nullable: true }) leasedUntil!: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column('int') signalled!: number;
}

/** A calendar notice (calendar.updated.v1 envelope id) already signalled to an open case: each once. */
@Entity({ schema: 'routing', name: 'calendar_signals' })
export class CalendarSignalEntity {
  @PrimaryColumn('text', { name: 'event_id' }) eventId!: string;
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'case_kind' }) caseKind!: 'opinion' | 'disclosure';
  @Column('timestamptz', { name: 'signalled_at' }) signalledAt!: Date;
}
