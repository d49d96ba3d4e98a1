// The 12345 hotline feed end to end (issue 6): three ways in (the import CLI, the batch endpoint, Kafka), one mapping,
// the order number as idempotency key, revisions, dead letters, the lag metric; on the running intake, Postgres, Kafka,
// routing and Temporal. HOTLINE_E2E_ORDERS sets the size of the generated import file: 10,000 in CI (as the issue
// asks; measured on 2 cores under load: CLI 102 s + 15 s, batch endpoint 16 s, all 9,400 cases routed 553 s, the workflows caught up in the ledger some minutes later), 1,000 on
// a developer's machine where the 9,400 case workflows would keep a shared stack busy.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client as PgClient } from 'pg';
import type { Consumer, Producer } from 'kafkajs';
import { DLQ_HEADERS, EVENT_TYPES, HOTLINE_BATCH_MAX, makeEnvelope, TOPICS, deadLetterTopic } from '@huiying/contracts';
import { eventually, kafka, logsDir, pg, postJson, urls } from './support';

const run = promisify(execFile);
const CLI = path.resolve(__dirname, '../../apps/intake/dist/hotline/hotline-import.cli.js');
const N = Number(process.env.HOTLINE_E2E_ORDERS ?? (process.env.CI ? 10000 : 1000));

interface Summary {
  rows: number;
  accepted: number;
  duplicate: number;
  updated: number;
  rejected: number;
  rejects: { line: number; orderNo?: string; errors: { field: string; messages: string[] }[] }[];
  seconds: number;
}

const CSV_HEADER = 'orderNo,callTime,appealType,title,content,district,township,address,callerName,callerPhone,handlingUnit,urgency,revision,category';
const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
function csvLine(o: Record<string, unknown>): string {
  const loc = (o.location ?? {}) as Record<string, string>;
  const caller = (o.caller ?? {}) as Record<string, string>;
  return [o.orderNo, o.callTime, o.appealType, o.title, o.content, loc.district, loc.township, loc.address, caller.name, caller.phone, o.handlingUnit, o.urgency, o.revision, o.category]
    .map(csvCell)
    .join(',');
}

const APPEALS = ['consultation', 'help', 'complaint', 'report', 'suggestion'];
const CATEGORIES = ['housing', 'education', 'health', 'prices', 'public_infrastructure', undefined];

