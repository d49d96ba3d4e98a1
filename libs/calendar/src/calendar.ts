import { CalendarErrorCode, CalendarException } from './calendar.exception';
import { CHINESE_DAYS_YEARS } from './chinese-days-data';
import { fromEpochDay, IsoDate, isIsoDate, MAX_YEAR, MIN_YEAR, toEpochDay, Weekday, weekdayOfEpochDay } from './iso-date';
import { NamedDay, YearCalendar } from './year-calendar';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday';

export interface DayInfo {
  readonly date: IsoDate;
  readonly weekday: Weekday;
  readonly working: boolean;
  /** workday = ordinary Mon–Fri; weekend = ordinary Sat/Sun; holiday = day off of the notice; make_up_workday = 调休上班. */
  readonly kind: DayKind;
  /** Holiday name for holidays and make-up working days. */
  readonly name?: string;
  /** false when the year has no official data loaded: the answer is Mon–Fri and provisional. */
  readonly official: boolean;
}

interface DayEntry {
  readonly kind: 'holiday' | 'make_up_workday';
  readonly name: string;
}

function deepFreezeYear(y: YearCalendar): YearCalendar {
  const freezeDay = (d: NamedDay): NamedDay => Object.freeze({ ...d });
  return Object.freeze({
    year: y.year,
    holidays: Object.freeze(y.holidays.map(freezeDay)),
    makeUpWorkdays: Object.freeze(y.makeUpWorkdays.map(freezeDay)),
    source: y.source,
    reference: y.reference,
  });
}

/** Checks administrator-loaded year data; throws CalendarException INVALID_YEAR_DATA with every problem found. */
export function validateYearCalendar(data: unknown): YearCalendar {
  const problems: string[] = [];
  const y = data as Partial<YearCalendar> | null;
  if (!y || typeof y !== 'object') {
    throw new CalendarException(CalendarErrorCode.InvalidYearData, 'year data must be an object');
  }
  if (!Number.isInteger(y.year) || (y.year as number) < MIN_YEAR || (y.year as number) > MAX_YEAR) {
    problems.push(`year must be an integer between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  if (typeof y.source !== 'string' || y.source.trim() === '') problems.push('source must be a non-empty string');
  if (typeof y.reference !== 'string' || y.reference.trim() === '') problems.push('reference must be a non-empty string');
  const seen = new Map<string, string>();
  for (const list of ['holidays', 'makeUpWorkdays'] as const) {
    const days = y[list];
    if (!Array.isArray(days)) {
      problems.push(`${list} must be an array`);
      continue;
    }
    days.forEach((d: Partial<NamedDay> | null, i: number) => {
      const at = `${list}[${i}]`;
      if (!d || typeof d !== 'object') return problems.push(`${at} must be an object`);
      if (!isIsoDate(d.date)) return problems.push(`${at}.date must be 'YYYY-MM-DD', got ${JSON.stringify(d.date)}`);
      if (Number(d.date.slice(0, 4)) !== y.year) problems.push(`${at}.date ${d.date} is not in year ${y.year}`);
      if (typeof d.name !== 'string' || d.name.trim() === '') problems.push(`${at}.name must be a non-empty string`);
      if (d.nameEn !== undefined && typeof d.nameEn !== 'string') problems.push(`${at}.nameEn must be a string`);
      const previous = seen.get(d.date);
      if (previous) problems.push(`${d.date} appears twice (${previous} and ${list})`);
      seen.set(d.date, list);
      if (list === 'makeUpWorkdays') {
        const wd = weekdayOfEpochDay(toEpochDay(d.date));
        if (wd !== 0 && wd !== 6) problems.push(`${at}: make-up working day ${d.date} is not a Saturday or Sunday`);
      }
      return undefined;
    });
  }
  if (problems.length > 0) {
    throw new CalendarException(CalendarErrorCode.InvalidYearData, `invalid year data: ${problems.join('; ')}`);
  }
  return y as YearCalendar;
}

/**
 * The official working-day calendar: immutable. It holds whole years of official data; a year without data is
 * answered as Monday–Friday and flagged `official: false` (callers turn that into `provisional: true`).
 *
 * `Calendar.builtIn()` carries the years of `chinese-days`; `withYear(data)` returns a new calendar in which that
 * year (e.g. the 2027 notice loaded by an administrator) replaces or adds to the built-in data.
 */
export class Calendar {
  private readonly yearsByNumber: ReadonlyMap<number, YearCalendar>;
  private readonly days: ReadonlyMap<number, DayEntry>;

  private constructor(years: Iterable<YearCalendar>) {
    const byNumber = new Map<number, YearCalendar>();
    for (const y of years) byNumber.set(y.year, y);
    const days = new Map<number, DayEntry>();
    for (const y of byNumber.values()) {
      for (const d of y.holidays) days.set(toEpochDay(d.date), { kind: 'holiday', name: d.name });
      for (const d of y.makeUpWorkdays) days.set(toEpochDay(d.date), { kind: 'make_up_workday', name: d.name });
    }
    this.yearsByNumber = byNumber;
    this.days = days;
    Object.freeze(this);
  }

  private static builtInInstance: Calendar | undefined;

  /** The calendar with the `chinese-days` years only. */
  static builtIn(): Calendar {
    Calendar.builtInInstance ??= new Calendar(CHINESE_DAYS_YEARS.map(deepFreezeYear));
    return Calendar.builtInInstance;
  }

  /** A calendar from the given years; with `includeBuiltIn` (default true) they override/extend the built-in years. */
  static fromYears(years: readonly YearCalendar[], options: { includeBuiltIn?: boolean } = {}): Calendar {
    const base = options.includeBuiltIn === false ? [] : Calendar.builtIn().yearList();
    return new Calendar([...base, ...years.map((y) => deepFreezeYear(validateYearCalendar(y)))]);
  }

  /** A new calendar in which `year` replaces any data of the same year. This calendar is unchanged. */
  withYear(year: YearCalendar): Calendar {
    return new Calendar([...this.yearList(), deepFreezeYear(validateYearCalendar(year))]);
  }

  withYears(years: readonly YearCalendar[]): Calendar {
    return years.reduce<Calendar>((cal, y) => cal.withYear(y), this);
  }

  /** Years with official data, ascending. */
  years(): readonly number[] {
    return [...this.yearsByNumber.keys()].sort((a, b) => a - b);
  }

  yearList(): readonly YearCalendar[] {
    return this.years().map((y) => this.yearsByNumber.get(y) as YearCalendar);
  }

  hasYear(year: number): boolean {
    return this.yearsByNumber.has(year);
  }

  yearData(year: number): YearCalendar | undefined {
    return this.yearsByNumber.get(year);
  }

  dayInfo(date: IsoDate): DayInfo {
    return this.dayInfoOfEpochDay(toEpochDay(date));
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.dayInfo(date).working;
  }

  /** @internal epoch-day variant used by the counting functions. */
  dayInfoOfEpochDay(epochDay: number): DayInfo {
    const date = fromEpochDay(epochDay);
    const weekday = weekdayOfEpochDay(epochDay);
    const official = this.yearsByNumber.has(Number(date.slice(0, 4)));
    const entry = this.days.get(epochDay);
    if (entry) return { date, weekday, working: entry.kind === 'make_up_workday', kind: entry.kind, name: entry.name, official };
    const weekend = weekday === 0 || weekday === 6;
    return { date, weekday, working: !weekend, kind: weekend ? 'weekend' : 'workday', official };
  }
}
