// Talking to intake for the benchmarks (bench/intake-bench.mjs, bench/bench.mjs): a bench API key, a generated report,
// one POST /v1/reports. Loopback only.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Refuses a URL or host:port that is not on this machine's loopback. */
export function assertLoopback(what, address) {
  const host = /^[a-z]+:\/\//i.test(address) ? new URL(address).hostname : address.replace(/:\d+$/, '');
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`${what} ${address} is not on the loopback: the benchmarks talk to 127.0.0.1 only`);
  return address;
}

/** Where the running stack keeps its admin key and pid files: HUIYING_HOME, else the workspace's .huiying. */
export function huiyingHome() {
  return process.env.HUIYING_HOME ?? path.resolve(import.meta.dirname ?? '.', '../.huiying');
}

// Every call needs an API key, and a system's rate limit (default 600/min) would throttle the benchmark: with the
// admin key (HUIYING_ADMIN_KEY, else the one `npm run up` keeps) register the calling system `bench` (scope submit,
// 1,000,000/min) through the ledger's access API and issue a one-hour key for this run.
export async function benchKey(ledger) {
  const file = path.join(huiyingHome(), 'admin.key');
  const admin = process.env.HUIYING_ADMIN_KEY ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
  if (!admin) throw new Error(`no admin key: set HUIYING_ADMIN_KEY or run \`npm run up\` (it writes ${file})`);
  const call = async (url, body) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const system = await call(`${ledger}/v1/access/systems`, { id: 'bench', name: 'intake benchmark (bench/intake-bench.mjs)', kind: 'system', jurisdiction: '*', scopes: ['submit'], rateLimitPerMinute: 1000000 });
  if (system.status !== 201 && system.status !== 409) throw new Error(`registering the bench system failed: ${system.status} ${JSON.stringify(system.body)}`);
  const key = await call(`${ledger}/v1/access/systems/bench/keys`, { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
  if (key.status !== 201) throw new Error(`issuing a bench key failed: ${key.status} ${JSON.stringify(key.body)}`);
  return key.body.key;
}

const DISTRICTS = ['城关区', '七里河区', '西固区', '安宁区', '红古区'];
const CATEGORIES = ['housing', 'education', 'health', 'employment', 'prices', 'other', 'emergency_management'];

export function reportBody(run, i) {
  return JSON.stringify({
    channel: 'portal',
    title: `压测报告 ${run}-${i}`,
    content: `基准测试生成的舆情报告，第 ${i} 条，关于小区物业与供暖问题。`,
    occurredAt: new Date().toISOString(),
    // a township of its own: the texts are near-duplicates, and intake would group reports of one place into one case
    location: { district: DISTRICTS[i % DISTRICTS.length], township: `基准街道${run}-${i}` },
    category: CATEGORIES[i % CATEGORIES.length],
    sourceRef: `bench:${randomUUID()}`,
  });
}

/** One report: { ok (202), status, ms (acknowledgement latency), sentAt (epoch ms), caseId }. */
export async function submit(intake, apiKey, run, i) {
  const sentAt = Date.now();
  const t0 = performance.now();
  const res = await fetch(`${intake}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: reportBody(run, i) });
  const ms = performance.now() - t0;
  const json = await res.json().catch(() => ({}));
  return { ok: res.status === 202, status: res.status, ms, sentAt, caseId: json.caseId };
}
