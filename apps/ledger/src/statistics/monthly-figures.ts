// The monthly statistics kept as they happen, so a month in progress answers from sums instead of folding every case
// history on each request: each case's figures for each month it has events in, one row per figure (written by the
// ledger in the transaction that folds the case's event), summed by Postgres per department. The figures are the
// fold's own (foldCaseMonth), flattened; open and overdue "now" are the read model's stage and overdue columns.
// Pure: no I/O here.
import type { MonthlyStatisticsDto } from '@huiying/contracts';
import {
  emptyTally,
  foldCaseMonth,
  monthBounds,
  statisticsOf,
  type CaseHistoryForStatistics,
  type StatisticsScope,
  type Tally,
} from './monthly-statistics.fold';

export type CaseKindOfStatistics = 'opinion' | 'disclosure';

/** One figure a case adds to a month. `figure` is the JSON path into the figures (e.g. ["clocks","claim","late"]). */
export interface FigureRow {
  month: string;
  kind: CaseKindOfStatistics;
  department: string | null;
  figure: string;
  value: number;
}

/** Figures that are lists (durations for the median and p90): one row per value, not summed. */
export const LIST_FIGURES = [JSON.stringify(['claimSeconds']), JSON.stringify(['respondSeconds'])];
/** A department the fold attributed something to that adds no figure (it still gets its row of zeros). */
export const PRESENCE = JSON.stringify([]);

/** YYYY-MM of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** The leaves of a tally that differ from zero: [path, value]; list figures once per value. */
function leaves(node: unknown, path: string[], out: [string, number][]): void {
  if (typeof node === 'number') {
    if (node !== 0) out.push([JSON.stringify(path), node]);
  } else if (Array.isArray(node)) {
    for (const v of node) out.push([JSON.stringify(path), v as number]);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) leaves(v, [...path, k], out);
  }
}

/** Every figure the case's events add to each month they fall in (open and overdue are not events: not here). */
export function caseFigureRows(c: CaseHistoryForStatistics): FigureRow[] {
  const kind: CaseKindOfStatistics = c.kind === 'disclosure' ? 'disclosure' : 'opinion';
  const months = [...new Set(c.events.map((e) => shanghaiMonth(e.occurredAt)))].sort();
  const rows: FigureRow[] = [];
  for (const month of months) {
    const { from, to } = monthBounds(month);
    foldCaseMonth(
      c, from, to, to,
      (department, apply) => {
        const t = emptyTally()[kind];
        apply(t);
        const found: [string, number][] = [];
        leaves(t, [], found);
        if (!found.length) found.push([PRESENCE, 0]);
        for (const [figure, value] of found) rows.push({ month, kind, department, figure, value });
      },
      () => undefined,
    );
  }
  return rows;
}

/** A figure summed over the month's cases (or, for a list figure, all its values). */
export interface SummedFigure {
  kind: CaseKindOfStatistics;
  department: string | null;
  figure: string;
  /** The sum; for a list figure, every value. */
  value: number | number[];
}

/** Open and overdue cases now, by kind and lead department (from the read model). */
export interface CaseStateCount {
  kind: CaseKindOfStatistics;
  department: string | null;
  open: number;
  overdue: number;
}

function addAt(t: Tally['opinion'] | Tally['disclosure'], path: string[], value: number | number[]): void {
  let node = t as unknown as Record<string, unknown>;
  for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  const leaf = path[path.length - 1] as string;
  const current = node[leaf];
  if (Array.isArray(current)) current.push(...(Array.isArray(value) ? value : [value]));
  else node[leaf] = ((current as number | undefined) ?? 0) + (Array.isArray(value) ? value.reduce((a, b) => a + b, 0) : value);
}

/** The month's statistics from the summed figures and the case states (as buildMonthlyStatistics would fold them). */
export function statisticsFromSums(month: string, scope: StatisticsScope, asOf: Date, sums: readonly SummedFigure[], states: readonly CaseStateCount[]): MonthlyStatisticsDto {
  const total = emptyTally();
  const byDepartment = new Map<string | null, Tally>();
  const tallyOf = (department: string | null) => {
    let t = byDepartment.get(department);
    if (!t) byDepartment.set(department, (t = emptyTally()));
    return t;
  };
  for (const s of sums) {
    const t = tallyOf(s.department);
    if (s.figure === PRESENCE) continue;
    const path = JSON.parse(s.figure) as string[];
    addAt(total[s.kind], path, s.value);
    addAt(t[s.kind], path, s.value);
  }
  for (const s of states) {
    if (!s.open && !s.overdue) continue;
    const t = tallyOf(s.department);
    for (const f of [total[s.kind], t[s.kind]]) {
      f.openAtMonthEnd += s.open;
      f.overdueAtMonthEnd += s.overdue;
    }
  }
  return statisticsOf(month, scope, asOf, total, byDepartment);
}
