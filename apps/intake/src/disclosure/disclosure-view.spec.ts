import type { DisclosureApplicationEntity } from '@huiying/persistence';
import { applicationView, recordedConfirmationOf } from './disclosure-view';

function application(overrides: Partial<DisclosureApplicationEntity> = {}): DisclosureApplicationEntity {
  return {
    id: '6f1c1d7e-2c55-4c1e-9a53-3d1b8c1f0a01',
    caseId: '0b7e3f55-9a0c-4d8e-8f43-2a6c51e7a002',
    clientRef: 'portal:1',
    channel: 'ordinary_letter',
    receiptStatus: 'awaiting_receipt_confirmation',
    receivedOn: null,
    receivedAt: new Date('2026-11-20T01:00:00Z'),
    receipt: { receivedOn: '2026-11-19' },
    receiptConfirmedOn: null,
    receiptConfirmedVia: null,
    receiptConfirmedBy: null,
    receiptConfirmationNote: null,
    receiptConfirmationRecordedAt: null,
    applicantType: 'natural_person',
    organisationType: null,
    applicantEncrypted: 'v1.secret',
    applicantKey: 'a'.repeat(64),
    applicantMonth: null,
    applicantMonthOrdinal: null,
    informationDescription: '某信息',
    purpose: '了解',
    deliveryForm: 'electronic',
    filedAs: 'disclosure_application',
    answeredOnTheSpot: null,
    convertedCaseId: null,
    convertedAt: null,
    convertedBy: null,
    createdAt: new Date('2026-11-20T01:00:00Z'),
    ...overrides,
  };
}

describe('applicationView (GET /v1/disclosure-applications/:applicationId)', () => {
  it('an unconfirmed letter: no receipt date, no basis, arrived the day the letter says', () => {
    const view = applicationView(application());
    expect(view.receipt).toEqual({ status: 'awaiting_receipt_confirmation', receivedOn: null, basis: null, arrivedOn: '2026-11-19', evidence: { receivedOn: '2026-11-19' }, confirmation: null });
    expect(recordedConfirmationOf(application())).toBeNull();
  });

  it('a confirmed one: the confirmation is the receipt date, with who, how and when recorded', () => {
    const view = applicationView(
      application({
        receiptStatus: 'received',
        receivedOn: '2026-11-20',
        receiptConfirmedOn: '2026-11-20',
        receiptConfirmedVia: 'phone',
        receiptConfirmedBy: '张科员',
        receiptConfirmationRecordedAt: new Date('2026-11-20T03:00:00Z'),
      }),
    );
    expect(view.receipt).toMatchObject({
      status: 'received',
      receivedOn: '2026-11-20',
      basis: 'confirmed',
      confirmation: { confirmedOn: '2026-11-20', via: 'phone', confirmedBy: '张科员', note: null, recordedAt: '2026-11-20T03:00:00.000Z' },
    });
  });

  it('in person and post: handed in / signed for', () => {
    expect(applicationView(application({ channel: 'in_person', receiptStatus: 'received', receivedOn: '2026-11-18', receipt: { handedInOn: '2026-11-18' } })).receipt.basis).toBe('handed_in');
    expect(applicationView(application({ channel: 'post_signed', receiptStatus: 'received', receivedOn: '2026-11-18', receipt: { signedForOn: '2026-11-18' } })).receipt.basis).toBe('signed_for');
  });

  it('shows the applicant\'s count for the month once set, and nothing before', () => {
    expect(applicationView(application()).applicantMonth).toBeNull();
    expect(applicationView(application({ receiptStatus: 'received', receivedOn: '2026-11-20', applicantMonth: '2026-11', applicantMonthOrdinal: 12 })).applicantMonth).toEqual({ month: '2026-11', ordinal: 12 });
  });

  it('carries no personal data and not the applicant key', () => {
    const text = JSON.stringify(applicationView(application()));
    expect(text).not.toContain('v1.secret');
    expect(text).not.toContain('某信息');
    expect(text).not.toContain('a'.repeat(64));
  });
});
