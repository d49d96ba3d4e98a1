// The figures of a bulletin (季通报 / 月报): pure, no I/O. Every count comes from the monthly statistics fold
// (buildMonthlyStatistics, one run per month of the window) — never a second way of counting: a quarter is the sum of
// its three months' additive figures, "at the end" figures are those of its last month. The named cases come from the
// same case histories (escalation events and the fold of each history at the period's end).
import type { MonthlyFiguresDto, MonthlyStatisticsDto } from '@huiying/contracts';
import { keyCasesOf, type BulletinKeyCases } from './bulletin-key-cases';
import { monthsEndingWith, previousPeriod, type ReportingPeriod } from '@huiying/calendar';
import { foldCaseHistory, type FoldableEvent } from '../cases/case-fold';
import { buildMonthlyStatistics, type CaseHistoryForStatistics } from '../statistics/monthly-statistics.fold';
import { departmentName } from './bulletin-labels';

/** Months shown by the volume chart: the six ending with the period's last month (a quarter and the one before). */
export const TREND_MONTHS = 6;

export interface PeriodTotals {
  received: number;
  closed: number;
  onTime: number;
  late: number;
  /** onTime / (onTime + late), null when no clock was due. */
  onTimeRate: number | null;
  escalations: number;
  openAtEnd: number;
  overdueAtEnd: number;
}

export interface DepartmentStanding extends PeriodTotals {
  /** 1 = best on-time rate; null when nothing was due (listed after the ranked ones). */
  rank: number | null;
  department: string;
  name: string;
}

/** A case overdue at the period's end or escalated (督办) in it, once per escalated clock. */
export interface NamedCase {
  caseId: string;
  kind: string;
  department: string | null;
  departmentName: string;
  category: string | null;
  clock: string;
  escalationLevel: number;
  dueAt: string | null;
  /** When the clock was met, null when it was still unmet at the period's end. */
  metAt: string | null;
  /** (metAt, or the case's closure with the clock unmet, or the period's end) − dueAt, in whole seconds. */
  lateSeconds: number | null;
}

export interface BulletinFigures {
  kind: ReportingPeriod['kind'];
  period: string;
  jurisdiction: string;
  timeZone: 'Asia/Shanghai';
  from: string;
  to: string;
  months: string[];
  totals: PeriodTotals;
  previous: PeriodTotals & { period: string };
  trend: { receivedChange: number; receivedChangeRate: number | null; onTimeRateChange: number | null };
  /** Ranked: best on-time rate first, ties by name, then the departments with nothing due, by name. */
  departments: DepartmentStanding[];
  namedCases: NamedCase[];
  /** Received per month and channel (both kinds), the months of the trend window. */
  volumeByChannel: { months: string[]; series: { channel: string; counts: number[] }[] };
  /** Received in the period per department and grade (opinion cases). */
  gradesByDepartment: { departments: string[]; series: { grade: string; counts: number[] }[] };
  /** The key-case ledger (重点舆情台账) of the period and the accountability talks (约谈) held in it. */
  keyCases: BulletinKeyCases;
}

const rate = (onTime: number, late: number) => (onTime + late ? onTime / (onTime + late) : null);
const both = (s: { opinion: MonthlyFiguresDto; disclosure: MonthlyFiguresDto }) => [s.opinion, s.disclosure];

function totalsOf(months: readonly { opinion: MonthlyFiguresDto; disclosure: MonthlyFiguresDto }[]): PeriodTotals {
  const t: PeriodTotals = { received: 0, closed: 0, onTime: 0, late: 0, onTimeRate: null, escalations: 0, openAtEnd: 0, overdueAtEnd: 0 };
  months.forEach((m, i) => {
    for (const f of both(m)) {
      t.received += f.received;
      t.closed += f.closed;
      t.onTime += f.allClocks.onTime;
      t.late += f.allClocks.late;
      t.escalations += f.escalations;
      if (i === months.length - 1) {
        t.openAtEnd += f.openAtMonthEnd;
        t.overdueAtEnd += f.overdueAtMonthEnd;
      }
    }
  });
  t.onTimeRate = rate(t.onTime, t.late);
  return t;
}

/** Best on-time rate first; equal rates by name (then code); departments with nothing due last, by name. */
export function rankDepartments(rows: readonly Omit<DepartmentStanding, 'rank'>[]): DepartmentStanding[] {
  const byName = (a: { name: string; department: string }, b: { name: string; department: string }) =>
    a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0);
  const rated = rows.filter((r) => r.onTimeRate !== null).sort((a, b) => (b.onTimeRate as number) - (a.onTimeRate as number) || byName(a, b));
  const unrated = rows.filter((r) => r.onTimeRate === null).sort(byName);
  return [...rated.map((r, i) => ({ ...r, rank: i + 1 })), ...unrated.map((r) => ({ ...r, rank: null }))];
}

function departmentsOf(months: readonly MonthlyStatisticsDto[]): DepartmentStanding[] {
  const codes = [...new Set(months.flatMap((m) => m.departments.map((d) => d.department)))].filter((d): d is string => d !== null);
  return rankDepartments(codes.map((department) => ({
    department, name: departmentName(department), ...totalsOf(months.map((m) => m.departments.find((d) => d.department === department) ?? emptyDepartment())),
  })));
}

