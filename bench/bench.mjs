#!/usr/bin/env node
// `npm run bench`: the case pipeline against the engine's own ceiling, in one run (issue 11), on the running stack.
// Read bench/README.md → "npm run bench" for what each figure means. In order:
//   0. idle      CPU of the stack's processes with no load (the baseline subtracted from every phase)
//   1. rates     intake at fixed rates (--rates, default 10,30,50/s): acknowledgement and intake → workflow-started p50/p99
//   c. pipeline  sustained rate: --concurrency reports in flight (each submitted when one before it has its workflow
//                started) for --pipeline-seconds; cases whose workflow started per second
//   shape        a routed case's history from that run: events, workflow tasks, activities, upserts, timers
//   a. ceiling   trivial workflows started by --concurrency clients, run by a bench worker on its own task queue
//   b. reference workflows of the routed case's shape (no-op activities), same clients, same bench worker
// Prints details to stderr and one markdown results row to stdout; --record appends that row to bench/README.md.
// Bounded in time (every wait has a deadline) and loopback only.
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertLoopback, benchKey, huiyingHome, submit } from './intake-client.mjs';

const here = import.meta.dirname;
const distIndex = path.join(here, 'dist/index.js');
if (!existsSync(distIndex)) {
  console.error('bench/dist is missing: run `npm run build` first (it compiles bench/src)');
  process.exit(2);
}
const lib = (await import(distIndex)).default;
const { p50p99, fmt, ratioPct, parseProcStat, treeTicks, idleRates, cpuCosts, routedShape, commonShape, referencePlan, tableRow, appendResultsRow } = lib;

