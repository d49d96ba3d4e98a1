import { Calendar } from './calendar';
import { CalendarErrorCode, CalendarException } from './calendar.exception';
import { fromEpochDay, IsoDate, toEpochDay } from './iso-date';
import { endOfDayShanghai, IsoInstant } from './instant';
import { NamedDay } from './year-calendar';

/** Longest span any function here walks through, in calendar days (guards against runaway inputs). */
export const MAX_SPAN_DAYS = 3660;
/** Largest working-day count accepted by `dueDate` / `addWorkingDays`. */
export const MAX_WORKING_DAYS = 1000;
/** 条例 第三十三条: one extension of at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;

export type PauseReason = 'third_party_consultation' | 'co_producing_agency' | 'fee_notice' | 'correction';
export const PAUSE_REASONS: readonly PauseReason[] = Object.freeze([
  'third_party_consultation',
  'co_producing_agency',
  'fee_notice',
  'correction',
]);

/** A tolling interval: `from` through `to` (inclusive) do not count. No `to` = still paused (open-ended). */
export interface Pause {
  readonly from: IsoDate;
  readonly to?: IsoDate | null;
  readonly reason: PauseReason;
}

export interface Extension {
  readonly workingDays: number;
  /** Who approved it (the head of the disclosure office). Recorded, not checked here. */
  readonly approvedBy?: string;
}

export interface DueDateInput {
  readonly receivedOn: IsoDate;
  readonly workingDays: number;
  readonly pauses?: readonly Pause[];
  /** The one extension (at most 20 working days). Prefer {@link extend}, which enforces "at most once". */
  readonly extension?: Extension | null;
  /** Receipt of the corrected application (补正): the count restarts from this date. */
  readonly correctedOn?: IsoDate | null;
  /** Defaults to `Calendar.builtIn()`. */
  readonly calendar?: Calendar;
}

/** The input echoed back as plain data (no calendar), so it can be stored and fed to `extend`. */
export type DueDateRequest = Omit<DueDateInput, 'calendar'>;

export interface PausedDay {
  readonly date: IsoDate;
  readonly reason: PauseReason;
  /** Whether the day would have counted without the pause. */
  readonly wouldHaveCounted: boolean;
}

export interface CalendarYearSource {
  readonly year: number;
  readonly source: string;
  readonly reference: string;
}

export interface DueDateExplanation {
  readonly receivedOn: IsoDate;
  /** The corrected application's receipt date when the count restarted (补正), else null. */
  readonly restartedOn: IsoDate | null;
  /** Receipt (or corrected receipt) moved to the next working day when it fell on a non-working day. */
  readonly effectiveStart: IsoDate;
  readonly startShifted: boolean;
  /** The first day that can count: the day after the effective start. */
  readonly countFrom: IsoDate;
  readonly workingDays: number;
  readonly extensionWorkingDays: number;
  /** The due date without the extension (null while paused before reaching it). */
  readonly dueWithoutExtension: IsoDate | null;
  /** The working days counted, in order. */
  readonly countedDays: readonly IsoDate[];
  /** Official holidays between receipt and due date (inclusive) that did not count. */
  readonly skippedHolidays: readonly NamedDay[];
  /** Make-up working days (调休上班) that counted. */
  readonly makeUpWorkdaysCounted: readonly NamedDay[];
  /** Days that did not count because the clock was paused. */
  readonly pausedDays: readonly PausedDay[];
  /** Years touched (receipt … due) with no official data: counted as Mon–Fri, hence provisional. */
  readonly yearsWithoutOfficialData: readonly number[];
  /** The official year data the answer rests on. */
  readonly calendarSources: readonly CalendarYearSource[];
}

interface DueDateResultBase {
  readonly request: DueDateRequest;
  readonly provisional: boolean;
  readonly explanation: DueDateExplanation;
}

/** The clock has run to its end: `due` is the last working day, `dueAt` its end in Asia/Shanghai. */
export interface DueDateRunning extends DueDateResultBase {
  readonly status: 'running';
  readonly due: IsoDate;
  readonly dueAt: IsoInstant;
}

