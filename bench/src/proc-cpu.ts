// CPU time of the stack's processes from /proc/<pid>/stat (pure parsing and arithmetic; unit-tested).
//
// A process is counted with all its descendants (Postgres forks a backend per connection), and with the CPU of
// children it has reaped (cutime/cstime), so a backend that exits between two samples is still counted once.

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks */
  ticks: number;
}

/** Parses one /proc/<pid>/stat line. The command name is in parentheses and may itself contain spaces or ')'. */
export function parseProcStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  const pid = Number(text.slice(0, open).trim());
  const comm = text.slice(open + 1, close);
  // fields after the command: [0] state (field 3), [1] ppid (4), … [11] utime (14), [12] stime (15), [13] cutime (16), [14] cstime (17)
  const rest = text.slice(close + 2).trim().split(/\s+/);
  if (rest.length < 15) throw new Error(`short /proc/<pid>/stat line for pid ${pid}`);
  const n = (i: number) => Number(rest[i]);
  return { pid, comm, ppid: n(1), ticks: n(11) + n(12) + n(13) + n(14) };
}

/** Ticks of `root` and every descendant among `all` (a snapshot of /proc); 0 when the root is gone. */
export function treeTicks(all: readonly ProcStat[], root: number): number {
  const children = new Map<number, ProcStat[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const rootStat = all.find((p) => p.pid === root);
  if (!rootStat) return 0;
  let total = 0;
  const todo: ProcStat[] = [rootStat];
  const seen = new Set<number>();
  while (todo.length) {
    const p = todo.pop() as ProcStat;
    if (seen.has(p.pid)) continue;
    seen.add(p.pid);
    total += p.ticks;
    todo.push(...(children.get(p.pid) ?? []));
  }
  return total;
}

/** One sample: ticks per named process (tree) at a monotonic time in ms. */
export interface CpuSample {
  atMs: number;
  ticks: Record<string, number>;
}

export interface CpuCost {
  process: string;
  /** CPU seconds used in the window, idle baseline subtracted (never below 0) */
  cpuSeconds: number;
  /** … per unit of work (case or workflow), in ms; null without units */
  msPerUnit: number | null;
}

/** Idle CPU per process in seconds of CPU per second of wall time, from two samples taken with no load. */
export function idleRates(before: CpuSample, after: CpuSample, clkTck: number): Record<string, number> {
  const wall = (after.atMs - before.atMs) / 1000;
  const out: Record<string, number> = {};
  for (const name of Object.keys(after.ticks)) {
    const d = (after.ticks[name] ?? 0) - (before.ticks[name] ?? 0);
    out[name] = wall > 0 ? Math.max(0, d / clkTck / wall) : 0;
  }
  return out;
}

/**
 * CPU per process over a window (`before` → `after`) with the idle rate times the window's length subtracted, and per
 * unit of work. A process missing from either sample (not running) is left out. The last row is the total.
 */
export function cpuCosts(
  before: CpuSample,
  after: CpuSample,
  idle: Record<string, number>,
  clkTck: number,
  units: number,
): CpuCost[] {
  const wall = (after.atMs - before.atMs) / 1000;
  const rows: CpuCost[] = [];
  for (const name of Object.keys(after.ticks)) {
    if (before.ticks[name] === undefined) continue;
    const used = ((after.ticks[name] as number) - (before.ticks[name] as number)) / clkTck;
    const cpuSeconds = Math.max(0, used - (idle[name] ?? 0) * wall);
    rows.push({ process: name, cpuSeconds, msPerUnit: units > 0 ? (cpuSeconds * 1000) / units : null });
  }
  const total = rows.reduce((s, r) => s + r.cpuSeconds, 0);
  rows.push({ process: 'total', cpuSeconds: total, msPerUnit: units > 0 ? (total * 1000) / units : null });
  return rows;
}
