// The notices (告知书, 征求意见书, 通知书) a disclosure application's process sends besides the reply letter, and their
// delivery records (issue 9; DOMAIN.md case kind 2 §5). The workflow decides that a notice goes out and records its
// delivery; publication renders it (HTML + PDF, citing its articles) from a DisclosureNoticeRequest and stores it.
// Workflow-safe: plain types and constants only. No personal data: the applicant is named by application number; a
// consulted third party or agency is named (the document is addressed to it).
import type { FeeLine } from '@huiying/policy';
import type { DisclosureConsultationParty } from './disclosure';

/** Kinds of notice, each with the article that requires it (the letters cite them; publication keeps the text). */
export const DISCLOSURE_NOTICE_KINDS = [
  /** 补正告知书 — 条例第二十九条第二款、第三十条: what to correct, the period (from the applicant's receipt), the consequence. */
  'correction_notice',
  /** 征求意见书 — 第三十二条 (third party) / 第三十四条 (co-producing agency): 15 working days from receipt, the consequence of silence. */
  'consultation_request',
  /** 延期答复告知书 — 第三十三条第二款: the new due date, approved by the head of the disclosure office. */
  'extension_notice',
  /** 收费通知书 — 第四十二条, 国办函〔2020〕109号: method, amount, payment period (from receipt), waiver route. */
  'fee_notice',
  /** 第三方公开决定告知书 — 第十五条、第三十二条: a third party objected; disclosed for the public interest, with the content and reasons. */
  'public_interest_override_notice',
  /** 说明理由通知 — 第三十五条: the number/frequency is clearly beyond a reasonable range; the applicant is asked for reasons. */
  'excessive_reasons_request',
  /** 延迟答复告知书 — 第三十五条: reasons accepted but the 第三十三条 period cannot be met; a longer reasonable period is set. */
  'excessive_period_notice',
] as const;
export type DisclosureNoticeKind = (typeof DISCLOSURE_NOTICE_KINDS)[number];

export const NOTICE_ADDRESSEES = ['applicant', 'third_party', 'co_producing_agency'] as const;
export type NoticeAddressee = (typeof NOTICE_ADDRESSEES)[number];

/** How a notice (or the reply letter) was sent. */
export const NOTICE_DELIVERY_CHANNELS = ['in_person', 'post_signed', 'ordinary_letter', 'email', 'online', 'fax', 'sms'] as const;
export type NoticeDeliveryChannel = (typeof NOTICE_DELIVERY_CHANNELS)[number];

/** What proves the addressee received it. */
export const RECEIPT_EVIDENCE = ['signature', 'postal_receipt', 'system_confirmation', 'read_receipt', 'reply_received', 'phone_confirmation'] as const;
export type ReceiptEvidence = (typeof RECEIPT_EVIDENCE)[number];

/** Request id (and publication envelope id) of a notice: one document per notice. */
export function noticeRequestId(caseId: string, noticeId: string): string {
  return `${caseId}:notice:${noticeId}`;
}

/** The delivery record of one notice, kept by the workflow (state.notices). */
export interface DisclosureNoticeRecord {
  /** n1, n2 … in the order issued. */
  id: string;
  kind: DisclosureNoticeKind;
  addressee: NoticeAddressee;
  /** The consultation id for consultation requests and override notices; null otherwise. */
  ref: string | null;
  issuedOn: string;
  issuedBy: string;
  sentVia: NoticeDeliveryChannel;
  /** Recorded receipt: a period that runs from receipt starts only once this is set. */
  receivedOn: string | null;
  receipt: { evidence: ReceiptEvidence; recordedBy: string; recordedOn: string; note: string | null } | null;
  /** A period of the process counts from this notice's receipt (correction, consultation, fee payment). */
  periodFromReceipt: boolean;
  /** Reminders raised because no receipt was recorded after the policy's number of working days (dates). */
  receiptReminders: string[];
  /** publication.requested.v1 request id of the document. */
  documentRequestId: string;
}

/** What the notice says, by kind (facts only; publication writes the text and cites the articles). */
export type DisclosureNoticeContent =
  | {
      kind: 'correction_notice';
      /** What is unclear or missing (一次性告知). */
      items: string[];
      /** 合理的补正期限, working days from the applicant's receipt of this notice. */
      respondWithinWorkingDays: number;
    }
  | {
      kind: 'consultation_request';
      consultationId: string;
      party: DisclosureConsultationParty;
      /** What the consulted party is asked about. */
      matters: string;
      /** 15 working days from the consulted party's receipt of this request. */
      workingDays: number;
      /** third party: the agency decides (第三十二条); co-producing agency: deemed consent (第三十四条). */
      onSilence: 'agency_decides' | 'consent';
    }
  | {
      kind: 'extension_notice';
      workingDays: number;
      reason: string;
      dueBefore: string | null;
      dueAfter: string | null;
      approvedOn: string;
      /** The approver's office (the head of the disclosure office approves; the person is not named in the letter). */
      approverOffice: string;
    }
  | {
      kind: 'fee_notice';
      method: 'per_application' | 'per_page';
      amountYuan: number;
      lines: readonly FeeLine[];
      /** The fee schedule's source, e.g. 国办函〔2020〕109号. */
      reference: string;
      /** Working days from the applicant's receipt of this notice. */
      payWithinWorkingDays: number;
    }
  | {
      kind: 'public_interest_override_notice';
      consultationId: string | null;
      /** What is disclosed (决定公开的政府信息内容) and why (理由). */
      disclosedContent: string;
      reasons: string;
    }
  | {
      kind: 'excessive_reasons_request';
      /** Why the number or frequency is considered beyond a reasonable range. */
      grounds: string;
      /** Working days the applicant is given to state reasons, if the office sets one. */
      reasonsWithinWorkingDays: number | null;
    }
  | {
      kind: 'excessive_period_notice';
      /** The reasonable period set (the new answer due date). */
      due: string;
      reason: string;
    };

/** What the workflow hands to publication for one notice. */
export interface DisclosureNoticeRequest {
  /** noticeRequestId(caseId, noticeId): the publication request's envelope id. */
  requestId: string;
  caseId: string;
  applicationId: string;
  jurisdiction: string;
  /** Issuing department (the case's lead department code). */
  department: string;
  noticeId: string;
  addressee: NoticeAddressee;
  /** Name of the consulted third party or agency; null for the applicant (named by application number). */
  addresseeName: string | null;
  issuedOn: string;
  issuedBy: string;
  sentVia: NoticeDeliveryChannel;
  /** The application's receipt date (and the corrected application's, if any), for the letter's facts. */
  receivedOn: string;
  correctedOn: string | null;
  content: DisclosureNoticeContent;
}
