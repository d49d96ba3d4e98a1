// Bulletins (季通报/月报, issue 10) on the real stack: a month (2026-11) of a jurisdiction of this run's own
// (it-bl-<run>), fed as case events on cases.events.v1 and folded by the real ledger consumer — 住建局 with a claim and a
// response on time, 教育局 with a late claim and a response escalated (督办) and met 12 h late. Then:
// POST /v1/bulletins generates the monthly bulletin (201), it is listed, its HTML names both departments with three
// inline SVG charts, its PDF downloads (%PDF, the Chinese font embedded, the department names as text, ETag = sha256),
// generating again gives the same figures (200, same id and bytes), ledger.bulletins.published.v1 carries it with
// the escalated case, the escalated case shows the 通报 entry (GET /v1/cases/:id `notices`, gRPC GetCase) and a
// WatchCaseEvents stream of 教育局 opened before the generation receives it as a `bulletin_notice` event, and a bad or
// unfinished period is a 400 on the field.
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { Consumer, Producer } from 'kafkajs';
import type { Client as PgClient } from 'pg';
import { bulletinScheduleId, EVENT_TYPES, makeEnvelope, TOPICS, type BulletinPublishedV1, type CaseStageChangedV1, type EventEnvelope, type GrpcCase, type GrpcCaseEvent } from '@huiying/contracts';
import { grpcClients, unary } from './grpc-support';
import { authHeaders, eventually, getJson, kafka, pg, postJson, temporal, urls } from './support';

jest.setTimeout(10 * 60_000);

const run = randomUUID().slice(0, 8);
const JURISDICTION = `it-bl-${run}`;
const HOUSING = 'housing_urban_rural';
const EDUCATION = 'education_bureau';

type Step = [change: string, stage: string, at: string, detail?: Record<string, unknown>];

function caseEvents(department: string, steps: Step[]): CaseStageChangedV1[] {
  const caseId = randomUUID();
  let previous: string | null = null;
  return steps.map(([change, stage, at, detail = {}], i) => {
    const e: CaseStageChangedV1 = {
      caseId, kind: 'opinion', sequence: i + 1, stage, previousStage: previous, department, ccDepartments: [], grade: 'general',
      jurisdiction: JURISDICTION, occurredAt: at, detail, ...(change !== 'stage' ? { change: change as CaseStageChangedV1['change'] } : {}),
    };
    previous = stage;
    return e;
  });
}

const CASES = {
  onTime: caseEvents(HOUSING, [
    ['stage', 'collected', '2026-11-10T02:00:00.000Z', { channel: 'weibo', discoveredAt: '2026-11-10T01:00:00.000Z' }],
    ['stage', 'routed', '2026-11-10T02:00:00.000Z', { category: 'housing' }],
    ['stage', 'claimed', '2026-11-10T02:30:00.000Z', { department: HOUSING, claimedBy: 'e2e', clockId: 'claim#1', late: false }],
    ['stage', 'responded', '2026-11-10T07:00:00.000Z', { publishedAt: '2026-11-10T07:00:00.000Z', met: [{ clockId: 'response#1', clock: 'response', late: false }], late: false }],
  ]),
  late: caseEvents(EDUCATION, [
    ['stage', 'collected', '2026-11-20T02:00:00.000Z', { channel: 'portal', discoveredAt: '2026-11-20T02:00:00.000Z' }],
    ['stage', 'routed', '2026-11-20T02:00:00.000Z', { category: 'education' }],
    ['stage', 'claimed', '2026-11-20T04:00:00.000Z', { department: EDUCATION, claimedBy: 'e2e', clockId: 'claim#1', late: true }],
    ['escalation', 'claimed', '2026-11-22T02:00:00.000Z', { type: 'escalation', clockId: 'response#1', clock: 'response', level: 1, dueAt: '2026-11-22T02:00:00.000Z' }],
    ['response', 'claimed', '2026-11-22T14:00:00.000Z', { publishedAt: '2026-11-22T14:00:00.000Z', met: [{ clockId: 'response#1', clock: 'response', late: true }], late: true }],
  ]),
};