/** An open-ended pause stops the clock: there is no due date until it resumes. */
export interface DueDatePaused extends DueDateResultBase {
  readonly status: 'paused';
  readonly due: null;
  readonly dueAt: null;
  readonly pausedSince: IsoDate;
  readonly pauseReason: PauseReason;
  readonly remainingWorkingDays: number;
}

export type DueDateResult = DueDateRunning | DueDatePaused;

function resolveCalendar(calendar: Calendar | undefined): Calendar {
  return calendar ?? Calendar.builtIn();
}

function checkCount(n: unknown, field: string, min: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > MAX_WORKING_DAYS) {
    throw new CalendarException(
      CalendarErrorCode.InvalidWorkingDays,
      `${field} must be an integer between ${min} and ${MAX_WORKING_DAYS}, got ${String(n)}`,
    );
  }
  return n;
}

function checkExtension(ext: Extension): void {
  if (typeof ext !== 'object' || !Number.isInteger(ext.workingDays) || ext.workingDays < 1 || ext.workingDays > MAX_EXTENSION_WORKING_DAYS) {
    throw new CalendarException(
      CalendarErrorCode.ExtensionOutOfRange,
      `an extension is 1 to ${MAX_EXTENSION_WORKING_DAYS} working days, got ${String(ext?.workingDays)}`,
    );
  }
}

interface NormalizedPause {
  readonly from: number;
  readonly to: number; // Infinity when open-ended
  readonly reason: PauseReason;
}

function normalizePauses(pauses: readonly Pause[] | undefined): NormalizedPause[] {
  return (pauses ?? []).map((p, i) => {
    if (!p || typeof p !== 'object') {
      throw new CalendarException(CalendarErrorCode.InvalidPause, `pauses[${i}] must be an object`);
    }
    if (!PAUSE_REASONS.includes(p.reason)) {
      throw new CalendarException(CalendarErrorCode.InvalidPause, `pauses[${i}].reason must be one of ${PAUSE_REASONS.join(', ')}`);
    }
    const from = toEpochDay(p.from, `pauses[${i}].from`);
    const to = p.to === undefined || p.to === null ? Number.POSITIVE_INFINITY : toEpochDay(p.to, `pauses[${i}].to`);
    if (to < from) {
      throw new CalendarException(CalendarErrorCode.InvalidPause, `pauses[${i}] ends (${p.to}) before it starts (${p.from})`);
    }
    return { from, to, reason: p.reason };
  });
}

/** First working day on or after `epochDay`. */
function nextWorkingDayOnOrAfter(calendar: Calendar, epochDay: number): number {
  for (let d = epochDay, i = 0; i <= MAX_SPAN_DAYS; d++, i++) {
    if (calendar.dayInfoOfEpochDay(d).working) return d;
  }
  throw new CalendarException(CalendarErrorCode.RangeTooLarge, `no working day within ${MAX_SPAN_DAYS} days of ${fromEpochDay(epochDay)}`);
}

