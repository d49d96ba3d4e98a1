// The key-case ledger (重点舆情台账) and special reports (舆情专报) on the real stack (issue 10): a case responded to
// through publication is marked as a key case (a department key may not), refuses to close until its resolution is
// recorded and verified by another person, then closes; it appears in GET /v1/key-cases (JSON and CSV) with its entry;
// special reports are generated (two versions), listed and downloaded (HTML, PDF with its SHA-256).
import { createHash, randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import { AccessRepository } from '@huiying/access';
import { authHeaders, eventually as eventuallyWithin, getJson, pg, postJson, shanghaiToday, urls } from './support';
import { ownPlace } from './places';

/** Each step may wait behind other suites' load on the shared stack: up to 3 minutes. */
const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => eventuallyWithin(what, probe, 180_000);
const LEAD = 'housing_urban_rural';
const run = randomUUID().slice(0, 8);

jest.setTimeout(15 * 60_000);

describe('key cases and special reports on the running stack', () => {
  let db: PgClient;
  let leadKey: string;

  beforeAll(async () => {
    db = await pg();
    const repo = new AccessRepository(db);
    const id = `e2e-keycases-${run}-lead`;
    await repo.upsertSystem({ id, name: 'e2e key cases: lead department', kind: 'department', department: LEAD, scopes: ['read', 'act'] });
    leadKey = (await repo.issueKey(id, new Date(Date.now() + 3600_000))).key;
  });

  afterAll(async () => {
    await db?.end();
  });

  const asLead = () => ({ authorization: `Bearer ${leadKey}` });
  const ledger = (caseId: string, action: string, body: unknown, headers = authHeaders()) => postJson(`${urls.ledger}/v1/cases/${caseId}/${action}`, body, headers);

  async function ledgerAt(caseId: string, stage: string): Promise<Record<string, unknown>> {
    return eventually(`ledger: ${stage}`, async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === stage ? r.body : undefined;
    });
  }

  /** A housing case claimed, assessed automatically, verified and responded to through publication. */
  async function respondedCase(): Promise<string> {
    const submitted = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'weibo', title: '幸福里小区整栋停暖三天', content: `幸福里小区 3 栋入冬后整栋停暖三天，物业称管网故障，住户多次反映无果。${run}`,
      occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(), location: ownPlace('城关区', '东风街道'), category: 'housing', sourceRef: `e2e-keycases:${randomUUID()}`,
    });
    expect(submitted.status).toBe(202);
    const caseId = submitted.body.caseId as string;
    await ledgerAt(caseId, 'routed');
    expect((await postJson(`${urls.routing}/v1/cases/${caseId}/claim`, { department: LEAD, claimedBy: '住建局 王科长' }, asLead())).status).toBe(200);
    await eventually('assessed automatically', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'assessed' && r.body.grade ? r.body : undefined;
    });
    const verified = await postJson(`${urls.assessment}/v1/cases/${caseId}/verification`, { result: 'true', findings: '3 栋供暖管网阀门损坏属实', verifiedBy: '住建局 王科长' });
    expect(verified.status).toBe(200);
    const response = await postJson(`${urls.publication}/v1/cases/${caseId}/responses`, {
      form: 'remedy_progress', channels: ['portal'], title: '关于幸福里小区停暖的情况通报', content: '已组织抢修，预计 24 小时内恢复供暖。', requestedBy: '住建局 李四',
    });
    expect(response.status).toBe(202);
    await ledgerAt(caseId, 'responded');
    return caseId;
  }

  it('a key case refuses to close until its resolution is verified by another person, then closes and is on the ledger (JSON, CSV); its special report is generated, listed and downloaded', async () => {
    const caseId = await respondedCase();

    // ---- marked as a key case: not by the department itself, by a supervising system
    const byDepartment = await ledger(caseId, 'key-case', { reason: '住建局自己标记', markedBy: '住建局 王科长' }, asLead());
    expect(byDepartment).toMatchObject({ status: 403, body: { code: 'OUT_OF_REACH' } });
    const marked = await ledger(caseId, 'key-case', { reason: '整栋停暖，网上持续发酵', markedBy: '网信办 研判员 陈某' });
    expect(marked.status).toBe(200);
    expect(marked.body.keyCase).toMatchObject({ status: 'open', reason: '整栋停暖，网上持续发酵', markedBy: '网信办 研判员 陈某' });

    // ---- close refused while no resolution is recorded
    const close = () => ledger(caseId, 'close', { resolution: '已恢复供暖', closedBy: '住建局 王科长' }, asLead());
    const early = await close();
    expect(early).toMatchObject({ status: 409, body: { code: 'CASE_ACTION_CONFLICT' } });
    expect(early.body.message).toMatch(/key case .*no resolution is recorded yet/);

    // ---- a follow-up entry and the resolution, by the department
    const entry = await ledger(caseId, 'key-case/entries', { date: shanghaiToday(), action: '更换损坏阀门，入户测温 20 户', publicReaction: '网上讨论明显减少', recordedBy: '住建局 李四' }, asLead());
    expect(entry.status).toBe(200);
    // a day in the future is bad input: refused with the field before it reaches the case
    expect(await ledger(caseId, 'key-case/entries', { date: '2999-01-01', action: 'x', publicReaction: 'y', recordedBy: 'z' }, asLead())).toMatchObject({ status: 400, body: { errors: [{ field: 'date' }] } });
    expect((await ledger(caseId, 'key-case/resolution', { summary: '管网阀门更换完毕，室温达标', recordedBy: '住建局 王科长' }, asLead())).status).toBe(200);
    const waiting = await close();
    expect(waiting.status).toBe(409);
    expect(waiting.body.message).toMatch(/awaits a supervisor's verification/);

    // ---- verification: not by a department key, not by the recorder, then confirmed by a supervisor
    const verify = (body: Record<string, unknown>, headers = authHeaders()) => ledger(caseId, 'key-case/resolution/verification', body, headers);
    expect(await verify({ decision: 'confirmed', opinion: '已解决', verifiedBy: '市督查室 李某' }, asLead())).toMatchObject({ status: 403 });
    expect(await verify({ decision: 'confirmed', opinion: '已解决', verifiedBy: '住建局 王科长' })).toMatchObject({ status: 422, body: { code: 'CASE_ACTION_INVALID' } });
    expect(await verify({ decision: 'maybe', opinion: 'x', verifiedBy: 'y' })).toMatchObject({ status: 400 });
    const confirmed = await verify({ decision: 'confirmed', opinion: '经现场核验，问题完全解决', verifiedBy: '市督查室 李某' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.keyCase).toMatchObject({ status: 'resolved' });

    // ---- an accountability talk needs an escalated case: this one never was
    const talk = await ledger(caseId, 'accountability-talks', {
      date: shanghaiToday(), department: LEAD, personRole: 'deputy_head_in_charge', heldBy: '市政府办公室', outcome: '限期整改', recordedBy: '市督查室 李某',
    });
    expect(talk.status).toBe(409);
    expect(talk.body.message).toMatch(/only on a case that was escalated/);

    // ---- closes now
    const closed = await close();
    expect(closed.status).toBe(200);
    expect(closed.body.stage).toBe('closed');
    await ledgerAt(caseId, 'closed');

    // ---- on the key-case ledger: JSON (the supervisor and the department itself), CSV
    const listed = await eventually('on the key-case ledger, resolved', async () => {
      const r = await getJson(`${urls.ledger}/v1/key-cases?status=resolved`);
      const found = (r.body.keyCases as Record<string, unknown>[] | undefined)?.find((k) => k.caseId === caseId);
      return found && found.stage === 'closed' ? found : undefined;
    });
    expect(listed).toMatchObject({
      department: LEAD, closedAt: expect.any(String),
      keyCase: {
        status: 'resolved', reason: '整栋停暖，网上持续发酵', markedBy: '网信办 研判员 陈某',
        entries: [{ number: 1, date: shanghaiToday(), action: '更换损坏阀门，入户测温 20 户', publicReaction: '网上讨论明显减少', recordedBy: '住建局 李四' }],
        resolutions: [{ number: 1, summary: '管网阀门更换完毕，室温达标', recordedBy: '住建局 王科长', verification: { decision: 'confirmed', verifiedBy: '市督查室 李某' } }],
      },
      accountabilityTalks: [],
    });
    const own = await getJson(`${urls.ledger}/v1/key-cases`, asLead());
    expect(own.status).toBe(200);
    expect((own.body.keyCases as { caseId: string }[]).some((k) => k.caseId === caseId)).toBe(true);
    expect(await getJson(`${urls.ledger}/v1/key-cases?status=nope`)).toMatchObject({ status: 400 });

    const csvRes = await fetch(`${urls.ledger}/v1/key-cases?format=csv`, { headers: authHeaders() });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^案件编号\(caseId\),主办单位\(department\),/);
    const row = csv.split('\r\n').find((l) => l.startsWith(caseId));
    expect(row).toContain('已解决(resolved)');
    expect(row).toContain('更换损坏阀门，入户测温 20 户');
    expect(row).toContain('市督查室 李某');

    // ---- special reports: two versions, listed, downloaded
    const first = await postJson(`${urls.ledger}/v1/cases/${caseId}/special-reports`, {});
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ caseId, version: 1, htmlUrl: `/v1/cases/${caseId}/special-reports/1.html`, pdfUrl: `/v1/cases/${caseId}/special-reports/1.pdf` });
    const second = await postJson(`${urls.ledger}/v1/cases/${caseId}/special-reports`, {});
    expect(second).toMatchObject({ status: 201, body: { version: 2 } });
    const list = await getJson(`${urls.ledger}/v1/cases/${caseId}/special-reports`);
    expect((list.body.versions as { version: number }[]).map((v) => v.version)).toEqual([1, 2]);

    const pdfRes = await fetch(`${urls.ledger}${first.body.pdfUrl as string}`, { headers: authHeaders() });
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(first.body.sha256Pdf);

    const htmlRes = await fetch(`${urls.ledger}/v1/cases/${caseId}/special-reports/2.html`, { headers: authHeaders() });
    const html = await htmlRes.text();
    expect(htmlRes.status).toBe(200);
    expect(html).toContain('舆情专报');
    expect(html).toContain('列为重点舆情');
    expect(html).toContain('市督查室 李某');
    const content = await getJson(`${urls.ledger}/v1/cases/${caseId}/special-reports/2`);
    expect(content.body).toMatchObject({ caseId, version: 2, keyCase: { status: 'resolved' } });
    expect((content.body.timeline as { what: string }[]).map((t) => t.what)).toEqual(expect.arrayContaining(['进入认领', '列为重点舆情', '解决情况核验', '进入办结']));
    expect(await getJson(`${urls.ledger}/v1/cases/${caseId}/special-reports/9`)).toMatchObject({ status: 404, body: { code: 'SPECIAL_REPORT_NOT_FOUND' } });
  });
});