async function download(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const r = await fetch(url, { headers: authHeaders() });
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}

/** The PDF's text as poppler reads it (pdfkit writes subset glyph ids; pdftotext maps them back through ToUnicode). */
function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bulletin-')), 'b.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('bulletins on the real stack', () => {
  let db: PgClient;
  let producer: Producer;
  let consumer: Consumer;
  const published: EventEnvelope<BulletinPublishedV1>[] = [];
  let first: Record<string, unknown>;
  const grpcCalls = grpcClients();
  const streams: grpc.ClientReadableStream<GrpcCaseEvent>[] = [];
  /** A WatchCaseEvents stream collecting what it receives; afterAll cancels it even when a test fails half-way. */
  const watch = (req: Record<string, unknown>): GrpcCaseEvent[] => {
    const received: GrpcCaseEvent[] = [];
    const call = grpcCalls.cases.WatchCaseEvents(req) as grpc.ClientReadableStream<GrpcCaseEvent>;
    call.on('data', (e: GrpcCaseEvent) => received.push(e));
    call.on('error', () => undefined); // cancelled at the end
    streams.push(call);
    return received;
  };
  /** 教育局's live events, watched from before the bulletin is generated (the first test). */
  let educationStream: GrpcCaseEvent[] = [];

  beforeAll(async () => {
    db = await pg();
    // opened first: the cases below are fed and folded before the bulletin is generated, so the stream is long live by then
    educationStream = watch({ department: EDUCATION });
    consumer = kafka(`e2e-bulletins-${run}`).consumer({ groupId: `e2e-bulletins-${run}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.bulletinPublished, fromBeginning: false });
    await consumer.run({ eachMessage: async ({ message }) => void published.push(JSON.parse(String(message.value)) as EventEnvelope<BulletinPublishedV1>) });
    producer = kafka(`e2e-bulletins-p-${run}`).producer();
    await producer.connect();
    for (const events of Object.values(CASES)) {
      await producer.send({
        topic: TOPICS.caseEvents,
        messages: events.map((e) => ({
          key: e.caseId,
          value: JSON.stringify(makeEnvelope({ id: `${e.caseId}:${e.sequence}`, type: EVENT_TYPES.caseStageChanged, source: '/e2e/bulletins', time: e.occurredAt, subject: e.caseId, data: e })),
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
    streams.forEach((s) => s.cancel());
    grpcCalls.cases.close();
    grpcCalls.intake.close();
    await consumer?.disconnect();
    await producer?.disconnect();
    await db?.end();
  });

  it('generates the monthly bulletin on demand: ranked departments, the escalated case named with how late', async () => {
    const r = await postJson(`${urls.ledger}/v1/bulletins`, { kind: 'monthly', period: '2026-11', jurisdiction: JURISDICTION });
    expect(r.status).toBe(201);
    first = r.body;
    expect(r.body).toMatchObject({ kind: 'monthly', period: '2026-11', jurisdiction: JURISDICTION, revision: 1, created: true, title: '2026年11月政务舆情回应和依申请公开办理情况月报' });
    const figures = r.body.figures as { totals: Record<string, unknown>; departments: { name: string; rank: number; onTimeRate: number }[]; namedCases: { caseId: string; departmentName: string; lateSeconds: number }[]; keyCases: unknown };
    expect(figures.totals).toMatchObject({ received: 2, onTime: 2, late: 2, onTimeRate: 0.5, escalations: 1 });
    expect(figures.departments.map((d) => [d.rank, d.name, d.onTimeRate])).toEqual([[1, '住建局', 1], [2, '教育局', 0]]);
    expect(figures.namedCases).toEqual([expect.objectContaining({ caseId: CASES.late[0]?.caseId, departmentName: '教育局', lateSeconds: 12 * 3600 })]);
    expect(figures.keyCases).toEqual({ cases: [], talks: [] }); // none of its cases is a key case or had a talk
  });

  it('is listed for its jurisdiction and served as JSON', async () => {
    const list = await getJson(`${urls.ledger}/v1/bulletins?jurisdiction=${JURISDICTION}`);
    expect(list.status).toBe(200);
    expect((list.body.items as { id: string }[]).map((b) => b.id)).toEqual([first.id]);
    const one = await getJson(`${urls.ledger}/v1/bulletins/${String(first.id)}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: first.id, pdfSha256: first.pdfSha256, figuresSha256: first.figuresSha256 });
  });

  it('serves the HTML with every section and three inline SVG charts naming the departments', async () => {
    const html = await download(`${urls.ledger}/v1/bulletins/${String(first.id)}.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(createHash('sha256').update(html.bytes).digest('hex')).toBe(first.htmlSha256);
    const text = html.bytes.toString('utf8');
    expect(text.match(/<svg/g)).toHaveLength(3);
    for (const name of ['住建局', '教育局', '逾期和督办案件通报', '与上期比较']) expect(text).toContain(name);
  });

  it('serves the PDF: %PDF, the embedded Chinese font, the department names as text, ETag and sha256 match', async () => {
    const pdf = await download(`${urls.ledger}/v1/bulletins/${String(first.id)}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${JURISDICTION}-2026年11月月报.pdf`)}`);
    const sha = createHash('sha256').update(pdf.bytes).digest('hex');
    expect(sha).toBe(first.pdfSha256);
    expect(pdf.headers.get('etag')).toBe(`"${sha}"`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    const text = pdfText(pdf.bytes);
    for (const name of ['住建局', '教育局', '各单位按时办理率']) expect(text).toContain(name);
  });

  it('generating the same period again gives the same figures and the same bulletin (200, nothing new published)', async () => {
    const again = await postJson(`${urls.ledger}/v1/bulletins`, { kind: 'monthly', period: '2026-11', jurisdiction: JURISDICTION });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.id, revision: 1, created: false, figuresSha256: first.figuresSha256, pdfSha256: first.pdfSha256 });
    expect(again.body.figures).toEqual(first.figures);
  });

  it('publishes ledger.bulletins.published.v1 once, naming the escalated case and its department', async () => {
    const mine = await eventually('the bulletin event', async () => {
      const found = published.filter((e) => e.data.jurisdiction === JURISDICTION);
      return found.length ? found : undefined;
    }, 60_000);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: `bulletin:${String(first.id)}`, type: 'huiying.ledger.bulletin.published.v1', subject: `bulletin:monthly:2026-11:${JURISDICTION}` });
    expect(mine[0]?.data.namedCases).toEqual([{ caseId: CASES.late[0]?.caseId, department: EDUCATION, clock: 'response', lateSeconds: 12 * 3600 }]);
    const notices = await db.query('SELECT case_id, department FROM ledger.bulletin_notices WHERE bulletin_id = $1', [first.id]);
    expect(notices.rows).toEqual([{ case_id: CASES.late[0]?.caseId, department: EDUCATION }]);
  });

  it('the escalated case shows the 通报 entry: GET /v1/cases/:id `notices`, gRPC GetCase; the on-time case none', async () => {
    const lateCase = CASES.late[0]?.caseId as string;
    const expected = {
      bulletinId: first.id, kind: 'monthly', period: '2026-11', revision: 1, jurisdiction: JURISDICTION, title: first.title,
      clock: 'response', lateSeconds: 12 * 3600, department: EDUCATION, publishedAt: first.generatedAt,
    };
    const view = await getJson(`${urls.ledger}/v1/cases/${lateCase}`);
    expect(view.status).toBe(200);
    expect(view.body.notices).toEqual([expected]);
    const onTime = await getJson(`${urls.ledger}/v1/cases/${CASES.onTime[0]?.caseId as string}`);
    expect(onTime.body.notices).toEqual([]);

    const overGrpc = await unary<GrpcCase>(grpcCalls.cases, 'GetCase', { caseId: lateCase });
    // proto3 int64 arrives as a string (longs: String)
    expect(overGrpc.notices).toEqual([{ ...expected, lateSeconds: String(12 * 3600) }]);
  });

  it('a WatchCaseEvents stream of 教育局 opened before the bulletin receives the 通报 as a bulletin_notice event; a case stream sends it after the history', async () => {
    const lateCase = CASES.late[0]?.caseId as string;
    const notice = await eventually('the bulletin_notice event on the 教育局 stream', async () =>
      educationStream.find((e) => e.caseId === lateCase && e.change === 'bulletin_notice'), 60_000);
    expect(notice).toMatchObject({
      eventId: `bulletin:${String(first.id)}:${lateCase}:response`, kind: 'opinion', stage: 'claimed', previousStage: 'claimed', department: EDUCATION,
      jurisdiction: JURISDICTION, occurredAt: first.generatedAt,
    });
    expect(notice.sequence ?? 0).toBe(0); // no history sequence: proto3 leaves 0 off the wire
    expect(JSON.parse(notice.detailJson)).toEqual({ bulletinId: first.id, kind: 'monthly', period: '2026-11', revision: 1, jurisdiction: JURISDICTION, clock: 'response', lateSeconds: 12 * 3600 });
    expect(educationStream.filter((e) => e.change === 'bulletin_notice' && e.caseId === lateCase)).toHaveLength(1);

    // watching the case now: its five events, then the stored notice (also when resuming after a sequence)
    const replayed = watch({ caseId: lateCase });
    await eventually('the case history and the notice', async () => (replayed.length >= 6 ? true : undefined), 60_000);
    expect(replayed.map((e) => [e.sequence ?? 0, e.change ?? 'stage'])).toEqual([[1, 'stage'], [2, 'stage'], [3, 'stage'], [4, 'escalation'], [5, 'response'], [0, 'bulletin_notice']]);
    const resumed = watch({ caseId: lateCase, afterSequence: 5 });
    await eventually('the notice after sequence 5', async () => (resumed.length >= 1 ? true : undefined), 60_000);
    expect(resumed.map((e) => e.eventId)).toEqual([notice.eventId]);
  });

  it('refuses a period that does not fit the kind or has not ended, on the field', async () => {
    const bad = await postJson(`${urls.ledger}/v1/bulletins`, { kind: 'quarterly', period: '2026-11', jurisdiction: JURISDICTION });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'period', messages: ['period must be a quarter YYYY-Qn, e.g. 2026-Q4'] }]);
    const future = await postJson(`${urls.ledger}/v1/bulletins`, { kind: 'quarterly', period: '2099-Q1', jurisdiction: JURISDICTION });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'BULLETIN_PERIOD_NOT_ENDED', errors: [{ field: 'period' }] });
  });

  it('the schedules exist on the real Temporal server (08:00 Asia/Shanghai on the 1st), and a triggered run stores the month just ended, generated by the schedule', async () => {
    const t = await temporal();
    try {
      const monthly = await t.client.schedule.getHandle(bulletinScheduleId('monthly')).describe();
      const quarterly = await t.client.schedule.getHandle(bulletinScheduleId('quarterly')).describe();
      expect(monthly.spec.timezone).toBe('Asia/Shanghai');
      expect(monthly.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 8, end: 8, step: 1 }] });
      expect(quarterly.spec.calendars?.[0]?.month?.map((m) => m.start)).toEqual(['JANUARY', 'APRIL', 'JULY', 'OCTOBER']);

      // a run now reports on the month before this one (Asia/Shanghai), for the configured jurisdiction (seed-city)
      const now = new Date(Date.now() + 8 * 3_600_000);
      const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
      await t.client.schedule.getHandle(bulletinScheduleId('monthly')).trigger();
      const stored = await eventually(`the ${previous} bulletin of seed-city`, async () => {
        const r = await getJson(`${urls.ledger}/v1/bulletins?kind=monthly&period=${previous}&jurisdiction=seed-city`);
        return (r.body.items as { generatedBy: string; period: string }[] | undefined)?.[0];
      }, 180_000);
      expect(stored).toMatchObject({ period: previous, jurisdiction: 'seed-city', kind: 'monthly', generatedBy: 'schedule' });
    } finally {
      await t.connection.close();
    }
  });
});
