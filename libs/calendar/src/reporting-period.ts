// Reporting periods of supervision (月统计、季通报): a month `2026-11` or a quarter `2026-Q4`, each a span of
// Asia/Shanghai civil time (UTC+8 all year). Pure integer arithmetic, no Date: the bulletin workflow imports it.
import { daysFromCivil } from './iso-date';
import { fromEpochMs, SHANGHAI_OFFSET_MINUTES, toEpochMs, type IsoInstant } from './instant';

export type ReportingPeriodKind = 'monthly' | 'quarterly';
export const REPORTING_PERIOD_KINDS: readonly ReportingPeriodKind[] = ['monthly', 'quarterly'];

export interface ReportingPeriod {
  kind: ReportingPeriodKind;
  /** `YYYY-MM` (monthly) or `YYYY-Qn` (quarterly). */
  period: string;
  /** First instant of the period (00:00 Asia/Shanghai of its first day), UTC ISO. */
  from: IsoInstant;
  /** First instant after the period (exclusive end), UTC ISO. */
  to: IsoInstant;
  /** Its months, oldest first (`YYYY-MM`). */
  months: string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MS_PER_DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const monthCode = (year: number, month: number) => `${year}-${pad(month)}`;

/** Months since year 0 (year·12 + month − 1): months are easy to step through as integers. */
function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}
function fromMonthIndex(i: number): { year: number; month: number } {
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}
function monthStartMs(i: number): number {
  const { year, month } = fromMonthIndex(i);
  return daysFromCivil(year, month, 1) * MS_PER_DAY - SHANGHAI_OFFSET_MINUTES * 60_000;
}

/** The period a code names, or null when it is not `YYYY-MM` for monthly / `YYYY-Qn` for quarterly (years 1901–2198, so the period before and after are
 * representable too). */
export function parseReportingPeriod(kind: ReportingPeriodKind, period: string): ReportingPeriod | null {
  const m = kind === 'monthly' ? MONTH.exec(period) : QUARTER.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1901 || year > 2198) return null;
  const first = kind === 'monthly' ? monthIndex(year, Number(m[2])) : monthIndex(year, (Number(m[2]) - 1) * 3 + 1);
  return spanOf(kind, first);
}

function spanOf(kind: ReportingPeriodKind, firstMonth: number): ReportingPeriod {
  const count = kind === 'monthly' ? 1 : 3;
  const months = Array.from({ length: count }, (_, k) => fromMonthIndex(firstMonth + k)).map((x) => monthCode(x.year, x.month));
  const { year, month } = fromMonthIndex(firstMonth);
  const period = kind === 'monthly' ? monthCode(year, month) : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return { kind, period, from: fromEpochMs(monthStartMs(firstMonth)), to: fromEpochMs(monthStartMs(firstMonth + count)), months };
}

/** The period of the given kind that contains an instant (its Asia/Shanghai civil time). */
export function periodContaining(kind: ReportingPeriodKind, instant: IsoInstant): ReportingPeriod {
  const shanghai = fromEpochMs(toEpochMs(instant) + SHANGHAI_OFFSET_MINUTES * 60_000);
  const year = Number(shanghai.slice(0, 4));
  const month = Number(shanghai.slice(5, 7));
  const first = kind === 'monthly' ? monthIndex(year, month) : monthIndex(year, month - ((month - 1) % 3));
  return spanOf(kind, first);
}

/** The period just before (2026-Q1 → 2025-Q4, 2026-01 → 2025-12). */
export function previousPeriod(p: ReportingPeriod): ReportingPeriod {
  const first = monthIndexOf(p.months[0] as string);
  return spanOf(p.kind, first - (p.kind === 'monthly' ? 1 : 3));
}

/**
 * What a scheduled run reports on: the last whole period before the scheduled time — the schedule fires on the first
 * day of a period (08:00 Asia/Shanghai) for the one that has just ended.
 */
export function periodBefore(kind: ReportingPeriodKind, scheduledAt: IsoInstant): ReportingPeriod {
  return previousPeriod(periodContaining(kind, scheduledAt));
}

/** `count` consecutive months ending with `lastMonth` (`YYYY-MM`), oldest first: the window of a trend chart. */
export function monthsEndingWith(lastMonth: string, count: number): string[] {
  const last = monthIndexOf(lastMonth);
  return Array.from({ length: count }, (_, k) => fromMonthIndex(last - count + 1 + k)).map((x) => monthCode(x.year, x.month));
}

function monthIndexOf(month: string): number {
  return monthIndex(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}