function yearsBetween(fromDay: number, toDay: number): number[] {
  const first = Number(fromEpochDay(fromDay).slice(0, 4));
  const last = Number(fromEpochDay(toDay).slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

function requestOf(input: DueDateInput): DueDateRequest {
  const { calendar: _calendar, ...request } = input;
  return request;
}

/**
 * The due date of a working-day deadline (e.g. 20 working days to answer a disclosure application).
 *
 * Counting rule: a receipt on a non-working day counts as a receipt on the next working day; the count starts the
 * day after; paused days (from … to, inclusive) do not count; the due date is the N-th counted working day and
 * expires at its end in Asia/Shanghai (`dueAt`). `provisional` is true when any year from receipt to due date has
 * no official data loaded.
 */
export function dueDate(input: DueDateInput): DueDateResult {
  if (!input || typeof input !== 'object') {
    throw new CalendarException(CalendarErrorCode.InvalidDate, 'dueDate needs an input object');
  }
  const calendar = resolveCalendar(input.calendar);
  const receivedDay = toEpochDay(input.receivedOn, 'receivedOn');
  const base = checkCount(input.workingDays, 'workingDays', 0);
  const extension = input.extension ?? null;
  if (extension) checkExtension(extension);
  let restartDay: number | null = null;
  if (input.correctedOn !== undefined && input.correctedOn !== null) {
    restartDay = toEpochDay(input.correctedOn, 'correctedOn');
    if (restartDay < receivedDay) {
      throw new CalendarException(
        CalendarErrorCode.InvalidCorrection,
        `correctedOn (${input.correctedOn}) is before receivedOn (${input.receivedOn})`,
      );
    }
  }
  const pauses = normalizePauses(input.pauses);
  const total = base + (extension?.workingDays ?? 0);

  const startDay = nextWorkingDayOnOrAfter(calendar, restartDay ?? receivedDay);
  const countedDays: IsoDate[] = [];
  const skippedHolidays: NamedDay[] = [];
  const makeUpWorkdaysCounted: NamedDay[] = [];
  const pausedDays: PausedDay[] = [];
  let dueWithoutExtension: IsoDate | null = base === 0 ? fromEpochDay(startDay) : null;

  // Holidays between receipt and the effective start (receipt on a holiday).
  for (let d = receivedDay; d <= startDay; d++) {
    const info = calendar.dayInfoOfEpochDay(d);
    if (info.kind === 'holiday') skippedHolidays.push({ date: info.date, name: info.name ?? '' });
  }

  let day = startDay;
  let openPause: NormalizedPause | null = null;
  while (countedDays.length < total) {
    day++;
    if (day - startDay > MAX_SPAN_DAYS) {
      throw new CalendarException(CalendarErrorCode.RangeTooLarge, `the count runs past ${MAX_SPAN_DAYS} calendar days`);
    }
    const info = calendar.dayInfoOfEpochDay(day);
    const pause = pauses.find((p) => p.from <= day && day <= p.to);
    if (pause) {
      if (pause.to === Number.POSITIVE_INFINITY) {
        openPause = pause;
        break;
      }
      pausedDays.push({ date: info.date, reason: pause.reason, wouldHaveCounted: info.working });
      continue;
    }
    if (info.kind === 'holiday') skippedHolidays.push({ date: info.date, name: info.name ?? '' });
    if (!info.working) continue;
    countedDays.push(info.date);
    if (info.kind === 'make_up_workday') makeUpWorkdaysCounted.push({ date: info.date, name: info.name ?? '' });
    if (countedDays.length === base) dueWithoutExtension = info.date;
  }

  const lastDay = openPause ? Math.max(day, startDay) : countedDays.length > 0 ? day : startDay;
  const years = yearsBetween(Math.min(receivedDay, restartDay ?? receivedDay), lastDay);
  const yearsWithoutOfficialData = years.filter((y) => !calendar.hasYear(y));
  const calendarSources = years
    .map((y) => calendar.yearData(y))
    .filter((y): y is NonNullable<typeof y> => y !== undefined)
    .map((y) => ({ year: y.year, source: y.source, reference: y.reference }));

  const explanation: DueDateExplanation = {
    receivedOn: input.receivedOn,
    restartedOn: restartDay === null ? null : fromEpochDay(restartDay),
    effectiveStart: fromEpochDay(startDay),
    startShifted: startDay !== (restartDay ?? receivedDay),
    countFrom: fromEpochDay(startDay + 1),
    workingDays: base,
    extensionWorkingDays: extension?.workingDays ?? 0,
    dueWithoutExtension,
    countedDays,
    skippedHolidays,
    makeUpWorkdaysCounted,
    pausedDays,
    yearsWithoutOfficialData,
    calendarSources,
  };
  const common = { request: requestOf(input), provisional: yearsWithoutOfficialData.length > 0, explanation };
  if (openPause) {
    return {
      ...common,
      status: 'paused',
      due: null,
      dueAt: null,
      pausedSince: fromEpochDay(openPause.from),
      pauseReason: openPause.reason,
      remainingWorkingDays: total - countedDays.length,
    };
  }
  const due = countedDays.length > 0 ? (countedDays[countedDays.length - 1] as IsoDate) : fromEpochDay(startDay);
  return { ...common, status: 'running', due, dueAt: endOfDayShanghai(due) };
}

function isResult(value: DueDateInput | DueDateResult): value is DueDateResult {
  return 'request' in value && 'explanation' in value;
}

/**
 * Grants the one extension (延期): +`workingDays` (1…20) working days, counted on from the current due date.
 * Throws EXTENSION_ALREADY_GRANTED when the input already carries an extension, EXTENSION_OUT_OF_RANGE when N > 20.
 * Given a result, pass the calendar again (results are plain data and do not carry it).
 */
export function extend(
  inputOrResult: DueDateInput | DueDateResult,
  workingDays: number,
  options: { approvedBy?: string; calendar?: Calendar } = {},
): DueDateResult {
  const input: DueDateInput = isResult(inputOrResult)
    ? { ...inputOrResult.request, calendar: options.calendar }
    : { ...inputOrResult, calendar: options.calendar ?? inputOrResult.calendar };
  if (input.extension) {
    throw new CalendarException(CalendarErrorCode.ExtensionAlreadyGranted, 'the deadline may be extended only once');
  }
  const extension: Extension = { workingDays, ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}) };
  checkExtension(extension);
  return dueDate({ ...input, extension });
}

