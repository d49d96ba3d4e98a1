#!/usr/bin/env node
// Monthly statistics at volume (issue 10): N synthetic cases (default 100,000) written straight into the ledger's read
// model (ledger.cases, ledger.case_history, and the figures the ledger keeps per case and month — computed by the
// ledger's own code, apps/ledger/dist/statistics/monthly-figures.js, as its fold would) in a jurisdiction of their own,
// all received in one month, with the event shapes the case workflows emit (collected, routed, claimed on time or
// late, escalations, responses meeting clocks, closures; 10 % disclosure applications: received, registered,
// extension, reply issued on time or late). Then it times GET /v1/statistics/monthly for that month and jurisdiction
// (JSON, CSV, one department), checks the figures against what it wrote, and deletes its rows. The month in progress
// (the default) is summed from the kept figures; a month that is over (e.g. --month 2026-10) is folded from the
// histories at its first request and then answered from its stored figures. Against the running stack on 127.0.0.1
// only (`npm run up` first; `npm run build` so that dist/ is current).
//
//   node bench/monthly-statistics-bench.mjs [--cases 100000] [--month YYYY-MM] [--runs 5] [--keep]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createRequire } from 'node:module';

const { caseFigureRows } = createRequire(import.meta.url)('../apps/ledger/dist/statistics/monthly-figures.js');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const CASES = Number(arg('cases', '100000'));
const MONTH = arg('month', new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7));
const RUNS = Number(arg('runs', '5'));
const KEEP = process.argv.includes('--keep');
const LEDGER = `http://127.0.0.1:${process.env.LEDGER_PORT ?? 3005}`;
const JURISDICTION = `bench-ms-${randomUUID().slice(0, 8)}`;

function adminKey() {
  if (process.env.HUIYING_ADMIN_KEY) return process.env.HUIYING_ADMIN_KEY;
  const file = path.join(process.env.HUIYING_HOME ?? path.resolve(import.meta.dirname ?? '.', '../.huiying'), 'admin.key');
  if (!existsSync(file)) throw new Error(`no admin key: set HUIYING_ADMIN_KEY or run \`npm run up\` (it writes ${file})`);
  return readFileSync(file, 'utf8').trim();
}

