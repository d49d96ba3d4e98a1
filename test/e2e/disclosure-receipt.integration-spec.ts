// Receipt of disclosure applications by channel (条例第三十一条) on the real stack: an ordinary letter, online or fax
// application without a confirmation date is stored and acknowledged as awaiting_receipt_confirmation, shows in the
// queue of unconfirmed receipts with its age, and its case starts only when staff confirm receipt — with the
// confirmation day as the receipt day, one received event whatever the number of confirmations, 409 for a different
// one, and an audit row for each call.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import { eventually, getJson, pg, postJson, shanghaiToday, temporal, urls } from './support';

const SECRETS = ['钱七', '110101199204051234', '13755556666'];
const CONFIRMATION_ACTION = 'POST /v1/disclosure-applications/:applicationId/receipt-confirmation';

function application(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'ordinary_letter',
    applicant: {
      type: 'natural_person',
      name: SECRETS[0],
      idDocument: { type: 'resident_id_card', number: SECRETS[1] },
      contact: { phone: SECRETS[2] },
    },
    informationDescription: '2026年城关区老旧小区加装电梯补贴发放名单',
    purpose: '了解补贴政策执行情况',
    deliveryForm: 'post',
    clientRef: `e2e-receipt:${randomUUID()}`,
    ...overrides,
  };
}

const submit = (overrides: Record<string, unknown> = {}) => postJson(`${urls.intake}/v1/disclosure-applications`, application(overrides));
const confirm = (applicationId: string, body: Record<string, unknown>) => postJson(`${urls.intake}/v1/disclosure-applications/${applicationId}/receipt-confirmation`, body);

interface QueueItem {
  applicationId: string;
  caseId: string;
  channel: string;
  arrivedOn: string;
  storedAt: string;
  ageHours: number;
  ageWorkingDays: number;
  provisional: boolean;
  reference: string | null;
}

/** Pages through the whole queue of unconfirmed receipts (oldest first). */
async function wholeQueue(pageSize = 200): Promise<{ items: QueueItem[]; pages: number; total: number }> {
  const items: QueueItem[] = [];
  let token: string | null = null;
  let pages = 0;
  let total = 0;
  do {
    const res = await getJson(`${urls.intake}/v1/disclosure-applications?receipt=unconfirmed&pageSize=${pageSize}${token ? `&pageToken=${token}` : ''}`);
    expect(res.status).toBe(200);
    for (const secret of SECRETS) expect(JSON.stringify(res.body)).not.toContain(secret);
    items.push(...(res.body.items as QueueItem[]));
    total = res.body.total as number;
    token = res.body.nextPageToken as string | null;
    pages += 1;
  } while (token && pages < 500);
  return { items, pages, total };
}

