import fc from 'fast-check';
import { Calendar } from '@huiying/calendar';
import {
  computeFee,
  consultationDeadline,
  correctionRequestDeadline,
  disclosureAnswerDeadline,
  disclosureReminderDates,
  FEE_SCHEDULE_2020_109,
  NATIONAL_DISCLOSURE_POLICY,
  perApplicationUnitYuan,
} from './disclosure';
import { PolicyErrorCode } from './policy.exception';

const policy = NATIONAL_DISCLOSURE_POLICY;

describe('disclosure policy values', () => {
  it('restates the regulation', () => {
    expect(policy).toMatchObject({
      answerWorkingDays: 20,
      extension: { maxWorkingDays: 20, maxCount: 1, approver: 'head_of_disclosure_office' },
      correction: { requestWithinWorkingDays: 7 },
      thirdPartyConsultation: { workingDays: 15, onSilence: 'agency_decides' },
      coProducingAgencyConsultation: { workingDays: 15, onSilence: 'consent' },
    });
    expect(Object.isFrozen(policy.fees.perPage.tiers[0])).toBe(true);
    expect(Object.isFrozen(FEE_SCHEDULE_2020_109.perApplication)).toBe(true);
  });
});

describe('computeFee — per application (按件)', () => {
  it.each([
    [1, 0], [10, 0], [11, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400], [100, 800],
  ])('the %i-th application of the month costs %i 元', (ordinal, yuan) => {
    expect(perApplicationUnitYuan(FEE_SCHEDULE_2020_109, ordinal)).toBe(yuan);
    expect(computeFee(policy, { method: 'per_application', priorApplicationsThisMonth: ordinal - 1 }).amountYuan).toBe(yuan);
  });

  it('a batch crossing bands is priced application by application', () => {
    // 9th … 32nd: 9,10 free; 11–30 → 20 × 100; 31, 32 → 2 × 200.
    const r = computeFee(policy, { method: 'per_application', priorApplicationsThisMonth: 8, applications: 24 });
    expect(r.lines).toEqual([
      { from: 9, to: 10, units: 2, unitYuan: 0, subtotalYuan: 0 },
      { from: 11, to: 30, units: 20, unitYuan: 100, subtotalYuan: 2000 },
      { from: 31, to: 32, units: 2, unitYuan: 200, subtotalYuan: 400 },
    ]);
    expect(r).toMatchObject({ grossYuan: 2400, amountYuan: 2400, chargeable: true, policyVersion: 'cn-2021.1' });
  });
});

describe('computeFee — per page (按量), marginal tiers', () => {
  it.each([
    [0, 0], [30, 0], [31, 10], [100, 700], [101, 720], [150, 1700], [200, 2700], [201, 2740], [250, 4700],
  ])('%i pages → %i 元', (pages, yuan) => {
    expect(computeFee(FEE_SCHEDULE_2020_109, { method: 'per_page', pages }).amountYuan).toBe(yuan);
  });

  it('is monotonic and never exceeds the top rate on every page', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (pages) => {
        const a = computeFee(FEE_SCHEDULE_2020_109, { method: 'per_page', pages }).amountYuan;
        const b = computeFee(FEE_SCHEDULE_2020_109, { method: 'per_page', pages: pages + 1 }).amountYuan;
        expect(b).toBeGreaterThanOrEqual(a);
        expect(a).toBeLessThanOrEqual(pages * 40);
      }),
    );
  });
});

describe('computeFee — rules', () => {
  it('one method per application, never both', () => {
    expect(() => computeFee(policy, { method: 'per_page', pages: 50, priorApplicationsThisMonth: 20 } as never)).toThrow(
      expect.objectContaining({ code: PolicyErrorCode.FeeMethodConflict }),
    );
  });

  it('hardship waiver: nothing to pay, the waiver recorded', () => {
    const r = computeFee(policy, { method: 'per_page', pages: 150, waiver: { reason: 'hardship', approvedBy: 'head-of-office' } });
    expect(r).toMatchObject({ grossYuan: 1700, amountYuan: 0, chargeable: false, waived: true });
    expect(() => computeFee(policy, { method: 'per_page', pages: 150, waiver: { reason: 'hardship', approvedBy: '' } })).toThrow(
      expect.objectContaining({ code: PolicyErrorCode.InvalidFeeInput }),
    );
  });

  it.each([
    [{ method: 'per_page', pages: -1 }],
    [{ method: 'per_page', pages: 1.5 }],
    [{ method: 'per_application', priorApplicationsThisMonth: -3 }],
    [{ method: 'per_application', priorApplicationsThisMonth: 0, applications: 0 }],
    [{ method: 'by_weight', kilos: 3 }],
  ])('rejects %p', (input) => {
    expect(() => computeFee(policy, input as never)).toThrow(expect.objectContaining({ code: PolicyErrorCode.InvalidFeeInput }));
  });
});

describe('disclosure deadlines under the policy', () => {
  it('answer: received 2026-09-28 → 2026-10-30; with the approved extension → 2026-11-27', () => {
    expect(disclosureAnswerDeadline(policy, { receivedOn: '2026-09-28' })).toMatchObject({ due: '2026-10-30', policyVersion: 'cn-2021.1' });
    const extended = disclosureAnswerDeadline(policy, {
      receivedOn: '2026-09-28',
      extension: { workingDays: 20, approvedBy: 'zhang', approverRole: 'head_of_disclosure_office' },
    });
    expect(extended.due).toBe('2026-11-27');
  });

  it('an extension needs the head of the disclosure office and at most 20 days', () => {
    expect(() =>
      disclosureAnswerDeadline(policy, { receivedOn: '2026-09-28', extension: { workingDays: 20, approvedBy: 'x', approverRole: 'clerk' as never } }),
    ).toThrow(expect.objectContaining({ code: PolicyErrorCode.ExtensionNotAllowed }));
    expect(() =>
      disclosureAnswerDeadline(policy, { receivedOn: '2026-09-28', extension: { workingDays: 21, approvedBy: 'x', approverRole: 'head_of_disclosure_office' } }),
    ).toThrow(expect.objectContaining({ code: PolicyErrorCode.ExtensionNotAllowed }));
  });

  it('correction request within 7 working days, consultations 15 working days', () => {
    expect(correctionRequestDeadline(policy, '2026-09-28').due).toBe('2026-10-13'); // 09-29, 09-30, 10-08, 10-09, Sat 10-10, 10-12, 10-13
    expect(consultationDeadline(policy, 'third_party', '2026-09-28').due).toBe('2026-10-23');
    expect(consultationDeadline(policy, 'co_producing_agency', '2026-09-28').due).toBe('2026-10-23');
  });

  it('reminders 5 and 1 working days before the due date', () => {
    expect(disclosureReminderDates(policy, '2026-10-30')).toEqual(['2026-10-23', '2026-10-29']);
  });

  it('uses the calendar it is given (provisional until 2027 is loaded)', () => {
    expect(disclosureAnswerDeadline(policy, { receivedOn: '2026-12-20' }).provisional).toBe(true);
    const cal = Calendar.builtIn().withYear({ year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], makeUpWorkdays: [], source: 'admin:test', reference: 'test' });
    expect(disclosureAnswerDeadline(policy, { receivedOn: '2026-12-20', calendar: cal }).provisional).toBe(false);
  });
});