// Every case i: received at month start + i·(month length / N); department i % 8; 1 in 10 a disclosure application.
// Opinion: collected → routed (+2 min) → claimed (+30 min; late when i % 10 = 3) → escalation (+1 h when i % 10 = 3)
// → responded (+20 h; response clock late when i % 7 = 0) → closed (+2 days; 1 in 5 stays open).
// Disclosure: received → registered (+1 h) → extension (+10 days when i % 4 = 0) → reply issued (+15 days; late when
// i % 6 = 0; 1 in 3 stays open).
const SEED_SQL = `
WITH params AS (
  SELECT $1::int AS n, $2::timestamptz AS t0, ($3::timestamptz - $2::timestamptz) AS span, $4::text AS j
), c AS (
  SELECT i, gen_random_uuid() AS case_id,
         (SELECT t0 + span * ((i - 1)::float8 / n) FROM params) AS at,
         CASE WHEN i % 10 = 0 THEN 'disclosure' ELSE 'opinion' END AS kind,
         'dept_' || (i % 8) AS department,
         (ARRAY['weibo','portal','hotline_12345','wechat'])[1 + i % 4] AS channel,
         (ARRAY['housing','education','health','traffic','environment'])[1 + i % 5] AS category
  FROM generate_series(1, (SELECT n FROM params)) AS i
), ev AS (
  SELECT c.case_id, c.i, c.kind, c.department, e.sequence, e.change, e.stage, e.dt, e.detail
  FROM c CROSS JOIN LATERAL (
    SELECT * FROM (VALUES
      (1, 'stage', 'collected', interval '0', jsonb_build_object('channel', c.channel, 'discoveredAt', c.at, 'reportId', c.case_id)),
      (2, 'stage', 'routed', interval '2 min', jsonb_build_object('category', c.category, 'leadDepartment', c.department,
         'clocks', jsonb_build_array(jsonb_build_object('id','claim#1','clock','claim','dueAt', c.at + interval '62 min','status','pending'),
                                     jsonb_build_object('id','response#1','clock','response','dueAt', c.at + interval '24 h','status','pending')))),
      (3, 'stage', 'claimed', interval '30 min', jsonb_build_object('clockId','claim#1','late', c.i % 10 = 3, 'department', c.department)),
      (4, 'escalation', 'claimed', interval '1 h', jsonb_build_object('clockId','claim#1','clock','claim','level', 1, 'dueAt', c.at + interval '62 min')),
      (5, 'stage', 'responded', interval '20 h', jsonb_build_object('form','factual_release','publishedAt', c.at + interval '20 h',
         'met', jsonb_build_array(jsonb_build_object('clockId','response#1','clock','response','late', c.i % 7 = 0)), 'late', c.i % 7 = 0)),
      (6, 'stage', 'closed', interval '2 days', jsonb_build_object('resolution','handled','unmetClocks', '[]'::jsonb))
    ) AS o(sequence, change, stage, dt, detail)
    WHERE c.kind = 'opinion' AND (o.sequence <> 4 OR c.i % 10 = 3) AND (o.sequence <> 6 OR c.i % 5 <> 0)
    UNION ALL
    SELECT * FROM (VALUES
      (1, 'stage', 'received', interval '0', jsonb_build_object('channel', c.channel, 'receivedOn', to_char(c.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))),
      (2, 'stage', 'registered', interval '1 h', jsonb_build_object('leadDepartment', c.department)),
      (3, 'extension', 'registered', interval '10 days', jsonb_build_object('workingDays', 20)),
      (4, 'stage', 'reply_issued', interval '15 days', jsonb_build_object('replyType','disclosed','resultCode','disclosed','due', to_char((c.at + interval '28 days') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), 'late', c.i % 6 = 0))
    ) AS o(sequence, change, stage, dt, detail)
    WHERE c.kind = 'disclosure' AND (o.sequence <> 3 OR c.i % 4 = 0) AND (o.sequence <> 4 OR c.i % 3 <> 0)
  ) e
), numbered AS (
  SELECT ev.*, row_number() OVER (PARTITION BY case_id ORDER BY sequence) AS seq FROM ev
), hist AS (
  INSERT INTO ledger.case_history (case_id, sequence, event_id, stage, previous_stage, department, occurred_at, detail, change, grade)
  SELECT n.case_id, n.seq, 'bench-' || n.case_id || '-' || n.seq, n.stage, NULL, n.department, c.at + n.dt, n.detail, n.change,
         CASE WHEN n.kind = 'opinion' THEN 'general' END
  FROM numbered n JOIN c USING (case_id)
  WHERE c.at + n.dt < now()
  RETURNING case_id, sequence, stage, occurred_at
), last AS (
  SELECT DISTINCT ON (case_id) case_id, sequence, stage, occurred_at FROM hist ORDER BY case_id, sequence DESC
)
INSERT INTO ledger.cases (case_id, kind, stage, department, grade, jurisdiction, last_sequence, created_at, updated_at, channel, category, fold_version, closed_at)
SELECT c.case_id, c.kind, last.stage, c.department, CASE WHEN c.kind = 'opinion' THEN 'general' END, (SELECT j FROM params), last.sequence, c.at,
       last.occurred_at, c.channel, CASE WHEN c.kind = 'opinion' THEN c.category END, $5::int,
       CASE WHEN last.stage IN ('closed', 'reply_issued') THEN last.occurred_at END
FROM c JOIN last USING (case_id)`;

/** The figures the ledger keeps per case and month (its own code), for the seeded cases, in batches. */
async function keepFigures() {
  const ids = (await db.query(`SELECT case_id, kind, jurisdiction FROM ledger.cases WHERE jurisdiction = $1`, [JURISDICTION])).rows;
  for (let i = 0; i < ids.length; i += 5000) {
    const batch = ids.slice(i, i + 5000);
    const events = (await db.query(
      `SELECT case_id, sequence, change, stage, grade, department, occurred_at, detail FROM ledger.case_history WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, sequence`,
      [batch.map((c) => c.case_id)],
    )).rows;
    const byCase = new Map(batch.map((c) => [c.case_id, { caseId: c.case_id, kind: c.kind, jurisdiction: c.jurisdiction, events: [] }]));
    for (const e of events) byCase.get(e.case_id).events.push({ sequence: e.sequence, change: e.change, stage: e.stage, grade: e.grade, department: e.department, occurredAt: e.occurred_at, detail: e.detail });
    const rows = [...byCase.values()].flatMap((c) => caseFigureRows(c).map((r) => ({ ...r, caseId: c.caseId })));
    await db.query(
      `INSERT INTO ledger.case_month_figures (case_id, jurisdiction, month, kind, department, figure, value)
       SELECT case_id, $1, month, kind, department, figure, value FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[])
         AS t(case_id, month, kind, department, figure, value)`,
      [JURISDICTION, rows.map((r) => r.caseId), rows.map((r) => r.month), rows.map((r) => r.kind), rows.map((r) => r.department), rows.map((r) => r.figure), rows.map((r) => r.value)],
    );
  }
}