function workOrder(orderNo: string, i: number): Record<string, unknown> {
  return {
    orderNo,
    callTime: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:15:00+08:00`,
    appealType: APPEALS[i % APPEALS.length],
    title: `工单 ${i}：小区${i % 7 === 0 ? '供暖' : '路灯'}问题, "急"`,
    content: `来电人反映第 ${i} 号问题，\n已多次反映未果。`,
    location: { district: '城关区', township: i % 2 ? '东风街道' : '西湖街道' },
    caller: { name: `来电人${i}`, phone: `139${String(10000000 + i).slice(-8)}` },
    handlingUnit: '城关区住建局',
    urgency: i % 13 === 0 ? 'urgent' : 'normal',
    revision: 1,
    ...(CATEGORIES[i % CATEGORIES.length] ? { category: CATEGORIES[i % CATEGORIES.length] } : {}),
  };
}

/** Invalid in the same way whether it is read from JSON lines or from CSV. */
const INVALID: [string, (o: Record<string, unknown>) => Record<string, unknown>][] = [
  ['appealType', (o) => ({ ...o, appealType: 'wish' })],
  ['callTime', (o) => ({ ...o, callTime: 'yesterday' })],
  ['caller.phone', (o) => ({ ...o, caller: { name: '某某', phone: 'call me' } })],
  ['orderNo', (o) => ({ ...o, orderNo: `${String(o.orderNo)} bad!` })],
  ['urgency', (o) => ({ ...o, urgency: 'asap' })],
];

describe('12345 hotline feed on the running stack', () => {
  let db: PgClient;
  const dir = mkdtempSync(path.join(tmpdir(), 'hotline-e2e-'));

  beforeAll(async () => {
    db = await pg();
  });

  afterAll(async () => {
    await db?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0].n as number;

  it(`imports ${N} work orders (5 % duplicates, 1 % invalid) twice through the CLI and once through the batch endpoint: exactly one report and case per order`, async () => {
    const prefix = `E2E${randomUUID().slice(0, 8)}`;
    const nDup = Math.round(N * 0.05);
    const nInvalid = Math.round(N * 0.01);
    const nUnique = N - nDup - nInvalid;
    const uniques = Array.from({ length: nUnique }, (_, i) => workOrder(`${prefix}-${String(i).padStart(6, '0')}`, i));
    // rows: the unique orders, with re-sends of earlier orders and invalid rows spread through the file
    const rows: { order: Record<string, unknown>; invalid?: string }[] = uniques.map((order) => ({ order }));
    for (let k = 0; k < nDup; k++) {
      const at = Math.floor(((k + 1) * rows.length) / (nDup + 1));
      rows.splice(at + 1, 0, { order: uniques[Math.floor((k * 7919) % Math.min(at + 1, nUnique))] });
    }
    for (let k = 0; k < nInvalid; k++) {
      const [field, spoil] = INVALID[k % INVALID.length];
      const at = Math.floor(((k + 1) * rows.length) / (nInvalid + 1));
      rows.splice(at, 0, { order: spoil(workOrder(`${prefix}-X${String(k).padStart(5, '0')}`, k)), invalid: field });
    }
    expect(rows).toHaveLength(N);
    const jsonl = path.join(dir, 'orders.jsonl');
    const csv = path.join(dir, 'orders.csv');
    writeFileSync(jsonl, rows.map((r) => JSON.stringify(r.order)).join('\n') + '\n');
    writeFileSync(csv, [CSV_HEADER, ...rows.map((r) => csvLine(r.order))].join('\n') + '\n');
    // where each row starts: one line per row in JSON lines; in CSV after the header, and a quoted cell with a line
    // break makes a record span two lines
    const startLines = { jsonl: rows.map((_, i) => i + 1), csv: [] as number[] };
    rows.reduce((line, r) => (startLines.csv.push(line), line + csvLine(r.order).split('\n').length), 2);
    const invalidLines = (format: 'jsonl' | 'csv') => rows.flatMap((r, i) => (r.invalid ? [{ line: startLines[format][i], field: r.invalid }] : []));

    const timings: Record<string, number> = {};
    const cli = async (file: string): Promise<Summary> => {
      const started = Date.now();
      const { stdout } = await run(process.execPath, [CLI, file, '--url', urls.intake, '--json'], { maxBuffer: 64 * 1024 * 1024 });
      timings[path.basename(file)] = Date.now() - started;
      return JSON.parse(stdout) as Summary;
    };
    const expectRejects = (s: Summary, format: 'jsonl' | 'csv') => {
      expect(s.rejects.map((r) => r.line)).toEqual(invalidLines(format).map((l) => l.line));
      s.rejects.forEach((r, k) => {
        expect(r.errors.map((e) => e.field)).toContain(invalidLines(format)[k].field);
        expect(r.errors.every((e) => e.messages.length > 0)).toBe(true);
      });
    };

    // 1. the CLI with JSON lines: every unique order accepted, re-sends duplicates, invalid rows rejected with reasons
    const first = await cli(jsonl);
    expect(first).toMatchObject({ rows: N, accepted: nUnique, duplicate: nDup, updated: 0, rejected: nInvalid });
    expectRejects(first, 'jsonl');

    // 2. the same orders again as CSV: nothing new
    const second = await cli(csv);
    expect(second).toMatchObject({ rows: N, accepted: 0, duplicate: nUnique + nDup, updated: 0, rejected: nInvalid });
    expectRejects(second, 'csv');

    // 3. and once more straight to the batch endpoint
    const started = Date.now();
    const totals = { accepted: 0, duplicate: 0, updated: 0, rejected: 0 };
    for (let i = 0; i < rows.length; i += HOTLINE_BATCH_MAX) {
      const res = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, { items: rows.slice(i, i + HOTLINE_BATCH_MAX).map((r) => r.order) });
      expect(res.status).toBe(200);
      const summary = res.body.summary as typeof totals;
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += summary[k];
    }
    timings.batchEndpoint = Date.now() - started;
    expect(totals).toEqual({ accepted: 0, duplicate: nUnique + nDup, updated: 0, rejected: nInvalid });

    // exactly one report, case, work order, revision and outbox event per unique order, nothing for the invalid rows
    const like = `12345:${prefix}-%`;
    expect(await count(`SELECT count(*)::int AS n FROM intake.reports WHERE source_ref LIKE $1`, [like])).toBe(nUnique);
    expect(await count(`SELECT count(DISTINCT case_id)::int AS n FROM intake.reports WHERE source_ref LIKE $1 AND channel = 'hotline_12345'`, [like])).toBe(nUnique);
    expect(await count(`SELECT count(*)::int AS n FROM intake.hotline_work_orders WHERE order_no LIKE $1`, [`${prefix}-%`])).toBe(nUnique);
    expect(await count(`SELECT count(*)::int AS n FROM intake.hotline_work_order_revisions WHERE order_no LIKE $1`, [`${prefix}-%`])).toBe(nUnique);
    expect(await count(`SELECT count(*)::int AS n FROM intake.hotline_work_orders WHERE order_no LIKE $1`, [`${prefix}-X%`])).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM intake.outbox o JOIN intake.reports r ON o.message_key = r.case_id::text WHERE r.source_ref LIKE $1`, [like]),
    ).toBe(nUnique);
    const sample = await db.query(`SELECT reporter_encrypted FROM intake.reports WHERE source_ref = $1`, [`12345:${String(uniques[1].orderNo)}`]);
    expect(sample.rows[0].reporter_encrypted).toMatch(/^v1\./);
    expect(sample.rows[0].reporter_encrypted).not.toContain((uniques[1].caller as { phone: string }).phone);

    // and they join the opinion pipeline: each case routed once and its workflow running (collected → routed in the
    // case ledger). A burst larger than the workflow start rate waits in Kafka and Temporal's task queue, nothing is
    // dropped; waiting for the ledger also leaves no backlog behind for the tests that run next.
    const routingStarted = Date.now();
    await eventually(
      `${nUnique} hotline cases routed and in the ledger`,
      async () => {
        const n = await count(
          `SELECT count(*)::int AS n FROM ledger.cases c JOIN intake.reports r ON r.case_id = c.case_id WHERE r.source_ref LIKE $1 AND c.last_sequence >= 2`,
          [like],
        );
        return n === nUnique ? n : undefined;
      },
      Math.max(120000, N * 120),
    );
    expect(await count(`SELECT count(*)::int AS n FROM routing.case_routes c JOIN intake.reports r ON r.case_id = c.case_id WHERE r.source_ref LIKE $1`, [like])).toBe(nUnique);
    timings.untilAllRouted = Date.now() - routingStarted;
    process.stdout.write(`hotline e2e N=${N} timings (ms): ${JSON.stringify(timings)}\n`);
  }, Math.max(300000, N * 200));

  it('Kafka: new, re-sent and revised orders map like the other paths; poison goes to the dead-letter topic with the reason; lag is a metric', async () => {
    const prefix = `K${randomUUID().slice(0, 8)}`;
    const k = kafka(`hotline-e2e-${prefix}`);
    const producer: Producer = k.producer();
    await producer.connect();
    const dlq: Consumer = k.consumer({ groupId: `hotline-e2e-dlq-${prefix}` });
    const dead: { key: string; reason: string }[] = [];
    await dlq.connect();
    await dlq.subscribe({ topic: deadLetterTopic(TOPICS.hotlineWorkOrders), fromBeginning: true });
    await dlq.run({ eachMessage: async ({ message }) => void dead.push({ key: message.key?.toString() ?? '', reason: message.headers?.[DLQ_HEADERS.reason]?.toString() ?? '' }) });
    try {
      const send = (order: Record<string, unknown>, key = String(order.orderNo)) =>
        producer.send({
          topic: TOPICS.hotlineWorkOrders,
          messages: [
            {
              key,
              value: JSON.stringify(
                makeEnvelope({ id: `hotline:${String(order.orderNo)}:${String(order.revision)}`, type: EVENT_TYPES.hotlineWorkOrder, source: '/12345/platform', time: new Date().toISOString(), subject: String(order.orderNo), data: order }),
              ),
            },
          ],
        });
      const orderNo = `${prefix}-1`;
      const source = `12345:${orderNo}`;
      const original = workOrder(orderNo, 3);
      await send(original);
      await send(original); // re-delivery
      const report = await eventually('work order from Kafka stored', async () => (await db.query('SELECT id, case_id, title FROM intake.reports WHERE source_ref = $1', [source])).rows[0]);

      // the same order through the batch endpoint: duplicate, same case
      const viaBatch = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, { items: [original] });
      expect((viaBatch.body.results as Record<string, unknown>[])[0]).toMatchObject({ result: 'duplicate', caseId: report.case_id, revision: 1 });

      // revision 2 on Kafka updates the order and its report, and is recorded
      await send({ ...original, revision: 2, title: '工单更新：已派单', urgency: 'urgent' });
      await eventually('revision 2 stored', async () => ((await count('SELECT count(*)::int AS n FROM intake.hotline_work_order_revisions WHERE order_no = $1', [orderNo])) === 2 ? true : undefined));
      const revisions = await db.query('SELECT revision, source, changed_fields FROM intake.hotline_work_order_revisions WHERE order_no = $1 ORDER BY revision', [orderNo]);
      expect(revisions.rows).toEqual([
        { revision: 1, source: 'kafka', changed_fields: [] },
        { revision: 2, source: 'kafka', changed_fields: ['title', 'urgency'] },
      ]);
      expect((await db.query('SELECT title FROM intake.reports WHERE id = $1', [report.id])).rows[0].title).toBe('工单更新：已派单');
      // an older revision arriving late changes nothing
      const late = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, { items: [{ ...original, title: '旧版本' }] });
      expect((late.body.results as Record<string, unknown>[])[0]).toMatchObject({ result: 'duplicate', revision: 2 });
      const got = await fetch(`${urls.intake}/v1/hotline/work-orders/${orderNo}`).then((r) => r.json() as Promise<Record<string, unknown>>);
      expect(got).toMatchObject({ orderNo, revision: 2, caseId: report.case_id, title: '工单更新：已派单', firstSource: 'kafka' });
      expect(JSON.stringify(got)).not.toContain((original.caller as { phone: string }).phone);
      // one report, one outbox event, whatever the paths and revisions
      expect(await count('SELECT count(*)::int AS n FROM intake.reports WHERE source_ref = $1', [source])).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM intake.outbox WHERE message_key = $1', [report.case_id])).toBe(1);

      // poison: an invalid work order, a value that is not JSON, a key that is not the order number
      await send({ ...workOrder(`${prefix}-2`, 4), appealType: 'wish' });
      await producer.send({ topic: TOPICS.hotlineWorkOrders, messages: [{ key: `${prefix}-3`, value: '{nope' }] });
      await send(workOrder(`${prefix}-4`, 5), `${prefix}-other-key`);
      const poisoned = await eventually('three dead letters', async () => {
        const mine = dead.filter((d) => d.key.startsWith(prefix));
        return mine.length >= 3 ? mine : undefined;
      });
      const reasons = Object.fromEntries(poisoned.map((d) => [d.key, d.reason]));
      expect(reasons[`${prefix}-2`]).toMatch(/data\.appealType/);
      expect(reasons[`${prefix}-3`]).toMatch(/not JSON/);
      expect(reasons[`${prefix}-other-key`]).toMatch(/differs from envelope subject/);
      for (const n of [2, 3, 4]) expect(await count('SELECT count(*)::int AS n FROM intake.hotline_work_orders WHERE order_no = $1', [`${prefix}-${n}`])).toBe(0);

      // the consumer group's lag per partition, and the work orders counted by source and result
      const metrics = await eventually('lag back to 0', async () => {
        const text = await fetch(`${urls.intake}/metrics`).then((r) => r.text());
        const lags = [...text.matchAll(/^huiying_kafka_consumer_lag\{group="[^"]+",topic="hotline\.work-orders\.v1",partition="(\d+)"\} (\d+)$/gm)];
        return lags.length === 6 && lags.every((m) => m[2] === '0') ? text : undefined;
      });
      expect(metrics).toMatch(/^# TYPE huiying_kafka_consumer_lag gauge$/m);
      expect(metrics).toMatch(/^huiying_hotline_work_orders_total\{source="kafka",result="(accepted|duplicate|updated)"\} \d+$/m);
    } finally {
      await dlq.disconnect();
      await producer.disconnect();
    }
  });

  it('the batch endpoint refuses more than 1,000 items with 413 and a body that is not a list of items with 400, storing nothing', async () => {
    const prefix = `L${randomUUID().slice(0, 8)}`;
    const items = Array.from({ length: HOTLINE_BATCH_MAX + 1 }, (_, i) => workOrder(`${prefix}-${i}`, i));
    const tooMany = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, { items });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ code: 'HOTLINE_BATCH_TOO_LARGE', message: expect.stringMatching(/at most 1000/) });
    expect((await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, { items: [] })).status).toBe(400);
    expect((await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, [workOrder(`${prefix}-x`, 1)])).status).toBe(400);
    expect(await count('SELECT count(*)::int AS n FROM intake.hotline_work_orders WHERE order_no LIKE $1', [`${prefix}-%`])).toBe(0);
    const schema = await fetch(`${urls.intake}/v1/hotline/work-orders/schema`).then((r) => r.json() as Promise<{ required: string[] }>);
    expect(schema.required).toContain('orderNo');
    const docs = await fetch(`${urls.intake}/docs-json`).then((r) => r.json() as Promise<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>);
    expect(Object.keys(docs.paths)).toContain('/v1/hotline/work-orders:batch');
    expect(docs.components.schemas).toHaveProperty('HotlineWorkOrderDto');
  });

  it('callers\' names and phone numbers never reach the intake log unmasked', async () => {
    const orderNo = `M${randomUUID().slice(0, 8)}`;
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const res = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, { items: [{ ...workOrder(orderNo, 1), caller: { name: '欧阳修文', phone } }, { ...workOrder(`${orderNo}-bad`, 2), caller: { name: '欧阳修文', phone }, appealType: 'x' }] });
    expect(res.status).toBe(200);
    const text = await eventually('intake logged the batch', async () => {
      const t = readFileSync(path.join(logsDir, 'intake.log'), 'utf8');
      return t.includes(`${orderNo}-bad`) ? t : undefined;
    });
    expect(text).not.toContain(phone);
    expect(text).not.toContain('欧阳修文');
  });
});
