import { Calendar } from './calendar';
import { CalendarErrorCode } from './calendar.exception';
import { YEAR_2027_TEST_DATA } from './test/year-2027.fixture';
import {
  addWorkingDays,
  dueDate,
  DueDateResult,
  extend,
  isWorkingDay,
  restartAfterCorrection,
  workingDaysBefore,
  workingDaysBetween,
} from './working-days';

function dueOf(r: DueDateResult): string {
  if (r.status !== 'running') throw new Error(`expected a running clock, got ${r.status}`);
  return r.due;
}

describe('dueDate — required spot checks (issue 5)', () => {
  it('received 2026-09-28, 20 working days → due 2026-10-30 across National Day', () => {
    const r = dueDate({ receivedOn: '2026-09-28', workingDays: 20 });
    expect(r).toMatchObject({ status: 'running', due: '2026-10-30', dueAt: '2026-10-30T15:59:59.999Z', provisional: false });
    expect(r.explanation.skippedHolidays.map((h) => h.date)).toEqual([
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
    expect(r.explanation.makeUpWorkdaysCounted).toEqual([{ date: '2026-10-10', name: '国庆节' }]);
    expect(r.explanation.countedDays).toHaveLength(20);
    expect(r.explanation.countFrom).toBe('2026-09-29');
    expect(r.explanation.calendarSources.map((s) => s.year)).toEqual([2026]);
  });

  it('extended by 20 → 2026-11-27', () => {
    const r = extend(dueDate({ receivedOn: '2026-09-28', workingDays: 20 }), 20, { approvedBy: 'head-of-disclosure-office' });
    expect(dueOf(r)).toBe('2026-11-27');
    expect(r.explanation.dueWithoutExtension).toBe('2026-10-30');
    expect(r.explanation.extensionWorkingDays).toBe(20);
    expect(r.request.extension).toEqual({ workingDays: 20, approvedBy: 'head-of-disclosure-office' });
  });

  it('a consultation pause of 10 working days moves the due date by exactly 10 working days', () => {
    // 2026-10-12 (Mon) … 2026-10-23 (Fri) = 10 working days.
    const paused = dueDate({
      receivedOn: '2026-09-28',
      workingDays: 20,
      pauses: [{ from: '2026-10-12', to: '2026-10-23', reason: 'third_party_consultation' }],
    });
    expect(dueOf(paused)).toBe(addWorkingDays('2026-10-30', 10));
    expect(dueOf(paused)).toBe('2026-11-13');
    expect(paused.explanation.pausedDays.filter((d) => d.wouldHaveCounted)).toHaveLength(10);
  });

  it('received in December 2026 → provisional; loading 2027 changes the answer and clears the flag', () => {
    const before = dueDate({ receivedOn: '2026-12-15', workingDays: 20 });
    expect(before).toMatchObject({ due: '2027-01-12', provisional: true });
    expect(before.explanation.yearsWithoutOfficialData).toEqual([2027]);

    const after = dueDate({ receivedOn: '2026-12-15', workingDays: 20, calendar: Calendar.builtIn().withYear(YEAR_2027_TEST_DATA) });
    expect(after).toMatchObject({ due: '2027-01-13', provisional: false });
    expect(after.explanation.yearsWithoutOfficialData).toEqual([]);
    expect(after.explanation.skippedHolidays.map((h) => h.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
  });
});

describe('dueDate — counting rules', () => {
  it('counting starts the day after receipt', () => {
    expect(dueOf(dueDate({ receivedOn: '2026-03-02', workingDays: 1 }))).toBe('2026-03-03');
    expect(dueOf(dueDate({ receivedOn: '2026-03-06', workingDays: 1 }))).toBe('2026-03-09'); // Fri → Mon
  });

  it('a receipt on a holiday counts as a receipt on the next working day', () => {
    // 2026-10-03 is inside National Day; next working day 2026-10-08; count from 10-09.
    const r = dueDate({ receivedOn: '2026-10-03', workingDays: 1 });
    expect(r.explanation).toMatchObject({ effectiveStart: '2026-10-08', startShifted: true, countFrom: '2026-10-09' });
    expect(dueOf(r)).toBe('2026-10-09');
    expect(r.explanation.skippedHolidays.map((h) => h.date)).toEqual(['2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(dueOf(dueDate({ receivedOn: '2026-10-03', workingDays: 20 }))).toBe('2026-11-04'); // 10-09, Sat 10-10 (make-up), …
  });

  it('a receipt on an ordinary weekend moves to Monday', () => {
    const r = dueDate({ receivedOn: '2026-03-07', workingDays: 1 });
    expect(r.explanation.effectiveStart).toBe('2026-03-09');
    expect(dueOf(r)).toBe('2026-03-10');
  });

  it('a receipt on a make-up working day (Saturday 2026-02-28) counts as that day', () => {
    const r = dueDate({ receivedOn: '2026-02-28', workingDays: 1 });
    expect(r.explanation).toMatchObject({ effectiveStart: '2026-02-28', startShifted: false, countFrom: '2026-03-01' });
    expect(dueOf(r)).toBe('2026-03-02');
  });

  it('counts the Spring Festival make-up Saturdays 2026-02-14 and 2026-02-28', () => {
    // Received Thu 2026-02-12: 02-13 (1), Sat 02-14 (2), holiday 02-15..23, 02-24 (3) … 02-27 (6), Sat 02-28 (7).
    const r = dueDate({ receivedOn: '2026-02-12', workingDays: 7 });
    expect(dueOf(r)).toBe('2026-02-28');
    expect(r.explanation.makeUpWorkdaysCounted.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-28']);
    expect(r.explanation.skippedHolidays).toHaveLength(9);
  });

  it('counts across a year boundary with data on both sides (2025 → 2026)', () => {
    // 2025-12-30 (Tue): 12-31 (1), 01-01..03 holiday, Sun 01-04 make-up (2), 01-05 (3).
    const r = dueDate({ receivedOn: '2025-12-30', workingDays: 3 });
    expect(dueOf(r)).toBe('2026-01-05');
    expect(r.provisional).toBe(false);
    expect(r.explanation.makeUpWorkdaysCounted.map((d) => d.date)).toEqual(['2026-01-04']);
  });

  it('0 working days → due on the effective receipt day', () => {
    expect(dueOf(dueDate({ receivedOn: '2026-10-03', workingDays: 0 }))).toBe('2026-10-08');
  });

  it('a range wholly in a year without data is provisional and counted Mon–Fri', () => {
    const r = dueDate({ receivedOn: '2027-05-03', workingDays: 5 });
    expect(r).toMatchObject({ due: '2027-05-10', provisional: true });
    expect(r.explanation.yearsWithoutOfficialData).toEqual([2027]);
    expect(r.explanation.calendarSources).toEqual([]);
  });

  it('a receipt in an unknown year whose deadline also ends there is provisional even when it looks plain', () => {
    expect(dueDate({ receivedOn: '2030-03-04', workingDays: 1 }).provisional).toBe(true);
  });
});

describe('dueDate — pauses (tolling)', () => {
  it('the day a pause starts through the day it ends do not count, then counting resumes', () => {
    const r = dueDate({ receivedOn: '2026-03-02', workingDays: 3, pauses: [{ from: '2026-03-03', to: '2026-03-04', reason: 'fee_notice' }] });
    expect(dueOf(r)).toBe('2026-03-09'); // 03-05 (1), 03-06 (2), 03-09 (3)
    expect(r.explanation.pausedDays).toEqual([
      { date: '2026-03-03', reason: 'fee_notice', wouldHaveCounted: true },
      { date: '2026-03-04', reason: 'fee_notice', wouldHaveCounted: true },
    ]);
  });

  it('a pause that spans a holiday only costs the working days inside it', () => {
    // Paused 2026-09-29 … 2026-10-09 spans National Day: working days lost 09-29, 09-30, 10-08, 10-09.
    const r = dueDate({
      receivedOn: '2026-09-28',
      workingDays: 20,
      pauses: [{ from: '2026-09-29', to: '2026-10-09', reason: 'co_producing_agency' }],
    });
    expect(r.explanation.pausedDays.filter((d) => d.wouldHaveCounted).map((d) => d.date)).toEqual([
      '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09',
    ]);
    expect(dueOf(r)).toBe(addWorkingDays('2026-10-30', 4));
    // The make-up Saturday right after the pause counts.
    expect(r.explanation.countedDays[0]).toBe('2026-10-10');
  });

  it('overlapping pauses count once', () => {
    const one = dueDate({ receivedOn: '2026-03-02', workingDays: 5, pauses: [{ from: '2026-03-03', to: '2026-03-06', reason: 'third_party_consultation' }] });
    const two = dueDate({
      receivedOn: '2026-03-02',
      workingDays: 5,
      pauses: [
        { from: '2026-03-03', to: '2026-03-05', reason: 'third_party_consultation' },
        { from: '2026-03-04', to: '2026-03-06', reason: 'co_producing_agency' },
      ],
    });
    expect(two.due).toBe(one.due);
  });

  it('an open-ended pause stops the clock: no due date, remaining days reported', () => {
    const r = dueDate({ receivedOn: '2026-03-02', workingDays: 20, pauses: [{ from: '2026-03-05', reason: 'third_party_consultation' }] });
    expect(r).toMatchObject({ status: 'paused', due: null, dueAt: null, pausedSince: '2026-03-05', remainingWorkingDays: 18 });
  });

  it('a pause after the due date changes nothing', () => {
    const r = dueDate({ receivedOn: '2026-03-02', workingDays: 2, pauses: [{ from: '2026-04-01', reason: 'fee_notice' }] });
    expect(r).toMatchObject({ status: 'running', due: '2026-03-04' });
  });

  it('rejects malformed pauses with typed errors', () => {
    const bad = [
      { from: '2026-03-05', to: '2026-03-04', reason: 'fee_notice' },
      { from: '2026-03-05', reason: 'holiday' },
      { from: '2026-02-30', reason: 'fee_notice' },
    ];
    expect(() => dueDate({ receivedOn: '2026-03-02', workingDays: 2, pauses: [bad[0]] as never })).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.InvalidPause }),
    );
    expect(() => dueDate({ receivedOn: '2026-03-02', workingDays: 2, pauses: [bad[1]] as never })).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.InvalidPause }),
    );
    expect(() => dueDate({ receivedOn: '2026-03-02', workingDays: 2, pauses: [bad[2]] as never })).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.InvalidDate }),
    );
  });
});

