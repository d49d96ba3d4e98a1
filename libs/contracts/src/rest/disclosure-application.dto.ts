import { RequiredNested } from '../nested';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CATEGORIES } from '@huiying/policy';
import { OptionalDateField } from './validation';
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

/** The channel's evidence of receipt; which field counts depends on the channel (条例第三十一条). */
export class DisclosureReceiptDto {
  /** in_person: the day the application was handed in. */
  @OptionalDateField('in_person: the day it was handed in', '2026-11-20') handedInOn?: string;
  /** post_signed: the day the agency signed for the letter. */
  @OptionalDateField('post_signed: the day the agency signed for it', '2026-11-20') signedForOn?: string;
  /** ordinary_letter (no signature): the day the disclosure office received it. */
  @OptionalDateField('ordinary_letter: the day the disclosure office received it', '2026-11-20') receivedOn?: string;
  /** fax: the day both sides confirmed it. */
  @OptionalDateField('fax: the day both sides confirmed it', '2026-11-20') confirmedOn?: string;

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

  @ApiPropertyOptional({ type: DisclosureReceiptDto, description: 'Required except online: the date that makes the receipt date.' })
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
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
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
