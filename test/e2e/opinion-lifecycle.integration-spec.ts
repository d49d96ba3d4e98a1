// The whole public-opinion case on the real services and stack (issue 4): report → grouped (a near-duplicate through
// another channel joins the case instead of opening one) → routed → claimed → assessed → verified → responded
// (through publication) → followed up → closed; at each step the ledger (GET /v1/cases/:id) and the Temporal search
// attributes (describe()) are checked; the 12345 work order in the case gets its replies (response, closure) on
// hotline.work-order-replies.v1. After closing, a near-duplicate of the closed case opens a new case.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import type { Consumer } from 'kafkajs';
import { opinionCaseQueries, SEARCH_ATTRIBUTES, TOPICS, type EventEnvelope, type HotlineWorkOrderReplyV1 } from '@huiying/contracts';
import { eventually as eventuallyWithin, getJson, kafka, pg, postJson, temporal, urls } from './support';
import { ownPlace } from './places';

/** Each step may wait behind other suites' load on the shared stack: up to 3 minutes, polling every 250 ms. */
const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => eventuallyWithin(what, probe, 180_000);

const LEAD = 'housing_urban_rural';

jest.setTimeout(15 * 60_000);

interface SearchAttributes {
  stage?: string;
  department?: string;
  grade?: string;
  overdue?: boolean;
  dueAt?: Date;
}

