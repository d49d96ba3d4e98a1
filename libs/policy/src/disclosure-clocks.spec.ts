import { addWorkingDays, Calendar, type YearCalendar } from '@huiying/calendar';
import { disclosureClocks, reminderInstant } from './disclosure-clocks';
import { NATIONAL_DISCLOSURE_POLICY } from './disclosure';

const policy = NATIONAL_DISCLOSURE_POLICY;

describe('disclosureClocks', () => {
  it('answer 20 working days across National Day, reminders 5 and 1 working days before at 09:00 Shanghai, correction window 7', () => {
    const c = disclosureClocks({ policy, receivedOn: '2026-09-28' });
    expect(c.answer).toMatchObject({ status: 'running', due: '2026-10-30', dueAt: '2026-10-30T15:59:59.999Z', provisional: false, pausedWorkingDays: 0 });
    expect(c.answer.reminders).toEqual([
      { workingDaysBefore: 5, date: '2026-10-23', at: '2026-10-23T01:00:00.000Z' },
      { workingDaysBefore: 1, date: '2026-10-29', at: '2026-10-29T01:00:00.000Z' },
    ]);
    expect(c.correctionRequestBy.due).toBe(addWorkingDays('2026-09-28', 7));
    expect(c.correctionDueBy).toBeNull();
    expect(c.feePaymentBy).toBeNull();
    expect(c.policyVersion).toBe(policy.version);
  });

  it('the extension of 20 working days approved by the head of the disclosure office gives 2026-11-27', () => {
    const c = disclosureClocks({ policy, receivedOn: '2026-09-28', extension: { workingDays: 20, approvedBy: '王主任', approverRole: 'head_of_disclosure_office' } });
    expect(c.answer).toMatchObject({ due: '2026-11-27', dueWithoutExtension: '2026-10-30' });
  });

  it('an open consultation pauses the answer (no due date, no reminders) and has its own 15-working-day clock', () => {
    const c = disclosureClocks({
      policy,
      receivedOn: '2026-09-28',
      pauses: [{ from: '2026-10-12', reason: 'third_party_consultation' }],
      consultations: [{ id: 'c1', party: 'third_party', requestReceivedOn: '2026-10-13' }],
    });
    expect(c.answer).toMatchObject({ status: 'paused', due: null, dueAt: null, reminders: [] });
    expect(c.answer.remainingWorkingDays).toBeGreaterThan(0);
    expect(c.consultations).toEqual([expect.objectContaining({ id: 'c1', party: 'third_party', due: addWorkingDays('2026-10-13', 15) })]);
  });

  it('fee notice and correction request: each period runs from the applicant’s recorded receipt of the notice, not from sending', () => {
    const sent = disclosureClocks({
      policy,
      receivedOn: '2026-11-02',
      feeNotice: { issuedOn: '2026-11-10', receivedOn: null },
      correctionRequest: { requestedOn: '2026-11-03', workingDays: 15, noticeReceivedOn: null },
    });
    expect(sent.feePaymentBy).toBeNull();
    expect(sent.correctionDueBy).toBeNull();
    const received = disclosureClocks({
      policy,
      receivedOn: '2026-11-02',
      feeNotice: { issuedOn: '2026-11-10', receivedOn: '2026-11-13' },
      correctionRequest: { requestedOn: '2026-11-03', workingDays: 15, noticeReceivedOn: '2026-11-06' },
    });
    // 109号: 「收到收费通知次日起20个工作日内」: counting starts the day after receipt
    expect(received.feePaymentBy?.due).toBe(addWorkingDays('2026-11-13', 20));
    expect(received.feePaymentBy?.due).toBe('2026-12-11');
    expect(received.correctionDueBy?.due).toBe(addWorkingDays('2026-11-06', 15));
  });

  it('a consultation whose request was received three working days after sending: its 15 working days count from the receipt', () => {
    const waiting = disclosureClocks({
      policy,
      receivedOn: '2026-11-02',
      pauses: [{ from: '2026-11-09', reason: 'third_party_consultation' }],
      consultations: [{ id: 'c1', party: 'third_party', requestReceivedOn: null }],
    });
    expect(waiting.consultations).toEqual([]); // no due date: silence cannot apply before receipt is recorded
    const received = disclosureClocks({
      policy,
      receivedOn: '2026-11-02',
      pauses: [{ from: '2026-11-09', reason: 'third_party_consultation' }],
      consultations: [{ id: 'c1', party: 'third_party', requestReceivedOn: '2026-11-12' }],
    });
    expect(received.consultations).toEqual([expect.objectContaining({ id: 'c1', due: addWorkingDays('2026-11-12', 15) })]);
    expect(received.consultations[0]?.due).toBe('2026-12-03');
  });

  it('a notice without recorded receipt gets a reminder the policy’s working days after it was issued, at 09:00 Shanghai', () => {
    const c = disclosureClocks({ policy, receivedOn: '2026-11-02', noticesAwaitingReceipt: [{ id: 'n1', issuedOn: '2026-11-03' }] });
    expect(c.noticeReceiptReminders).toEqual([{ id: 'n1', date: addWorkingDays('2026-11-03', 5), at: reminderInstant(addWorkingDays('2026-11-03', 5)) }]);
  });

  it('第三十五条: a longer reasonable period replaces the statutory due date, and the case is not due at 20 working days', () => {
    const c = disclosureClocks({ policy, receivedOn: '2026-11-02', excessivePeriodDue: '2027-02-26' });
    expect(c.answer).toMatchObject({ status: 'running', basis: 'excessive_period', due: '2027-02-26', dueAt: '2027-02-26T15:59:59.999Z', reminders: [] });
    expect(disclosureClocks({ policy, receivedOn: '2026-11-02' }).answer).toMatchObject({ basis: 'statutory', due: '2026-11-30' });
  });

  it('provisional while 2027 is unknown; official once the 2027 year is in the calendar', () => {
    const before = disclosureClocks({ policy, receivedOn: '2026-12-15' });
    expect(before).toMatchObject({ provisional: true, yearsWithoutOfficialData: [2027] });
    expect(before.answer.due).toBe('2027-01-12');
    const y2027: YearCalendar = { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], makeUpWorkdays: [], source: 'test', reference: 'test data' };
    const after = disclosureClocks({ policy, receivedOn: '2026-12-15' }, Calendar.fromYears([y2027]));
    expect(after).toMatchObject({ provisional: false, yearsWithoutOfficialData: [] });
    expect(after.answer.due).toBe('2027-01-13');
  });

  it('reminderInstant is 09:00 in Asia/Shanghai', () => {
    expect(reminderInstant('2027-01-04')).toBe('2027-01-04T01:00:00.000Z');
  });
});
