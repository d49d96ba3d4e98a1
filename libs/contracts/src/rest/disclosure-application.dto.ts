import { RequiredNested } from '../nested';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CATEGORIES } from '@huiying/policy';
import { DateField, OptionalDateField, QueryInt } from './validation';
import { LocationDto } from './submit-report.dto';
import {
  ANNUAL_REPORT_RESULT_CODES,
  APPLICANT_TYPES,
  DELIVERY_FORMS,
  DISCLOSURE_CHANNELS,
  FILED_AS,
  ORGANISATION_TYPES,
  REPLY_TYPES,
  type AnnualReportResultCode,
  type ApplicantType,
  type DeliveryForm,
  type DisclosureChannel,
  type FiledAs,
  type OrganisationType,
  type ReplyType,
} from '../workflow/disclosure';

export const ID_DOCUMENT_TYPES = ['resident_id_card', 'passport', 'hk_macao_permit', 'taiwan_permit', 'unified_social_credit_code', 'other'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export class IdentityDocumentDto {
  @ApiProperty({ enum: ID_DOCUMENT_TYPES, example: 'resident_id_card' })
  @IsIn(ID_DOCUMENT_TYPES, { message: `type must be one of: ${ID_DOCUMENT_TYPES.join(', ')}` })
  type!: IdDocumentType;

  @ApiProperty({ example: '110101199003071234', description: 'Personal data: encrypted at rest, masked in logs.' })
  @IsString() @Matches(/^[0-9A-Za-z-]{4,40}$/, { message: 'number must be 4–40 letters, digits or dashes' })
  number!: string;
}

export class ApplicantContactDto {
  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional() @Matches(/^\+?[0-9][0-9-]{5,19}$/, { message: 'phone must be digits, optionally with +country code and dashes' })
  phone?: string;

  @ApiPropertyOptional({ example: 'applicant@example.cn' })
  @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '城关区东风路 12 号', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  address?: string;
}

export class DisclosureApplicantDto {
  @ApiProperty({ enum: APPLICANT_TYPES, description: 'natural_person (自然人) or legal_person (法人或其他组织)' })
  @IsIn(APPLICANT_TYPES, { message: `type must be one of: ${APPLICANT_TYPES.join(', ')}` })
  type!: ApplicantType;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES, description: 'Required for legal persons: the annual report column.' })
  @IsOptional() @IsIn(ORGANISATION_TYPES, { message: `organisationType must be one of: ${ORGANISATION_TYPES.join(', ')}` })
  organisationType?: OrganisationType;

  @ApiProperty({ example: '张三', description: 'Name of the person or organisation. Personal data.' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name!: string;

  @ApiProperty({ type: IdentityDocumentDto })
  @RequiredNested(() => IdentityDocumentDto)
  idDocument!: IdentityDocumentDto;

  @ApiProperty({ type: ApplicantContactDto })
  @RequiredNested(() => ApplicantContactDto)
  contact!: ApplicantContactDto;
}

/** How the disclosure office confirmed receipt with the applicant (条例第三十一条: 平常信函, 互联网渠道, 传真). */
export const RECEIPT_CONFIRMATION_VIA = ['phone', 'sms', 'email', 'online_system', 'fax', 'in_person'] as const;
export type ReceiptConfirmationVia = (typeof RECEIPT_CONFIRMATION_VIA)[number];

/**
 * Where an application stands on receipt (条例第三十一条): `received` — the receipt date is known (handed in, signed for,
 * or confirmed with the applicant); `awaiting_receipt_confirmation` — an ordinary letter, online or fax application
 * stored but not yet confirmed with the applicant: its case does not start until it is.
 */
export const RECEIPT_STATUSES = ['awaiting_receipt_confirmation', 'received'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/**
 * The channel's evidence of receipt; which date is the receipt date depends on the channel (条例第三十一条):
 * in person — handedInOn; post needing a signature — signedForOn; ordinary letter (平常信函), online and fax — the day
 * the disclosure office confirmed receipt with the applicant (confirmedOn). Without confirmedOn such an application is
 * stored as awaiting receipt confirmation and confirmed later (POST …/:applicationId/receipt-confirmation).
 */
export class DisclosureReceiptDto {
  /** in_person: the day the application was handed in. */
  @OptionalDateField('in_person: the day it was handed in (the receipt date)', '2026-11-20') handedInOn?: string;
  /** post_signed: the day the agency signed for the letter. */
  @OptionalDateField('post_signed: the day the agency signed for it (the receipt date)', '2026-11-20') signedForOn?: string;
  /** ordinary_letter / fax: the day it reached the disclosure office — not the receipt date, which is the confirmation date. */
  @OptionalDateField('ordinary_letter, fax: the day it reached the disclosure office (not the receipt date: that is confirmedOn)', '2026-11-20') receivedOn?: string;
  /** ordinary_letter, online, fax: the day the disclosure office and the applicant confirmed receipt (双方确认之日). */
  @OptionalDateField('ordinary_letter, online, fax: the day receipt was confirmed with the applicant (the receipt date); absent = awaiting confirmation', '2026-11-20')
  confirmedOn?: string;

  @ApiPropertyOptional({ enum: RECEIPT_CONFIRMATION_VIA, description: 'With confirmedOn: how receipt was confirmed.' })
  @IsOptional() @IsIn(RECEIPT_CONFIRMATION_VIA, { message: `confirmedVia must be one of: ${RECEIPT_CONFIRMATION_VIA.join(', ')}` })
  confirmedVia?: ReceiptConfirmationVia;

  @ApiPropertyOptional({ example: '政务公开办 张科员', description: 'With confirmedOn: who confirmed it (staff member or office).' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  confirmedBy?: string;

  @ApiPropertyOptional({ example: 'EMS1234567890CN', description: 'Tracking number, fax log id, counter ticket…' })
  @IsOptional() @IsString() @MaxLength(200)
  reference?: string;
}

export class OnTheSpotAnswerDto {
  @ApiProperty({ enum: REPLY_TYPES })
  @IsIn(REPLY_TYPES) replyType!: ReplyType;

  @ApiPropertyOptional({ enum: ANNUAL_REPORT_RESULT_CODES })
  @IsOptional() @IsIn(ANNUAL_REPORT_RESULT_CODES) resultCode?: AnnualReportResultCode;

  @ApiProperty({ example: '窗口工作人员甲' })
  @IsString() @IsNotEmpty() @MaxLength(100) answeredBy!: string;

  @ApiProperty({ example: '该信息已在政府门户网站主动公开，已告知网址。' })
  @IsString() @IsNotEmpty() @MaxLength(5000) reply!: string;
}

/** POST /v1/disclosure-applications — a government-information disclosure application (政府信息公开申请). */
export class SubmitDisclosureApplicationDto {
  @ApiProperty({ enum: DISCLOSURE_CHANNELS, example: 'online' })
  @IsIn(DISCLOSURE_CHANNELS, { message: `channel must be one of: ${DISCLOSURE_CHANNELS.join(', ')}` })
  channel!: DisclosureChannel;

  @ApiPropertyOptional({
    type: DisclosureReceiptDto,
    description: 'in_person: handedInOn and post_signed: signedForOn are required. ordinary_letter, online, fax: confirmedOn when receipt is already confirmed with the applicant, else the application awaits confirmation.',
  })
  @IsOptional() @ValidateNested() @Type(() => DisclosureReceiptDto)
  receipt?: DisclosureReceiptDto;

  @ApiProperty({ type: DisclosureApplicantDto })
  @RequiredNested(() => DisclosureApplicantDto)
  applicant!: DisclosureApplicantDto;

  @ApiProperty({ example: '2025年城关区老旧小区改造项目的资金使用明细', maxLength: 5000, description: 'Description of the information (name, number or other features).' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  informationDescription!: string;

  @ApiProperty({ example: '了解本小区改造资金使用情况', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  purpose!: string;

  @ApiProperty({ enum: DELIVERY_FORMS, example: 'electronic' })
  @IsIn(DELIVERY_FORMS, { message: `deliveryForm must be one of: ${DELIVERY_FORMS.join(', ')}` })
  deliveryForm!: DeliveryForm;

  @ApiPropertyOptional({ enum: FILED_AS, default: 'disclosure_application', description: 'A complaint/petition/report filed as an application is answered as not a disclosure application.' })
  @IsOptional() @IsIn(FILED_AS, { message: `filedAs must be one of: ${FILED_AS.join(', ')}` })
  filedAs?: FiledAs;

  @ApiPropertyOptional({ type: OnTheSpotAnswerDto, description: '当场答复: answered at the counter.' })
  @IsOptional() @ValidateNested() @Type(() => OnTheSpotAnswerDto)
  answeredOnTheSpot?: OnTheSpotAnswerDto;

  @ApiPropertyOptional({ example: 'portal:ysqgk-2026-000123', description: 'The caller\'s own id: a retry with the same clientRef (or Idempotency-Key header) never creates a second application.' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  clientRef?: string;
}

export class NotADisclosureApplicationDto {
  @ApiProperty() message!: string;
  @ApiProperty({ enum: FILED_AS }) filedAs!: FiledAs;
  @ApiProperty({ example: '12345政务服务便民热线（投诉）' }) rightChannel!: string;
}

export class SubmitDisclosureApplicationResponseDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid', description: 'The case id the application will have; its case starts once receipt is recorded.' }) caseId!: string;
  @ApiProperty({ enum: RECEIPT_STATUSES, description: 'awaiting_receipt_confirmation: stored, but the case starts only when receipt is confirmed with the applicant.' })
  receiptStatus!: ReceiptStatus;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The receipt date the deadlines count from; null while receipt awaits confirmation.' })
  receivedOn!: string | null;
  @ApiProperty({ description: 'true when this clientRef / Idempotency-Key was already received: nothing new stored.' }) duplicate!: boolean;
  @ApiPropertyOptional({ type: NotADisclosureApplicationDto, description: 'Set when the filing is a complaint, petition or report.' })
  notADisclosureApplication?: NotADisclosureApplicationDto;
}

export class ConvertToOpinionCaseDto {
  @ApiProperty({ example: '政务公开办 张科员' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  convertedBy!: string;

  @ApiPropertyOptional({ enum: CATEGORIES, description: 'Routing category of the opinion case; public_sentiment (社情民意) when absent.' })
  @IsOptional() @IsIn(CATEGORIES as readonly string[])
  category?: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional() @ValidateNested() @Type(() => LocationDto)
  location?: LocationDto;
}

export class ConvertToOpinionCaseResponseDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid', description: 'The opinion case the filing became.' }) opinionCaseId!: string;
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ description: 'true when it had already been converted (same opinion case).' }) duplicate!: boolean;
}

/** POST /v1/disclosure-applications/:applicationId/receipt-confirmation — receipt confirmed with the applicant (条例第三十一条). */
export class ConfirmReceiptDto {
  @DateField('The day receipt was confirmed with the applicant: the receipt date. Not after today, not before the application arrived.', '2026-11-20')
  confirmedOn!: string;

  @ApiProperty({ example: '政务公开办 张科员', description: 'Who confirmed it.' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  confirmedBy!: string;

  @ApiProperty({ enum: RECEIPT_CONFIRMATION_VIA, description: 'How it was confirmed.' })
  @IsIn(RECEIPT_CONFIRMATION_VIA, { message: `via must be one of: ${RECEIPT_CONFIRMATION_VIA.join(', ')}` })
  via!: ReceiptConfirmationVia;

  @ApiPropertyOptional({ example: '电话联系申请人确认已收到申请', maxLength: 1000, description: 'No personal data (the applicant is named by the application id).' })
  @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class ApplicantMonthDto {
  @ApiProperty({ example: '2026-11', description: 'Calendar month of the receipt date (Asia/Shanghai).' }) month!: string;
  @ApiProperty({ example: 3, description: 'This application is the applicant\'s n-th disclosure application received in that month (国办函〔2020〕109号 第四条).' })
  ordinal!: number;
}

export class ReceiptConfirmationDto {
  @ApiProperty({ format: 'date' }) confirmedOn!: string;
  @ApiProperty({ enum: RECEIPT_CONFIRMATION_VIA, nullable: true, type: String }) via!: ReceiptConfirmationVia | null;
  @ApiProperty({ nullable: true, type: String }) confirmedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ description: 'When the confirmation was recorded.' }) recordedAt!: string;
}

export class DisclosureReceiptViewDto {
  @ApiProperty({ enum: RECEIPT_STATUSES }) status!: ReceiptStatus;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The receipt date; null while awaiting confirmation.' }) receivedOn!: string | null;
  @ApiProperty({
    enum: ['handed_in', 'signed_for', 'confirmed'],
    nullable: true,
    type: String,
    description: 'Which event made the receipt date; null while awaiting confirmation, and for online and ordinary-letter applications stored before receipt confirmation existed.',
  })
  basis!: 'handed_in' | 'signed_for' | 'confirmed' | null;
  @ApiProperty({ format: 'date', description: 'The day the application reached the office (receipt.receivedOn of a letter or fax, else the day intake stored it).' })
  arrivedOn!: string;
  @ApiProperty({ type: DisclosureReceiptDto, description: 'The evidence sent with the application.' }) evidence!: DisclosureReceiptDto;
  @ApiPropertyOptional({ type: ReceiptConfirmationDto, nullable: true }) confirmation!: ReceiptConfirmationDto | null;
}

/** GET /v1/disclosure-applications/:applicationId — the application without personal data. */
export class DisclosureApplicationViewDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: DISCLOSURE_CHANNELS }) channel!: DisclosureChannel;
  @ApiProperty({ enum: FILED_AS }) filedAs!: FiledAs;
  @ApiProperty({ enum: APPLICANT_TYPES }) applicantType!: ApplicantType;
  @ApiProperty({ enum: ORGANISATION_TYPES, nullable: true, type: String }) organisationType!: OrganisationType | null;
  @ApiProperty({ enum: DELIVERY_FORMS }) deliveryForm!: DeliveryForm;
  @ApiProperty({ description: 'When intake stored it.' }) storedAt!: string;
  @ApiProperty({ type: DisclosureReceiptViewDto }) receipt!: DisclosureReceiptViewDto;
  @ApiProperty({ type: ApplicantMonthDto, nullable: true, description: 'Set once receipt is recorded, for disclosure applications only.' })
  applicantMonth!: ApplicantMonthDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'The opinion case a complaint/petition/report became.' }) convertedCaseId!: string | null;
}

/** The answer to a receipt confirmation: the application as it now stands. */
export class ConfirmReceiptResponseDto extends DisclosureApplicationViewDto {
  @ApiProperty({ description: 'true when this very confirmation was already recorded: nothing changed, no second event.' }) duplicate!: boolean;
}

/** GET /v1/disclosure-applications?receipt=unconfirmed — the queue of receipts to confirm, oldest first. */
export class ListDisclosureApplicationsQueryDto {
  @ApiProperty({ enum: ['unconfirmed'], description: 'unconfirmed: applications awaiting receipt confirmation with the applicant.' })
  @IsIn(['unconfirmed'], { message: 'receipt must be: unconfirmed' })
  receipt!: 'unconfirmed';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @QueryInt(1, 200)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'nextPageToken of the previous page.' })
  @IsOptional() @IsString() @MaxLength(500) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'pageToken is not a token this API issued' })
  pageToken?: string;
}

