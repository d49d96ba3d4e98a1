#!/usr/bin/env node
// The fault drill (issue 14): against the running stack (`npm run up`), a steady load of reports while one fault at a
// time is injected — kill -9 of the worker and of each service, Kafka down, Postgres immediate stop, Temporal down,
// SIGTERM of each service — then the check that every acknowledged report has exactly one stored report, one case
// routed once with its workflow in Temporal, its case in the ledger, an empty outbox and no new dead letters.
// Per fault it measures how long after the component came back every service was healthy again (`/health` ok).
//
//   npm run drill [-- --rate 5 --faults kill-worker,kafka-down --outage 15 --settle 5]
//
// Bounded (one pass over the chosen faults, then at most --verify-timeout seconds of waiting); loopback only; it stops
// and starts the local components through deploy/local/*.sh, so it is for a development machine, never production.
import { Client, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

const run = promisify(execFile);
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const ROOT = path.resolve(import.meta.dirname, '..');
const HOME = process.env.HUIYING_HOME ?? path.join(ROOT, '.huiying');
const RATE = Number(args.rate ?? 5);
const OUTAGE_S = Number(args.outage ?? 15);
const SETTLE_S = Number(args.settle ?? 5);
const VERIFY_TIMEOUT_S = Number(args['verify-timeout'] ?? 300);
const RUN = randomUUID().slice(0, 8);

const SERVICES = ['intake', 'routing', 'assessment', 'publication', 'ledger', 'worker'];
const PORTS = { intake: 3001, routing: 3002, assessment: 3003, publication: 3004, ledger: 3005, worker: 3006 };
const ENV_PORTS = { intake: 'INTAKE_PORT', routing: 'ROUTING_PORT', assessment: 'ASSESSMENT_PORT', publication: 'PUBLICATION_PORT', ledger: 'LEDGER_PORT', worker: 'WORKER_HEALTH_PORT' };
const url = (s) => `http://127.0.0.1:${process.env[ENV_PORTS[s]] ?? PORTS[s]}`;

const sh = (script, ...rest) => run('bash', [path.join(ROOT, 'deploy/local', script), ...rest], { cwd: ROOT, env: process.env, maxBuffer: 1 << 24 });
const pidOf = (s) => Number(readFileSync(path.join(HOME, 'run', `${s}.pid`), 'utf8').trim());
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...m) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...m);

async function healthy(s) {
  try {
    const res = await fetch(`${url(s)}/health`, { signal: AbortSignal.timeout(3000) });
    return res.ok && (await res.json()).status === 'ok';
  } catch {
    return false;
  }
}
/** Seconds until every service answers /health ok (null after `limitS`). */
async function untilAllHealthy(limitS = 180) {
  const start = Date.now();
  while (Date.now() - start < limitS * 1000) {
    if ((await Promise.all(SERVICES.map(healthy))).every(Boolean)) return (Date.now() - start) / 1000;
    await sleep(500);
  }
  return null;
}

// --- the faults: each returns when the component is back (restarted / started again) --------------------------------
async function killService(s, signal) {
  const pid = pidOf(s);
  process.kill(pid, signal);
  const sent = Date.now();
  while (alive(pid)) await sleep(100);
  const exitS = (Date.now() - sent) / 1000;
  await sleep(2000); // the outage: the service is gone (Kubernetes or systemd would restart it)
  const back = Date.now();
  sh('huiying.sh', 'services', 'start').catch((e) => log(`services start: ${e.message}`));
  return { back, note: signal === 'SIGTERM' ? `exited ${exitS.toFixed(1)} s after SIGTERM` : '' };
}
async function stopComponent(script, env = {}) {
  Object.assign(process.env, env);
  await sh(script, 'stop');
  for (const k of Object.keys(env)) delete process.env[k];
  await sleep(OUTAGE_S * 1000);
  const back = Date.now();
  await sh(script, 'start');
  return { back, note: `${OUTAGE_S} s down` };
}
const FAULTS = {
  ...Object.fromEntries(SERVICES.map((s) => [`kill-${s}`, () => killService(s, 'SIGKILL')])),
  'kafka-down': () => stopComponent('kafka.sh'),
  'postgres-down': () => stopComponent('postgres.sh', { PG_STOP_MODE: 'immediate' }),
  'temporal-down': () => stopComponent('temporal.sh'),
  ...Object.fromEntries(SERVICES.map((s) => [`term-${s}`, () => killService(s, 'SIGTERM')])),
};
const chosen = (args.faults ?? Object.keys(FAULTS).join(',')).split(',').filter(Boolean);
for (const f of chosen) if (!FAULTS[f]) throw new Error(`unknown fault ${f}; one of ${Object.keys(FAULTS).join(', ')}`);

