// Monthly statistics on the real stack (issue 10, "Statistics"): GET /v1/statistics/monthly on the ledger.
// - A closed month (2026-11) of a jurisdiction of this run's own (it-ms-<run>): case events put on cases.events.v1 as
//   the workflows emit them, folded by the real ledger consumer — two departments, a claim on time and one late, a
//   response on time and one late (with its escalation), a closure, a disclosure reply after an extension, and a case
//   collected at 2026-11-30T17:00Z that counts in December (Asia/Shanghai). Exact counts, on-time rates, durations and
//   the CSV (BOM, Chinese headings).
// - The month in progress: a report submitted to intake for the same jurisdiction, routed by the real pipeline and
//   claimed through routing, counts as received and claimed on time.
// - Reach: a department key reads only its own department (another → 403); a supervisor its jurisdiction (another → 403).
// - A bad month or format → 400 with the field.
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Client as PgClient } from 'pg';
import { AccessRepository, type NewSystem } from '@huiying/access';
import { EVENT_TYPES, makeEnvelope, TOPICS, type CaseStageChangedV1 } from '@huiying/contracts';
import { authHeaders, eventually, getJson, kafka, pg, postJson, urls } from './support';
import { ownPlace } from './places';

jest.setTimeout(10 * 60_000);

const run = randomUUID().slice(0, 8);
const JURISDICTION = `it-ms-${run}`;
const HOUSING = 'housing_urban_rural';
const EDUCATION = 'education_bureau';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

type Step = [change: string, stage: string, at: string, detail?: Record<string, unknown>, department?: string];

/** A case's events as the workflows emit them (consecutive sequences, previous stage, the case's jurisdiction). */
function caseEvents(kind: 'opinion' | 'disclosure', department: string, steps: Step[]): CaseStageChangedV1[] {
  const caseId = randomUUID();
  let previous: string | null = null;
  return steps.map(([change, stage, at, detail = {}, dept = department], i) => {
    const e: CaseStageChangedV1 = {
      caseId, kind, sequence: i + 1, stage, previousStage: previous, department: dept, ccDepartments: [], grade: kind === 'opinion' ? 'general' : null,
      jurisdiction: JURISDICTION, occurredAt: at, detail: kind === 'disclosure' && change !== 'stage' ? { change, ...detail } : detail,
      ...(kind === 'opinion' && change !== 'stage' ? { change: change as CaseStageChangedV1['change'] } : {}),
    };
    previous = stage;
    return e;
  });
}

const CASES = {
  // housing: claimed on time 30 min after routing, responded on time 6 h after discovery, closed
  onTime: caseEvents('opinion', HOUSING, [
    ['stage', 'collected', '2026-11-10T02:00:00.000Z', { channel: 'weibo', discoveredAt: '2026-11-10T01:00:00.000Z', discoveredAtSource: 'channel' }],
    ['stage', 'routed', '2026-11-10T02:00:00.000Z', { category: 'housing' }],
    ['stage', 'claimed', '2026-11-10T02:30:00.000Z', { department: HOUSING, claimedBy: 'e2e', clockId: 'claim#1', late: false }],
    ['stage', 'responded', '2026-11-10T07:00:00.000Z', { form: 'factual_release', channel: 'portal', publishedAt: '2026-11-10T07:00:00.000Z', met: [{ clockId: 'response#1', clock: 'response', dueAt: '2026-11-12T01:00:00.000Z', late: false }], late: false }],
    ['stage', 'closed', '2026-11-12T02:00:00.000Z', { resolution: 'e2e', closedBy: 'e2e', unmetClocks: [] }],
  ]),
  // education: claimed late (2 h), escalated at the response's due time, responded late 60 h after discovery; open
  late: caseEvents('opinion', EDUCATION, [
    ['stage', 'collected', '2026-11-20T02:00:00.000Z', { channel: 'portal', discoveredAt: '2026-11-20T02:00:00.000Z', discoveredAtSource: 'receipt' }],
    ['stage', 'routed', '2026-11-20T02:00:00.000Z', { category: 'education' }],
    ['stage', 'claimed', '2026-11-20T04:00:00.000Z', { department: EDUCATION, claimedBy: 'e2e', clockId: 'claim#1', late: true }],
    ['escalation', 'claimed', '2026-11-22T02:00:00.000Z', { type: 'escalation', clockId: 'response#1', clock: 'response', level: 1, dueAt: '2026-11-22T02:00:00.000Z' }],
    ['response', 'claimed', '2026-11-22T14:00:00.000Z', { form: 'factual_release', channel: 'portal', publishedAt: '2026-11-22T14:00:00.000Z', met: [{ clockId: 'response#1', clock: 'response', dueAt: '2026-11-22T02:00:00.000Z', late: true }], late: true }],
  ]),
  // education: collected 2026-12-01 01:00 in Shanghai — December's, not November's
  december: caseEvents('opinion', EDUCATION, [['stage', 'collected', '2026-11-30T17:00:00.000Z', { channel: 'weibo', discoveredAt: '2026-11-30T17:00:00.000Z' }]]),
  // housing: a disclosure application answered on time after an extension
  disclosure: caseEvents('disclosure', HOUSING, [
    ['stage', 'received', '2026-11-03T01:00:00.000Z', { applicationId: randomUUID(), channel: 'online', receivedOn: '2026-11-03', applicantType: 'natural_person', organisationType: null, year: 2026 }],
    ['stage', 'registered', '2026-11-03T01:00:01.000Z', { leadDepartment: HOUSING }],
    ['extension', 'registered', '2026-11-20T01:00:00.000Z', { workingDays: 20 }],
    ['stage', 'reply_issued', '2026-11-25T01:00:00.000Z', { issuedOn: '2026-11-25', due: '2026-12-29', late: false, replyType: 'disclosed', resultCode: 'disclosed' }],
  ]),
};

