import { RequiredNested } from '../nested';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
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
 * The applicant's count for the month, kept by intake (国办函〔2020〕109号 第四条: 「同一申请人一个自然月内累计申请」): this
 * application is the applicant's `ordinal`-th disclosure application received in `month` (Asia/Shanghai, by receipt
 * date). The applicant is recognised by a keyed hash of the identity document that stays in intake.
 */
export class ApplicantMonthV1 {
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month!: string;
  @IsInt() @Min(1) ordinal!: number;
}

/** applicantMonth.month is the month of receivedOn. */
function IsMonthOfReceipt(): PropertyDecorator {
  return ValidateBy({
    name: 'isMonthOfReceipt',
    validator: {
      validate: (value: unknown, args) => {
        if (value === undefined || value === null) return true;
        const receivedOn = (args?.object as { receivedOn?: unknown }).receivedOn;
        return typeof receivedOn === 'string' && (value as { month?: unknown }).month === receivedOn.slice(0, 7);
      },
      defaultMessage: () => 'applicantMonth.month must be the month of receivedOn',
    },
  });
}

/**
 * intake.disclosure-applications.received.v1 — a disclosure application (依申请公开) was received: emitted once its
 * receipt is recorded (at submission, or when receipt is confirmed with the applicant, 条例第三十一条), so
 * `receivedOn` is always the legal receipt date. No personal data: name, identity document and contact stay encrypted
 * in intake (and the applicant key with them). Keyed by case id.
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
  /** Disclosure applications (filedAs disclosure_application) only; absent from events of intakes before it existed. */
  @IsOptional() @ValidateNested() @Type(() => ApplicantMonthV1) @IsMonthOfReceipt() applicantMonth?: ApplicantMonthV1 | null;
}