function monthBounds(month) {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00` };
}

async function timed(url, key, runs) {
  const ms = [];
  let last;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    const body = await res.text();
    ms.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
    last = body;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return { first: ms[0], median: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1], body: last };
}

const db = new pg.Client({
  host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'huiying',
  password: process.env.PGPASSWORD ?? 'huiying', database: process.env.PGDATABASE ?? 'huiying',
});
await db.connect();
const key = adminKey();
const { from, to } = monthBounds(MONTH);
const foldVersion = (await db.query(`SELECT max(fold_version) AS v FROM ledger.cases`)).rows[0]?.v ?? 0;
try {
  let t = performance.now();
  // cases received from the month's start to its end, or to now (less a day) for the month in progress
  const until = new Date(Math.min(Date.parse(to), Date.now() - 86_400_000)).toISOString();
  if (Date.parse(until) <= Date.parse(from)) throw new Error(`--month ${MONTH}: choose a month with at least a day past`);
  await db.query(SEED_SQL, [CASES, from, until, JURISDICTION, foldVersion]);
  await keepFigures();
  const rows = (await db.query(`SELECT count(*)::int AS n FROM ledger.case_history h JOIN ledger.cases c USING (case_id) WHERE c.jurisdiction = $1`, [JURISDICTION])).rows[0].n;
  console.log(`seeded ${CASES} cases (${rows} events) in ${JURISDICTION}, month ${MONTH}, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await db.query('ANALYZE ledger.cases; ANALYZE ledger.case_history; ANALYZE ledger.case_month_figures');

  const base = `${LEDGER}/v1/statistics/monthly?month=${MONTH}&jurisdiction=${JURISDICTION}`;
  const json = await timed(base, key, RUNS);
  const figures = JSON.parse(json.body);
  const opinion = CASES - Math.floor(CASES / 10);
  const expect = { opinionReceived: opinion, disclosureReceived: Math.floor(CASES / 10) };
  const got = { opinionReceived: figures.opinion.received, disclosureReceived: figures.disclosure.received };
  if (JSON.stringify(got) !== JSON.stringify(expect)) throw new Error(`figures differ from what was written: ${JSON.stringify({ expect, got })}`);
  const csv = await timed(`${base}&format=csv`, key, RUNS);
  const dept = await timed(`${base}&department=dept_3`, key, RUNS);
  t = performance.now();
  const fmt = (r) => `first ${r.first.toFixed(0)} ms, median ${r.median.toFixed(0)} ms, max ${r.max.toFixed(0)} ms`;
  console.log(`JSON, whole jurisdiction (${RUNS} runs): ${fmt(json)}`);
  console.log(`CSV, whole jurisdiction (${RUNS} runs):  ${fmt(csv)}`);
  console.log(`JSON, one department (${RUNS} runs):     ${fmt(dept)}`);
  console.log(`figures: opinion received ${figures.opinion.received}, closed ${figures.opinion.closed}, on-time rate ${figures.opinion.allClocks.onTimeRate?.toFixed(3)}, escalations ${figures.opinion.escalations}; disclosure received ${figures.disclosure.received}, closed ${figures.disclosure.closed}`);
} finally {
  if (!KEEP) {
    await db.query(`DELETE FROM ledger.case_history WHERE case_id IN (SELECT case_id FROM ledger.cases WHERE jurisdiction = $1)`, [JURISDICTION]);
    await db.query(`DELETE FROM ledger.case_month_figures WHERE jurisdiction = $1`, [JURISDICTION]);
    await db.query(`DELETE FROM ledger.cases WHERE jurisdiction = $1`, [JURISDICTION]);
    await db.query(`DELETE FROM ledger.monthly_statistics_snapshots WHERE jurisdiction = $1`, [JURISDICTION]);
    await db.query(`DELETE FROM ledger.statistics_epochs WHERE jurisdiction = $1`, [JURISDICTION]);
  }
  await db.end();
}
