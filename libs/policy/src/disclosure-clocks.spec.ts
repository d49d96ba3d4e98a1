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

  it('fee notice: payment window of 20 working days from the notice; correction request: the period it gave', () => {
    const c = disclosureClocks({ policy, receivedOn: '2026-11-02', feeNoticeOn: '2026-11-10', correctionRequest: { requestedOn: '2026-11-03', workingDays: 15 } });
    expect(c.feePaymentBy?.due).toBe(addWorkingDays('2026-11-10', 20));
    expect(c.correctionDueBy?.due).toBe(addWorkingDays('2026-11-03', 15));
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
