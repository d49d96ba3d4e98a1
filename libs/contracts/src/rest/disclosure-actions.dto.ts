// Bodies of the actions on a disclosure case (routing POST /v1/disclosure-applications/:caseId/<action>): the shape of
// each workflow update's argument (DisclosureActions in contracts/workflow), checked field by field before the
// workflow is asked (400 with `errors: [{field, messages}]`, nothing changes). An extension and a fee waiver name their
// approver by person id: routing checks the role grant (422 on `approverId`) and hands the workflow the verified
// approval. The workflow's validators still decide the rules of the case (409 stage/history, 422 a broken rule).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import {
  ANNUAL_REPORT_RESULT_CODES,
  DISCLOSURE_CONSULTATION_PARTIES,
  DISCLOSURE_REVIEW_OUTCOMES,
  REPLY_TYPES,
  type AnnualReportResultCode,
  type DisclosureArchiveAction,
  type DisclosureConsultationAction,
  type DisclosureConsultationParty,
  type DisclosureConsultationReplyAction,
  type DisclosureCorrectionAction,
  type DisclosureCorrectionRequestAction,
  type DisclosureExcessivePeriodAction,
  type DisclosureExcessiveReasonsAction,
  type DisclosureLateCorrectionAction,
  type DisclosureNoticeReceiptAction,
  type DisclosureDecisionAction,
  type DisclosureExtensionAction,
  type DisclosureFeeNoticeAction,
  type DisclosureFeePaymentAction,
  type DisclosureReplyAction,
  type DisclosureReviewAction,
  type DisclosureReviewOutcome,
  type ReplyType,
} from '../workflow/disclosure';
import { NOTICE_DELIVERY_CHANNELS, RECEIPT_EVIDENCE, type NoticeDeliveryChannel, type ReceiptEvidence } from '../workflow/disclosure-notices';
import { PERSON_ID, PERSON_ID_MESSAGE } from './role-grants.dto';
import { DateField, NoLongerAccepted, OptionalDateField } from './validation';

const oneOf = (values: readonly string[]) => ({ message: ({ property }: { property: string }) => `${property} must be one of: ${values.join(', ')}` });

/** How a notice is sent (its delivery record starts here). */
function SentVia(what: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ enum: NOTICE_DELIVERY_CHANNELS, example: 'post_signed', description: `How the ${what} is sent.` })(target, key);
    IsIn(NOTICE_DELIVERY_CHANNELS, oneOf(NOTICE_DELIVERY_CHANNELS))(target, key);
  };
}