describe('opinion case lifecycle, end to end', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };

  /** What the ledger replied to the 12345 platform during this run (hotline.work-order-replies.v1). */
  const hotlineReplies: { key: string; envelope: EventEnvelope<HotlineWorkOrderReplyV1> }[] = [];
  let replyConsumer: Consumer;

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
    const group = `e2e-lifecycle-replies-${randomUUID().slice(0, 8)}`;
    replyConsumer = kafka(group).consumer({ groupId: group });
    await replyConsumer.connect();
    await replyConsumer.subscribe({ topic: TOPICS.hotlineWorkOrderReplies, fromBeginning: true });
    await replyConsumer.run({
      eachMessage: async ({ message }) => void hotlineReplies.push({ key: String(message.key), envelope: JSON.parse(String(message.value)) as EventEnvelope<HotlineWorkOrderReplyV1> }),
    });
  });

  afterAll(async () => {
    await replyConsumer?.disconnect();
    await t?.connection.close();
    await db?.end();
  });

  /** The ledger's view once it shows `stage` (and `ok`, when given). */
  const ledgerAt = (caseId: string, stage: string, ok: (c: Record<string, unknown>) => boolean = () => true) =>
    eventually(`ledger: ${stage}`, async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === stage && ok(r.body) ? r.body : undefined;
    });
  const stagesOf = (c: Record<string, unknown>) => (c.history as { stage: string }[]).map((h) => h.stage);

  /**
   * The search attributes the Temporal UI shows, once CaseStage is `stage` (and `ok`, when given). Routing starts a
   * case with CaseStage routed already set; DueAt follows from the workflow's first task.
   */
  const searchAttributesAt = (caseId: string, stage: string, ok: (sa: SearchAttributes) => boolean = () => true) =>
    eventually(`search attributes: ${stage}`, async () => {
      const sa = (await t.client.workflow.getHandle(caseId).describe()).typedSearchAttributes;
      const shown: SearchAttributes = {
        stage: sa.get(SEARCH_ATTRIBUTES.CaseStage),
        department: sa.get(SEARCH_ATTRIBUTES.Department),
        grade: sa.get(SEARCH_ATTRIBUTES.Grade),
        overdue: sa.get(SEARCH_ATTRIBUTES.Overdue),
        dueAt: sa.get(SEARCH_ATTRIBUTES.DueAt),
      };
      return shown.stage === stage && ok(shown) ? shown : undefined;
    });

  /** The earliest due time of the clocks still running (pending or escalated), as the workflow reports them. */
  const earliestActiveDue = async (caseId: string): Promise<number | null> => {
    const clocks = await t.client.workflow.getHandle(caseId).query(opinionCaseQueries.clocks);
    const due = clocks.filter((c) => c.status === 'pending' || c.status === 'escalated').map((c) => Date.parse(c.dueAt as string));
    return due.length ? Math.min(...due) : null;
  };

  it('report → grouped → routed → claimed → assessed → verified → responded → followed up → closed', async () => {
    const place = ownPlace('城关区', '东风街道');
    const text = {
      title: '东风街道幸福小区供暖不热',
      content: '幸福小区入冬以来暖气温度不达标，室内只有十二度，老人孩子都冻感冒了，物业一直推脱。',
    };

    // ---- report: a Weibo post opens the case
    const first = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'weibo', ...text, occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(), location: place,
      category: 'housing', sourceRef: `weibo:${randomUUID()}`,
    });
    expect(first.status).toBe(202);
    expect(first.body.grouping).toBeUndefined();
    const caseId = first.body.caseId as string;

    // ---- routed
    const routed = await ledgerAt(caseId, 'routed');
    expect(routed).toMatchObject({ kind: 'opinion', department: LEAD, supervision: expect.objectContaining({ reportCount: 1, channel: 'weibo', overdue: false }) });
    expect(stagesOf(routed)).toEqual(['collected', 'routed']);
    const saRouted = await searchAttributesAt(caseId, 'routed', (sa) => sa.dueAt !== undefined);
    expect(saRouted).toMatchObject({ department: LEAD, overdue: false });
    expect(saRouted.grade).toBeUndefined(); // not graded yet
    expect(saRouted.dueAt?.getTime()).toBe(await earliestActiveDue(caseId)); // the claim clock

    // ---- grouped: the same matter through the 12345 hotline (work order orderNo) joins the case, no second case
    const orderNo = `E2EL${randomUUID().slice(0, 8)}`;
    const second = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'hotline_12345', sourceRef: `12345:${orderNo}`, title: '幸福小区暖气不热',
      content: '来电反映东风街道幸福小区暖气不热，室内温度仅十二度左右，家中老人小孩冻感冒，物业推脱不处理。',
      occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(), location: place, category: 'housing',
    });
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ caseId, duplicate: false, grouping: { reason: 'near_duplicate', groupSize: 2, groupedWithReportId: first.body.reportId } });
    const reports = await db.query(`SELECT id, channel, case_id, grouping_reason FROM intake.reports WHERE case_id = $1 ORDER BY received_at`, [caseId]);
    expect(reports.rows).toEqual([
      { id: first.body.reportId, channel: 'weibo', case_id: caseId, grouping_reason: null },
      { id: second.body.reportId, channel: 'hotline_12345', case_id: caseId, grouping_reason: 'near_duplicate' },
    ]);
    // the workflow got reportGrouped; the ledger counts two reports; still one route, one workflow run
    const grouped = await eventually('the workflow counts the grouped report', async () => {
      const s = await t.client.workflow.getHandle(caseId).query(opinionCaseQueries.state);
      return s.groupedReports.count === 2 ? s : undefined;
    });
    expect(grouped.groupedReports.recent).toEqual([expect.objectContaining({ reportId: second.body.reportId, channel: 'hotline_12345', groupSize: 2 })]);
    const groupedLedger = await ledgerAt(caseId, 'routed', (c) => (c.supervision as { reportCount: number }).reportCount === 2);
    expect((groupedLedger.activity as { change: string; detail: Record<string, unknown> }[]).filter((a) => a.change === 'report_grouped'))
      .toEqual([expect.objectContaining({ detail: expect.objectContaining({ reportId: second.body.reportId, channel: 'hotline_12345', groupSize: 2 }) })]);
    expect(stagesOf(groupedLedger)).toEqual(['collected', 'routed']);
    expect((await db.query(`SELECT count(*)::int AS n FROM routing.case_routes WHERE case_id = $1`, [caseId])).rows[0].n).toBe(1);
    expect(await searchAttributesAt(caseId, 'routed')).toMatchObject({ department: LEAD, overdue: false });

    // ---- claimed (routing), then assessed automatically from both reports (assessment)
    const claimed = await postJson(`${urls.routing}/v1/cases/${caseId}/claim`, { department: LEAD, claimedBy: '住建局 王科长' });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ stage: 'claimed', claimedBy: '住建局 王科长' });
    const assessedLedger = await ledgerAt(caseId, 'assessed', (c) => !!c.grade);
    expect(stagesOf(assessedLedger)).toEqual(['collected', 'routed', 'claimed', 'assessed']);
    const auto = await eventually('automatic assessment recorded', async () => {
      const r = await getJson(`${urls.assessment}/v1/cases/${caseId}/assessments`);
      return r.status === 200 && (r.body.assessments as unknown[]).length >= 1 ? r.body : undefined;
    });
    const [automatic] = auto.assessments as { source: string; grade: string; features: { reports: number; channels: string[] } }[];
    expect(automatic).toMatchObject({ source: 'automatic', features: expect.objectContaining({ reports: 2 }) });
    expect([...automatic!.features.channels].sort()).toEqual(['hotline_12345', 'weibo']);
    expect(assessedLedger.grade).toBe(automatic!.grade);
    const saAssessed = await searchAttributesAt(caseId, 'assessed');
    expect(saAssessed).toMatchObject({ department: LEAD, grade: automatic!.grade, overdue: false });
    expect(saAssessed.dueAt?.getTime()).toBe(await earliestActiveDue(caseId));
    expect(['general', 'significant']).toContain(automatic!.grade); // no consultation/approval on this path

    // ---- verified (assessment): the report is untrue → handling
    const verified = await postJson(`${urls.assessment}/v1/cases/${caseId}/verification`, { result: 'untrue', findings: '经核查，小区供暖正常，室温达标。', verifiedBy: '住建局 王科长' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ stage: 'handling', verification: { result: 'untrue' } });
    expect(stagesOf(await ledgerAt(caseId, 'handling'))).toEqual(['collected', 'routed', 'claimed', 'assessed', 'handling']);
    expect(await searchAttributesAt(caseId, 'handling')).toMatchObject({ department: LEAD, grade: automatic!.grade, overdue: false });

    // ---- responded (publication): a clarification on the portal and Weibo, recorded in the workflow once delivered
    const response = await postJson(`${urls.publication}/v1/cases/${caseId}/responses`, {
      form: 'clarification_rebuttal', channels: ['portal', 'weibo'], title: '情况说明', content: '经核查，幸福小区供暖正常，网传信息不实。', requestedBy: '住建局 李四',
    });
    expect(response.status).toBe(202);
    const published = await eventually('response published', async () => {
      const r = await getJson(`${urls.publication}/v1/cases/${caseId}/responses`);
      const found = (r.body.responses as Record<string, unknown>[]).find((x) => x.id === response.body.id);
      return found?.status === 'published' ? found : undefined;
    });
    expect(published.workflowRecord).toMatchObject({ late: false });
    const respondedLedger = await ledgerAt(caseId, 'responded');
    expect(stagesOf(respondedLedger)).toEqual(['collected', 'routed', 'claimed', 'assessed', 'handling', 'responded']);
    expect(respondedLedger.supervision).toMatchObject({ responseCount: 1, lateResponseCount: 0, overdue: false, reportCount: 2 });
    const saResponded = await searchAttributesAt(caseId, 'responded');
    expect(saResponded).toMatchObject({ department: LEAD, grade: automatic!.grade, overdue: false });
    expect(saResponded.dueAt?.getTime() ?? null).toBe(await earliestActiveDue(caseId));

    // ---- followed up (ledger → workflow)
    const followed = await postJson(`${urls.ledger}/v1/cases/${caseId}/follow-ups`, { summary: '回访住户，室温稳定在二十度。', updatedBy: '住建局 李四', channel: 'portal' });
    expect(followed.status).toBe(200);
    expect(followed.body.stage).toBe('follow_up');
    expect(stagesOf(await ledgerAt(caseId, 'follow_up'))).toEqual(['collected', 'routed', 'claimed', 'assessed', 'handling', 'responded', 'follow_up']);
    expect(await searchAttributesAt(caseId, 'follow_up')).toMatchObject({ department: LEAD, grade: automatic!.grade, overdue: false });

    // ---- closed (ledger → workflow): no clock left, nothing overdue
    const closed = await postJson(`${urls.ledger}/v1/cases/${caseId}/close`, { resolution: '经核查不实，已澄清；住户确认供暖正常。', closedBy: '住建局 王科长' });
    expect(closed.status).toBe(200);
    expect(closed.body.stage).toBe('closed');
    const closedLedger = await ledgerAt(caseId, 'closed');
    expect(stagesOf(closedLedger)).toEqual(['collected', 'routed', 'claimed', 'assessed', 'handling', 'responded', 'follow_up', 'closed']);
    expect(closedLedger.supervision).toMatchObject({ overdue: false, reportCount: 2, responseCount: 1, closedAt: expect.any(String) });
    const saClosed = await searchAttributesAt(caseId, 'closed');
    expect(saClosed).toMatchObject({ department: LEAD, grade: automatic!.grade, overdue: false });
    expect(saClosed.dueAt).toBeUndefined();

    // ---- the 12345 work order got its replies (工单回复 on the response, 办结反馈 on the closure) on
    // hotline.work-order-replies.v1, keyed by its order number, each once; its status by order number shows the last
    const sequences = Object.fromEntries((closedLedger.history as { stage: string; sequence: number }[]).map((h) => [h.stage, h.sequence]));
    const replies = await eventually('both replies on hotline.work-order-replies.v1', async () => {
      const found = hotlineReplies.filter((m) => m.key === orderNo);
      return found.length >= 2 ? found : undefined;
    });
    expect(replies.map((m) => m.envelope.id)).toEqual([`hotline-reply:${orderNo}:${sequences.responded}`, `hotline-reply:${orderNo}:${sequences.closed}`]);
    expect(replies.map((m) => m.envelope.data)).toEqual([
      expect.objectContaining({ orderNo, kind: 'response', caseId, reportId: second.body.reportId, stage: 'responded', handlingUnit: LEAD, result: expect.stringContaining('已回应') }),
      expect.objectContaining({ orderNo, kind: 'closure', caseId, stage: 'closed', handlingUnit: LEAD, result: '经核查不实，已澄清；住户确认供暖正常。' }),
    ]);
    const status = await getJson(`${urls.ledger}/v1/hotline/work-orders?orderNo=${orderNo}`);
    expect(status.body.items).toEqual([expect.objectContaining({ orderNo, found: true, caseId, stage: 'closed', reportsInCase: 2, lastReply: expect.objectContaining({ kind: 'closure', sequence: sequences.closed }) })]);

    // ---- a near-duplicate of the closed case opens a new case (once intake has seen the case close)
    await eventually('intake knows the case is closed', async () => {
      const r = await db.query(`SELECT stage FROM intake.closed_cases WHERE case_id = $1`, [caseId]);
      return r.rows[0]?.stage;
    });
    const later = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'wechat', ...text, occurredAt: new Date().toISOString(), location: place, category: 'housing',
    });
    expect(later.status).toBe(202);
    expect(later.body.caseId).not.toBe(caseId);
    expect(later.body.grouping).toBeUndefined();
    await ledgerAt(later.body.caseId as string, 'routed');
  });
});
