// The 12345 hotline feed on the running stack (issue 6): Kafka (new, re-sent, revised orders, dead letters, the lag
// metric), the batch endpoint's limits, masking. The bulk import of thousands of orders is hotline-import.bulk.integration-spec.ts.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client as PgClient } from 'pg';
import type { Consumer, Producer } from 'kafkajs';
import { DLQ_HEADERS, EVENT_TYPES, HOTLINE_BATCH_MAX, makeEnvelope, TOPICS, deadLetterTopic } from '@huiying/contracts';
import { authHeaders, eventually, getJson, kafka, logsDir, pg, postJson, urls } from './support';
import { workOrder } from './hotline-support';

describe('12345 hotline feed on the running stack', () => {
  let db: PgClient;

  beforeAll(async () => {
    db = await pg();
  });

  afterAll(async () => {
    await db?.end();
  });

  const count = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0].n as number;

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
      const got = await fetch(`${urls.intake}/v1/hotline/work-orders/${orderNo}`, { headers: authHeaders() }).then((r) => r.json() as Promise<Record<string, unknown>>);
      expect(got).toMatchObject({ orderNo, revision: 2, caseId: report.case_id, title: '工单更新：已派单', firstSource: 'kafka' });
      expect(JSON.stringify(got)).not.toContain((original.caller as { phone: string }).phone);
      // one report and one received event whatever the paths; one report-updated event for the later revision
      expect(await count('SELECT count(*)::int AS n FROM intake.reports WHERE source_ref = $1', [source])).toBe(1);
      const events = await db.query('SELECT event_id, topic FROM intake.outbox WHERE message_key = $1 ORDER BY id', [report.case_id]);
      expect(events.rows).toEqual([
        { event_id: `report:${report.id}`, topic: TOPICS.reportReceived },
        { event_id: `report-updated:${report.id}:2`, topic: TOPICS.reportUpdated },
      ]);

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
        const lags = [...text.matchAll(/^huiying_kafka_consumer_lag\{group="[^"]+",topic="hotline\.work-orders\.v1",partition="(\d+)"[^}]*\} (\d+)$/gm)];
        return lags.length === 6 && lags.every((m) => m[2] === '0') ? text : undefined;
      });
      expect(metrics).toMatch(/^# TYPE huiying_kafka_consumer_lag gauge$/m);
      expect(metrics).toMatch(/^huiying_hotline_work_orders_total\{source="kafka",result="(accepted|duplicate|updated)"[^}]*\} \d+$/m);
    } finally {
      await dlq.disconnect();
      await producer.disconnect();
    }
  });

  it('status by order number: the ledger answers each order\'s case, stage, lead department and running due times; unknown orders are not found', async () => {
    const prefix = `E2ES${randomUUID().slice(0, 8)}`;
    const [a, b] = [`${prefix}-A`, `${prefix}-B`];
    const res = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, { items: [workOrder(a, 1), workOrder(b, 2)] });
    expect(res.status).toBe(200);
    const accepted = (res.body.results as { orderNo: string; caseId: string }[]).filter((r) => r.caseId);
    const caseOf = new Map(accepted.map((r) => [r.orderNo, r.caseId]));
    const status = async (query: string) => getJson(`${urls.ledger}/v1/hotline/work-orders?${query}`);
    const items = await eventually('both orders routed in the ledger', async () => {
      const r = await status(`orderNo=${b}&orderNo=${a},NOSUCH${prefix}&orderNo=${a}`);
      const list = r.body.items as { orderNo: string; found: boolean; stage: string | null }[];
      return list.filter((i) => i.found && i.stage === 'routed').length === 2 ? list : undefined;
    });
    // one item per order number asked, in the order asked, each once
    expect(items.map((i) => [i.orderNo, i.found])).toEqual([[b, true], [a, true], [`NOSUCH${prefix}`, false]]);
    const first = items[1] as unknown as Record<string, unknown>;
    expect(first).toMatchObject({ caseId: caseOf.get(a), stage: 'routed', leadDepartment: expect.any(String), jurisdiction: expect.any(String), overdue: false, closedAt: null, reportsInCase: 1 });
    expect((first.dueTimes as string[]).length).toBeGreaterThan(0); // the claim clock runs
    expect(Date.parse((first.dueTimes as string[])[0] as string)).toBeGreaterThan(Date.now());
    // bad requests are refused on the field
    const none = await status('');
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ field: 'orderNo', messages: expect.arrayContaining(['orderNo must be given, e.g. ?orderNo=GD20261120000123']) }]);
    const tooMany = await status(`orderNo=${Array.from({ length: 501 }, (_, i) => `N${i}`).join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ field: 'orderNo', messages: ['orderNo: at most 500 order numbers per request'] }]);
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
