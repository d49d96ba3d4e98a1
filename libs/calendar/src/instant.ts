import { CalendarErrorCode, CalendarException } from './calendar.exception';
import { civilFromDays, daysInMonth, fromEpochDay, IsoDate, MAX_YEAR, MIN_YEAR, toEpochDay } from './iso-date';

/**
 * An instant as an ISO-8601 string with an explicit offset ('Z' or ±HH:MM), e.g. '2026-10-01T08:30:00+08:00'.
 * Strings without an offset are rejected: they would mean "local time of whatever machine parses them".
 * Results are always returned in UTC with milliseconds: '2026-10-01T00:30:00.000Z'.
 */
export type IsoInstant = string;

/** Asia/Shanghai is UTC+08:00 all year (no daylight saving time since 1991). */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO instant with explicit offset to epoch milliseconds, by integer arithmetic only. */
export function toEpochMs(value: unknown, field = 'instant'): number {
  const m = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  const fail = (): never => {
    throw new CalendarException(
      CalendarErrorCode.InvalidInstant,
      `${field} must be an ISO-8601 instant with an offset (e.g. 2026-10-01T08:30:00+08:00), got ${JSON.stringify(value)}`,
    );
  };
  if (!m) return fail();
  const [, ys, mos, ds, hs, mis, ss, frac, offset] = m as unknown as [string, string, string, string, string, string, string | undefined, string | undefined, string];
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) fail();
  if (hour > 23 || minute > 59 || second > 59) fail();
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 14 || om > 59) fail();
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const epochDay = toEpochDay(`${ys}-${mos}-${ds}`, field);
  return epochDay * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

/** Formats epoch milliseconds as a UTC ISO instant 'YYYY-MM-DDTHH:mm:ss.sssZ'. */
export function fromEpochMs(epochMs: number): IsoInstant {
  const epochDay = Math.floor(epochMs / MS_PER_DAY);
  let rest = epochMs - epochDay * MS_PER_DAY;
  const { year } = civilFromDays(epochDay);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarException(CalendarErrorCode.InvalidInstant, `instant outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / MS_PER_MINUTE);
  rest -= minute * MS_PER_MINUTE;
  const second = Math.floor(rest / 1000);
  const ms = rest - second * 1000;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${fromEpochDay(epochDay)}T${p(hour)}:${p(minute)}:${p(second)}.${p(ms, 3)}Z`;
}

/** Normalises any accepted instant to the UTC form returned by this library. */
export function normalizeInstant(instant: IsoInstant): IsoInstant {
  return fromEpochMs(toEpochMs(instant));
}

/** Natural minutes (holidays and nights included). */
export function addMinutes(instant: IsoInstant, minutes: number): IsoInstant {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) {
    throw new CalendarException(CalendarErrorCode.InvalidHours, `minutes must be a finite number, got ${String(minutes)}`);
  }
  return fromEpochMs(toEpochMs(instant) + Math.round(minutes * MS_PER_MINUTE));
}

/** Natural hours (holidays and nights included): the rule for 1 h / 5 h / 24 h / 48 h opinion deadlines. */
export function addHours(instant: IsoInstant, hours: number): IsoInstant {
  if (typeof hours !== 'number' || !Number.isFinite(hours)) {
    throw new CalendarException(CalendarErrorCode.InvalidHours, `hours must be a finite number, got ${String(hours)}`);
  }
  return fromEpochMs(toEpochMs(instant) + Math.round(hours * 60 * MS_PER_MINUTE));
}

/** The Asia/Shanghai calendar date of an instant, e.g. to turn a receipt timestamp into `receivedOn`. */
export function shanghaiDateOf(instant: IsoInstant): IsoDate {
  return fromEpochDay(Math.floor((toEpochMs(instant) + SHANGHAI_OFFSET_MINUTES * MS_PER_MINUTE) / MS_PER_DAY));
}

/** The end of a day in Asia/Shanghai (23:59:59.999+08:00) as a UTC instant: when a working-day deadline expires. */
export function endOfDayShanghai(date: IsoDate): IsoInstant {
  return fromEpochMs((toEpochDay(date) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MINUTES * MS_PER_MINUTE - 1);
}

/** Milliseconds between two instants (b − a). */
export function millisecondsBetween(a: IsoInstant, b: IsoInstant): number {
  return toEpochMs(b, 'b') - toEpochMs(a, 'a');
}