describe('extension and correction', () => {
  const base = { receivedOn: '2026-09-28', workingDays: 20 };

  it('an extension is at most 20 working days', () => {
    expect(() => extend(base, 21)).toThrow(expect.objectContaining({ code: CalendarErrorCode.ExtensionOutOfRange }));
    expect(() => extend(base, 0)).toThrow(expect.objectContaining({ code: CalendarErrorCode.ExtensionOutOfRange }));
    expect(() => extend(base, 2.5)).toThrow(expect.objectContaining({ code: CalendarErrorCode.ExtensionOutOfRange }));
    expect(() => dueDate({ ...base, extension: { workingDays: 30 } })).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.ExtensionOutOfRange }),
    );
  });

  it('only one extension is granted', () => {
    const once = extend(base, 5);
    expect(() => extend(once, 5)).toThrow(expect.objectContaining({ code: CalendarErrorCode.ExtensionAlreadyGranted }));
    expect(() => extend(once.request, 1)).toThrow(expect.objectContaining({ code: CalendarErrorCode.ExtensionAlreadyGranted }));
  });

  it('extending by N equals counting N more working days from the original due date', () => {
    expect(dueOf(extend(base, 7))).toBe(addWorkingDays('2026-10-30', 7));
  });

  it('an extension keeps the calendar passed in', () => {
    const cal = Calendar.builtIn().withYear(YEAR_2027_TEST_DATA);
    const r = extend({ receivedOn: '2026-12-01', workingDays: 20, calendar: cal }, 20);
    expect(r.provisional).toBe(false);
    const fromResult = extend(dueDate({ receivedOn: '2026-12-01', workingDays: 20, calendar: cal }), 20, { calendar: cal });
    expect(fromResult.due).toBe(r.due);
  });

  it('a correction restarts the count from the receipt of the corrected application', () => {
    const r = restartAfterCorrection(base, '2026-10-09');
    expect(r.explanation.restartedOn).toBe('2026-10-09');
    expect(dueOf(r)).toBe(dueOf(dueDate({ receivedOn: '2026-10-09', workingDays: 20 })));
    expect(dueOf(r)).toBe('2026-11-05');
  });

  it('a corrected application received on a holiday restarts on the next working day', () => {
    const r = restartAfterCorrection(base, '2026-10-04');
    expect(r.explanation).toMatchObject({ effectiveStart: '2026-10-08', startShifted: true });
  });

  it('rejects a correction dated before the original receipt', () => {
    expect(() => restartAfterCorrection(base, '2026-09-01')).toThrow(expect.objectContaining({ code: CalendarErrorCode.InvalidCorrection }));
  });
});