function emptyDepartment(): { opinion: MonthlyFiguresDto; disclosure: MonthlyFiguresDto } {
  const zero = buildMonthlyStatistics('2000-01', [], { jurisdiction: null, department: null }, new Date(0));
  return { opinion: zero.opinion, disclosure: zero.disclosure };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const instant = (v: string | null): number | null => {
  if (v === null) return null;
  // a disclosure clock is due by the end of its working day (YYYY-MM-DD, Asia/Shanghai)
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00+08:00`) + 86_400_000 : Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
};

/** When an event met the clock `id` (a claim, a response's met list, a disclosure reply for its answer clock). */
function metBy(e: FoldableEvent, id: string, clock: string): boolean {
  const d = e.detail ?? {};
  if ((e.change === 'claim' || (e.change === 'stage' && e.stage === 'claimed')) && d.clockId === id) return true;
  if (Array.isArray(d.met) && (d.met as Record<string, unknown>[]).some((m) => m?.clockId === id)) return true;
  return clock === 'answer' && e.stage === 'reply_issued' && e.change === 'stage';
}

/** The cases escalated in [from, to) or overdue at `to`, once per escalated clock. */
export function namedCases(cases: readonly CaseHistoryForStatistics[], jurisdiction: string, from: Date, to: Date): NamedCase[] {
  const out: NamedCase[] = [];
  for (const c of cases) {
    if (c.jurisdiction !== jurisdiction) continue;
    const events = c.events.filter((e) => e.occurredAt < to).sort((a, b) => a.sequence - b.sequence);
    const atEnd = foldCaseHistory(events, to);
    const escalated = new Map<string, { event: FoldableEvent; level: number }>();
    for (const e of events) {
      if (e.change !== 'escalation') continue;
      const id = str(e.detail.clockId) ?? str(e.detail.clock) ?? `escalation@${e.sequence}`;
      const level = typeof e.detail.level === 'number' ? e.detail.level : 1;
      const seen = escalated.get(id);
      escalated.set(id, { event: seen?.event ?? e, level: Math.max(level, seen?.level ?? 0) });
    }
    for (const [id, { event, level }] of escalated) {
      const clock = str(event.detail.clock) ?? id.split('#')[0] ?? id;
      const escalatedIn = events.some((e) => e.change === 'escalation' && e.occurredAt >= from && (str(e.detail.clockId) ?? str(e.detail.clock)) === id);
      const stillOverdue = atEnd.overdue && atEnd.overdueClocks.includes(id);
      if (!escalatedIn && !stillOverdue) continue;
      const met = events.find((e) => e.sequence > event.sequence && metBy(e, id, clock));
      const closed = events.find((e) => e.sequence > event.sequence && e.change === 'stage' && ['closed', 'reply_issued', 'abandoned'].includes(e.stage));
      const dueAt = str(event.detail.dueAt) ?? str(event.detail.due);
      const due = instant(dueAt);
      const until = met ? met.occurredAt.getTime() : closed ? closed.occurredAt.getTime() : to.getTime();
      out.push({
        caseId: c.caseId, kind: c.kind, department: event.department, departmentName: departmentName(event.department),
        category: atEnd.category, clock, escalationLevel: level, dueAt, metAt: met ? met.occurredAt.toISOString() : null,
        lateSeconds: due === null ? null : Math.max(0, Math.floor((until - due) / 1000)),
      });
    }
  }
  return out.sort((a, b) => (b.lateSeconds ?? -1) - (a.lateSeconds ?? -1) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.clock < b.clock ? -1 : 1));
}

/**
 * The bulletin of `period` for `jurisdiction` from the case histories of the trend window (`TREND_MONTHS` months
 * ending with the period — this covers the previous period too). The period must have ended: `asOf` is its end, so
 * the same histories always give the same figures.
 */
export function buildBulletinFigures(period: ReportingPeriod, jurisdiction: string, cases: readonly CaseHistoryForStatistics[]): BulletinFigures {
  const scope = { jurisdiction, department: null };
  const window = monthsEndingWith(period.months[period.months.length - 1] as string, TREND_MONTHS);
  const monthly = new Map(window.map((m) => [m, buildMonthlyStatistics(m, cases, scope, new Date(period.to))]));
  const of = (months: readonly string[]) => months.map((m) => monthly.get(m) as MonthlyStatisticsDto);
  const prev = previousPeriod(period);
  const totals = totalsOf(of(period.months));
  const previous = { period: prev.period, ...totalsOf(of(prev.months)) };
  const departments = departmentsOf(of(period.months));

  const channels = [...new Set(of(window).flatMap((m) => both(m).flatMap((f) => Object.keys(f.receivedByChannel))))].sort();
  const grades = ['general', 'significant', 'major', 'especially_major', 'ungraded'];
  const gradeCount = (department: string, grade: string) =>
    of(period.months).reduce((n, m) => n + (m.departments.find((d) => d.department === department)?.opinion.receivedByGrade[grade] ?? 0), 0);
  const graded = departments.map((d) => d.department);

  return {
    kind: period.kind, period: period.period, jurisdiction, timeZone: 'Asia/Shanghai', from: period.from, to: period.to, months: period.months,
    totals,
    previous,
    trend: {
      receivedChange: totals.received - previous.received,
      receivedChangeRate: previous.received ? (totals.received - previous.received) / previous.received : null,
      onTimeRateChange: totals.onTimeRate !== null && previous.onTimeRate !== null ? totals.onTimeRate - previous.onTimeRate : null,
    },
    departments,
    namedCases: namedCases(cases, jurisdiction, new Date(period.from), new Date(period.to)),
    volumeByChannel: {
      months: window,
      series: channels.map((channel) => ({ channel, counts: of(window).map((m) => both(m).reduce((n, f) => n + (f.receivedByChannel[channel] ?? 0), 0)) })),
    },
    gradesByDepartment: {
      departments: graded,
      series: grades.map((grade) => ({ grade, counts: graded.map((d) => gradeCount(d, grade)) })).filter((s) => s.counts.some((n) => n > 0)),
    },
    keyCases: keyCasesOf(cases, jurisdiction, new Date(period.from), new Date(period.to)),
  };
}
