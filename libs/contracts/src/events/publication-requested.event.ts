import { RequiredNested } from '../nested';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
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
import {
  DISCLOSURE_NOTICE_KINDS,
  NOTICE_ADDRESSEES,
  NOTICE_DELIVERY_CHANNELS,
  type DisclosureNoticeContent,
  type DisclosureNoticeKind,
  type DisclosureNoticeRequest,
  type NoticeAddressee,
  type NoticeDeliveryChannel,
} from '../workflow/disclosure-notices';
import { DISCLOSURE_CONSULTATION_PARTIES, type DisclosureConsultationParty } from '../workflow/disclosure';
import { DisclosureApplicantCategoryV1 } from './disclosure-application-received.event';

export const PUBLICATION_KINDS = ['disclosure_reply_letter', 'disclosure_notice'] as const;
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

export class NoticeFeeLineV1 {
  @IsInt() @Min(0) from!: number;
  @IsInt() @Min(0) to!: number;
  @IsInt() @Min(0) units!: number;
  @IsNumber() @Min(0) unitYuan!: number;
  @IsNumber() @Min(0) subtotalYuan!: number;
}

const isKind = (...kinds: DisclosureNoticeKind[]) => (o: { kind: DisclosureNoticeKind }) => kinds.includes(o.kind);

/** DisclosureNoticeContent, validated by kind: the fields of the kind are required, the others ignored. */
export class DisclosureNoticeContentV1 {
  @IsIn(DISCLOSURE_NOTICE_KINDS) kind!: DisclosureNoticeKind;
  // correction_notice
  @ValidateIf(isKind('correction_notice')) @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @IsNotEmpty({ each: true }) items?: string[];
  @ValidateIf(isKind('correction_notice')) @IsInt() @Min(1) respondWithinWorkingDays?: number;
  // consultation_request
  @ValidateIf(isKind('consultation_request')) @IsString() @IsNotEmpty() consultationId?: string;
  @ValidateIf(isKind('consultation_request')) @IsIn(DISCLOSURE_CONSULTATION_PARTIES) party?: DisclosureConsultationParty;
  @ValidateIf(isKind('consultation_request')) @IsString() @IsNotEmpty() @MaxLength(5000) matters?: string;
  @ValidateIf(isKind('consultation_request', 'extension_notice')) @IsInt() @Min(1) workingDays?: number;
  @ValidateIf(isKind('consultation_request')) @IsIn(['agency_decides', 'consent']) onSilence?: 'agency_decides' | 'consent';
  // extension_notice
  @ValidateIf(isKind('extension_notice', 'excessive_period_notice')) @IsString() @IsNotEmpty() @MaxLength(5000) reason?: string;
  @ValidateIf(isKind('extension_notice')) @IsOptional() @IsIsoDate() dueBefore?: string | null;
  @ValidateIf(isKind('extension_notice')) @IsOptional() @IsIsoDate() dueAfter?: string | null;
  @ValidateIf(isKind('extension_notice')) @IsIsoDate() approvedOn?: string;
  @ValidateIf(isKind('extension_notice')) @IsString() @IsNotEmpty() approverOffice?: string;
  // fee_notice
  @ValidateIf(isKind('fee_notice')) @IsIn(['per_application', 'per_page']) method?: 'per_application' | 'per_page';
  @ValidateIf(isKind('fee_notice')) @IsNumber() @Min(0) amountYuan?: number;
  @ValidateIf(isKind('fee_notice')) @IsArray() @ValidateNested({ each: true }) @Type(() => NoticeFeeLineV1) lines?: NoticeFeeLineV1[];
  @ValidateIf(isKind('fee_notice')) @IsString() @IsNotEmpty() reference?: string;
  @ValidateIf(isKind('fee_notice')) @IsInt() @Min(1) payWithinWorkingDays?: number;
  // public_interest_override_notice (consultationId optional there)
  @ValidateIf(isKind('public_interest_override_notice')) @IsString() @IsNotEmpty() @MaxLength(5000) disclosedContent?: string;
  @ValidateIf(isKind('public_interest_override_notice')) @IsString() @IsNotEmpty() @MaxLength(5000) reasons?: string;
  // excessive_reasons_request
  @ValidateIf(isKind('excessive_reasons_request')) @IsString() @IsNotEmpty() @MaxLength(5000) grounds?: string;
  @ValidateIf(isKind('excessive_reasons_request')) @IsOptional() @IsInt() @Min(1) reasonsWithinWorkingDays?: number | null;
  // excessive_period_notice
  @ValidateIf(isKind('excessive_period_notice')) @IsIsoDate() due?: string;
}

/** The data of a disclosure notice (see DisclosureNoticeRequest). */
export class DisclosureNoticeV1 implements Omit<DisclosureNoticeRequest, 'content'> {
  @IsString() @IsNotEmpty() @MaxLength(200) requestId!: string;
  @IsUUID() caseId!: string;
  @IsUUID() applicationId!: string;
  @IsString() @IsNotEmpty() jurisdiction!: string;
  @IsString() @IsNotEmpty() department!: string;
  @IsString() @IsNotEmpty() @MaxLength(20) noticeId!: string;
  @IsIn(NOTICE_ADDRESSEES) addressee!: NoticeAddressee;
  @IsOptional() @IsString() @MaxLength(500) addresseeName!: string | null;
  @IsIsoDate() issuedOn!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) issuedBy!: string;
  @IsIn(NOTICE_DELIVERY_CHANNELS) sentVia!: NoticeDeliveryChannel;
  @IsIsoDate() receivedOn!: string;
  @IsOptional() @IsIsoDate() correctedOn!: string | null;
  @RequiredNested(() => DisclosureNoticeContentV1) content!: DisclosureNoticeContent;
}

/**
 * publication.requested.v1 — a workflow asks publication for a document or a publication. Keyed by case id;
 * the envelope id is the request id (`<caseId>:reply-letter`), so a redelivered request produces nothing new.
 * Kinds: the reply letter of a disclosure application (政府信息公开申请答复告知书, envelope id `<caseId>:reply-letter`)
 * and the notices of its process (补正告知书, 征求意见书 …; envelope id `<caseId>:notice:<noticeId>`).
 */
export class PublicationRequestedV1 {
  @IsIn(PUBLICATION_KINDS) kind!: PublicationKind;
  @IsUUID() caseId!: string;
  @IsISO8601({ strict: true }) requestedAt!: string;
  @ValidateIf((o: PublicationRequestedV1) => o.kind === 'disclosure_reply_letter')
  @IsDefined()
  @ValidateNested()
  @Type(() => DisclosureReplyLetterV1)
  replyLetter?: DisclosureReplyLetterV1;
  @ValidateIf((o: PublicationRequestedV1) => o.kind === 'disclosure_notice')
  @IsDefined()
  @ValidateNested()
  @Type(() => DisclosureNoticeV1)
  notice?: DisclosureNoticeV1;
}