// ---- options
const argv = process.argv.slice(2);
const args = {};
for (let i = 0; i < argv.length; i++) {
  if (!argv[i].startsWith('--')) continue;
  const next = argv[i + 1];
  args[argv[i].slice(2)] = next === undefined || next.startsWith('--') ? true : (i++, next);
}
if (args.help) {
  console.error(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n'));
  console.error('options: see bench/README.md → "npm run bench"');
  process.exit(0);
}
const num = (name, dflt) => {
  const v = args[name] === undefined ? dflt : Number(args[name]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number ≥ 0`);
  return v;
};
const O = {
  intake: assertLoopback('intake', args.intake ?? `http://127.0.0.1:${process.env.INTAKE_PORT ?? 3001}`),
  ledger: assertLoopback('ledger', args.ledger ?? `http://127.0.0.1:${process.env.LEDGER_PORT ?? 3005}`),
  temporal: assertLoopback('temporal', args.temporal ?? process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'),
  namespace: args.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default',
  rates: String(args.rates ?? '10,30,50').split(',').filter(Boolean).map(Number),
  rateSeconds: num('rate-seconds', 20),
  pipelineSeconds: num('pipeline-seconds', 120),
  concurrency: Math.max(1, num('concurrency', 32)),
  ceilingCount: Math.max(1, num('ceiling-count', 1000)),
  referenceCount: Math.max(1, num('reference-count', num('ceiling-count', 1000))),
  idleSeconds: num('idle-seconds', 10),
  drainSeconds: num('drain-seconds', 120),
  settleSeconds: num('settle-seconds', 2),
  shapeSamples: Math.max(1, num('shape-samples', 5)),
  case: typeof args.case === 'string' ? args.case : undefined,
  record: args.record === true,
  notes: typeof args.notes === 'string' ? args.notes : '',
};
if (O.rates.some((r) => !(r > 0))) throw new Error('--rates takes positive numbers, e.g. 10,30,50');

const RUN = randomUUID().slice(0, 8);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const OPINION = 'opinionCaseWorkflow';

// ---- machine and commit, at the start
const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${load} at start`;
const git = (...a) => execFileSync('git', a, { cwd: here, encoding: 'utf8' }).trim();
const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+' : ''}`;

// ---- CPU of the stack's processes (each with its descendants), from /proc
const PROCESSES = ['intake', 'routing', 'assessment', 'publication', 'ledger', 'worker', 'temporal', 'kafka', 'postgres'];
const runDir = path.join(huiyingHome(), 'run');
const pids = {};
for (const name of PROCESSES) {
  try {
    const pid = Number(readFileSync(path.join(runDir, `${name}.pid`), 'utf8').trim());
    if (pid > 0 && existsSync(`/proc/${pid}/stat`)) pids[name] = pid;
  } catch {
    /* not running */
  }
}
const missing = PROCESSES.filter((n) => !pids[n]);
if (missing.length) log(`no running process for ${missing.join(', ')} in ${runDir} (HUIYING_HOME): not in the CPU figures`);
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
function cpuSample() {
  const all = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      all.push(parseProcStat(readFileSync(`/proc/${d}/stat`, 'utf8')));
    } catch {
      /* gone meanwhile */
    }
  }
  const ticks = {};
  for (const [name, pid] of Object.entries(pids)) if (all.some((p) => p.pid === pid)) ticks[name] = treeTicks(all, pid);
  return { atMs: Date.now(), ticks };
}

// ---- Temporal (the bench worker's SDK logs warnings only)
Runtime.install({ logger: new DefaultLogger('WARN') });
const connection = await Connection.connect({ address: O.temporal, connectTimeout: '10s' });
const client = new Client({ connection, namespace: O.namespace });

/**
 * Knows when each submitted case's workflow started: one visibility query every 500 ms for the opinion workflows
 * started since the oldest case still waiting (its start time is the workflow's StartTime, as describe() gives it).
 */
class StartWatcher {
  pending = new Map(); // caseId → sentAt
  started = new Map(); // caseId → workflow start time (epoch ms)
  waiters = new Map(); // caseId → resolve
  stopped = false;
  add(caseId, sentAt) {
    if (!this.started.has(caseId)) this.pending.set(caseId, sentAt);
  }
  waitFor(caseId) {
    if (this.started.has(caseId)) return Promise.resolve(this.started.get(caseId));
    return new Promise((resolve) => this.waiters.set(caseId, resolve));
  }
  async poll() {
    if (!this.pending.size) return;
    let oldest = Infinity;
    for (const t of this.pending.values()) oldest = Math.min(oldest, t);
    const since = new Date(oldest - 5000).toISOString();
    for await (const wf of client.workflow.list({ query: `WorkflowType='${OPINION}' AND StartTime >= '${since}'`, pageSize: 1000 })) {
      if (!this.pending.has(wf.workflowId)) continue;
      const at = wf.startTime.getTime();
      this.pending.delete(wf.workflowId);
      this.started.set(wf.workflowId, at);
      this.waiters.get(wf.workflowId)?.(at);
      this.waiters.delete(wf.workflowId);
    }
  }
  async loop() {
    while (!this.stopped) {
      await this.poll().catch((e) => log(`visibility query failed: ${e.message}`));
      await sleep(500);
    }
  }
  /** Waits until every case in `ids` has started, or the deadline; returns how many did not. */
  async drain(ids, deadlineMs) {
    while (Date.now() < deadlineMs && ids.some((id) => this.pending.has(id))) await sleep(250);
    return ids.filter((id) => this.pending.has(id)).length;
  }
}
const watcher = new StartWatcher();
const watching = watcher.loop();

const apiKey = await benchKey(O.ledger);
let reportNo = 0;
const send = () => submit(O.intake, apiKey, RUN, reportNo++).catch((e) => ({ ok: false, status: 0, error: String(e), ms: NaN, sentAt: Date.now() }));

// ---- the bench worker's workflow code, bundled before anything is measured
log('bundling the bench workflows …');
const workflowBundle = await bundleWorkflowCode({
  workflowsPath: path.join(here, 'dist/reference-workflows.js'),
  logger: { trace() {}, debug() {}, info() {}, log() {}, warn: (m) => log(m), error: (m) => log(m) },
});

const report = { rates: [], cpu: {} };

// ---- 0. idle baseline
log(`idle baseline: ${O.idleSeconds} s with no load …`);
const idleBefore = cpuSample();
await sleep(O.idleSeconds * 1000);
const idle = idleRates(idleBefore, cpuSample(), CLK_TCK);
report.idle = idle;

function latencies(results) {
  const ok = results.filter((r) => r.ok);
  const started = ok.filter((r) => watcher.started.has(r.caseId));
  return {
    requests: results.length,
    accepted: ok.length,
    errors: results.length - ok.length,
    ack: p50p99(ok.map((r) => r.ms)),
    wfStart: p50p99(started.map((r) => watcher.started.get(r.caseId) - r.sentAt)),
    notStarted: ok.length - started.length,
  };
}

// ---- 1. fixed rates
for (const rate of O.rates) {
  log(`pipeline at ${rate}/s for ${O.rateSeconds} s …`);
  const before = cpuSample();
  const results = [];
  const sends = [];
  const total = Math.round(rate * O.rateSeconds);
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(send().then((r) => (results.push(r), r.ok && watcher.add(r.caseId, r.sentAt))));
  }
  await Promise.all(sends);
  const late = await watcher.drain(results.filter((r) => r.ok).map((r) => r.caseId), Date.now() + O.drainSeconds * 1000);
  if (late) log(`${late} cases had no workflow after ${O.drainSeconds} s (--drain-seconds)`);
  await sleep(O.settleSeconds * 1000);
  const l = latencies(results);
  const row = { rate, ...l, cpu: cpuCosts(before, cpuSample(), idle, CLK_TCK, l.accepted - l.notStarted) };
  report.rates.push(row);
  log(`  ${rate}/s: ${l.accepted}/${l.requests} acknowledged, ack p50 ${fmt(l.ack.p50)} p99 ${fmt(l.ack.p99)} ms, workflow started p50 ${fmt(l.wfStart.p50)} p99 ${fmt(l.wfStart.p99)} ms`);
}

