import { RequiredNested } from '../nested';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../rest/validation';
import {
  APPLICANT_TYPES,
  DELIVERY_FORMS,
  DISCLOSURE_CHANNELS,
  FILED_AS,
  ORGANISATION_TYPES,
  REPLY_TYPES,
  ANNUAL_REPORT_RESULT_CODES,
  type AnnualReportResultCode,
  type ApplicantType,
  type DeliveryForm,
  type DisclosureChannel,
  type FiledAs,
  type OrganisationType,
  type ReplyType,
} from '../workflow/disclosure';

export class DisclosureApplicantCategoryV1 {
  @IsIn(APPLICANT_TYPES) type!: ApplicantType;
  @IsOptional() @IsIn(ORGANISATION_TYPES) organisationType?: OrganisationType;
}

export class OnTheSpotAnswerV1 {
  @IsIn(REPLY_TYPES) replyType!: ReplyType;
  @IsOptional() @IsIn(ANNUAL_REPORT_RESULT_CODES) resultCode?: AnnualReportResultCode;
  @IsString() @IsNotEmpty() @MaxLength(100) answeredBy!: string;
  @IsString() @IsNotEmpty() @MaxLength(5000) reply!: string;
}

/**
 * intake.disclosure-applications.received.v1 — a disclosure application (依申请公开) was stored.
 * No personal data: name, identity document and contact stay encrypted in intake. Keyed by case id.
 */
export class DisclosureApplicationReceivedV1 {
  @IsUUID() applicationId!: string;
  @IsUUID() caseId!: string;
  @IsIn(DISCLOSURE_CHANNELS) channel!: DisclosureChannel;
  @IsIsoDate() receivedOn!: string;
  @IsISO8601({ strict: true }) receivedAt!: string;
  @RequiredNested(() => DisclosureApplicantCategoryV1) applicant!: DisclosureApplicantCategoryV1;
  @IsIn(FILED_AS) filedAs!: FiledAs;
  @IsIn(DELIVERY_FORMS) deliveryForm!: DeliveryForm;
  @IsOptional() @ValidateNested() @Type(() => OnTheSpotAnswerV1) answeredOnTheSpot?: OnTheSpotAnswerV1 | null;
  @IsOptional() @IsString() @MaxLength(100) department?: string;
}
