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
  /**
   * 'received', or 'awaiting_receipt_confirmation' (ordinary letter, online, fax not yet confirmed with the applicant,
   * 条例第三十一条): its received event and case wait for the confirmation.
   */
  @Column('text', { name: 'receipt_status' }) receiptStatus!: 'awaiting_receipt_confirmation' | 'received';
  /** The receipt date after the channel rules (Asia/Shanghai calendar day); null while awaiting confirmation. */
  @Column('date', { name: 'received_on', nullable: true }) receivedOn!: string | null;
  /** The instant intake stored the application. */
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  /** The channel's evidence as sent (dates, reference). */
  @Column('jsonb') receipt!: Record<string, unknown>;
  /** Receipt confirmed with the applicant: the day (= the receipt date), how, by whom, a note, when recorded. */
  @Column('date', { name: 'receipt_confirmed_on', nullable: true }) receiptConfirmedOn!: string | null;
  @Column('text', { name: 'receipt_confirmed_via', nullable: true }) receiptConfirmedVia!: string | null;
  @Column('text', { name: 'receipt_confirmed_by', nullable: true }) receiptConfirmedBy!: string | null;
  @Column('text', { name: 'receipt_confirmation_note', nullable: true }) receiptConfirmationNote!: string | null;
  @Column('timestamptz', { name: 'receipt_confirmation_recorded_at', nullable: true }) receiptConfirmationRecordedAt!: Date | null;
  @Column('text', { name: 'applicant_type' }) applicantType!: string;
  @Column('text', { name: 'organisation_type', nullable: true }) organisationType!: string | null;
  @Column('text', { name: 'applicant_encrypted' }) applicantEncrypted!: string;
  /**
   * HMAC-SHA256 of the normalised identity document under a key derived from HUIYING_DATA_KEY: counts an applicant's
   * applications without the number in clear. Not personal data only because it is keyed; never logged, never in events.
   * Null only for rows stored before it existed, until intake keys them at start.
   */
  @Column('text', { name: 'applicant_key', nullable: true }) applicantKey!: string | null;
  /** 'YYYY-MM' of the receipt date and the application's ordinal among the applicant's disclosure applications received in it (国办函〔2020〕109号 第四条). */
  @Column('text', { name: 'applicant_month', nullable: true }) applicantMonth!: string | null;
  @Column('int', { name: 'applicant_month_ordinal', nullable: true }) applicantMonthOrdinal!: number | null;
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
