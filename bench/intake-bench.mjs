#!/usr/bin/env node
// Intake benchmark against the running system (`npm run up` first).
//   node bench/intake-bench.mjs [--rate 20 --duration 30] [--burst 2000 --concurrency 32] [--sample 200]
// Phase 1 "steady": a fixed arrival rate. Phase 2 "full speed": as fast as `concurrency` clients can go.
// For each phase: accepted/s, HTTP latency p50/p99 (request → 202), and intake → workflow-started latency
// (request sent → the workflow's start time in Temporal, for a sample of cases).
// Bounded in count and time; talks to 127.0.0.1 only.
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { assertLoopback, benchKey, submit as submitReport } from './intake-client.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const INTAKE = assertLoopback('intake', args.intake ?? `http://127.0.0.1:${process.env.INTAKE_PORT ?? 3001}`);
const RATE = Number(args.rate ?? 20);
const DURATION_S = Number(args.duration ?? 30);
const BURST = Number(args.burst ?? 2000);
const CONCURRENCY = Number(args.concurrency ?? 32);
const SAMPLE = Number(args.sample ?? 200);
const TIMEOUT_MS = Number(args.timeout ?? 180000);

const LEDGER = assertLoopback('ledger', args.ledger ?? `http://127.0.0.1:${process.env.LEDGER_PORT ?? 3005}`);
const RUN = randomUUID().slice(0, 8);

const API_KEY = await benchKey(LEDGER);
const submit = (i) => submitReport(INTAKE, API_KEY, RUN, i);

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function steady() {
  const results = [];
  const pending = [];
  const total = RATE * DURATION_S;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(submit(i).then((r) => results.push(r), (e) => results.push({ ok: false, error: String(e) })));
  }
  await Promise.all(pending);
  return { results, seconds: (performance.now() - start) / 1000 };
}

async function fullSpeed() {
  const results = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BURST) {
        const i = next++;
        try {
          results.push(await submit(i));
        } catch (e) {
          results.push({ ok: false, error: String(e) });
        }
      }
    }),
  );
  return { results, seconds: (performance.now() - start) / 1000 };
}

async function workflowLatency(client, results) {
  const accepted = results.filter((r) => r.ok);
  const sample = accepted.filter((_, i) => i % Math.max(1, Math.floor(accepted.length / SAMPLE)) === 0).slice(0, SAMPLE);
  const latencies = [];
  const deadline = Date.now() + TIMEOUT_MS;
  for (const r of sample) {
    for (;;) {
      try {
        const d = await client.workflow.getHandle(r.caseId).describe();
        latencies.push(d.startTime.getTime() - r.sentAt);
        break;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`workflow ${r.caseId} not started within ${TIMEOUT_MS} ms`);
        await new Promise((res) => setTimeout(res, 200));
      }
    }
  }
  return latencies.sort((a, b) => a - b);
}

function summarize(name, { results, seconds }, wf) {
  const ok = results.filter((r) => r.ok);
  const lat = ok.map((r) => r.ms).sort((a, b) => a - b);
  return {
    phase: name,
    requests: results.length,
    accepted: ok.length,
    errors: results.length - ok.length,
    'accepted/s': +(ok.length / seconds).toFixed(1),
    'http p50 ms': +pct(lat, 50).toFixed(1),
    'http p99 ms': +pct(lat, 99).toFixed(1),
    'wf-start p50 ms': pct(wf, 50),
    'wf-start p99 ms': pct(wf, 99),
    'wf sample': wf.length,
  };
}

const connection = await Connection.connect({ address: assertLoopback('temporal', process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233') });
const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
const rows = [];
console.error(`steady: ${RATE}/s for ${DURATION_S}s …`);
const s = await steady();
rows.push(summarize(`steady ${RATE}/s`, s, await workflowLatency(client, s.results)));
console.error(`full speed: ${BURST} requests, ${CONCURRENCY} clients …`);
const f = await fullSpeed();
rows.push(summarize(`full speed c=${CONCURRENCY}`, f, await workflowLatency(client, f.results)));
await connection.close();
console.table(rows);
console.log(JSON.stringify({ machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model}`, node: process.version, rows }, null, 2));
