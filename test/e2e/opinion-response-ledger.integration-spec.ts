// Responses and the ledger on the real stack: an opinion case is claimed, assessed and verified (Temporal updates),
// answered through publication's channel adapters (outbound records delivered, the workflow's respond update with
// publicationId = response id), followed up, closed and — a major case — evaluated through the ledger; the ledger's
// list filters and the daily log (JSON and CSV) show it.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import { opinionCaseQueries, opinionCaseUpdates, type OpinionCaseState } from '@huiying/contracts';
import { authHeaders, eventually, getJson, logsDir, pg, postJson, temporal, urls } from './support';
import { ownPlace } from './places';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: authHeaders({ 'content-type': 'application/json', ...headers }), body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Today in Asia/Shanghai, YYYY-MM-DD. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

describe('opinion case: responses through publication, follow-up, close and evaluation through the ledger', () => {
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

  async function openCase(overrides: Record<string, unknown> = {}): Promise<{ caseId: string; department: string }> {
    const res = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'weibo', title: '东风街道某小区供暖不热', content: '网友反映东风街道某小区入冬以来暖气温度不达标。',
      occurredAt: new Date(Date.now() - 60_000).toISOString(), location: ownPlace(),
      category: 'housing', sourceRef: `e2e-response:${randomUUID()}`, ...overrides,
    });
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;
    const routed = await eventually('case routed in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'routed' ? r.body : undefined;
    });
    return { caseId, department: routed.department as string };
  }

  const state = (caseId: string): Promise<OpinionCaseState> => t.client.workflow.getHandle(caseId).query(opinionCaseQueries.state);
  const update = <A>(caseId: string, def: Parameters<ReturnType<Client['workflow']['getHandle']>['executeUpdate']>[0], arg: A) =>
    t.client.workflow.getHandle(caseId).executeUpdate(def as typeof opinionCaseUpdates.claim, { args: [arg as never] });

  async function waitPublished(caseId: string, responseId: string) {
    return eventually(`response ${responseId} published`, async () => {
      const r = await getJson(`${urls.publication}/v1/cases/${caseId}/responses`);
      const found = (r.body.responses as Record<string, unknown>[]).find((x) => x.id === responseId);
      return found?.status === 'published' ? found : undefined;
    });
  }

  it('a general case: refused before verification with nothing published, then answered, followed up, closed; list filters and the daily log', async () => {
    const { caseId, department } = await openCase();

    // before verification a clarification is refused with the workflow's reason, and nothing is queued
    const early = await post(`${urls.publication}/v1/cases/${caseId}/responses`, { form: 'clarification_rebuttal', channels: ['portal'], content: '不实', requestedBy: '李四' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/verification/);
    const noRows = await db.query('SELECT count(*)::int AS n FROM publication.outbound_messages WHERE case_id = $1', [caseId]);
    expect(noRows.rows[0].n).toBe(0);
    // requests that do not suit a channel or the form: 422; an unknown case: 404
    const noRecipient = await post(`${urls.publication}/v1/cases/${caseId}/responses`, { form: 'point_to_point_reply', channels: ['portal'], content: 'x', requestedBy: '李四' });
    expect(noRecipient.status).toBe(422);
    const smsWithoutPhone = await post(`${urls.publication}/v1/cases/${caseId}/responses`, { form: 'factual_release', channels: ['sms'], content: 'x', requestedBy: '李四', recipient: { name: '张三' } });
    expect(smsWithoutPhone.status).toBe(422);
    expect((await post(`${urls.publication}/v1/cases/${randomUUID()}/responses`, { form: 'factual_release', channels: ['portal'], content: 'x', requestedBy: '李四' })).status).toBe(404);
    expect((await post(`${urls.publication}/v1/cases/${caseId}/responses`, { form: 'rumour', channels: ['fax'], content: '', requestedBy: '' })).status).toBe(400);

    // claimed, assessed, verified (Temporal updates, as routing and assessment send them)
    await update(caseId, opinionCaseUpdates.claim, { department, claimedBy: '住建局 王五' });
    await update(caseId, opinionCaseUpdates.assess, { source: 'analyst', grade: 'general', riskLevel: 'low', needsResponse: true, assessedBy: '研判员', reason: '影响范围小' });
    await update(caseId, opinionCaseUpdates.verify, { result: 'untrue', findings: '经核查，供暖正常，网传不实。', verifiedBy: '住建局 王五' });

    // the response: accepted (202), the same Idempotency-Key again returns it (200) and publishes nothing new
    const body = { form: 'clarification_rebuttal', channels: ['portal', 'weibo'], title: '情况说明', content: '经核查，该小区供暖正常，网传信息不实。', requestedBy: '住建局 李四' };
    const key = `e2e-${randomUUID()}`;
    const accepted = await post(`${urls.publication}/v1/cases/${caseId}/responses`, body, { 'idempotency-key': key });
    expect(accepted.status).toBe(202);
    const again = await post(`${urls.publication}/v1/cases/${caseId}/responses`, body, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(accepted.body.id);
    const responseId = accepted.body.id as string;

    const published = await waitPublished(caseId, responseId);
    expect(published.outbound).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'portal', status: 'delivered', attempts: 1, externalRef: expect.stringMatching(/^portal:notice:/) }),
        expect.objectContaining({ channel: 'weibo', status: 'delivered', attempts: 1, externalRef: expect.stringMatching(/^weibo:post:/) }),
      ]),
    );
    expect(published.workflowRecord).toMatchObject({ late: false });
    const s = await state(caseId);
    expect(s.stage).toBe('responded');
    expect(s.responses.filter((r) => r.publicationId === responseId)).toHaveLength(1);
    expect(s.responses[0]?.publishedAt).toBe(new Date(published.publishedAt as string).toISOString());
    const attempts = await db.query('SELECT a.outcome FROM publication.delivery_attempts a JOIN publication.outbound_messages m ON m.id = a.message_id WHERE m.response_id = $1', [responseId]);
    expect(attempts.rows.map((r) => r.outcome)).toEqual(['delivered', 'delivered']);

    // a point-to-point reply by SMS to the poster: the phone is encrypted at rest, masked in answers and logs
    const phone = '13912345678';
    const p2p = await post(`${urls.publication}/v1/cases/${caseId}/responses`, { form: 'point_to_point_reply', channels: ['sms'], content: '您好，您反映的供暖问题经核查不属实。', requestedBy: '住建局 李四', recipient: { name: '张三丰', phone } });
    expect(p2p.status).toBe(202);
    const p2pDone = await waitPublished(caseId, p2p.body.id as string);
    expect(p2pDone.recipient).not.toContain(phone);
    expect(JSON.stringify(p2pDone)).not.toContain('张三丰');
    const stored = await db.query('SELECT r.reporter_encrypted, m.recipient_encrypted, m.payload::text AS payload FROM publication.responses r JOIN publication.outbound_messages m ON m.response_id = r.id WHERE r.id = $1', [p2p.body.id]);
    expect(JSON.stringify(stored.rows)).not.toContain(phone);
    expect(readFileSync(path.join(logsDir, 'publication.log'), 'utf8')).not.toContain(phone);
    const ops = await getJson(`${urls.publication}/v1/outbound?channel=sms&status=delivered&limit=500`);
    expect((ops.body.messages as { responseId: string }[]).some((m) => m.responseId === p2p.body.id)).toBe(true);
    expect((await getJson(`${urls.publication}/v1/outbound?status=lost`)).status).toBe(400);

    // follow-up and close through the ledger; evaluation is for major cases only; closing twice is a conflict
    const followed = await post(`${urls.ledger}/v1/cases/${caseId}/follow-ups`, { summary: '回访住户，温度稳定。', updatedBy: '住建局 李四', channel: 'portal' });
    expect(followed.status).toBe(200);
    expect(followed.body.stage).toBe('follow_up');
    expect((await post(`${urls.ledger}/v1/cases/${caseId}/close`, { resolution: '', closedBy: 'x' })).status).toBe(400);
    const closed = await post(`${urls.ledger}/v1/cases/${caseId}/close`, { resolution: '经核查不实，已澄清；住户确认供暖正常。', closedBy: '住建局 王科长' });
    expect(closed.status).toBe(200);
    expect(closed.body.stage).toBe('closed');
    // a closed general case has ended: closing again or evaluating it is a conflict, not a missing case
    const twice = await post(`${urls.ledger}/v1/cases/${caseId}/close`, { resolution: '再次', closedBy: 'x' });
    expect(twice.status).toBe(409);
    const notMajor = await post(`${urls.ledger}/v1/cases/${caseId}/evaluation`, { lessons: 'x', handlingCapacity: 'y', evaluatedBy: 'z' });
    expect(notMajor.status).toBe(409);
    expect((await post(`${urls.ledger}/v1/cases/${randomUUID()}/close`, { resolution: 'x', closedBy: 'y' })).status).toBe(404);

    // the ledger: stage history apart from other events, folded counts
    const ledger = await eventually('case closed in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.body.stage === 'closed' ? r.body : undefined;
    });
    expect((ledger.history as { stage: string }[]).map((h) => h.stage)).toEqual(['collected', 'routed', 'claimed', 'assessed', 'handling', 'responded', 'follow_up', 'closed']);
    expect((ledger.activity as { change: string }[]).map((h) => h.change)).toContain('response');
    expect(ledger.supervision).toMatchObject({ overdue: false, responseCount: 2, lateResponseCount: 0, channel: 'weibo', category: 'housing' });

    // list filters
    const today = shanghaiToday();
    const listed = async (q: string) => ((await getJson(`${urls.ledger}/v1/cases?${q}&pageSize=200`)).body.cases as { caseId: string }[]).some((c) => c.caseId === caseId);
    expect(await listed(`department=${department}&stage=closed&grade=general&overdue=false&kind=opinion&from=${today}&to=${today}`)).toBe(true);
    expect(await listed(`department=${department}&grade=major`)).toBe(false);
    expect(await listed(`department=${department}&overdue=true`)).toBe(false);
    expect(await listed(`department=${department}&to=2020-01-01`)).toBe(false);
    expect((await getJson(`${urls.ledger}/v1/cases?overdue=maybe`)).status).toBe(400);
    expect((await getJson(`${urls.ledger}/v1/cases?from=2026-02-30`)).status).toBe(400);

    // the daily log of today: JSON and CSV
    const log = await getJson(`${urls.ledger}/v1/daily-log?date=${today}`);
    expect(log.status).toBe(200);
    const entry = (log.body.entries as Record<string, unknown>[]).find((e) => e.caseId === caseId);
    expect(entry).toMatchObject({ collected: true, channel: 'weibo', category: 'housing', department, responses: 2, followUps: 1, closed: true, overdue: false });
    expect((log.body.summary as { collected: number }).collected).toBeGreaterThanOrEqual(1);
    const csv = await fetch(`${urls.ledger}/v1/daily-log?date=${today}&format=csv`, { headers: authHeaders() });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8').decode(bytes);
    expect(text).toContain('日期(date),案件编号(caseId)');
    expect(text.split('\r\n').find((l) => l.includes(caseId))).toMatch(new RegExp(`^${today},${caseId},.*,weibo,housing,`));
    expect((await getJson(`${urls.ledger}/v1/daily-log?date=2026-13-01`)).status).toBe(400);
  });

  it('a major case: consultation and approval, a factual release through publication, close and the evaluation kept in the ledger', async () => {
    const { caseId, department } = await openCase({ title: '某化工厂疑似泄漏', content: '多名网友称闻到刺鼻气味', category: 'emergency_management' });
    await update(caseId, opinionCaseUpdates.claim, { department, claimedBy: '应急办 赵六' });
    await update(caseId, opinionCaseUpdates.assess, { source: 'analyst', grade: 'major', riskLevel: 'high', needsResponse: true, assessedBy: '研判员', reason: '影响范围大' });
    // the first factual release may go before verification
    const release = await post(`${urls.publication}/v1/cases/${caseId}/responses`, { form: 'factual_release', channels: ['portal', 'wechat'], title: '情况通报', content: '目前已派员到场核查，后续情况将及时发布。', requestedBy: '应急办' });
    expect(release.status).toBe(202);
    await waitPublished(caseId, release.body.id as string);
    await update(caseId, opinionCaseUpdates.consult, { participants: ['应急办', '宣传部', '网信办'], opinion: '如实通报', convenedBy: '政府办' });
    await update(caseId, opinionCaseUpdates.approve, { decision: 'approved', approvedBy: '分管副市长', opinion: '同意' });
    await update(caseId, opinionCaseUpdates.verify, { result: 'partly_true', findings: '设备检修排放，无人员受伤', verifiedBy: '应急办 赵六' });
    const remedy = await post(`${urls.publication}/v1/cases/${caseId}/responses`, { form: 'remedy_progress', channels: ['weibo'], content: '已停产整改，监测数据正常。', requestedBy: '应急办' });
    expect(remedy.status).toBe(202);
    await waitPublished(caseId, remedy.body.id as string);
    expect((await state(caseId)).stage).toBe('responded');

    const early = await post(`${urls.ledger}/v1/cases/${caseId}/evaluation`, { lessons: 'x', handlingCapacity: 'y', evaluatedBy: 'z' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/after it is closed/);
    expect((await post(`${urls.ledger}/v1/cases/${caseId}/close`, { resolution: '整改完成', closedBy: '应急办' })).body.stage).toBe('closed');
    const evaluation = { lessons: '首发及时；专家解读滞后。', handlingCapacity: '应急办处置有力，新闻发布能力需加强。', evaluatedBy: '舆情工作领导小组' };
    const evaluated = await post(`${urls.ledger}/v1/cases/${caseId}/evaluation`, evaluation);
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.stage).toBe('evaluated');
    const stored = await db.query('SELECT lessons, handling_capacity, grade FROM ledger.case_evaluations WHERE case_id = $1', [caseId]);
    expect(stored.rows[0]).toEqual({ lessons: evaluation.lessons, handling_capacity: evaluation.handlingCapacity, grade: 'major' });
    const ledger = await eventually('case evaluated in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.body.stage === 'evaluated' ? r.body : undefined;
    });
    expect(ledger.evaluation).toMatchObject({ lessons: evaluation.lessons, evaluatedBy: evaluation.evaluatedBy, grade: 'major' });
    expect(ledger.grade).toBe('major');
    expect(((await getJson(`${urls.ledger}/v1/cases?grade=major&stage=evaluated&pageSize=200`)).body.cases as { caseId: string }[]).map((c) => c.caseId)).toContain(caseId);
  });
});