/**
 * Correction (补正): the count restarts from the receipt of the corrected application. Pauses before that date stop
 * mattering; an extension already granted is kept.
 */
export function restartAfterCorrection(
  inputOrResult: DueDateInput | DueDateResult,
  correctedOn: IsoDate,
  options: { calendar?: Calendar } = {},
): DueDateResult {
  const input: DueDateInput = isResult(inputOrResult)
    ? { ...inputOrResult.request, calendar: options.calendar }
    : { ...inputOrResult, calendar: options.calendar ?? inputOrResult.calendar };
  return dueDate({ ...input, correctedOn });
}

/** Whether a date is an official working day (Mon–Fri for years without data; see `Calendar.dayInfo`). */
export function isWorkingDay(date: IsoDate, calendar?: Calendar): boolean {
  return resolveCalendar(calendar).isWorkingDay(date);
}

/**
 * The |n|-th working day after (n > 0) or before (n < 0) `date`, not counting `date` itself; n = 0 → `date`.
 * `date` need not be a working day.
 */
export function addWorkingDays(date: IsoDate, n: number, calendar?: Calendar): IsoDate {
  const cal = resolveCalendar(calendar);
  let day = toEpochDay(date);
  if (!Number.isInteger(n) || Math.abs(n) > MAX_WORKING_DAYS) {
    throw new CalendarException(CalendarErrorCode.InvalidWorkingDays, `n must be an integer within ±${MAX_WORKING_DAYS}, got ${n}`);
  }
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n), walked = 0; left > 0; ) {
    day += step;
    if (++walked > MAX_SPAN_DAYS) throw new CalendarException(CalendarErrorCode.RangeTooLarge, 'range too large');
    if (cal.dayInfoOfEpochDay(day).working) left--;
  }
  return fromEpochDay(day);
}

/** Reminder dates: the n-th working day before `date` (e.g. 5 and 1 working days before the due date). */
export function workingDaysBefore(date: IsoDate, n: number, calendar?: Calendar): IsoDate {
  checkCount(n, 'n', 0);
  return addWorkingDays(date, -n, calendar);
}

export interface WorkingDaysBetween {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Number of working days from `from` to `to`, both inclusive. */
  readonly count: number;
  readonly days: readonly IsoDate[];
  readonly provisional: boolean;
  readonly yearsWithoutOfficialData: readonly number[];
}

/** Working days in [from, to] (inclusive). Backs GET /v1/calendar/working-days. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar?: Calendar): WorkingDaysBetween {
  const cal = resolveCalendar(calendar);
  const a = toEpochDay(from, 'from');
  const b = toEpochDay(to, 'to');
  if (b < a) throw new CalendarException(CalendarErrorCode.InvalidDate, `to (${to}) is before from (${from})`);
  if (b - a > MAX_SPAN_DAYS) throw new CalendarException(CalendarErrorCode.RangeTooLarge, `at most ${MAX_SPAN_DAYS} days`);
  const days: IsoDate[] = [];
  for (let d = a; d <= b; d++) {
    const info = cal.dayInfoOfEpochDay(d);
    if (info.working) days.push(info.date);
  }
  const yearsWithoutOfficialData = yearsBetween(a, b).filter((y) => !cal.hasYear(y));
  return { from, to, count: days.length, days, provisional: yearsWithoutOfficialData.length > 0, yearsWithoutOfficialData };
}