describe('receipt confirmation and the queue of unconfirmed receipts', () => {
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

  const outboxRows = async (caseId: string) => (await db.query<{ payload: string }>('SELECT payload::text AS payload FROM intake.outbox WHERE message_key = $1', [caseId])).rows;

  it('an ordinary letter waits for confirmation (stored, queued, no case); confirmed, it is received on the confirmation day and its case starts', async () => {
    const arrivedOn = shanghaiToday(2);
    const res = await submit({ receipt: { receivedOn: arrivedOn, reference: 'letter-0001' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ receiptStatus: 'awaiting_receipt_confirmation', receivedOn: null, duplicate: false });
    const applicationId = res.body.applicationId as string;
    const caseId = res.body.caseId as string;

    // stored (personal data encrypted), but no received event: nothing can start the case
    const row = await db.query('SELECT receipt_status, received_on, applicant_encrypted FROM intake.disclosure_applications WHERE id = $1', [applicationId]);
    expect(row.rows[0]).toMatchObject({ receipt_status: 'awaiting_receipt_confirmation', received_on: null });
    for (const secret of SECRETS) expect(row.rows[0].applicant_encrypted).not.toContain(secret);
    expect(await outboxRows(caseId)).toEqual([]);
    await expect(t.client.workflow.getHandle(caseId).describe()).rejects.toThrow();

    const view = await getJson(`${urls.intake}/v1/disclosure-applications/${applicationId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ applicationId, caseId, channel: 'ordinary_letter', receipt: { status: 'awaiting_receipt_confirmation', receivedOn: null, arrivedOn, confirmation: null } });
    for (const secret of SECRETS) expect(JSON.stringify(view.body)).not.toContain(secret);

    const queued = (await wholeQueue()).items.find((i) => i.applicationId === applicationId);
    expect(queued).toMatchObject({ caseId, channel: 'ordinary_letter', arrivedOn, reference: 'letter-0001', ageHours: 0 });
    expect(queued?.ageWorkingDays).toBeGreaterThanOrEqual(0);

    // refused confirmations: field errors, nothing recorded
    const future = await confirm(applicationId, { confirmedOn: shanghaiToday(-1), confirmedBy: '政务公开办 张科员', via: 'phone' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'confirmedOn', messages: [expect.stringContaining('after today')] }]);
    const beforeArrival = await confirm(applicationId, { confirmedOn: shanghaiToday(3), confirmedBy: '政务公开办 张科员', via: 'phone' });
    expect(beforeArrival.status).toBe(400);
    expect(beforeArrival.body.errors).toEqual([{ field: 'confirmedOn', messages: [expect.stringContaining('before the application arrived')] }]);
    const malformed = await confirm(applicationId, { confirmedOn: '2026-02-30', via: 'pigeon', extra: 1 });
    expect(malformed.status).toBe(400);
    expect((malformed.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['confirmedBy', 'confirmedOn', 'extra', 'via']);
    expect(await outboxRows(caseId)).toEqual([]);

    // confirmed yesterday (the day after the letter arrived): that day is the receipt day
    const confirmedOn = shanghaiToday(1);
    const body = { confirmedOn, confirmedBy: '政务公开办 张科员', via: 'phone', note: '电话联系申请人，确认已收到申请' };
    const confirmed = await confirm(applicationId, body);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      applicationId,
      caseId,
      duplicate: false,
      receipt: { status: 'received', receivedOn: confirmedOn, basis: 'confirmed', arrivedOn, confirmation: { confirmedOn, via: 'phone', confirmedBy: '政务公开办 张科员', note: body.note } },
    });
    const events = await outboxRows(caseId);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].payload)).toMatchObject({ id: `disclosure-application:${applicationId}`, data: { applicationId, caseId, channel: 'ordinary_letter', receivedOn: confirmedOn } });
    for (const secret of SECRETS) expect(events[0].payload).not.toContain(secret);

    // the same confirmation again (even three at once) changes nothing; a different one is a conflict
    const again = await Promise.all([confirm(applicationId, body), confirm(applicationId, body), confirm(applicationId, body)]);
    for (const r of again) expect(r).toMatchObject({ status: 200, body: { duplicate: true, receipt: { receivedOn: confirmedOn } } });
    const different = await confirm(applicationId, { ...body, via: 'sms' });
    expect(different.status).toBe(409);
    expect(different.body.code).toBe('DISCLOSURE_RECEIPT_ALREADY_RECORDED');
    expect(await outboxRows(caseId)).toHaveLength(1);
    expect((await wholeQueue()).items.some((i) => i.applicationId === applicationId)).toBe(false);

    // the case starts, counting from the confirmation day
    const state = await eventually('the case registered with the confirmation day as its receipt day', async () => {
      const r = await getJson(`${urls.routing}/v1/disclosure-applications/${caseId}`);
      return r.status === 200 && r.body.stage === 'registered' ? r.body : undefined;
    }, 120000);
    expect(state.receivedOn).toBe(confirmedOn);

    // every call audited: accepted ones against the case, refused ones against the application
    const audit = await db.query<{ target: string; outcome: string; status: string }>('SELECT target, outcome, status FROM access.audit_log WHERE action = $1 AND target = ANY($2) ORDER BY id', [
      CONFIRMATION_ACTION,
      [caseId, applicationId],
    ]);
    expect(audit.rows.filter((r) => r.target === caseId && r.outcome === 'ok')).toHaveLength(4);
    expect(audit.rows.filter((r) => r.target === applicationId && r.outcome === 'rejected').length).toBeGreaterThanOrEqual(3);
  }, 180000);

  it('online and fax: confirmed up front they start at once; two different first confirmations at the same moment: one wins, the other is a conflict', async () => {
    const upFront = await submit({ channel: 'fax', receipt: { receivedOn: shanghaiToday(), confirmedOn: shanghaiToday(), confirmedVia: 'fax', confirmedBy: '政务公开办' } });
    expect(upFront.status).toBe(202);
    expect(upFront.body).toMatchObject({ receiptStatus: 'received', receivedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(await outboxRows(upFront.body.caseId as string)).toHaveLength(1);

    const online = await submit({ channel: 'online' });
    expect(online.body.receiptStatus).toBe('awaiting_receipt_confirmation');
    const id = online.body.applicationId as string;
    const today = shanghaiToday();
    const [a, b] = await Promise.all([
      confirm(id, { confirmedOn: today, confirmedBy: '甲', via: 'online_system' }),
      confirm(id, { confirmedOn: today, confirmedBy: '乙', via: 'email' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await outboxRows(online.body.caseId as string)).toHaveLength(1);
  });

  it('in person needs no confirmation (409), an unknown application is 404, a bad id 400', async () => {
    const inPerson = await submit({ channel: 'in_person', receipt: { handedInOn: shanghaiToday() } });
    expect(inPerson.body).toMatchObject({ receiptStatus: 'received', receivedOn: shanghaiToday() });
    const refused = await confirm(inPerson.body.applicationId as string, { confirmedOn: shanghaiToday(), confirmedBy: '甲', via: 'phone' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('nothing to confirm');
    expect((await confirm(randomUUID(), { confirmedOn: shanghaiToday(), confirmedBy: '甲', via: 'phone' })).status).toBe(404);
    expect((await getJson(`${urls.intake}/v1/disclosure-applications/${randomUUID()}`)).status).toBe(404);
    expect((await getJson(`${urls.intake}/v1/disclosure-applications/not-a-uuid`)).status).toBe(400);
  });

  it('the queue: oldest first, paged without gaps or repeats, its total; bad filters and tokens are field errors', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await submit({ channel: 'fax', receipt: { reference: `fax-log-${i}` } })).body.applicationId as string);

    const { items, pages, total } = await wholeQueue(2);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((i) => i.applicationId)).size).toBe(items.length);
    const stored = items.map((i) => Date.parse(i.storedAt));
    expect([...stored].sort((x, y) => x - y)).toEqual(stored);
    const positions = mine.map((id) => items.findIndex((i) => i.applicationId === id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(total).toBeGreaterThanOrEqual(3);

    for (const [query, field] of [
      ['receipt=all', 'receipt'],
      ['', 'receipt'],
      ['receipt=unconfirmed&pageSize=0', 'pageSize'],
      ['receipt=unconfirmed&pageToken=bm90LWEtdG9rZW4', 'pageToken'],
    ] as const) {
      const bad = await getJson(`${urls.intake}/v1/disclosure-applications?${query}`);
      expect(bad.status).toBe(400);
      expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }

    // leave the queue as we found it
    for (const id of mine) expect((await confirm(id, { confirmedOn: shanghaiToday(), confirmedBy: 'e2e', via: 'fax' })).status).toBe(200);
  });
});
