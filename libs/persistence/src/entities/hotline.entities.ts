import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The current state of a 12345 work order (intake schema); order_no is the idempotency key across every way in. */
@Entity({ schema: 'intake', name: 'hotline_work_orders' })
export class HotlineWorkOrderEntity {
  @PrimaryColumn('text', { name: 'order_no' }) orderNo!: string;
  @Column('int') revision!: number;
  @Column('uuid', { name: 'report_id' }) reportId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('timestamptz', { name: 'call_time' }) callTime!: Date;
  @Column('text', { name: 'appeal_type' }) appealType!: string;
  @Column('text') urgency!: string;
  @Column('text', { name: 'handling_unit', nullable: true }) handlingUnit!: string | null;
  @Column('text') title!: string;
  @Column('text') content!: string;
  @Column('jsonb') location!: Record<string, string>;
  @Column('text', { nullable: true }) category!: string | null;
  /** Caller name and phone, AES-256-GCM encrypted (FieldCipher). */
  @Column('text', { name: 'caller_encrypted', nullable: true }) callerEncrypted!: string | null;
  /** kafka | batch (the endpoint, which the import CLI also uses). */
  @Column('text', { name: 'first_source' }) firstSource!: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** Every revision of a work order as received, append-only (revision 1 included). */
@Entity({ schema: 'intake', name: 'hotline_work_order_revisions' })
export class HotlineWorkOrderRevisionEntity {
  @PrimaryColumn('text', { name: 'order_no' }) orderNo!: string;
  @PrimaryColumn('int') revision!: number;
  @Column('text') source!: string;
  /** The work order as received, caller removed (it is in caller_encrypted). */
  @Column('jsonb') snapshot!: Record<string, unknown>;
  @Column('text', { name: 'caller_encrypted', nullable: true }) callerEncrypted!: string | null;
  /** Fields that differ from the previous revision. */
  @Column('text', { name: 'changed_fields', array: true }) changedFields!: string[];
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
}
