import { Calendar } from './calendar';
import { CalendarErrorCode } from './calendar.exception';
import { CHINESE_DAYS_YEARS } from './chinese-days-data';
import { YEAR_2027_TEST_DATA } from './test/year-2027.fixture';

describe('Calendar', () => {
  const cal = Calendar.builtIn();

  it('carries the chinese-days years as plain year records, through 2026', () => {
    expect(cal.hasYear(2024)).toBe(true);
    expect(cal.hasYear(2026)).toBe(true);
    expect(cal.hasYear(2027)).toBe(false);
    const y2026 = cal.yearData(2026);
    expect(y2026).toMatchObject({ year: 2026, source: 'chinese-days@1.5.7' });
    expect(y2026?.makeUpWorkdays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(CHINESE_DAYS_YEARS.every((y) => y.holidays.every((d) => d.date.startsWith(String(y.year))))).toBe(true);
  });

  it('treats the 2026 Spring Festival make-up Saturdays as working days', () => {
    expect(cal.dayInfo('2026-02-14')).toMatchObject({ working: true, kind: 'make_up_workday', name: '春节', weekday: 6 });
    expect(cal.dayInfo('2026-02-28')).toMatchObject({ working: true, kind: 'make_up_workday', name: '春节' });
    expect(cal.isWorkingDay('2026-02-21')).toBe(false); // Saturday inside the holiday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // ordinary Saturday
  });

  it('treats weekday holidays as days off, ordinary weekdays as working days', () => {
    expect(cal.dayInfo('2026-10-05')).toMatchObject({ working: false, kind: 'holiday', name: '国庆节' });
    expect(cal.dayInfo('2026-02-23')).toMatchObject({ working: false, kind: 'holiday', name: '春节' }); // a Monday
    expect(cal.dayInfo('2026-10-08')).toMatchObject({ working: true, kind: 'workday', official: true });
  });

  it('answers Mon–Fri for a year without data, flagged unofficial', () => {
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ working: true, kind: 'workday', official: false });
    expect(cal.dayInfo('2027-01-02')).toMatchObject({ working: false, kind: 'weekend', official: false });
  });

  it('withYear returns a new calendar and leaves the original unchanged', () => {
    const with2027 = cal.withYear(YEAR_2027_TEST_DATA);
    expect(with2027).not.toBe(cal);
    expect(with2027.dayInfo('2027-01-01')).toMatchObject({ working: false, kind: 'holiday', official: true });
    expect(with2027.dayInfo('2027-01-30')).toMatchObject({ working: true, kind: 'make_up_workday' });
    expect(cal.hasYear(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(Object.isFrozen(with2027)).toBe(true);
    expect(Object.isFrozen(with2027.yearData(2027)?.holidays)).toBe(true);
  });

  it('an administrator\'s year data overrides the built-in year', () => {
    const corrected = cal.withYear({
      year: 2026,
      holidays: [{ date: '2026-10-08', name: '国庆节' }],
      makeUpWorkdays: [],
      source: 'admin:test',
      reference: 'test override',
    });
    expect(corrected.isWorkingDay('2026-10-08')).toBe(false);
    expect(corrected.isWorkingDay('2026-10-01')).toBe(true); // the whole year was replaced
    expect(corrected.yearData(2026)?.source).toBe('admin:test');
  });

  it('fromYears can build a calendar without the built-in data', () => {
    const only2027 = Calendar.fromYears([YEAR_2027_TEST_DATA], { includeBuiltIn: false });
    expect(only2027.years()).toEqual([2027]);
  });

  it.each([
    [{ ...YEAR_2027_TEST_DATA, year: 2027.5 }],
    [{ ...YEAR_2027_TEST_DATA, source: '' }],
    [{ ...YEAR_2027_TEST_DATA, holidays: [{ date: '2026-12-31', name: '元旦' }] }],
    [{ ...YEAR_2027_TEST_DATA, holidays: [{ date: '2027-02-30', name: '春节' }] }],
    [{ ...YEAR_2027_TEST_DATA, makeUpWorkdays: [{ date: '2027-01-01', name: '元旦' }] }],
    [{ ...YEAR_2027_TEST_DATA, makeUpWorkdays: [{ date: '2027-01-06', name: '春节' }] }], // a Wednesday
    [{ ...YEAR_2027_TEST_DATA, holidays: 'none' }],
  ])('rejects invalid year data with a typed error (%#)', (bad) => {
    expect(() => cal.withYear(bad as never)).toThrow(expect.objectContaining({ code: CalendarErrorCode.InvalidYearData }));
  });
});