// ---- c. the pipeline's sustained rate: a closed loop of --concurrency cases in flight
log(`pipeline sustained: ${O.concurrency} in flight for ${O.pipelineSeconds} s …`);
{
  const before = cpuSample();
  const results = [];
  const t0 = Date.now();
  const end = t0 + O.pipelineSeconds * 1000;
  await Promise.all(
    Array.from({ length: O.concurrency }, async () => {
      while (Date.now() < end) {
        const r = await send();
        results.push(r);
        if (!r.ok) {
          await sleep(200);
          continue;
        }
        watcher.add(r.caseId, r.sentAt);
        await Promise.race([watcher.waitFor(r.caseId), sleep(Math.max(0, end - Date.now()))]);
      }
    }),
  );
  const after = cpuSample();
  const inWindow = results.filter((r) => r.ok && watcher.started.get(r.caseId) <= end && watcher.started.get(r.caseId) >= t0);
  const seconds = (end - t0) / 1000;
  const late = await watcher.drain(results.filter((r) => r.ok).map((r) => r.caseId), Date.now() + O.drainSeconds * 1000);
  if (late) log(`${late} cases had no workflow after ${O.drainSeconds} s (--drain-seconds)`);
  report.pipeline = { seconds, cases: inWindow.length, rate: inWindow.length / seconds, ...latencies(results), cpu: cpuCosts(before, after, idle, CLK_TCK, inWindow.length), ids: inWindow.map((r) => r.caseId) };
  log(`  ${fmt(report.pipeline.rate, 1)} cases/s (${inWindow.length} workflows started in ${seconds} s)`);
}
watcher.stopped = true;
await watching;

// ---- the shape of a routed case, from real histories
async function shapeOf(caseId) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const history = await client.workflow.getHandle(caseId).fetchHistory();
    const shape = routedShape(history.events ?? []);
    if (shape || Date.now() > deadline) return shape;
    await sleep(500);
  }
}
let shapeIds = O.case ? [O.case] : report.pipeline.ids.slice(0, O.shapeSamples);
if (!shapeIds.length) {
  for await (const wf of client.workflow.list({ query: `WorkflowType='${OPINION}'`, pageSize: O.shapeSamples })) {
    shapeIds.push(wf.workflowId);
    if (shapeIds.length >= O.shapeSamples) break;
  }
}
const shapes = [];
for (const id of shapeIds) shapes.push(await shapeOf(id).catch((e) => (log(`history of ${id}: ${e.message}`), null)));
const shape = commonShape(shapes);
if (!shape) throw new Error(`no routed case history found among ${shapeIds.join(', ') || 'no cases'} (try --case <workflow id>)`);
report.shape = { ...shape, from: shapeIds, agreeing: shapes.filter((s) => s && JSON.stringify(s) === JSON.stringify(shape)).length };
const plan = referencePlan(shape);
log(`routed case shape (${report.shape.agreeing} of ${shapeIds.length} histories): ${shape.events} events, ${shape.workflowTasks} workflow tasks, ${shape.activities} activities, ${shape.upserts} upserts, ${shape.timers} timers${shape.markers ? `, ${shape.markers} markers` : ''}${shape.clean ? '' : ' (not clean: outside input before routed)'}`);

