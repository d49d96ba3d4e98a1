import { CalendarErrorCode, CalendarException } from './calendar.exception';

/**
 * A civil date 'YYYY-MM-DD' (Asia/Shanghai calendar day).
 *
 * All date arithmetic here is integer arithmetic on "epoch days" (days since 1970-01-01): no `Date` object is
 * involved, so nothing can depend on the machine's time zone.
 */
export type IsoDate = string;

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Validates and converts 'YYYY-MM-DD' to epoch days; throws {@link CalendarException} INVALID_DATE. */
export function toEpochDay(value: unknown, field = 'date'): number {
  if (!isIsoDate(value)) {
    throw new CalendarException(
      CalendarErrorCode.InvalidDate,
      `${field} must be a real calendar date 'YYYY-MM-DD' between ${MIN_YEAR} and ${MAX_YEAR}, got ${JSON.stringify(value)}`,
    );
  }
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return daysFromCivil(y, m, d);
}

export function fromEpochDay(epochDay: number): IsoDate {
  const { year, month, day } = civilFromDays(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function weekdayOfEpochDay(epochDay: number): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay + 4) % 7) + 7) % 7) as Weekday;
}

export function weekdayOf(date: IsoDate): Weekday {
  return weekdayOfEpochDay(toEpochDay(date));
}

export function yearOf(date: IsoDate): number {
  toEpochDay(date);
  return Number(date.slice(0, 4));
}

/** Calendar-day arithmetic (not working days). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) {
    throw new CalendarException(CalendarErrorCode.InvalidWorkingDays, `days must be an integer, got ${days}`);
  }
  return fromEpochDay(toEpochDay(date) + days);
}

/** Negative if a < b, 0 if equal, positive if a > b. ISO dates compare lexically, but validate anyway. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return toEpochDay(a, 'a') - toEpochDay(b, 'b');
}