describe('input validation', () => {
  it.each([
    [{ receivedOn: '2026/09/28', workingDays: 20 }, CalendarErrorCode.InvalidDate],
    [{ receivedOn: '2026-09-31', workingDays: 20 }, CalendarErrorCode.InvalidDate],
    [{ receivedOn: '2026-09-28', workingDays: -1 }, CalendarErrorCode.InvalidWorkingDays],
    [{ receivedOn: '2026-09-28', workingDays: 1.5 }, CalendarErrorCode.InvalidWorkingDays],
    [{ receivedOn: '2026-09-28', workingDays: '20' }, CalendarErrorCode.InvalidWorkingDays],
  ])('%p → %s', (input, code) => {
    expect(() => dueDate(input as never)).toThrow(expect.objectContaining({ code }));
  });
});

describe('helpers', () => {
  it('isWorkingDay', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2027-01-01')).toBe(true);
    expect(isWorkingDay('2027-01-01', Calendar.builtIn().withYear(YEAR_2027_TEST_DATA))).toBe(false);
  });

  it('workingDaysBefore gives reminder dates (5 and 1 working days before due)', () => {
    expect(workingDaysBefore('2026-10-30', 5)).toBe('2026-10-23');
    expect(workingDaysBefore('2026-10-30', 1)).toBe('2026-10-29');
    // Across National Day: 2026-10-09 − 3 working days = 10-08, 09-30, 09-29 → 09-29.
    expect(workingDaysBefore('2026-10-09', 3)).toBe('2026-09-29');
    expect(workingDaysBefore('2026-10-12', 1)).toBe('2026-10-10'); // the make-up Saturday
    expect(workingDaysBefore('2026-10-30', 0)).toBe('2026-10-30');
  });

  it('workingDaysBetween counts and lists (both ends inclusive)', () => {
    const r = workingDaysBetween('2026-09-28', '2026-10-11');
    expect(r.days).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect(r).toMatchObject({ count: 6, provisional: false });
    expect(workingDaysBetween('2026-12-28', '2027-01-04')).toMatchObject({ count: 6, provisional: true, yearsWithoutOfficialData: [2027] });
    expect(() => workingDaysBetween('2026-10-11', '2026-09-28')).toThrow(expect.objectContaining({ code: CalendarErrorCode.InvalidDate }));
    expect(() => workingDaysBetween('2020-01-01', '2030-12-31')).toThrow(expect.objectContaining({ code: CalendarErrorCode.RangeTooLarge }));
  });

  it('addWorkingDays goes forwards and backwards', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
  });
});