export class UnconfirmedReceiptDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: DISCLOSURE_CHANNELS }) channel!: DisclosureChannel;
  @ApiProperty({ enum: FILED_AS }) filedAs!: FiledAs;
  @ApiProperty({ nullable: true, type: String, description: 'The caller\'s own id of the application.' }) clientRef!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'receipt.reference (tracking number, fax log id…).' }) reference!: string | null;
  @ApiProperty({ format: 'date', description: 'The day it reached the office.' }) arrivedOn!: string;
  @ApiProperty({ description: 'When intake stored it.' }) storedAt!: string;
  @ApiProperty({ description: 'Whole hours since intake stored it.' }) ageHours!: number;
  @ApiProperty({
    description: 'Official working days after the day it arrived, up to and including today (arrived on a Friday, today Monday → 1). An ordinary letter is to be confirmed on the day it arrives (条例第三十一条（二）): above 0 it is late.',
  })
  ageWorkingDays!: number;
  @ApiProperty({ description: 'true when the span reaches a year whose official holiday notice is not loaded (Mon–Fri assumed).' }) provisional!: boolean;
}

export class UnconfirmedReceiptListDto {
  @ApiProperty({ type: [UnconfirmedReceiptDto] }) items!: UnconfirmedReceiptDto[];
  @ApiProperty({ description: 'Applications awaiting receipt confirmation in all.' }) total!: number;
  @ApiProperty({ nullable: true, type: String }) nextPageToken!: string | null;
}
