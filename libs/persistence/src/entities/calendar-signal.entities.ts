import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A calendar notice (calendar.updated.v1 envelope id) already signalled to an open case: each once. */
@Entity({ schema: 'routing', name: 'calendar_signals' })
export class CalendarSignalEntity {
  @PrimaryColumn('text', { name: 'event_id' }) eventId!: string;
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'case_kind' }) caseKind!: 'opinion' | 'disclosure';
  @Column('timestamptz', { name: 'signalled_at' }) signalledAt!: Date;
}
