// Notices of the disclosure process (补正告知书, 征求意见书, 延期答复告知书, 收费通知书, the third-party notice, the
// 第三十五条 notices): the delivery record the case keeps, the request publication renders, and what a recorded
// receipt starts. Pure functions of the state; case.ts sends the request through the publication activity.
import {
  noticeRequestId,
  type DisclosureApplicationInput,
  type DisclosureCaseState,
  type DisclosureNoticeContent,
  type DisclosureNoticeKind,
  type DisclosureNoticeReceiptAction,
  type DisclosureNoticeRecord,
  type DisclosureNoticeRequest,
  type NoticeAddressee,
  type NoticeDeliveryChannel,
} from '@huiying/contracts/workflow';

/** Periods that run from the addressee's receipt of the notice (they start only once receipt is recorded). */
const PERIOD_FROM_RECEIPT: readonly DisclosureNoticeKind[] = ['correction_notice', 'consultation_request', 'fee_notice'];

export interface NewNotice {
  kind: DisclosureNoticeKind;
  addressee: NoticeAddressee;
  addresseeName: string | null;
  ref: string | null;
  issuedOn: string;
  issuedBy: string;
  sentVia: NoticeDeliveryChannel;
  /** Known at once (handed over in person), else recorded later with recordNoticeReceipt. */
  receivedOn?: string;
  content: DisclosureNoticeContent;
}

/** The id the next notice of the case gets (n1, n2 …): records that own a notice name it before it is issued. */
export function nextNoticeId(state: DisclosureCaseState): string {
  return `n${state.notices.length + 1}`;
}

/** Adds the notice's delivery record to the state and returns it with the publication request of its document. */
export function addNotice(state: DisclosureCaseState, input: DisclosureApplicationInput, n: NewNotice): { record: DisclosureNoticeRecord; request: DisclosureNoticeRequest } {
  const id = nextNoticeId(state);
  const requestId = noticeRequestId(state.caseId, id);
  const record: DisclosureNoticeRecord = {
    id,
    kind: n.kind,
    addressee: n.addressee,
    ref: n.ref,
    issuedOn: n.issuedOn,
    issuedBy: n.issuedBy,
    sentVia: n.sentVia,
    receivedOn: n.receivedOn ?? null,
    receipt: n.receivedOn ? { evidence: 'signature', recordedBy: n.issuedBy, recordedOn: n.issuedOn, note: 'received when issued' } : null,
    periodFromReceipt: PERIOD_FROM_RECEIPT.includes(n.kind),
    receiptReminders: [],
    documentRequestId: requestId,
  };
  state.notices.push(record);
  const request: DisclosureNoticeRequest = {
    requestId,
    caseId: state.caseId,
    applicationId: state.applicationId,
    jurisdiction: state.jurisdiction,
    department: state.department,
    noticeId: id,
    addressee: n.addressee,
    addresseeName: n.addresseeName,
    issuedOn: n.issuedOn,
    issuedBy: n.issuedBy,
    sentVia: n.sentVia,
    receivedOn: input.receivedOn,
    correctedOn: state.correction?.correctedOn ?? null,
    content: n.content,
  };
  return { record, request };
}

/**
 * Records the addressee's receipt of a notice and starts the period that runs from it: the applicant's correction
 * period, the consulted party's 15 working days, the payment period. Returns what started, for the case history.
 */
export function recordReceipt(state: DisclosureCaseState, a: DisclosureNoticeReceiptAction, recordedOn: string): { notice: DisclosureNoticeRecord; started: string | null } {
  const notice = state.notices.find((n) => n.id === a.noticeId) as DisclosureNoticeRecord;
  notice.receivedOn = a.receivedOn;
  notice.receipt = { evidence: a.evidence, recordedBy: a.recordedBy, recordedOn, note: a.note ?? null };
  let started: string | null = null;
  if (notice.kind === 'correction_notice' && state.correction?.noticeId === notice.id && state.correction.outcome === 'waiting') {
    state.correction.noticeReceivedOn = a.receivedOn;
    started = 'correction_due';
  }
  if (notice.kind === 'consultation_request') {
    const c = state.consultations.find((x) => x.noticeId === notice.id && x.status === 'open');
    if (c) {
      c.requestReceivedOn = a.receivedOn;
      started = 'consultation';
    }
  }
  if (notice.kind === 'fee_notice' && state.fee?.noticeId === notice.id && state.fee.status === 'waiting') {
    state.fee.receivedOn = a.receivedOn;
    started = 'fee_payment';
  }
  return { notice, started };
}
