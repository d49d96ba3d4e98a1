import { RequiredNested } from '../nested';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../rest/validation';
import {
  ANNUAL_REPORT_RESULT_CODES,
  DELIVERY_FORMS,
  DISCLOSURE_CHANNELS,
  FILED_AS,
  REPLY_TYPES,
  type AnnualReportResultCode,
  type DeliveryForm,
  type DisclosureChannel,
  type FiledAs,
  type ReplyType,
} from '../workflow/disclosure';
import type { DisclosureReplyLetterRequest } from '../workflow/reply-letter';
import { DisclosureApplicantCategoryV1 } from './disclosure-application-received.event';

export const PUBLICATION_KINDS = ['disclosure_reply_letter'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

export class ReplyLetterWithheldPartV1 {
  @IsString() @IsNotEmpty() @MaxLength(2000) description!: string;
  @IsIn(ANNUAL_REPORT_RESULT_CODES) resultCode!: AnnualReportResultCode;
  @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class ReplyLetterDecisionV1 {
  @IsIn(REPLY_TYPES) replyType!: ReplyType;
  @IsIn(ANNUAL_REPORT_RESULT_CODES) resultCode!: AnnualReportResultCode;
  @IsString() resultRow!: string;
  @IsIsoDate() decidedOn!: string;
  @IsOptional() @IsString() @MaxLength(5000) reason!: string | null;
  @IsOptional() @IsString() @MaxLength(2000) legalBasis!: string | null;
  @IsOptional() @IsString() @MaxLength(2000) whereToObtain!: string | null;
  @IsOptional() @IsString() @MaxLength(500) rightAgency!: string | null;
  @IsOptional() @IsString() @MaxLength(500) rightChannel!: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReplyLetterWithheldPartV1) withheldParts!: ReplyLetterWithheldPartV1[];
  @IsBoolean() publicInterestOverride!: boolean;
  @IsBoolean() onTheSpot!: boolean;
}

export class ReplyLetterReplyV1 {
  @IsIsoDate() issuedOn!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) issuedBy!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) deliveredVia!: string;
  @IsBoolean() late!: boolean;
  @IsOptional() @IsString() @MaxLength(200) letterRef!: string | null;
}

export class ReplyLetterExtensionV1 {
  @IsInt() @Min(1) workingDays!: number;
  @IsIsoDate() approvedOn!: string;
  @IsOptional() @IsIsoDate() dueAfter!: string | null;
}

export class ReplyLetterFeeV1 {
  @IsNumber() @Min(0) amountYuan!: number;
  @IsIn(['waiting', 'paid', 'waived', 'unpaid']) status!: 'waiting' | 'paid' | 'waived' | 'unpaid';
}

/** The data of a disclosure reply letter (see DisclosureReplyLetterRequest). */
export class DisclosureReplyLetterV1 implements DisclosureReplyLetterRequest {
  @IsString() @IsNotEmpty() @MaxLength(200) requestId!: string;
  @IsUUID() caseId!: string;
  @IsUUID() applicationId!: string;
  @IsString() @IsNotEmpty() jurisdiction!: string;
  @IsString() @IsNotEmpty() department!: string;
  @IsString() @IsNotEmpty() copiedTo!: string;
  @RequiredNested(() => DisclosureApplicantCategoryV1) applicant!: DisclosureApplicantCategoryV1;
  @IsIn(FILED_AS) filedAs!: FiledAs;
  @IsIn(DISCLOSURE_CHANNELS) channel!: DisclosureChannel;
  @IsIn(DELIVERY_FORMS) deliveryForm!: DeliveryForm;
  @IsIsoDate() receivedOn!: string;
  @IsOptional() @IsIsoDate() correctedOn!: string | null;
  @IsOptional() @IsIsoDate() answerDue!: string | null;
  @IsOptional() @ValidateNested() @Type(() => ReplyLetterExtensionV1) extension!: ReplyLetterExtensionV1 | null;
  @RequiredNested(() => ReplyLetterDecisionV1) decision!: ReplyLetterDecisionV1;
  @RequiredNested(() => ReplyLetterReplyV1) reply!: ReplyLetterReplyV1;
  @IsOptional() @ValidateNested() @Type(() => ReplyLetterFeeV1) fee!: ReplyLetterFeeV1 | null;
}

/**
 * publication.requested.v1 — a workflow asks publication for a document or a publication. Keyed by case id;
 * the envelope id is the request id (`<caseId>:reply-letter`), so a redelivered request produces nothing new.
 * Today one kind: the reply letter of a disclosure application (政府信息公开申请答复告知书).
 */
export class PublicationRequestedV1 {
  @IsIn(PUBLICATION_KINDS) kind!: PublicationKind;
  @IsUUID() caseId!: string;
  @IsISO8601({ strict: true }) requestedAt!: string;
  @ValidateIf((o: PublicationRequestedV1) => o.kind === 'disclosure_reply_letter')
  @IsDefined()
  @ValidateNested()
  @Type(() => DisclosureReplyLetterV1)
  replyLetter!: DisclosureReplyLetterV1;
}