// ---- a and b: the bench worker on its own task queue
const taskQueue = `huiying-bench-${RUN}`;
const reached = new Map(); // workflow id → epoch ms when its last (routed-point) task was done
const onReached = new Map();
const nativeConnection = await NativeConnection.connect({ address: O.temporal });
const worker = await Worker.create({
  connection: nativeConnection,
  namespace: O.namespace,
  taskQueue,
  workflowBundle,
  activities: { benchNoop: async () => undefined },
  sinks: {
    bench: {
      reached: {
        fn: (info) => {
          reached.set(info.workflowId, Date.now());
          onReached.get(info.workflowId)?.();
        },
        callDuringReplay: false,
      },
    },
  },
});
const workerRun = worker.run();

async function engine(kind, workflowType, count, wfArgs) {
  log(`${kind}: ${count} × ${workflowType}, ${O.concurrency} clients …`);
  const before = cpuSample();
  const ids = Array.from({ length: count }, (_, i) => `bench-${RUN}-${kind}-${i}`);
  const done = ids.map((id) => new Promise((resolve) => onReached.set(id, resolve)));
  const startMs = [];
  const t0 = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: O.concurrency }, async () => {
      while (next < count) {
        const id = ids[next++];
        const s = performance.now();
        await client.workflow.start(workflowType, { workflowId: id, taskQueue, args: wfArgs, workflowExecutionTimeout: '15 minutes' });
        startMs.push(performance.now() - s);
      }
    }),
  );
  const startedAll = Date.now();
  const timeout = sleep(O.drainSeconds * 1000).then(() => 'timeout');
  if ((await Promise.race([Promise.all(done), timeout])) === 'timeout') log(`${kind}: ${ids.filter((id) => !reached.has(id)).length} workflows not done after ${O.drainSeconds} s`);
  const finished = ids.filter((id) => reached.has(id));
  const last = finished.length ? Math.max(...finished.map((id) => reached.get(id))) : NaN;
  const after = cpuSample();
  const result = {
    count,
    done: finished.length,
    rate: finished.length / ((last - t0) / 1000),
    startRate: count / ((startedAll - t0) / 1000),
    startLatency: p50p99(startMs),
    toDone: p50p99(finished.map((id) => reached.get(id) - t0)),
    cpu: cpuCosts(before, after, idle, CLK_TCK, finished.length),
  };
  log(`  ${fmt(result.rate, 1)} workflows/s done (starts accepted at ${fmt(result.startRate, 1)}/s, start call p50 ${fmt(result.startLatency.p50)} p99 ${fmt(result.startLatency.p99)} ms)`);
  return { ids, result };
}
try {
  report.ceiling = (await engine('ceiling', 'benchTrivialWorkflow', O.ceilingCount, [])).result;
  const ref = await engine('reference', 'benchReferenceWorkflow', O.referenceCount, [plan]);
  report.reference = ref.result;
  // the reference workflows wait on their (case clock) timer: end them, outside the measurement
  log('terminating the reference workflows …');
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ref.ids.length) {
        const id = ref.ids[next++];
        await client.workflow.getHandle(id).terminate('npm run bench: measured').catch(() => undefined);
      }
    }),
  );
} finally {
  worker.shutdown();
  await workerRun;
  await nativeConnection.close();
  await connection.close();
}

