import { CalendarErrorCode } from './calendar.exception';
import { addCalendarDays, civilFromDays, daysFromCivil, fromEpochDay, isIsoDate, toEpochDay, weekdayOf } from './iso-date';

describe('iso-date', () => {
  it('round-trips epoch days for every day from 1900 to 2199', () => {
    const first = daysFromCivil(1900, 1, 1);
    const last = daysFromCivil(2199, 12, 31);
    for (let d = first; d <= last; d++) {
      const { year, month, day } = civilFromDays(d);
      expect(daysFromCivil(year, month, day)).toBe(d);
    }
    expect(fromEpochDay(0)).toBe('1970-01-01');
  });

  it('knows weekdays (2026-02-14 and 2026-02-28 are Saturdays, 2026-10-01 a Thursday)', () => {
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('2026-02-28')).toBe(6);
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(weekdayOf('2027-01-01')).toBe(5);
  });

  it('handles leap days and month/year boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '20260101', '2026-01-01T00:00:00Z', '', 'tomorrow', '1899-12-31'])(
    'rejects %p with a typed error',
    (bad) => {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => toEpochDay(bad)).toThrow(expect.objectContaining({ code: CalendarErrorCode.InvalidDate }));
    },
  );

  it('rejects non-strings', () => {
    expect(() => toEpochDay(20260101)).toThrow(expect.objectContaining({ code: CalendarErrorCode.InvalidDate }));
    expect(() => toEpochDay(null)).toThrow(expect.objectContaining({ code: CalendarErrorCode.InvalidDate }));
  });
});