// --- the load ----------------------------------------------------------------------------------------------------
const adminKeyFile = path.join(HOME, 'admin.key');
const KEY = process.env.HUIYING_ADMIN_KEY ?? (existsSync(adminKeyFile) ? readFileSync(adminKeyFile, 'utf8').trim() : undefined);
if (!KEY) throw new Error(`no admin key: set HUIYING_ADMIN_KEY or run \`npm run up\` (it writes ${adminKeyFile})`);
const acknowledged = new Map(); // sourceRef -> caseId
const refused = { count: 0, statuses: {} };
let loading = true;
async function load() {
  const gap = 1000 / RATE;
  for (let i = 0; loading; i++) {
    const started = Date.now();
    const sourceRef = `drill-${RUN}-${i}`;
    const body = {
      channel: 'portal', title: `演练报告 ${i}`, content: `故障演练期间提交的第 ${i} 条报告`, occurredAt: new Date(Date.now() - 60_000).toISOString(),
      location: { district: '城关区', township: `演练街道${RUN}-${i}` }, category: 'public_infrastructure', sourceRef,
    };
    // not awaited one by one: a call that hangs during a fault must not slow the arrival rate
    void fetch(`${url('intake')}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) })
      .then(async (res) => {
        if (res.status === 202 || res.status === 200) acknowledged.set(sourceRef, (await res.json()).caseId);
        else {
          refused.count++;
          refused.statuses[res.status] = (refused.statuses[res.status] ?? 0) + 1;
        }
      })
      .catch(() => {
        refused.count++;
        refused.statuses.network = (refused.statuses.network ?? 0) + 1;
      });
    await sleep(Math.max(0, gap - (Date.now() - started)));
  }
  await sleep(31_000); // the calls still in flight
}

// --- verification ------------------------------------------------------------------------------------------------
async function deadLetters() {
  const kafka = new Kafka({ clientId: `drill-${RUN}`, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const counts = {};
    for (const t of (await admin.listTopics()).filter((x) => x.startsWith('dlq.'))) counts[t] = (await admin.fetchTopicOffsets(t)).reduce((n, p) => n + Number(p.high), 0);
    return counts;
  } finally {
    await admin.disconnect();
  }
}
const db = () => {
  const c = new pg.Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'huiying', password: process.env.PGPASSWORD ?? 'huiying', database: process.env.PGDATABASE ?? 'huiying' });
  c.on('error', () => undefined);
  return c;
};

async function verify() {
  const refs = [...acknowledged.keys()];
  const client = db();
  await client.connect();
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const temporal = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const deadline = Date.now() + VERIFY_TIMEOUT_S * 1000;
  let last;
  try {
    for (;;) {
      const reports = (await client.query('SELECT source_ref, case_id FROM intake.reports WHERE source_ref = ANY($1)', [refs])).rows;
      const byRef = new Map();
      for (const r of reports) byRef.set(r.source_ref, [...(byRef.get(r.source_ref) ?? []), r.case_id]);
      const lost = refs.filter((r) => !byRef.has(r));
      const duplicated = refs.filter((r) => (byRef.get(r)?.length ?? 0) > 1);
      const wrongCase = refs.filter((r) => byRef.has(r) && byRef.get(r)[0] !== acknowledged.get(r));
      const cases = [...new Set(acknowledged.values())];
      const routes = (await client.query('SELECT case_id, count(*)::int AS n, bool_and(workflow_started_at IS NOT NULL) AS started FROM routing.case_routes WHERE case_id = ANY($1::uuid[]) GROUP BY case_id', [cases])).rows;
      const notRouted = cases.length - routes.filter((r) => r.started).length;
      const routedTwice = routes.filter((r) => r.n > 1).length;
      const inLedger = (await client.query('SELECT count(*)::int AS n FROM ledger.cases WHERE case_id = ANY($1::uuid[])', [cases])).rows[0].n;
      const outbox = (await client.query('SELECT (SELECT count(*) FROM intake.outbox WHERE sent_at IS NULL)::int AS intake, (SELECT count(*) FROM policy.outbox WHERE sent_at IS NULL)::int AS policy')).rows[0];
      last = { acknowledged: refs.length, cases: cases.length, lost: lost.length, duplicated: duplicated.length, wrongCase: wrongCase.length, notRouted, routedTwice, notInLedger: cases.length - inLedger, outboxUnsent: outbox.intake + outbox.policy };
      const settled = !last.lost && !last.duplicated && !last.wrongCase && !notRouted && !routedTwice && !last.notInLedger && !last.outboxUnsent;
      if (settled || Date.now() > deadline) break;
      await sleep(3000);
    }
    // every case has its workflow in Temporal (one id per case: REJECT_DUPLICATE)
    let missingWorkflows = 0;
    for (const id of new Set(acknowledged.values())) {
      await temporal.workflow.getHandle(id).describe().catch(() => void missingWorkflows++);
    }
    return { ...last, missingWorkflows };
  } finally {
    await client.end();
    await connection.close();
  }
}

// --- the drill ---------------------------------------------------------------------------------------------------
log(`drill ${RUN}: ${RATE} reports/s; faults: ${chosen.join(', ')}`);
if ((await untilAllHealthy(60)) === null) throw new Error('the stack is not healthy: run `npm run up` first');
const deadBefore = await deadLetters();
const loader = load();
const rows = [];
await sleep(SETTLE_S * 1000);
for (const name of chosen) {
  const ackBefore = acknowledged.size;
  const refusedBefore = refused.count;
  const injected = Date.now();
  log(`fault ${name}`);
  const { back, note } = await FAULTS[name]();
  const recovery = await untilAllHealthy();
  const row = {
    fault: name, outageS: ((back - injected) / 1000).toFixed(1), recoveryS: recovery === null ? 'not within 180 s' : recovery.toFixed(1),
    acknowledged: acknowledged.size - ackBefore, refused: refused.count - refusedBefore, note,
  };
  rows.push(row);
  log(`  back after ${row.outageS} s; every service healthy ${row.recoveryS} s after that`);
  await sleep(SETTLE_S * 1000);
}
loading = false;
log('load stopped; waiting for the calls in flight, then verifying');
await loader;
const result = await verify();
const deadAfter = await deadLetters();
const newDead = Object.fromEntries(Object.entries(deadAfter).map(([t, n]) => [t, n - (deadBefore[t] ?? 0)]).filter(([, n]) => n > 0));

const commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })).stdout.trim();
console.log(`\n### Drill ${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${RATE} reports/s\n`);
console.log('| fault | component back after (s) | every service healthy again after (s) | acknowledged during | refused during | note |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.fault} | ${r.outageS} | ${r.recoveryS} | ${r.acknowledged} | ${r.refused} | ${r.note} |`);
console.log(`\nAcknowledged ${result.acknowledged} reports (${result.cases} cases); refused ${refused.count} ${JSON.stringify(refused.statuses)}.`);
console.log(`Lost ${result.lost}, duplicated ${result.duplicated}, stored under another case ${result.wrongCase}, cases not routed ${result.notRouted}, routed twice ${result.routedTwice}, not in the ledger ${result.notInLedger}, without a workflow ${result.missingWorkflows}, outbox rows unsent ${result.outboxUnsent}, new dead letters ${JSON.stringify(newDead)}.`);
const slow = rows.filter((r) => r.recoveryS === 'not within 180 s' || Number(r.recoveryS) > 30);
const failed = result.lost || result.duplicated || result.wrongCase || result.notRouted || result.routedTwice || result.notInLedger || result.missingWorkflows || result.outboxUnsent || Object.keys(newDead).length;
if (slow.length) console.log(`Recovery over 30 s: ${slow.map((r) => r.fault).join(', ')}.`);
process.exit(failed ? 1 : 0);