// ---- report
const a = report.ceiling.rate;
const b = report.reference.rate;
const c = report.pipeline.rate;
const cpuLine = (rows) => rows.map((r) => `${r.process} ${fmt(r.msPerUnit)}`).join(', ');
console.error('');
console.error(`machine: ${machine}; commit ${commit}; Node ${process.version}; CLK_TCK ${CLK_TCK}`);
console.error(`a. start ceiling        ${fmt(a, 1)} workflows/s (trivial workflow, ${O.concurrency} clients, ${report.ceiling.done}/${report.ceiling.count})`);
console.error(`b. engine reference     ${fmt(b, 1)} workflows/s (routed-case shape: ${plan.steps.length} tasks, ${shape.activities} no-op activities, ${shape.upserts} upserts, ${shape.timers} timers${plan.extraTimers ? `, +${plan.extraTimers} fired timers for tasks the case got from outside` : ''})`);
console.error(`c. pipeline sustained   ${fmt(c, 1)} cases/s (${O.concurrency} in flight, ${report.pipeline.seconds} s; ack p50 ${fmt(report.pipeline.ack.p50)} p99 ${fmt(report.pipeline.ack.p99)} ms, workflow started p50 ${fmt(report.pipeline.wfStart.p50)} p99 ${fmt(report.pipeline.wfStart.p99)} ms)`);
console.error(`c/b ${ratioPct(c, b)}   b/a ${ratioPct(b, a)}`);
console.error(`routed case: ${shape.events} history events, ${shape.activities} activities, ${shape.workflowTasks} workflow tasks, ${shape.upserts} upserts, ${shape.timers} timers`);
console.error('');
console.error('CPU ms per case (per workflow for a, b), idle baseline subtracted:');
const phases = [
  ...report.rates.map((r) => [`${r.rate}/s`, r.cpu]),
  ['c sustained', report.pipeline.cpu],
  ['a ceiling', report.ceiling.cpu],
  ['b reference', report.reference.cpu],
];
const procs = [...Object.keys(pids), 'total'];
console.error(['phase'.padEnd(12), ...procs.map((p) => p.padStart(12))].join(''));
for (const [name, rows] of phases) console.error([name.padEnd(12), ...procs.map((p) => fmt(rows.find((r) => r.process === p)?.msPerUnit, 1).padStart(12))].join(''));
console.error(`idle CPU (cores): ${Object.entries(idle).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
console.error('');
console.error('fixed rates:');
for (const r of report.rates) console.error(`  ${r.rate}/s × ${O.rateSeconds} s: ${r.accepted}/${r.requests} acknowledged (${r.errors} errors), ack p50/p99 ${fmt(r.ack.p50)} / ${fmt(r.ack.p99)} ms, intake → workflow started p50/p99 ${fmt(r.wfStart.p50)} / ${fmt(r.wfStart.p99)} ms${r.notStarted ? `, ${r.notStarted} not started` : ''}`);
console.error('');

const row = tableRow([
  new Date().toISOString().slice(0, 10),
  machine,
  commit,
  `${fmt(a, 1)}`,
  `${fmt(b, 1)}`,
  `${fmt(c, 1)} (${report.pipeline.seconds} s)`,
  ratioPct(c, b),
  ratioPct(b, a),
  `${shape.events} ev, ${shape.workflowTasks} WT, ${shape.activities} act, ${shape.upserts} ups, ${shape.timers} tmr${shape.markers ? `, ${shape.markers} mk` : ''}`,
  report.rates.map((r) => `${r.rate}/s: ${fmt(r.wfStart.p50)} / ${fmt(r.wfStart.p99)}`).join('; '),
  report.rates.map((r) => `${r.rate}/s: ${fmt(r.ack.p50)} / ${fmt(r.ack.p99)}`).join('; '),
  `${fmt(report.pipeline.cpu.at(-1).msPerUnit)} (${cpuLine(report.pipeline.cpu.slice(0, -1))})`,
  [O.notes, `${O.concurrency} clients, ceiling ${O.ceilingCount}, reference ${O.referenceCount}, rates × ${O.rateSeconds} s`].filter(Boolean).join('; '),
]);
console.log(row);
if (O.record) {
  const readme = path.join(here, 'README.md');
  writeFileSync(readme, appendResultsRow(readFileSync(readme, 'utf8'), row));
  log(`recorded in ${readme}`);
}
