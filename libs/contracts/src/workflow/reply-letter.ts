// The reply letter (政府信息公开申请答复告知书) of a disclosure application: what the workflow hands to publication
// when the reply is issued. Workflow-safe: plain types only. No personal data (the applicant's name and contact stay
// encrypted in intake; the letter names the applicant by application number).
import type {
  AnnualReportResultCode,
  DeliveryForm,
  DisclosureApplicantCategory,
  DisclosureChannel,
  DisclosureWithheldPart,
  FiledAs,
  ReplyType,
} from './disclosure';
import type { DisclosureNoticeRequest } from './disclosure-notices';

/** Request id (and envelope id) of a case's reply letter: one letter per case reply. */
export function replyLetterRequestId(caseId: string): string {
  return `${caseId}:reply-letter`;
}

export interface DisclosureReplyLetterRequest {
  /** `<caseId>:reply-letter` — one letter per case reply; the publication request's envelope id. */
  requestId: string;
  caseId: string;
  applicationId: string;
  jurisdiction: string;
  /** The department answering (lead department code). */
  department: string;
  /** 抄送同级政府信息公开工作主管部门 (department code). */
  copiedTo: string;
  applicant: DisclosureApplicantCategory;
  filedAs: FiledAs;
  channel: DisclosureChannel;
  deliveryForm: DeliveryForm;
  receivedOn: string;
  /** The day the corrected application was received (the answer period restarted from it), if any. */
  correctedOn: string | null;
  /** The answer deadline in force when the reply went out (after pauses and extension). */
  answerDue: string | null;
  extension: { workingDays: number; approvedOn: string; dueAfter: string | null } | null;
  decision: {
    replyType: ReplyType;
    resultCode: AnnualReportResultCode;
    resultRow: string;
    decidedOn: string;
    reason: string | null;
    legalBasis: string | null;
    whereToObtain: string | null;
    rightAgency: string | null;
    rightChannel: string | null;
    withheldParts: DisclosureWithheldPart[];
    /** A third party objected and the public-interest override was recorded (条例第十五条、第三十二条). */
    publicInterestOverride: boolean;
    onTheSpot: boolean;
  };
  reply: { issuedOn: string; issuedBy: string; deliveredVia: string; late: boolean; letterRef: string | null };
  fee: { amountYuan: number; status: 'waiting' | 'paid' | 'waived' | 'unpaid' } | null;
}

/** Activities the workflows use to ask publication for documents; implemented by apps/worker. */
export interface PublicationActivities {
  /** Emits publication.requested.v1 (kind disclosure_reply_letter), envelope id = request id: idempotent. */
  requestReplyLetter(request: DisclosureReplyLetterRequest): Promise<void>;
  /** Emits publication.requested.v1 (kind disclosure_notice), envelope id = request id: idempotent. */
  requestNotice(request: DisclosureNoticeRequest): Promise<void>;
}
