import type {
  ApplicantType,
  DeliveryForm,
  DisclosureApplicationViewDto,
  DisclosureChannel,
  DisclosureReceiptViewDto,
  FiledAs,
  OrganisationType,
  ReceiptConfirmationVia,
} from '@huiying/contracts';
import type { DisclosureApplicationEntity } from '@huiying/persistence';
import { arrivedOnOf, type RecordedConfirmation } from './receipt-date';

/** The confirmation recorded on an application (at submission or later), if any. */
export function recordedConfirmationOf(app: DisclosureApplicationEntity): RecordedConfirmation | null {
  if (!app.receiptConfirmedOn) return null;
  return {
    confirmedOn: app.receiptConfirmedOn,
    via: app.receiptConfirmedVia as ReceiptConfirmationVia | null,
    confirmedBy: app.receiptConfirmedBy,
    note: app.receiptConfirmationNote,
  };
}

function basisOf(app: DisclosureApplicationEntity): DisclosureReceiptViewDto['basis'] {
  if (app.receiptStatus !== 'received') return null;
  if (app.receiptConfirmedOn) return 'confirmed';
  if (app.channel === 'in_person') return 'handed_in';
  if (app.channel === 'post_signed') return 'signed_for';
  // a fax stored before receipt confirmation existed carried its confirmation date as evidence
  if (app.channel === 'fax' && typeof app.receipt.confirmedOn === 'string') return 'confirmed';
  return null;
}

/** An application as GET /v1/disclosure-applications/:applicationId shows it: no name, identity document, contact or applicant key. */
export function applicationView(app: DisclosureApplicationEntity): DisclosureApplicationViewDto {
  const confirmation = recordedConfirmationOf(app);
  return {
    applicationId: app.id,
    caseId: app.caseId,
    channel: app.channel as DisclosureChannel,
    filedAs: app.filedAs as FiledAs,
    applicantType: app.applicantType as ApplicantType,
    organisationType: app.organisationType as OrganisationType | null,
    deliveryForm: app.deliveryForm as DeliveryForm,
    storedAt: app.receivedAt.toISOString(),
    receipt: {
      status: app.receiptStatus,
      receivedOn: app.receivedOn,
      basis: basisOf(app),
      arrivedOn: arrivedOnOf(app.receipt, app.receivedAt),
      evidence: { ...app.receipt },
      confirmation:
        confirmation && app.receiptConfirmationRecordedAt ? { ...confirmation, recordedAt: app.receiptConfirmationRecordedAt.toISOString() } : null,
    },
    applicantMonth: app.applicantMonth && app.applicantMonthOrdinal ? { month: app.applicantMonth, ordinal: app.applicantMonthOrdinal } : null,
    convertedCaseId: app.convertedCaseId,
  };
}
