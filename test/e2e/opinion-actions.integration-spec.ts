// Claim, transfer, co-handling (routing) and assessment, consultation, approval, verification (assessment) on the real
// stack: report via intake → routed → claimed → automatic assessment → analyst override → 会商/报审 → 核查, with the
// Temporal search attributes and the ledger checked at each step; calendar.updated.v1 reaching open cases once.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Producer } from 'kafkajs';
import type { Client, Connection } from '@temporalio/client';
import { EVENT_TYPES, makeEnvelope, opinionCaseQueries, SEARCH_ATTRIBUTES, TOPICS } from '@huiying/contracts';
import { eventually as eventuallyWithin, getJson, kafka, pg, postJson, temporal, urls } from './support';
import { ownPlace } from './places';

/** Each step may wait behind other suites' load on the shared stack: up to 3 minutes, polling every 250 ms. */
const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => eventuallyWithin(what, probe, 180_000);

function report(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'weibo',
    title: '东风街道某小区供暖不热',
    content: '网友反映东风街道某小区入冬以来暖气温度不达标，多次反映未果。',
    occurredAt: '2026-11-20T08:30:00+08:00',
    location: ownPlace(),
    category: 'housing',
    sourceRef: `e2e-actions:${randomUUID()}`,
    ...overrides,
  };
}

const LEAD = 'housing_urban_rural';

jest.setTimeout(15 * 60_000); // several steps, each possibly waiting behind load

