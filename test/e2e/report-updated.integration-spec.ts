// A 12345 work order updated with a later revision (same order number) on the real stack: intake emits
// intake.reports.updated.v1 through its outbox (revision, changed field names, no caller contact), and the
// assessment service (its own consumer group) refreshes the case's features from the new text — idempotently.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Consumer } from 'kafkajs';
import { TOPICS } from '@huiying/contracts';
import { workOrder } from './hotline-support';
import { eventually, kafka, pg, postJson, urls } from './support';

interface Seen {
  key: string | null;
  value: { id: string; type: string; subject: string; data: Record<string, unknown> };
}

describe('work-order revisions → intake.reports.updated.v1 → assessment features', () => {
  let db: PgClient;
  let consumer: Consumer;
  const seen: Seen[] = [];

  beforeAll(async () => {
    db = await pg();
    consumer = kafka('e2e-report-updated').consumer({ groupId: `e2e-report-updated-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.reportUpdated, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({ key: message.key?.toString() ?? null, value: JSON.parse(message.value?.toString() ?? '{}') as Seen['value'] });
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await db?.end();
  });

  const send = async (order: Record<string, unknown>) => {
    const res = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, { items: [order] });
    expect(res.status).toBe(200);
    return (res.body.results as { result: string; caseId: string; reportId: string; revision: number }[])[0];
  };

  it('an updated work order is an event with its revision and changed fields, and the assessment features follow the new text', async () => {
    const orderNo = `E2E-UPD-${randomUUID().slice(0, 8)}`;
    const first = { ...workOrder(orderNo, 1), title: '小区路灯不亮', content: '来电人反映小区路灯已坏多日。', caller: { name: '钱七', phone: '13722223333' } };
    const accepted = await send(first);
    expect(accepted.result).toBe('accepted');
    const { caseId, reportId } = accepted;

    // the report's first features, lexicon hits none
    await eventually('the report in the assessment features', async () => {
      const r = await db.query('SELECT revision FROM assessment.case_reports WHERE report_id = $1', [reportId]);
      return r.rowCount ? true : undefined;
    });

    const second = {
      ...first,
      revision: 2,
      urgency: 'very_urgent',
      content: '来电人补充：施工方欠薪引发冲突，现场一人死亡。',
      caller: { name: '钱七', phone: '13744445555' },
    };
    const updated = await send(second);
    expect(updated).toMatchObject({ result: 'updated', caseId, reportId, revision: 2 });

    const event = await eventually('intake.reports.updated.v1 for revision 2', async () => seen.find((m) => m.value.id === `report-updated:${reportId}:2`));
    expect(event.key).toBe(caseId);
    expect(event.value).toMatchObject({ type: 'huiying.intake.report.updated.v1', subject: caseId });
    expect(event.value.data).toMatchObject({
      reportId,
      caseId,
      revision: 2,
      previousRevision: 1,
      changedFields: ['caller', 'content', 'urgency'],
      urgency: 'very_urgent',
      content: second.content,
      sourceRef: `12345:${orderNo}`,
    });
    const raw = JSON.stringify(event.value);
    for (const secret of ['钱七', '13722223333', '13744445555']) expect(raw).not.toContain(secret);

    const features = await eventually('the assessment features of revision 2', async () => {
      const r = await db.query('SELECT revision, sensitive_terms, casualty_terms, case_id FROM assessment.case_reports WHERE report_id = $1', [reportId]);
      return r.rows[0]?.revision === 2 ? r.rows[0] : undefined;
    });
    expect(features).toMatchObject({ case_id: caseId, sensitive_terms: ['欠薪'], casualty_terms: ['死亡'] });

    // the same revision again: a duplicate, no second event; an older one changes nothing either
    expect((await send(second)).result).toBe('duplicate');
    expect((await send({ ...first, revision: 1 })).result).toBe('duplicate');
    const outbox = await db.query(`SELECT count(*)::int AS n FROM intake.outbox WHERE topic = $1 AND message_key = $2`, [TOPICS.reportUpdated, caseId]);
    expect(outbox.rows[0].n).toBe(1);
    const revisions = await db.query('SELECT revision, changed_fields FROM intake.hotline_work_order_revisions WHERE order_no = $1 ORDER BY revision', [orderNo]);
    expect(revisions.rows.map((r) => r.revision)).toEqual([1, 2]);

    // revision 3 takes the terms back out
    await send({ ...second, revision: 3, content: '来电人补充：问题已解决。' });
    const third = await eventually('the assessment features of revision 3', async () => {
      const r = await db.query('SELECT revision, sensitive_terms, casualty_terms FROM assessment.case_reports WHERE report_id = $1', [reportId]);
      return r.rows[0]?.revision === 3 ? r.rows[0] : undefined;
    });
    expect(third).toMatchObject({ sensitive_terms: [], casualty_terms: [] });
  });
});
