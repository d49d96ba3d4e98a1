// Monthly statistics (月统计): a pure fold over case histories, no I/O. Every figure counts an event in the month it
// happened in Asia/Shanghai (UTC+8, no daylight saving): 2026-11-30T17:00Z is 2026-12-01 01:00 in Shanghai → December.
// Figures are attributed to the lead department (主办) the counted event carries (a case transferred mid-month counts
// where each event happened); open and overdue cases to the lead department at the instant they are read at.
// Nothing of a month reads an event after its end, so a closed month reads the same whatever arrives later.
import type {
  ClockOutcomeDto,
  DisclosureMonthlyFiguresDto,
  DurationSummaryDto,
  MonthlyDepartmentFiguresDto,
  MonthlyFiguresDto,
  MonthlyStatisticsDto,
} from '@huiying/contracts';
import { foldCaseHistory, type FoldableEvent } from '../cases/case-fold';

export const STATISTICS_TIME_ZONE = 'Asia/Shanghai';
export const OPINION_STAT_CLOCKS = ['claim', 'first_release', 'press_conference', 'response'] as const;
export const DISCLOSURE_STAT_CLOCKS = ['answer'] as const;
/** Stages after which a case is no longer open (the case workflows end their clocks there). */
export const ENDED_STAGES: readonly string[] = ['closed', 'evaluated', 'reply_issued', 'abandoned', 'archived'];

/** [start, end) of a month in Asia/Shanghai. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(`${month}-01T00:00:00+08:00`);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from, to: new Date(`${next}-01T00:00:00+08:00`) };
}

export interface CaseHistoryForStatistics {
  caseId: string;
  kind: string;
  jurisdiction: string | null;
  /** The case's events (any order; at least those before the end of the month). */
  events: FoldableEvent[];
}

export interface StatisticsScope {
  /** Only cases of this jurisdiction (null: all). */
  jurisdiction: string | null;
  /** Only figures attributed to this lead department (null: all). */
  department: string | null;
}

/**
 * Nearest-rank percentile (percent an integer in 1..100): the smallest value with at least percent % of the values at
 * or below it — sorted[ceil(percent·n / 100) − 1], in integer arithmetic. Always a value that occurred, never an
 * interpolation; the median (50) is the lower middle value when n is even.
 */
export function nearestRank(values: readonly number[], percent: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.floor((percent * sorted.length + 99) / 100);
  return sorted[Math.max(1, rank) - 1] as number;
}

export function summarizeDurations(seconds: readonly number[]): DurationSummaryDto {
  return { count: seconds.length, medianSeconds: nearestRank(seconds, 50), p90Seconds: nearestRank(seconds, 90) };
}