describe('opinion case actions through routing and assessment', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };
  let producer: Producer;

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
    producer = kafka(`e2e-actions-${randomUUID()}`).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await t?.connection.close();
    await db?.end();
  });

  async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await postJson(`${urls.intake}/v1/reports`, report(overrides));
    expect(res.status).toBe(202);
    return res.body.caseId as string;
  }

  /** The ledger's view once `ok` holds. */
  function ledgerWhen(caseId: string, what: string, ok: (c: Record<string, unknown>) => boolean) {
    return eventually(`ledger: ${what}`, async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && ok(r.body) ? r.body : undefined;
    });
  }

  /** The Temporal search attributes once they show `stage` (and `grade` when given). */
  function searchAttributesWhen(caseId: string, stage: string, grade?: string) {
    return eventually(`search attributes ${stage}/${grade ?? '-'}`, async () => {
      const d = await t.client.workflow.getHandle(caseId).describe();
      const sa = {
        stage: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.CaseStage),
        grade: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Grade),
        department: d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Department),
      };
      return sa.stage === stage && (grade === undefined || sa.grade === grade) ? sa : undefined;
    });
  }

  const routing = (caseId: string, action: string, body: unknown) => postJson(`${urls.routing}/v1/cases/${caseId}/${action}`, body);
  const assessment = (caseId: string, action: string, body: unknown) => postJson(`${urls.assessment}/v1/cases/${caseId}/${action}`, body);

  it('a major case: claim (wrong department refused), automatic grade with its parts, analyst override, consultation, approval, verification', async () => {
    const caseId = await submit({ title: '某小区燃气爆炸', content: '东风街道某小区发生燃气爆炸，造成 2 人死亡，多人受伤。' });

    // routed with the grade and flags the first report already calls for, under the policy version in force
    const routed = await ledgerWhen(caseId, 'routed', (c) => c.stage === 'routed');
    expect(routed).toMatchObject({ department: LEAD, grade: 'major' });
    await searchAttributesWhen(caseId, 'routed', 'major');
    const route = await db.query('SELECT policy_version, policy_jurisdiction, policy_resolved_by FROM routing.case_routes WHERE case_id = $1', [caseId]);
    expect(route.rows[0]).toEqual({ policy_version: 'seed-city-2026.2', policy_jurisdiction: 'seed-city', policy_resolved_by: 'in_force' });
    const started = await t.client.workflow.getHandle(caseId).query(opinionCaseQueries.state);
    expect(started.policy).toMatchObject({ version: 'seed-city-2026.2', resolvedBy: 'in_force', carried: true });
    // seed 003: the 1 h release counts from the claim — it waits for it
    expect(started.clocks.find((c) => c.clock === 'first_release')).toMatchObject({ status: 'awaiting_claim', startsFrom: 'claim', dueAt: null });
    expect(started.flags).toMatchObject({ heavyCasualties: true });
    expect(started.clocks.map((c) => c.clock)).toEqual(expect.arrayContaining(['claim', 'first_release', 'press_conference']));

    // claim: a malformed body is 400 field by field; another department is refused with the workflow's reason
    const bad = await routing(caseId, 'claim', { department: 'nowhere' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['claimedBy', 'department']);
    const wrong = await routing(caseId, 'claim', { department: 'education_bureau', claimedBy: '教育局 刘某' });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ code: 'CASE_ACTION_CONFLICT', message: expect.stringMatching(/only the lead department housing_urban_rural/) });
    const superiorReport = (reportedAt: string, extra: Record<string, unknown> = {}) =>
      routing(caseId, 'superior-reports', { reportedTo: '市人民政府总值班室', means: 'phone', reportedAt, reportedBy: '住建局 王科长', summary: '燃气爆炸，2人死亡', ...extra });
    const beforeClaim = await superiorReport(new Date().toISOString());
    expect(beforeClaim.status).toBe(409);
    expect(beforeClaim.body.message).toMatch(/after claiming/);
    const claimed = await routing(caseId, 'claim', { department: LEAD, claimedBy: '住建局 王科长' });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ stage: 'claimed', claimedBy: '住建局 王科长' });
    expect((await routing(caseId, 'claim', { department: LEAD, claimedBy: '住建局 王科长' })).status).toBe(409);
    // the claim started the 1 h release and the 1 h report to the superior (seed 003: 在向上级报告的同时)
    const claimedAt = Date.parse(claimed.body.claimedAt as string);
    const startedByClaim = (claimed.body.clocks as { clock: string; status: string; startsAt: string; dueAt: string }[]).filter((c) => ['first_release', 'superior_report'].includes(c.clock));
    expect(startedByClaim.map((c) => [c.clock, c.status, Date.parse(c.dueAt) - Date.parse(c.startsAt)])).toEqual([
      ['first_release', 'pending', 3_600_000],
      ['superior_report', 'pending', 3_600_000],
    ]);
    expect(Date.parse(startedByClaim[0]!.startsAt)).toBe(claimedAt);

    // 向上级报告: 400 field by field, 422 for a time in the future, then recorded on time with its clock
    const badReport = await routing(caseId, 'superior-reports', { means: 'pigeon', reportedAt: 'soon' });
    expect(badReport.status).toBe(400);
    expect((badReport.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['means', 'reportedAt', 'reportedBy', 'reportedTo', 'summary']);
    expect((await superiorReport(new Date(Date.now() + 3_600_000).toISOString())).status).toBe(409);
    const reported = await superiorReport(new Date().toISOString());
    expect(reported.status).toBe(200);
    expect(reported.body.superiorReports).toEqual([expect.objectContaining({ reportedTo: '市人民政府总值班室', means: 'phone', late: false, met: expect.objectContaining({ late: false }) })]);
    await ledgerWhen(caseId, 'superior report in the ledger', (c) => (c.activity as { change: string }[]).some((a) => a.change === 'superior_report'));

    // the claim starts automatic grading: recorded with its score parts, the case moves to assessed
    const auto = await eventually('automatic assessment recorded', async () => {
      const r = await getJson(`${urls.assessment}/v1/cases/${caseId}/assessments`);
      return r.status === 200 && (r.body.assessments as unknown[]).length >= 1 ? r.body : undefined;
    });
    const [automatic] = auto.assessments as { id: string; score: number; scoreParts: Record<string, number>; features: Record<string, unknown> }[];
    expect(automatic).toMatchObject({ source: 'automatic', grade: 'major', effectiveGrade: 'major', riskLevel: 'high', sensitive: true, modelVersion: '2026.1', lexiconVersion: '2026.1' });
    expect(automatic!.scoreParts).toMatchObject({ casualties: 45, sensitive: 10, reports: 0, media: 0 });
    expect(automatic!.score).toBe(55);
    expect(automatic!.features).toMatchObject({ reports: 1, casualtyTerms: ['死亡'], sensitiveTerms: ['爆炸'] });
    await searchAttributesWhen(caseId, 'assessed', 'major');
    await ledgerWhen(caseId, 'assessed', (c) => c.stage === 'assessed' && c.grade === 'major');

    // analyst override: a different grade without a reason breaks a rule (422); with one it stands, the automatic stays
    const noReason = await assessment(caseId, 'assessment', { grade: 'especially_major', riskLevel: 'high', needsResponse: true, assessedBy: '研判员 陈某' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.message).toMatch(/needs a reason/);
    const badGrade = await assessment(caseId, 'assessment', { grade: 'enormous', riskLevel: 'high', needsResponse: 'yes', assessedBy: '' });
    expect(badGrade.status).toBe(400);
    expect((badGrade.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['assessedBy', 'grade', 'needsResponse']);
    const override = await assessment(caseId, 'assessment', {
      grade: 'especially_major', riskLevel: 'high', needsResponse: true, assessedBy: '研判员 陈某', reason: '多家媒体跟进，伤亡可能上升',
    });
    expect(override.status).toBe(200);
    expect(override.body).toMatchObject({ grade: 'especially_major', stage: 'assessed', requiresConsultation: true });
    const history = (await getJson(`${urls.assessment}/v1/cases/${caseId}/assessments`)).body;
    expect(history.grade).toBe('especially_major');
    expect((history.assessments as Record<string, unknown>[]).map((a) => [a.source, a.grade])).toEqual([['automatic', 'major'], ['analyst', 'especially_major']]);
    expect((history.assessments as Record<string, unknown>[])[1]).toMatchObject({ overrides: automatic!.id, reason: '多家媒体跟进，伤亡可能上升' });
    await searchAttributesWhen(caseId, 'assessed', 'especially_major');
    await ledgerWhen(caseId, 'graded especially major', (c) => c.grade === 'especially_major');

    // a major case is verified only after consultation and approval
    const early = await assessment(caseId, 'verification', { result: 'true', findings: '属实', verifiedBy: '住建局 王科长' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/after its disposal opinion is approved/);
    const consulted = await assessment(caseId, 'consultation', { participants: ['网信办', '政务公开办', '住建局'], opinion: '1 小时内发布事实信息，24 小时内召开发布会', convenedBy: '政府办公室 李主任' });
    expect(consulted.status).toBe(200);
    expect(consulted.body.stage).toBe('consultation');
    await searchAttributesWhen(caseId, 'consultation');
    await ledgerWhen(caseId, 'consultation', (c) => c.stage === 'consultation');
    const approved = await assessment(caseId, 'approval', { decision: 'approved', approvedBy: '分管副市长 孙某', opinion: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.stage).toBe('approved');
    await searchAttributesWhen(caseId, 'approved');
    await ledgerWhen(caseId, 'approved', (c) => c.stage === 'approved');
    const verified = await assessment(caseId, 'verification', { result: 'partly_true', findings: '爆炸属实，伤亡人数与网传不符', verifiedBy: '住建局 王科长' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ stage: 'handling', verification: { result: 'partly_true' } });
    await searchAttributesWhen(caseId, 'handling', 'especially_major');
    const ledger = await ledgerWhen(caseId, 'handling', (c) => c.stage === 'handling');
    expect((ledger.history as { stage: string }[]).map((h) => h.stage)).toEqual(
      expect.arrayContaining(['collected', 'routed', 'claimed', 'assessed', 'consultation', 'approved', 'handling']),
    );
    const decisions = await db.query('SELECT action, stage_after FROM assessment.decisions WHERE case_id = $1 ORDER BY created_at', [caseId]);
    expect(decisions.rows).toEqual([
      { action: 'consultation', stage_after: 'consultation' },
      { action: 'approval', stage_after: 'approved' },
      { action: 'verification', stage_after: 'handling' },
    ]);
  });

  it('a general case: co-departments with their parts, transfer with its own claim clock, automatic general grade, verification without consultation', async () => {
    const caseId = await submit();
    await ledgerWhen(caseId, 'routed', (c) => c.stage === 'routed');

    const co = await routing(caseId, 'co-handlers', { coHandlers: [{ department: 'market_regulation', part: '燃气表抽检' }], assignedBy: '政府办公室 李主任' });
    expect(co.status).toBe(200);
    expect(co.body.coHandlers).toEqual([expect.objectContaining({ department: 'market_regulation', part: '燃气表抽检', status: 'assigned' })]);
    const leadAsCo = await routing(caseId, 'co-handlers', { coHandlers: [{ department: LEAD, part: 'x' }], assignedBy: '李主任' });
    expect(leadAsCo.status).toBe(409);
    expect(leadAsCo.body.message).toMatch(/is the lead department/);
    const part = await routing(caseId, 'co-handlers/market_regulation/reports', { status: 'done', summary: '抽检合格', reportedBy: '市场监管局 赵工' });
    expect(part.status).toBe(200);
    expect(part.body.coHandlers).toEqual([expect.objectContaining({ department: 'market_regulation', status: 'done' })]);
    // non-stage changes are in the ledger's history (or its `activity` list, where the ledger keeps them apart)
    const entries = (c: Record<string, unknown>) => [...((c.history as { detail: Record<string, unknown> }[]) ?? []), ...((c.activity as { detail: Record<string, unknown> }[]) ?? [])];
    await ledgerWhen(caseId, 'co-handling recorded', (c) => entries(c).some((h) => h.detail.type === 'co_handling_report'));

    const transferred = await routing(caseId, 'transfer', { toDepartment: 'health_commission', reason: '涉及室内温度与居民健康', transferredBy: '住建局 王科长' });
    expect(transferred.status).toBe(200);
    expect(transferred.body).toMatchObject({ stage: 'routed', department: 'health_commission' });
    const claimClocks = (transferred.body.clocks as { clock: string; department: string; status: string }[]).filter((c) => c.clock === 'claim');
    expect(claimClocks.map((c) => [c.department, c.status])).toEqual([[LEAD, 'superseded'], ['health_commission', 'pending']]);
    expect((await routing(caseId, 'claim', { department: LEAD, claimedBy: '王科长' })).status).toBe(409);
    const claimed = await routing(caseId, 'claim', { department: 'health_commission', claimedBy: '卫健委 周某' });
    expect(claimed.status).toBe(200);

    await searchAttributesWhen(caseId, 'assessed', 'general');
    const auto = await eventually('automatic assessment recorded', async () => {
      const r = await getJson(`${urls.assessment}/v1/cases/${caseId}/assessments`);
      return r.status === 200 && (r.body.assessments as unknown[]).length >= 1 ? r.body : undefined;
    });
    expect((auto.assessments as Record<string, unknown>[]).map((a) => [a.source, a.grade, a.score])).toEqual([['automatic', 'general', 0]]);
    const consult = await assessment(caseId, 'consultation', { participants: ['a'], opinion: 'b', convenedBy: 'c' });
    expect(consult.status).toBe(409);
    expect(consult.body.message).toMatch(/needs no joint consultation/);
    const verified = await assessment(caseId, 'verification', { result: 'untrue', findings: '温度达标', verifiedBy: '卫健委 周某' });
    expect(verified.status).toBe(200);
    expect(verified.body.stage).toBe('handling');
    const ledger = await ledgerWhen(caseId, 'handling', (c) => c.stage === 'handling');
    expect(ledger).toMatchObject({ department: 'health_commission', grade: 'general' });
  });

  it('unknown cases are 404, malformed ids 400', async () => {
    const nobody = randomUUID();
    const claim = await routing(nobody, 'claim', { department: LEAD, claimedBy: 'x' });
    expect(claim.status).toBe(404);
    expect(claim.body.code).toBe('CASE_NOT_FOUND');
    expect((await assessment(nobody, 'verification', { result: 'true', findings: 'x', verifiedBy: 'y' })).status).toBe(404);
    expect((await getJson(`${urls.assessment}/v1/cases/${nobody}/assessments`)).status).toBe(404);
    expect((await routing('not-a-uuid', 'claim', { department: LEAD, claimedBy: 'x' })).status).toBe(400);
  });

  it('calendar.updated.v1 reaches every open case once, however often it is delivered', async () => {
    const caseId = await submit();
    await ledgerWhen(caseId, 'routed', (c) => c.stage === 'routed');
    const loadedAt = new Date().toISOString();
    const envelope = makeEnvelope({
      id: `calendar:2199:e2e-${randomUUID()}`,
      type: EVENT_TYPES.calendarUpdated,
      source: '/huiying/e2e',
      time: loadedAt,
      subject: 'calendar:2199',
      data: { year: 2199, revision: 1, source: 'e2e', reference: 'e2e notice', loadedAt },
    });
    const send = () => producer.send({ topic: TOPICS.calendarUpdated, messages: [{ key: 'calendar:2199', value: JSON.stringify(envelope) }] });
    await send();
    await eventually('the notice signalled to the case', async () => {
      const r = await db.query('SELECT case_kind FROM routing.calendar_signals WHERE event_id = $1 AND case_id = $2', [envelope.id, caseId]);
      return r.rows[0]?.case_kind === 'opinion' ? true : undefined;
    });
    await send(); // redelivered
    await eventually('the redelivery processed', async () => {
      const r = await db.query('SELECT count(*)::int AS n FROM routing.calendar_signals WHERE event_id = $1', [envelope.id]);
      return r.rows[0].n >= 1 ? true : undefined;
    });
    const s = await t.client.workflow.getHandle(caseId).query(opinionCaseQueries.state);
    expect(s.calendarUpdates.filter((u) => u.loadedAt === loadedAt)).toEqual([{ year: 2199, source: 'e2e', loadedAt }]);
  });
});
