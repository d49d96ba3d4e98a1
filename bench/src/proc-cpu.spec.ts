import { cpuCosts, idleRates, parseProcStat, treeTicks } from './proc-cpu';

// the fields after the command: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
const line = (pid: number, comm: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1000 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 12 0 5000 1000000 2000 18446744073709551615\n`;

describe('parseProcStat', () => {
  it('reads pid, command, parent and utime+stime+cutime+cstime', () => {
    expect(parseProcStat(line(20066, 'node', 1, 1500, 300, 7, 3))).toEqual({ pid: 20066, comm: 'node', ppid: 1, ticks: 1810 });
  });
  it('keeps a command name with spaces and parentheses', () => {
    const p = parseProcStat(line(42, 'temporal-server (x) y', 1, 10, 5));
    expect(p.comm).toBe('temporal-server (x) y');
    expect(p.ticks).toBe(15);
  });
  it('reads a real line of this kernel format', () => {
    const real = '25769 (postgres) S 1 25769 25769 0 -1 4194560 53535 1118530 0 2 211 362 3045 1912 20 0 1 0 1234 231034880 5440 18446744073709551615 1 1 0 0 0 0 0 4096 16384 0 0 0 17 1 0 0 0 0 0';
    expect(parseProcStat(real)).toEqual({ pid: 25769, comm: 'postgres', ppid: 1, ticks: 211 + 362 + 3045 + 1912 });
  });
  it('refuses text that is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow();
  });
});

describe('treeTicks', () => {
  const all = [
    parseProcStat(line(100, 'postgres', 1, 10, 0)),
    parseProcStat(line(101, 'postgres', 100, 20, 0)),
    parseProcStat(line(102, 'postgres', 100, 30, 0)),
    parseProcStat(line(103, 'postgres', 102, 40, 0)),
    parseProcStat(line(200, 'node', 1, 1000, 0)),
  ];
  it('sums a process and all its descendants, nothing else', () => {
    expect(treeTicks(all, 100)).toBe(100);
    expect(treeTicks(all, 102)).toBe(70);
    expect(treeTicks(all, 200)).toBe(1000);
  });
  it('gives 0 for a process that is gone', () => {
    expect(treeTicks(all, 999)).toBe(0);
  });
});

describe('cpu costs', () => {
  const clk = 100;
  it('computes idle rates from two idle samples', () => {
    const idle = idleRates({ atMs: 0, ticks: { temporal: 1000, kafka: 50 } }, { atMs: 10_000, ticks: { temporal: 1100, kafka: 50 } }, clk);
    expect(idle).toEqual({ temporal: 0.1, kafka: 0 });
  });
  it('subtracts the idle baseline and divides by the cases', () => {
    const rows = cpuCosts(
      { atMs: 0, ticks: { temporal: 1000, worker: 500 } },
      { atMs: 20_000, ticks: { temporal: 1700, worker: 900 } },
      { temporal: 0.1, worker: 0 },
      clk,
      100,
    );
    // temporal: 7 s used − 0.1 × 20 s idle = 5 s → 50 ms per case; worker 4 s → 40 ms
    expect(rows).toEqual([
      { process: 'temporal', cpuSeconds: 5, msPerUnit: 50 },
      { process: 'worker', cpuSeconds: 4, msPerUnit: 40 },
      { process: 'total', cpuSeconds: 9, msPerUnit: 90 },
    ]);
  });
  it('never goes below zero, skips a process absent at the start, and has no per-unit value without units', () => {
    const rows = cpuCosts({ atMs: 0, ticks: { a: 100 } }, { atMs: 10_000, ticks: { a: 101, b: 5 } }, { a: 0.5 }, clk, 0);
    expect(rows).toEqual([
      { process: 'a', cpuSeconds: 0, msPerUnit: null },
      { process: 'total', cpuSeconds: 0, msPerUnit: null },
    ]);
  });
});
