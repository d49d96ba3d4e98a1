// Grouping of reports in intake on the real stack: near-duplicates of one matter at one place within the window join
// the open case (REST and the 12345 feed alike, also when they arrive at the same moment); the same text elsewhere,
// or another matter at the same place, opens its own case; each report keeps its own record, channel and event.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '@huiying/contracts';
import { eventually, getJson, pg, postJson, shanghaiToday, temporal, urls } from './support';

/** A township of this run only, so that reports of other runs or suites (72 h window) are no candidates. */
const run = randomUUID().slice(0, 8);
const place = (name: string) => ({ district: '城关区', township: `${name}街道${run}` });

const HEATING = {
  title: '幸福小区供暖不热',
  content: '幸福小区暖气温度不达标，室内只有十二度，老人孩子都冻感冒了，物业一直推脱。',
};
const HEATING_REPOST = {
  title: '幸福小区暖气不达标',
  content: '#城关区供暖# 转发：幸福小区暖气温度不达标！室内只有十二度，老人孩子都冻感冒了，物业一直推脱 @城关发布 //@张三:太冷了',
};

function report(township: string, text: { title: string; content: string }, channel = 'portal', extra: Record<string, unknown> = {}) {
  return { channel, ...text, occurredAt: new Date(Date.now() - 60_000).toISOString(), location: place(township), category: 'housing', ...extra };
}

jest.setTimeout(5 * 60_000);

