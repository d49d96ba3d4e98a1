// Pure mapping between the HTTP surface and @huiying/calendar: query parsing, error mapping. No I/O.
import {
  CalendarErrorCode,
  CalendarException,
  isIsoDate,
  PAUSE_REASONS,
  validateYearCalendar,
  type DueDateInput,
  type Pause,
  type PauseReason,
  type YearCalendar,
} from '@huiying/calendar';
import type { DueDateQueryDto, LoadCalendarYearDto } from '@huiying/contracts';
import type { FieldError } from '@huiying/platform';
import { CalendarApiException } from './calendar.exception';

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function pauseProblems(p: unknown): string[] {
  if (!p || typeof p !== 'object' || Array.isArray(p)) return ['must be an object {from, to?, reason}'];
  const o = p as Record<string, unknown>;
  const problems: string[] = [];
  const extra = Object.keys(o).filter((k) => !['from', 'to', 'reason'].includes(k));
  if (extra.length) problems.push(`unknown field(s): ${extra.join(', ')}`);
  if (!isIsoDate(o.from)) problems.push('from must be a real date YYYY-MM-DD');
  if (o.to !== undefined && o.to !== null && !isIsoDate(o.to)) problems.push('to must be a real date YYYY-MM-DD or absent (still paused)');
  if (isIsoDate(o.from) && isIsoDate(o.to) && o.to < o.from) problems.push('to is before from');
  if (!PAUSE_REASONS.includes(o.reason as PauseReason)) problems.push(`reason must be one of: ${PAUSE_REASONS.join(', ')}`);
  return problems;
}

function toPause(o: Record<string, unknown>): Pause {
  return { from: o.from as string, ...(o.to !== undefined && o.to !== null ? { to: o.to as string } : {}), reason: o.reason as PauseReason };
}

/** `pauses` as a JSON array of {from, to?, reason}. */
export function parsePausesJson(raw: string | undefined): Parsed<Pause[]> {
  if (raw === undefined) return { ok: true, value: [] };
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return { ok: false, errors: [{ field: 'pauses', messages: ['pauses must be a JSON array of {from, to?, reason}'] }] };
  }
  if (!Array.isArray(list)) return { ok: false, errors: [{ field: 'pauses', messages: ['pauses must be a JSON array of {from, to?, reason}'] }] };
  const errors: FieldError[] = [];
  list.forEach((p, i) => {
    const problems = pauseProblems(p);
    if (problems.length) errors.push({ field: `pauses[${i}]`, messages: problems });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: list.map((p) => toPause(p as Record<string, unknown>)) };
}

const PAUSE_PARAM = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})?:([a-z_]+)$/;

/** Repeated `pause=from..to:reason` params (`from..:reason` = still paused). */
export function parsePauseParams(raw: readonly string[] | undefined): Parsed<Pause[]> {
  const errors: FieldError[] = [];
  const pauses: Pause[] = [];
  (raw ?? []).forEach((s, i) => {
    const m = PAUSE_PARAM.exec(s.trim());
    const candidate = m ? { from: m[1], ...(m[2] ? { to: m[2] } : {}), reason: m[3] } : undefined;
    const problems = candidate ? pauseProblems(candidate) : ["must be 'from..to:reason', e.g. 2026-12-20..2026-12-31:third_party_consultation"];
    if (problems.length) errors.push({ field: `pause[${i}]`, messages: problems });
    else pauses.push(toPause(candidate as Record<string, unknown>));
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: pauses };
}

/**
 * The lib's input for a due-date query. Only the fields the caller gave are set, so the result's `request`
 * echo is exactly what the lib returns for the same call. Throws a 400 (field-level) for malformed pauses.
 */
export function toDueDateInput(q: DueDateQueryDto): Omit<DueDateInput, 'calendar'> {
  const json = parsePausesJson(q.pauses);
  const params = parsePauseParams(q.pause);
  const errors = [...(json.ok ? [] : json.errors), ...(params.ok ? [] : params.errors)];
  if (errors.length) throw CalendarApiException.invalidQuery(errors);
  const pauses = [...(json.ok ? json.value : []), ...(params.ok ? params.value : [])];
  return {
    receivedOn: q.receivedOn,
    workingDays: q.workingDays,
    ...(pauses.length ? { pauses } : {}),
    ...(q.extensionWorkingDays !== undefined ? { extension: { workingDays: q.extensionWorkingDays } } : {}),
    ...(q.correctedOn !== undefined ? { correctedOn: q.correctedOn } : {}),
  };
}

/**
 * Runs a calendar computation for a query; a CalendarException the query caused becomes a field-level 400
 * (the field named by `fields` for its code, else `query`).
 */
export function answerQuery<T>(compute: () => T, fields: Partial<Record<CalendarErrorCode, string>>): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof CalendarException) {
      throw CalendarApiException.invalidQuery([{ field: fields[e.code] ?? 'query', messages: [e.message] }]);
    }
    throw e;
  }
}

export const DUE_DATE_ERROR_FIELDS: Partial<Record<CalendarErrorCode, string>> = {
  [CalendarErrorCode.InvalidCorrection]: 'correctedOn',
  [CalendarErrorCode.InvalidPause]: 'pauses',
  [CalendarErrorCode.ExtensionOutOfRange]: 'extensionWorkingDays',
  [CalendarErrorCode.InvalidWorkingDays]: 'workingDays',
  [CalendarErrorCode.RangeTooLarge]: 'workingDays',
};

export const WORKING_DAYS_ERROR_FIELDS: Partial<Record<CalendarErrorCode, string>> = {
  [CalendarErrorCode.InvalidDate]: 'to',
  [CalendarErrorCode.RangeTooLarge]: 'to',
};

const YEAR_DATA_PREFIX = 'invalid year data: ';

/**
 * The `YearCalendar` to store for PUT /v1/admin/calendar/years/:year, checked by the lib's `validateYearCalendar`.
 * Throws a 422 listing every problem (the lib reports them joined by '; ').
 */
export function toYearCalendar(year: number, dto: LoadCalendarYearDto): YearCalendar {
  const problems: string[] = [];
  if (dto.year !== undefined && dto.year !== year) problems.push(`year in the body (${dto.year}) differs from the year in the path (${year})`);
  const strip = (d: { date: string; name: string; nameEn?: string }) => ({ date: d.date, name: d.name, ...(d.nameEn !== undefined ? { nameEn: d.nameEn } : {}) });
  const data: YearCalendar = {
    year,
    holidays: dto.holidays.map(strip),
    makeUpWorkdays: dto.makeUpWorkdays.map(strip),
    source: dto.source,
    reference: dto.reference,
  };
  try {
    validateYearCalendar(data);
  } catch (e) {
    if (!(e instanceof CalendarException) || e.code !== CalendarErrorCode.InvalidYearData) throw e;
    problems.push(...splitYearProblems(e.message));
  }
  if (problems.length) throw CalendarApiException.invalidYear(problems);
  return data;
}

export function splitYearProblems(message: string): string[] {
  const body = message.startsWith(YEAR_DATA_PREFIX) ? message.slice(YEAR_DATA_PREFIX.length) : message;
  return body.split('; ').filter((p) => p.length > 0);
}