/** correction-request — 补正: ask the applicant once for everything unclear or missing (within 7 working days of receipt). */
export class DisclosureCorrectionRequestDto implements DisclosureCorrectionRequestAction {
  @ApiProperty({ example: '政务公开办 张科员' }) @IsString() @IsNotEmpty() @MaxLength(100) requestedBy!: string;
  @ApiProperty({ type: [String], example: ['所需信息的名称或文号', '信息所属年度'], description: 'What is unclear or missing (一次性告知).' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  items!: string[];
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-11-20') requestedOn?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 15, description: 'The period given to the applicant, working days from their receipt of the 补正告知书 (policy default and maximum).' })
  @IsOptional() @IsInt() @Min(1) @Max(60)
  respondWithinWorkingDays?: number;
  @SentVia('补正告知书') sentVia!: NoticeDeliveryChannel;
  @OptionalDateField('The applicant\'s receipt of the notice, when known at once (handed over); otherwise record it with notice-receipts.', '2026-11-20')
  noticeReceivedOn?: string;
}

/** late-correction — a correction after the period, accepted for a good reason (条例第三十条: only 无正当理由 lapses the application). */
export class DisclosureLateCorrectionDto implements DisclosureLateCorrectionAction {
  @DateField('The day the corrected application was received.', '2026-12-10') correctedOn!: string;
  @ApiProperty({ example: '政务公开办 张科员' }) @IsString() @IsNotEmpty() @MaxLength(100) receivedBy!: string;
  @ApiProperty({ example: '申请人住院，提供了医院证明', maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) goodReason!: string;
  @ApiProperty({ example: '政务公开办 王主任' }) @IsString() @IsNotEmpty() @MaxLength(100) acceptedBy!: string;
}

/** notice-receipts — the addressee received a notice (delivery record); a period that runs from receipt starts now. */
export class DisclosureNoticeReceiptDto implements DisclosureNoticeReceiptAction {
  @ApiProperty({ example: 'n1', description: 'The id of the notice in the case state (notices[].id).' }) @IsString() @IsNotEmpty() @MaxLength(20) noticeId!: string;
  @DateField('The day the addressee received it.', '2026-11-23') receivedOn!: string;
  @ApiProperty({ enum: RECEIPT_EVIDENCE }) @IsIn(RECEIPT_EVIDENCE, oneOf(RECEIPT_EVIDENCE)) evidence!: ReceiptEvidence;
  @ApiProperty({ example: '政务公开办 张科员' }) @IsString() @IsNotEmpty() @MaxLength(100) recordedBy!: string;
  @ApiPropertyOptional({ maxLength: 500, example: '邮件回执 EMS1234567890' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** excessive-reasons-request — 第三十五条: the number or frequency is clearly beyond a reasonable range; ask for reasons. */
export class DisclosureExcessiveReasonsDto implements DisclosureExcessiveReasonsAction {
  @ApiProperty({ example: '政务公开办 张科员' }) @IsString() @IsNotEmpty() @MaxLength(100) requestedBy!: string;
  @ApiProperty({ example: '同一申请人本月已提交 40 件内容相近的申请', maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) grounds!: string;
  @SentVia('notice asking for reasons') sentVia!: NoticeDeliveryChannel;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-11-20') requestedOn?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'Working days the applicant is given to state reasons, if set.' })
  @IsOptional() @IsInt() @Min(1) @Max(60)
  reasonsWithinWorkingDays?: number;
}

/** excessive-period — 第三十五条: reasons accepted, the 第三十三条 period cannot be met: a longer reasonable period, told to the applicant. */
export class DisclosureExcessivePeriodDto implements DisclosureExcessivePeriodAction {
  @ApiProperty({ example: '政务公开办 王主任' }) @IsString() @IsNotEmpty() @MaxLength(100) decidedBy!: string;
  @DateField('The new answer due date (the reasonable period).', '2027-02-26') due!: string;
  @ApiProperty({ example: '申请涉及 2010 年以来全部档案，需逐件调取', maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @SentVia('延迟答复告知书') sentVia!: NoticeDeliveryChannel;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-12-01') decidedOn?: string;
}

/** correction — the corrected application was received: the 20-working-day clock starts again. */
export class DisclosureCorrectionDto implements DisclosureCorrectionAction {
  @ApiProperty({ example: '政务公开办 张科员' }) @IsString() @IsNotEmpty() @MaxLength(100) receivedBy!: string;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-11-25') correctedOn?: string;
}

/** review — 保密审查 ("谁公开、谁审查、谁负责"). */
export class DisclosureReviewDto implements DisclosureReviewAction {
  @ApiProperty({ example: '保密员' }) @IsString() @IsNotEmpty() @MaxLength(100) reviewedBy!: string;
  @ApiProperty({ enum: DISCLOSURE_REVIEW_OUTCOMES }) @IsIn(DISCLOSURE_REVIEW_OUTCOMES, oneOf(DISCLOSURE_REVIEW_OUTCOMES)) outcome!: DisclosureReviewOutcome;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-11-21') reviewedOn?: string;
}

/** consultations — 征求意见 of a third party or a co-producing agency (15 working days; the answer clock pauses). */
export class DisclosureConsultationDto implements DisclosureConsultationAction {
  @ApiProperty({ enum: DISCLOSURE_CONSULTATION_PARTIES }) @IsIn(DISCLOSURE_CONSULTATION_PARTIES, oneOf(DISCLOSURE_CONSULTATION_PARTIES)) party!: DisclosureConsultationParty;
  @ApiProperty({ example: '某建筑公司' }) @IsString() @IsNotEmpty() @MaxLength(200) consultee!: string;
  @ApiProperty({ example: '合同中的报价明细是否涉及商业秘密' }) @IsString() @IsNotEmpty() @MaxLength(2000) matters!: string;
  @ApiProperty({ example: '政务公开办 张科员' }) @IsString() @IsNotEmpty() @MaxLength(100) requestedBy!: string;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-11-21') requestedOn?: string;
  @SentVia('征求意见书') sentVia!: NoticeDeliveryChannel;
  @OptionalDateField('When the consulted party received the 征求意见书 (its 15 working days count from here), if known at once; otherwise record it with notice-receipts. Until then silence cannot apply.', '2026-11-23')
  requestReceivedOn?: string;
}

const CONSULTATION_RESPONSES = ['consent', 'objection'] as const;

/** consultation-replies — the consulted party's answer (an objection with its reasons). */
export class DisclosureConsultationReplyDto implements DisclosureConsultationReplyAction {
  @ApiProperty({ description: 'The id of the consultation in the case state.' }) @IsString() @IsNotEmpty() @MaxLength(100) consultationId!: string;
  @ApiProperty({ enum: CONSULTATION_RESPONSES }) @IsIn(CONSULTATION_RESPONSES, oneOf(CONSULTATION_RESPONSES)) response!: 'consent' | 'objection';
  @ApiPropertyOptional({ maxLength: 5000, description: 'Required for an objection.' }) @IsOptional() @IsString() @MaxLength(5000) reasons?: string;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-11-30') answeredOn?: string;
}

export class DisclosureWithheldPartDto {
  @ApiProperty({ example: '个人银行账户信息' }) @IsString() @IsNotEmpty() @MaxLength(1000) description!: string;
  @ApiProperty({ enum: ANNUAL_REPORT_RESULT_CODES, example: 'withheld.third_party_rights' })
  @IsIn(ANNUAL_REPORT_RESULT_CODES, oneOf(ANNUAL_REPORT_RESULT_CODES))
  resultCode!: AnnualReportResultCode;
  @ApiProperty({ example: '涉及个人隐私' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class DisclosurePublicInterestOverrideDto {
  @ApiProperty({ description: 'Why withholding would seriously harm the public interest.' }) @IsString() @IsNotEmpty() @MaxLength(5000) reasons!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) approvedBy!: string;
  @ApiProperty({ description: 'What is disclosed (决定公开的政府信息内容): the notice to the third party states it.' }) @IsString() @IsNotEmpty() @MaxLength(5000) disclosedContent!: string;
  @SentVia('notice to the third party') sentVia!: NoticeDeliveryChannel;
}

/** decision — the reply type (条例第三十六条), its annual-report result code and grounds. */
export class DisclosureDecisionDto implements DisclosureDecisionAction {
  @ApiProperty({ enum: REPLY_TYPES }) @IsIn(REPLY_TYPES, oneOf(REPLY_TYPES)) replyType!: ReplyType;
  @ApiPropertyOptional({ enum: ANNUAL_REPORT_RESULT_CODES, description: 'Required where the reply type has several (e.g. the reason of not_disclosed).' })
  @IsOptional() @IsIn(ANNUAL_REPORT_RESULT_CODES, oneOf(ANNUAL_REPORT_RESULT_CODES))
  resultCode?: AnnualReportResultCode;
  @ApiProperty({ example: '王主任' }) @IsString() @IsNotEmpty() @MaxLength(100) decidedBy!: string;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-12-01') decidedOn?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) reason?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) legalBasis?: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'already_public: where it is published.' }) @IsOptional() @IsString() @MaxLength(2000) whereToObtain?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'not_this_agency: the agency that holds it, if known.' }) @IsOptional() @IsString() @MaxLength(200) rightAgency?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) rightChannel?: string;
  @ApiPropertyOptional({ type: [DisclosureWithheldPartDto], description: 'partly_disclosed: what is withheld and why.' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => DisclosureWithheldPartDto)
  withheldParts?: DisclosureWithheldPartDto[];
  @ApiPropertyOptional({ type: DisclosurePublicInterestOverrideDto, description: 'Disclosed over a third party\'s objection (条例第三十二条).' })
  @IsOptional() @ValidateNested() @Type(() => DisclosurePublicInterestOverrideDto)
  publicInterestOverride?: DisclosurePublicInterestOverrideDto;
}

/** What the caller sends for an action whose approval routing verifies: the approver's person id instead of the approval. */
type ApprovedByPersonId<A> = Omit<A, 'approval' | 'approvedBy' | 'approverRole' | 'waiverApprovedBy'> & { approverId?: string };

const APPROVER_ID_DOC =
  "The approver's person id. Routing checks that a grant of head_of_disclosure_office is active for the case's jurisdiction " +
  '(and lead department) on the approval day (422 with a field error on approverId otherwise); the name and office come from the grant.';
const NAME_INSTEAD = "name the approver by approverId (their name and role come from their role grant, README → Access control → Role grants)";

/** extension — once, at most 20 working days, approved by the head of the disclosure office (a person holding the role); the applicant is told. */
export class DisclosureExtensionDto implements ApprovedByPersonId<DisclosureExtensionAction> {
  @ApiProperty({ minimum: 1, example: 10, description: 'Working days; the policy caps it (20).' }) @IsInt() @Min(1) @Max(365) workingDays!: number;
  @ApiProperty({ example: '需要调档' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiProperty({ example: 'staff-0421', description: APPROVER_ID_DOC }) @IsString() @Matches(PERSON_ID, { message: `approverId ${PERSON_ID_MESSAGE}` }) approverId!: string;
  @OptionalDateField('The day the head of the disclosure office approved; the grant must be active that day. Default: today (Asia/Shanghai).', '2026-12-10') approvedOn?: string;
  @SentVia('延期答复告知书') sentVia!: NoticeDeliveryChannel;
  @NoLongerAccepted(NAME_INSTEAD) approvedBy?: never;
  @NoLongerAccepted(NAME_INSTEAD) approverRole?: never;
}

const FEE_METHODS = ['per_application', 'per_page'] as const;

/** fee-notice — 收费通知 (条例第四十二条, 国办函〔2020〕109号): one method per application; the answer clock pauses. */
export class DisclosureFeeNoticeDto implements DisclosureFeeNoticeAction {
  @ApiProperty({ example: '政务公开办 张科员' }) @IsString() @IsNotEmpty() @MaxLength(100) issuedBy!: string;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-12-02') issuedOn?: string;
  @ApiProperty({ enum: FEE_METHODS }) @IsIn(FEE_METHODS, oneOf(FEE_METHODS)) method!: 'per_application' | 'per_page';
  @ApiPropertyOptional({ minimum: 0, description: 'per_page: the pages provided.' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) pages?: number;
  @ApiPropertyOptional({ minimum: 1, description: 'per_application: items this application counts as (一事一申请); the applicant\'s count for the month is kept by the system.' })
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000)
  applications?: number;
  @SentVia('收费通知书') sentVia!: NoticeDeliveryChannel;
  @OptionalDateField('The applicant\'s receipt of the notice when known at once; otherwise record it with notice-receipts (the 20 working days to pay start the day after).', '2026-12-02')
  receivedOn?: string;
}

const FEE_OUTCOMES = ['paid', 'waived'] as const;

/** approverId is for a waiver only. */
const OnlyForWaiver = () =>
  ValidateBy({
    name: 'onlyForWaiver',
    validator: {
      validate: (_: unknown, args) => (args?.object as { outcome?: unknown }).outcome === 'waived',
      defaultMessage: (args) => `${args?.property} names the approver of a waiver: only with outcome waived`,
    },
  });

/** fee-payment — paid, or waived for hardship (减免, approved by the head of the disclosure office: a person holding the role). */
export class DisclosureFeePaymentDto implements ApprovedByPersonId<DisclosureFeePaymentAction> {
  @ApiProperty({ enum: FEE_OUTCOMES }) @IsIn(FEE_OUTCOMES, oneOf(FEE_OUTCOMES)) outcome!: 'paid' | 'waived';
  @ApiProperty({ example: '财务 李会计' }) @IsString() @IsNotEmpty() @MaxLength(100) recordedBy!: string;
  @OptionalDateField('The day of the payment, or of the waiver\'s approval (the grant must be active that day). Default: today (Asia/Shanghai).', '2026-12-05') on?: string;
  @ApiPropertyOptional({ example: 'staff-0421', description: `Required for outcome waived (and only then). ${APPROVER_ID_DOC}` })
  @ValidateIf((o: DisclosureFeePaymentDto) => o.outcome === 'waived' || o.approverId !== undefined)
  @IsString() @Matches(PERSON_ID, { message: `approverId ${PERSON_ID_MESSAGE}` }) @OnlyForWaiver()
  approverId?: string;
  @NoLongerAccepted(NAME_INSTEAD) waiverApprovedBy?: never;
  @NoLongerAccepted(NAME_INSTEAD) approverRole?: never;
}

/** reply — the reply letter (答复告知书) is issued; publication renders it. */
export class DisclosureReplyDto implements DisclosureReplyAction {
  @ApiProperty({ example: '经办人' }) @IsString() @IsNotEmpty() @MaxLength(100) issuedBy!: string;
  @ApiProperty({ example: 'email', description: 'How it reached the applicant (email, post, in person…).' }) @IsString() @IsNotEmpty() @MaxLength(100) deliveredVia!: string;
  @OptionalDateField('Default: today (Asia/Shanghai).', '2026-12-08') issuedOn?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) letterRef?: string;
}

/** archive — 归档. */
export class DisclosureArchiveDto implements DisclosureArchiveAction {
  @ApiProperty({ example: '档案员' }) @IsString() @IsNotEmpty() @MaxLength(100) archivedBy!: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) archiveRef?: string;
}

/** REST action path → its body class (the same names as routing's action paths). */
export const DISCLOSURE_ACTION_BODIES = {
  'correction-request': DisclosureCorrectionRequestDto,
  correction: DisclosureCorrectionDto,
  review: DisclosureReviewDto,
  consultations: DisclosureConsultationDto,
  'consultation-replies': DisclosureConsultationReplyDto,
  decision: DisclosureDecisionDto,
  extension: DisclosureExtensionDto,
  'fee-notice': DisclosureFeeNoticeDto,
  'fee-payment': DisclosureFeePaymentDto,
  reply: DisclosureReplyDto,
  archive: DisclosureArchiveDto,
  'notice-receipts': DisclosureNoticeReceiptDto,
  'late-correction': DisclosureLateCorrectionDto,
  'excessive-reasons-request': DisclosureExcessiveReasonsDto,
  'excessive-period': DisclosureExcessivePeriodDto,
} as const;
export type DisclosureActionPath = keyof typeof DISCLOSURE_ACTION_BODIES;