describe('grouping of reports (intake)', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
  });

  afterAll(async () => {
    await t?.connection.close();
    await db?.end();
  });

  const row = async (reportId: string) =>
    (await db.query(`SELECT case_id, channel, place_key, grouping_reason, grouped_with_report_id, grouping_similarity, text_minhash IS NOT NULL AS fingerprinted FROM intake.reports WHERE id = $1`, [reportId])).rows[0];
  const event = async (reportId: string) =>
    (await db.query(`SELECT message_key, payload FROM intake.outbox WHERE event_id = $1`, [`report:${reportId}`])).rows[0] as { message_key: string; payload: { subject: string; data: Record<string, unknown> } };

  it('a near-duplicate through another channel joins the open case: its own record, channel and event, linked with the similarity', async () => {
    const first = await postJson(`${urls.intake}/v1/reports`, report('东风', HEATING, 'portal'));
    expect(first.status).toBe(202);
    expect(first.body.grouping).toBeUndefined();
    const second = await postJson(`${urls.intake}/v1/reports`, report('东风', HEATING_REPOST, 'weibo', { sourceRef: `weibo:${randomUUID()}` }));
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ caseId: first.body.caseId, duplicate: false, grouping: { reason: 'near_duplicate', groupedWithReportId: first.body.reportId, groupSize: 2 } });
    expect(second.body.reportId).not.toBe(first.body.reportId);
    const similarity = (second.body.grouping as { similarity: number }).similarity;
    expect(similarity).toBeGreaterThanOrEqual(0.4);

    expect(await row(first.body.reportId as string)).toMatchObject({ case_id: first.body.caseId, channel: 'portal', grouping_reason: null, fingerprinted: true, place_key: `城关区/东风街道${run}` });
    const stored = await row(second.body.reportId as string);
    expect(stored).toMatchObject({ case_id: first.body.caseId, channel: 'weibo', grouping_reason: 'near_duplicate', grouped_with_report_id: first.body.reportId });
    expect(stored.grouping_similarity).toBeCloseTo(similarity, 5);

    const ev = await event(second.body.reportId as string);
    expect(ev.message_key).toBe(first.body.caseId);
    expect(ev.payload.subject).toBe(first.body.caseId);
    expect(ev.payload.data).toMatchObject({ caseId: first.body.caseId, channel: 'weibo', grouping: { reason: 'near_duplicate', groupSize: 2, groupedWithReportId: first.body.reportId } });

    // the ledger keeps both channels: the case (opened through the portal) is listed by either (GET /v1/cases?channel=)
    const caseId = first.body.caseId as string;
    const view = await eventually('the grouped report folded into the case in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return (r.body.supervision as { channels?: string[] } | undefined)?.channels?.length === 2 ? r.body : undefined;
    });
    expect(view.supervision).toMatchObject({ channel: 'portal', channels: ['portal', 'weibo'] });
    const listed = async (channel: string) => ((await getJson(`${urls.ledger}/v1/cases?channel=${channel}&from=${shanghaiToday()}&pageSize=200`)).body.cases as { caseId: string; channels: string[] }[]).find((c) => c.caseId === caseId);
    expect(await listed('weibo')).toMatchObject({ channels: ['portal', 'weibo'] });
    expect(await listed('portal')).toBeDefined();
    expect(await listed('hotline_12345')).toBeUndefined();
    const bad = await getJson(`${urls.ledger}/v1/cases?channel=carrier_pigeon`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'channel', messages: [expect.stringMatching(/^channel must be one of: portal, /)] }]);

    // re-sending the same report (same sourceRef) stays idempotent: nothing stored, the same case
    const again = await postJson(`${urls.intake}/v1/reports`, report('东风', HEATING_REPOST, 'weibo', { sourceRef: (await db.query(`SELECT source_ref FROM intake.reports WHERE id = $1`, [second.body.reportId])).rows[0].source_ref }));
    expect(again).toMatchObject({ status: 200, body: { caseId: first.body.caseId, reportId: second.body.reportId, duplicate: true, grouping: { reason: 'sourceRef' } } });
    expect((await db.query(`SELECT count(*)::int AS n FROM intake.reports WHERE case_id = $1`, [first.body.caseId])).rows[0].n).toBe(2);
  });

  it('the same text in another district, and another matter at the same place, open cases of their own', async () => {
    const here = await postJson(`${urls.intake}/v1/reports`, report('西湖', HEATING));
    const elsewhere = await postJson(`${urls.intake}/v1/reports`, { ...report('西湖', HEATING), location: { district: '七里河区', township: `西湖街道${run}` } });
    const otherMatter = await postJson(`${urls.intake}/v1/reports`, report('西湖', { title: '幸福小区物业乱收停车费', content: '幸福小区物业今年起停车费每月涨价两百元，未经业主大会同意，业主不满。' }));
    const noPlace = await postJson(`${urls.intake}/v1/reports`, { ...report('西湖', HEATING), location: {} });
    const noPlaceAgain = await postJson(`${urls.intake}/v1/reports`, { ...report('西湖', HEATING), location: {} });
    for (const r of [here, elsewhere, otherMatter, noPlace, noPlaceAgain]) expect(r.status).toBe(202);
    const cases = [here, elsewhere, otherMatter, noPlace, noPlaceAgain].map((r) => r.body.caseId);
    expect(new Set(cases).size).toBe(5);
    expect((await row(noPlace.body.reportId as string)).place_key).toBeNull();
  });

  it('near-duplicates arriving at the same moment open one case, not several', async () => {
    const variants = [
      HEATING,
      HEATING_REPOST,
      { title: '幸福小区暖气不热', content: '来电反映幸福小区暖气不热，室内温度仅十二度左右，家中老人小孩冻感冒，物业推脱不处理。' },
      { title: '幸福小区 供暖不热!!', content: '幸福小区暖气温度不达标,室内只有12度,老人孩子都冻感冒了,物业一直推脱...' },
      { title: '幸福小区暖气不热', content: '幸福小区入冬以来暖气温度不达标，屋里才十二度，老人孩子冻感冒了，找物业一直推脱不管。' },
      HEATING,
    ];
    const channels = ['portal', 'weibo', 'wechat', 'forum', 'mobile_app', 'news_comments'];
    const results = await Promise.all(variants.map((v, i) => postJson(`${urls.intake}/v1/reports`, report('广武门', v, channels[i]))));
    for (const r of results) expect(r.status).toBe(202);
    expect(new Set(results.map((r) => r.body.caseId)).size).toBe(1);
    expect(results.filter((r) => !r.body.grouping)).toHaveLength(1); // exactly one opened the case
    const sizes = results.map((r) => (r.body.grouping as { groupSize?: number } | undefined)?.groupSize ?? 1).sort();
    expect(sizes).toEqual([1, 2, 3, 4, 5, 6]);

    // six reports through six channels (one of them news comments) within minutes: the group calls for major, and the
    // case workflow — not claimed yet — is raised to it by the reportGrouped signals
    const sixth = results.find((r) => (r.body.grouping as { groupSize?: number } | undefined)?.groupSize === 6);
    expect(sixth?.body.grouping).toMatchObject({ suggestedGrade: 'major' });
    const caseId = results[0].body.caseId as string;
    const grade = await eventually('the case workflow raised to major by the growing group', async () => {
      const d = await t.client.workflow.getHandle(caseId).describe();
      const g = d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Grade);
      return g === 'major' ? g : undefined;
    }, 180_000);
    expect(grade).toBe('major');
  });

  it('12345 work orders with different order numbers about the same matter and place end in one case', async () => {
    const order = (orderNo: string, content: string) => ({
      orderNo, callTime: new Date(Date.now() - 120_000).toISOString(), appealType: 'complaint',
      title: '幸福小区暖气不热', content, location: place('拱星墩'), handlingUnit: '城关区住建局', category: 'housing',
    });
    const a = `GRP-${run}-1`;
    const b = `GRP-${run}-2`;
    const res = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, {
      items: [order(a, '来电反映幸福小区暖气不热，室内温度仅十二度左右，家中老人小孩冻感冒，物业推脱不处理。')],
    });
    const res2 = await postJson(`${urls.intake}/v1/hotline/work-orders:batch`, {
      items: [order(b, '来电人称幸福小区暖气温度不达标，室内只有十二度，老人孩子冻感冒，物业一直推脱。')],
    });
    expect(res.status).toBe(200);
    const [first] = res.body.results as { result: string; caseId: string; reportId: string }[];
    const [second] = res2.body.results as { result: string; caseId: string; reportId: string }[];
    expect(first.result).toBe('accepted');
    expect(second).toMatchObject({ result: 'accepted', caseId: first.caseId });
    expect(second.reportId).not.toBe(first.reportId);
    expect(await row(second.reportId)).toMatchObject({ case_id: first.caseId, channel: 'hotline_12345', grouping_reason: 'near_duplicate', grouped_with_report_id: first.reportId });
    const orders = await db.query(`SELECT order_no, case_id FROM intake.hotline_work_orders WHERE order_no = ANY($1) ORDER BY order_no`, [[a, b]]);
    expect(orders.rows).toEqual([{ order_no: a, case_id: first.caseId }, { order_no: b, case_id: first.caseId }]);
    expect((await event(second.reportId)).payload.data).toMatchObject({ caseId: first.caseId, grouping: { reason: 'near_duplicate', groupSize: 2 } });

    // the grouped report reaches the case: routing keeps one route (the first report's) and the assessment features count both
    await eventually('assessment sees both reports of the case', async () => {
      const n = (await db.query(`SELECT count(*)::int AS n FROM assessment.case_reports WHERE case_id = $1`, [first.caseId])).rows[0].n;
      return n === 2 ? n : undefined;
    }, 120_000);
    const routes = await eventually('the case routed', async () => {
      const r = await db.query(`SELECT report_id FROM routing.case_routes WHERE case_id = $1`, [first.caseId]);
      return r.rows.length ? r.rows : undefined;
    }, 120_000);
    expect(routes).toEqual([{ report_id: first.reportId }]);
  });
});