const monthly = (query: string, headers: Record<string, string> = authHeaders()) => getJson(`${urls.ledger}/v1/statistics/monthly?${query}`, headers);

describe('monthly statistics on the real stack', () => {
  let db: PgClient;
  let producer: Producer;
  const keys: Record<string, string> = {};

  async function system(name: string, s: Omit<NewSystem, 'id' | 'name'>): Promise<void> {
    const repo = new AccessRepository(db);
    const id = `e2e-stats-${run}-${name}`;
    await repo.upsertSystem({ id, name: `e2e statistics ${name}`, ...s });
    keys[name] = (await repo.issueKey(id, new Date(Date.now() + 3600_000))).key;
  }

  beforeAll(async () => {
    db = await pg();
    await system('housing', { kind: 'department', department: HOUSING, scopes: ['read'] });
    await system('education', { kind: 'department', department: EDUCATION, scopes: ['read'] });
    await system('supervisor', { kind: 'supervisor', jurisdiction: JURISDICTION, scopes: ['read'] });
    await system('far-supervisor', { kind: 'supervisor', jurisdiction: 'seed-city', scopes: ['read'] });
    producer = kafka(`e2e-stats-${run}`).producer();
    await producer.connect();
    for (const events of Object.values(CASES)) {
      await producer.send({
        topic: TOPICS.caseEvents,
        messages: events.map((e) => ({
          key: e.caseId,
          value: JSON.stringify(makeEnvelope({ id: `${e.caseId}:${e.sequence}`, type: EVENT_TYPES.caseStageChanged, source: '/e2e/monthly-statistics', time: e.occurredAt, subject: e.caseId, data: e })),
        })),
      });
    }
    for (const events of Object.values(CASES)) {
      const last = events[events.length - 1] as CaseStageChangedV1;
      await eventually(`case ${last.caseId} folded by the ledger`, async () => {
        const r = await db.query('SELECT last_sequence FROM ledger.cases WHERE case_id = $1', [last.caseId]);
        return r.rows[0]?.last_sequence === last.sequence ? true : undefined;
      }, 120_000);
    }
  });

  afterAll(async () => {
    await producer?.disconnect();
    await db?.end();
  });

  it("counts the jurisdiction's closed month exactly, per department, with on-time rates and durations", async () => {
    const r = await monthly(`month=2026-11&jurisdiction=${JURISDICTION}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month: '2026-11', timeZone: 'Asia/Shanghai', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', asOf: '2026-11-30T16:00:00.000Z', jurisdiction: JURISDICTION, department: null });
    expect(r.body.opinion).toEqual({
      received: 2,
      receivedByChannel: { weibo: 1, portal: 1 },
      receivedByCategory: { housing: 1, education: 1 },
      receivedByGrade: { general: 2 },
      closed: 1,
      clocks: {
        claim: { onTime: 1, late: 1, onTimeRate: 0.5 },
        first_release: { onTime: 0, late: 0, onTimeRate: null },
        press_conference: { onTime: 0, late: 0, onTimeRate: null },
        response: { onTime: 1, late: 1, onTimeRate: 0.5 },
      },
      allClocks: { onTime: 2, late: 2, onTimeRate: 0.5 },
      timeToClaim: { count: 2, medianSeconds: 1800, p90Seconds: 7200 },
      timeToRespond: { count: 2, medianSeconds: 6 * 3600, p90Seconds: 60 * 3600 },
      openAtMonthEnd: 1,
      overdueAtMonthEnd: 0,
      escalations: 1,
      escalationsByLevel: { 1: 1 },
    });
    expect(r.body.disclosure).toMatchObject({
      received: 1, closed: 1, clocks: { answer: { onTime: 1, late: 0, onTimeRate: 1 } }, extensions: 1, closedByResultCode: { disclosed: 1 },
      closedByReplyType: { disclosed: 1 }, timeToRespond: { count: 1, medianSeconds: 22 * 86400 }, openAtMonthEnd: 0,
    });
    const departments = r.body.departments as { department: string; opinion: Record<string, unknown>; disclosure: Record<string, unknown> }[];
    expect(departments.map((d) => d.department)).toEqual([EDUCATION, HOUSING]);
    expect(departments[0]?.opinion).toMatchObject({ received: 1, closed: 0, allClocks: { onTime: 0, late: 2, onTimeRate: 0 }, openAtMonthEnd: 1, escalations: 1 });
    expect(departments[1]?.opinion).toMatchObject({ received: 1, closed: 1, allClocks: { onTime: 2, late: 0, onTimeRate: 1 }, openAtMonthEnd: 0 });
    expect(departments[1]?.disclosure).toMatchObject({ received: 1, closed: 1 });

    // the case collected at 2026-11-30T17:00Z is December's (Asia/Shanghai)
    const dec = await monthly(`month=2026-12&jurisdiction=${JURISDICTION}&department=${EDUCATION}`);
    expect(dec.status).toBe(200);
    expect(dec.body.opinion).toMatchObject({ received: 1, receivedByChannel: { weibo: 1 } });
  });

  it('CSV: UTF-8 with BOM, Chinese headings, a row per department and kind, totals last', async () => {
    const res = await fetch(`${urls.ledger}/v1/statistics/monthly?month=2026-11&jurisdiction=${JURISDICTION}&format=csv`, { headers: authHeaders() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8').decode(bytes).split('\r\n');
    expect(lines[0]).toMatch(/^月份\(month\),辖区\(jurisdiction\),主办单位\(department\),类型\(kind\),收案\(received\),/);
    expect(lines).toHaveLength(1 + 4 + 2 + 1);
    expect(lines[1]).toMatch(new RegExp(`^2026-11,${JURISDICTION},${EDUCATION},舆情\\(opinion\\),1,portal:1,education:1,general:1,0,0,1,`));
    expect(lines[5]).toMatch(new RegExp(`^2026-11,${JURISDICTION},合计\\(total\\),舆情\\(opinion\\),2,portal:1;weibo:1,education:1;housing:1,general:2,1,1,1,0,0,0,0,1,1,,,2,2,50\\.0%,`));
  });

  it('reach: a department reads its own figures only; a supervisor its jurisdiction only', async () => {
    const own = await monthly(`month=2026-11&jurisdiction=${JURISDICTION}`, bearer(keys.housing as string));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ department: HOUSING, opinion: { received: 1, closed: 1 }, disclosure: { received: 1 } });
    expect((own.body.departments as { department: string }[]).map((d) => d.department)).toEqual([HOUSING]);
    const other = await monthly(`month=2026-11&jurisdiction=${JURISDICTION}&department=${HOUSING}`, bearer(keys.education as string));
    expect(other).toMatchObject({ status: 403, body: { code: 'OUT_OF_REACH' } });

    const supervisor = await monthly('month=2026-11', bearer(keys.supervisor as string));
    expect(supervisor.body).toMatchObject({ jurisdiction: JURISDICTION, opinion: { received: 2 }, disclosure: { received: 1 } });
    const narrowed = await monthly(`month=2026-11&department=${EDUCATION}`, bearer(keys.supervisor as string));
    expect(narrowed.body).toMatchObject({ jurisdiction: JURISDICTION, department: EDUCATION, opinion: { received: 1, allClocks: { late: 2 } } });
    expect((await monthly(`month=2026-11&jurisdiction=${JURISDICTION}`, bearer(keys['far-supervisor'] as string))).status).toBe(403);
    const far = await monthly('month=2026-11', bearer(keys['far-supervisor'] as string));
    expect(far.status).toBe(200);
    expect(far.body.jurisdiction).toBe('seed-city');
  });

  it('a bad month or format is a 400 naming the field', async () => {
    for (const q of ['month=2026-13', 'month=2026-1', 'month=november', '']) {
      const r = await monthly(q);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain('month must be a month YYYY-MM');
    }
    const xml = await monthly('month=2026-11&format=xml');
    expect(xml.status).toBe(400);
    expect(JSON.stringify(xml.body)).toContain('format must be json or csv');
  });

  it('the month in progress: a report routed and claimed through the real pipeline counts as received and claimed on time', async () => {
    const submitted = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'wechat', title: '某小区电梯长期停运', content: '住户反映小区电梯停运两周无人维修。',
      occurredAt: new Date(Date.now() - 60_000).toISOString(), location: ownPlace(), category: 'housing',
      sourceRef: `e2e-monthly-statistics:${randomUUID()}`, jurisdiction: JURISDICTION,
    });
    expect(submitted.status).toBe(202);
    const caseId = submitted.body.caseId as string;
    const routed = await eventually('the case routed in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'routed' ? r.body : undefined;
    }, 180_000);
    expect(routed.jurisdiction).toBe(JURISDICTION);
    const department = routed.department as string;
    const claimed = await postJson(`${urls.routing}/v1/cases/${caseId}/claim`, { department, claimedBy: 'e2e 月统计' });
    expect(claimed.status).toBe(200);
    await eventually('the claim in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.body.stage === 'claimed' ? true : undefined;
    }, 120_000);

    // the month the ledger recorded the receipt in (Asia/Shanghai), read now
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(routed.createdAt as string)).slice(0, 7);
    const r = await monthly(`month=${month}&jurisdiction=${JURISDICTION}&department=${department}`);
    expect(r.status).toBe(200);
    expect(r.body.opinion).toMatchObject({
      received: 1, receivedByChannel: { wechat: 1 }, receivedByCategory: { housing: 1 }, clocks: { claim: { onTime: 1, late: 0, onTimeRate: 1 } },
      timeToClaim: { count: 1 }, openAtMonthEnd: 1, overdueAtMonthEnd: 0, closed: 0,
    });
    expect(Date.parse(r.body.asOf as string)).toBeLessThanOrEqual(Date.now());
  });

  it('a month that is over is stored once computed and answered from there; an event of that month arriving late replaces it', async () => {
    const query = `month=2026-11&jurisdiction=${JURISDICTION}&department=${HOUSING}`;
    const first = await monthly(query);
    expect(first.status).toBe(200);
    const stored = async () =>
      (await db.query(`SELECT figures FROM ledger.monthly_statistics_snapshots WHERE month = '2026-11' AND jurisdiction = $1 AND department = $2`, [JURISDICTION, HOUSING])).rows[0]?.figures;
    expect(await stored()).toEqual(first.body);
    expect((await monthly(query)).body).toEqual(first.body);

    // a November case of housing folded now (a consumer that lagged across the month's end)
    const late = caseEvents('opinion', HOUSING, [['stage', 'collected', '2026-11-28T03:00:00.000Z', { channel: 'hotline_12345', discoveredAt: '2026-11-28T03:00:00.000Z' }]]);
    await producer.send({
      topic: TOPICS.caseEvents,
      messages: late.map((e) => ({
        key: e.caseId,
        value: JSON.stringify(makeEnvelope({ id: `${e.caseId}:${e.sequence}`, type: EVENT_TYPES.caseStageChanged, source: '/e2e/monthly-statistics', time: e.occurredAt, subject: e.caseId, data: e })),
      })),
    });
    const after = await eventually('the late case counted in November', async () => {
      const r = await monthly(query);
      return r.body.opinion.received === first.body.opinion.received + 1 ? r : undefined;
    }, 120_000);
    expect(after.body.opinion.receivedByChannel).toEqual({ ...first.body.opinion.receivedByChannel, hotline_12345: 1 });
    expect(await stored()).toEqual(after.body);
  });
});
