import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One disclosure application (依申请公开) as received (intake schema; its events leave through intake.outbox).
 * Personal data (name, identity document, contact) is one AES-256-GCM encrypted JSON (FieldCipher).
 */
@Entity({ schema: 'intake', name: 'disclosure_applications' })
export class DisclosureApplicationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id', unique: true }) caseId!: string;
  /** The caller's id (clientRef or Idempotency-Key): a retry never creates a second application. */
  @Column('text', { name: 'client_ref', nullable: true, unique: true }) clientRef!: string | null;
  @Column('text') channel!: string;
  /** The receipt date after the channel rules (Asia/Shanghai calendar day). */
  @Column('date', { name: 'received_on' }) receivedOn!: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('jsonb') receipt!: Record<string, unknown>;
  @Column('text', { name: 'applicant_type' }) applicantType!: string;
  @Column('text', { name: 'organisation_type', nullable: true }) organisationType!: string | null;
  @Column('text', { name: 'applicant_encrypted' }) applicantEncrypted!: string;
  @Column('text', { name: 'information_description' }) informationDescription!: string;
  @Column('text') purpose!: string;
  @Column('text', { name: 'delivery_form' }) deliveryForm!: string;
  @Column('text', { name: 'filed_as' }) filedAs!: string;
  @Column('jsonb', { name: 'answered_on_the_spot', nullable: true }) answeredOnTheSpot!: Record<string, unknown> | null;
  @Column('uuid', { name: 'converted_case_id', nullable: true }) convertedCaseId!: string | null;
  @Column('timestamptz', { name: 'converted_at', nullable: true }) convertedAt!: Date | null;
  @Column('text', { name: 'converted_by', nullable: true }) convertedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