const rate = (onTime: number, late: number): number | null => (onTime + late ? onTime / (onTime + late) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const inc = (m: Record<string, number>, k: string, by = 1) => {
  m[k] = (m[k] ?? 0) + by;
};
const seconds = (fromMs: number, toMs: number) => Math.floor((toMs - fromMs) / 1000);

/** A stage entered (not another change recorded in that stage). */
const entered = (e: FoldableEvent, ...stages: string[]) => e.change === 'stage' && stages.includes(e.stage);
const isClaim = (e: FoldableEvent) => e.change === 'claim' || entered(e, 'claimed');
const isResponse = (e: FoldableEvent) => e.change === 'response' || entered(e, 'responded');
const isClosure = (kind: string, e: FoldableEvent) => (kind === 'disclosure' ? entered(e, 'reply_issued', 'abandoned') : entered(e, 'closed'));

/** Figures being summed: like the DTOs, with durations still as lists. */
export interface Tally {
  opinion: Omit<MonthlyFiguresDto, 'timeToClaim' | 'timeToRespond'> & { claimSeconds: number[]; respondSeconds: number[] };
  disclosure: Omit<DisclosureMonthlyFiguresDto, 'timeToClaim' | 'timeToRespond'> & { claimSeconds: number[]; respondSeconds: number[] };
}

function emptyFigures(clocks: readonly string[]) {
  return {
    received: 0, receivedByChannel: {}, receivedByCategory: {}, receivedByGrade: {}, closed: 0,
    clocks: Object.fromEntries(clocks.map((c) => [c, { onTime: 0, late: 0, onTimeRate: null }])) as Record<string, ClockOutcomeDto>,
    allClocks: { onTime: 0, late: 0, onTimeRate: null } as ClockOutcomeDto,
    openAtMonthEnd: 0, overdueAtMonthEnd: 0, escalations: 0, escalationsByLevel: {}, claimSeconds: [] as number[], respondSeconds: [] as number[],
  };
}

export function emptyTally(): Tally {
  return {
    opinion: emptyFigures(OPINION_STAT_CLOCKS),
    disclosure: {
      ...emptyFigures(DISCLOSURE_STAT_CLOCKS), closedByResultCode: {}, closedByReplyType: {}, extensions: 0, consultations: 0,
      feeNotices: 0, feesNoticedYuan: 0, feesPaid: 0, feesWaived: 0, correctionRequests: 0,
    },
  };
}

export function finish<T extends Tally['opinion']>(t: T): MonthlyFiguresDto & Omit<T, 'claimSeconds' | 'respondSeconds'> {
  const { claimSeconds, respondSeconds, ...rest } = t;
  for (const c of Object.values(rest.clocks)) c.onTimeRate = rate(c.onTime, c.late);
  rest.allClocks.onTimeRate = rate(rest.allClocks.onTime, rest.allClocks.late);
  return { ...rest, timeToClaim: summarizeDurations(claimSeconds), timeToRespond: summarizeDurations(respondSeconds) };
}

/** One contribution of a case to the month: which department it counts for and what it adds. */
export type Add = (department: string | null, apply: (f: Tally['opinion'] | Tally['disclosure']) => void) => void;

function clockOutcome(f: Tally['opinion'], clock: string, late: boolean) {
  const c = f.clocks[clock];
  if (!c) return;
  if (late) c.late++;
  else c.onTime++;
  if (late) f.allClocks.late++;
  else f.allClocks.onTime++;
}

/**
 * What one case adds to the month [from, to): the figures of its events within the month through `add`, and whether
 * it is open and overdue at `asOf` (≤ to) through `addState`.
 */
export function foldCaseMonth(c: CaseHistoryForStatistics, from: Date, to: Date, asOf: Date, add: Add, addState: Add = add): void {
  const events = [...c.events].filter((e) => e.occurredAt < to).sort((a, b) => a.sequence - b.sequence);
  if (!events.length) return;
  const within = (e: FoldableEvent) => e.occurredAt >= from && e.occurredAt < to;
  const atEnd = foldCaseHistory(events, to);
  const disclosure = c.kind === 'disclosure';

  const first = events[0] as FoldableEvent;
  if (first.sequence === 1 && within(first)) {
    add(first.department, (f) => {
      f.received++;
      inc(f.receivedByChannel, str(first.detail.channel) ?? 'unknown');
      inc(f.receivedByCategory, atEnd.category ?? 'unknown');
      inc(f.receivedByGrade, atEnd.grade ?? 'ungraded');
    });
  }

  const firstClaim = events.find(isClaim);
  const routed = events.find((e) => entered(e, 'routed')) ?? first;
  if (!disclosure && firstClaim && within(firstClaim)) {
    add(firstClaim.department, (f) => f.claimSeconds.push(seconds(routed.occurredAt.getTime(), firstClaim.occurredAt.getTime())));
  }
  const firstResponse = disclosure ? events.find((e) => entered(e, 'reply_issued')) : events.find(isResponse);
  if (firstResponse && within(firstResponse)) {
    const start = disclosure ? first.occurredAt : (atEnd.discoveredAt ?? first.occurredAt);
    const at = disclosure ? firstResponse.occurredAt : dateOr(firstResponse.detail.publishedAt, firstResponse.occurredAt);
    add(firstResponse.department, (f) => f.respondSeconds.push(seconds(start.getTime(), at.getTime())));
  }

  for (const e of events.filter(within)) {
    const d = e.detail ?? {};
    if (isClosure(c.kind, e)) {
      add(e.department, (f) => {
        f.closed++;
        if ('closedByResultCode' in f) {
          inc(f.closedByResultCode, str(d.resultCode) ?? 'unknown');
          inc(f.closedByReplyType, e.stage === 'reply_issued' ? (str(d.replyType) ?? 'unknown') : 'none');
        }
        // an opinion case closed with clocks escalated and never met: each counts late
        for (const id of Array.isArray(d.unmetClocks) ? d.unmetClocks : []) if (typeof id === 'string') clockOutcome(f, id.split('#')[0] as string, true);
      });
    }
    if (!disclosure && isClaim(e) && str(d.clockId)) add(e.department, (f) => clockOutcome(f, 'claim', d.late === true));
    if (!disclosure && Array.isArray(d.met)) {
      for (const m of d.met as Record<string, unknown>[]) {
        const clock = str(m?.clock);
        if (clock && clock !== 'claim') add(e.department, (f) => clockOutcome(f, clock, m.late === true));
      }
    }
    if (disclosure && entered(e, 'reply_issued') && str(d.due)) add(e.department, (f) => clockOutcome(f, 'answer', d.late === true));
    if (e.change === 'escalation') {
      add(e.department, (f) => {
        f.escalations++;
        inc(f.escalationsByLevel, String(num(d.level) ?? 1));
      });
    }
    if (disclosure) {
      add(e.department, (f) => {
        if (!('extensions' in f)) return;
        if (e.change === 'extension') f.extensions++;
        if (e.change === 'consultation_opened' || entered(e, 'consultation')) f.consultations++;
        if (entered(e, 'correction_requested')) f.correctionRequests++;
        if (entered(e, 'fee_notice')) {
          f.feeNotices++;
          f.feesNoticedYuan += num(d.amountYuan) ?? 0;
        }
        if (entered(e, 'decided') && d.fee === 'paid') f.feesPaid++;
        if (entered(e, 'decided') && d.fee === 'waived') f.feesWaived++;
      });
    }
  }

  const atAsOf = asOf < to ? foldCaseHistory(events, asOf) : atEnd;
  if (atAsOf.stage !== null && !ENDED_STAGES.includes(atAsOf.stage)) addState(atAsOf.department, (f) => f.openAtMonthEnd++);
  if (atAsOf.overdue) addState(atAsOf.department, (f) => f.overdueAtMonthEnd++);
}

function dateOr(v: unknown, fallback: Date): Date {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : fallback;
}

/** What one case adds to a month: its kind and each figure it adds, with the lead department it counts for. */
export interface CaseContribution {
  kind: 'opinion' | 'disclosure';
  adds: [department: string | null, apply: (f: Tally['opinion'] | Tally['disclosure']) => void][];
}

/** The contribution of one case to the month [from, to), open and overdue read at `asOf` (≤ to). Pure. */
export function caseContribution(c: CaseHistoryForStatistics, from: Date, to: Date, asOf: Date): CaseContribution {
  const adds: CaseContribution['adds'] = [];
  foldCaseMonth(c, from, to, asOf, (department, apply) => adds.push([department, apply]));
  return { kind: c.kind === 'disclosure' ? 'disclosure' : 'opinion', adds };
}

/** The instant open and overdue cases are read at: the month's end, or now for the month in progress. */
export function asOfFor(month: string, now: Date): Date {
  const { to } = monthBounds(month);
  return now < to ? now : to;
}

/** Sums the contributions of a month's cases (each counted once) into its statistics, within `scope`'s department. */
export function sumContributions(month: string, contributions: Iterable<CaseContribution>, scope: StatisticsScope, asOf: Date): MonthlyStatisticsDto {
  const total = emptyTally();
  const byDepartment = new Map<string | null, Tally>();
  for (const c of contributions) {
    for (const [department, apply] of c.adds) {
      if (scope.department !== null && department !== scope.department) continue;
      if (!byDepartment.has(department)) byDepartment.set(department, emptyTally());
      apply(total[c.kind]);
      apply((byDepartment.get(department) as Tally)[c.kind]);
    }
  }
  return statisticsOf(month, scope, asOf, total, byDepartment);
}

/** The answer from summed tallies: every department's figures (by name, none last) and the totals. */
export function statisticsOf(month: string, scope: StatisticsScope, asOf: Date, total: Tally, byDepartment: Map<string | null, Tally>): MonthlyStatisticsDto {
  const { from, to } = monthBounds(month);
  const departments: MonthlyDepartmentFiguresDto[] = [...byDepartment.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([department, t]) => ({ department, opinion: finish(t.opinion), disclosure: finish(t.disclosure) }));
  return {
    month, timeZone: STATISTICS_TIME_ZONE, from: from.toISOString(), to: to.toISOString(), asOf: asOf.toISOString(),
    jurisdiction: scope.jurisdiction, department: scope.department,
    opinion: finish(total.opinion), disclosure: finish(total.disclosure), departments,
  };
}

/**
 * The monthly statistics of `month` (YYYY-MM) over the given case histories, within `scope`. `now` bounds the month in
 * progress: open and overdue cases are read at min(now, end of month).
 */
export function buildMonthlyStatistics(month: string, cases: readonly CaseHistoryForStatistics[], scope: StatisticsScope, now: Date): MonthlyStatisticsDto {
  const { from, to } = monthBounds(month);
  const asOf = asOfFor(month, now);
  const inScope = cases.filter((c) => scope.jurisdiction === null || c.jurisdiction === scope.jurisdiction);
  return sumContributions(month, inScope.map((c) => caseContribution(c, from, to, asOf)), scope, asOf);
}
