// The applicant's count for the month (国办函〔2020〕109号 第四条: 「同一申请人一个自然月内累计申请」) on the real stack:
// intake keeps it by a keyed hash of the identity document, gives each disclosure application its ordinal in the
// calendar month of its receipt date when the receipt is recorded (at submission or at confirmation), carries it in
// the received event, and routing hands it to the case workflow (the basis of per-application fees).
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import { eventually, getJson, pg, postJson, shanghaiToday, temporal, urls } from './support';

/** One applicant per run: a passport number nobody else uses, written two ways. */
const RAW = randomUUID().replace(/-/g, '').slice(0, 16);
const PASSPORT_PLAIN = `e${RAW}`;
const PASSPORT_WRITTEN_OTHERWISE = `E${RAW.slice(0, 8)}-${RAW.slice(8).toUpperCase()}`;

function application(overrides: Record<string, unknown> = {}, number = PASSPORT_PLAIN) {
  return {
    channel: 'in_person',
    receipt: { handedInOn: shanghaiToday() },
    applicant: { type: 'natural_person', name: '周九', idDocument: { type: 'passport', number }, contact: { email: 'zhou9@example.cn' } },
    informationDescription: '2026年城关区道路照明改造项目合同',
    purpose: '了解项目情况',
    deliveryForm: 'email',
    clientRef: `e2e-applicant-month:${randomUUID()}`,
    ...overrides,
  };
}

const submit = async (overrides: Record<string, unknown> = {}, number?: string) => {
  const res = await postJson(`${urls.intake}/v1/disclosure-applications`, application(overrides, number));
  expect(res.status).toBe(202);
  return res.body as { applicationId: string; caseId: string; receivedOn: string | null; receiptStatus: string };
};
const view = async (applicationId: string) => (await getJson(`${urls.intake}/v1/disclosure-applications/${applicationId}`)).body as { applicantMonth: { month: string; ordinal: number } | null };

describe('the applicant\'s applications in a calendar month, counted by the system', () => {
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

  const eventOf = async (caseId: string) => {
    const rows = (await db.query<{ payload: string }>('SELECT payload::text AS payload FROM intake.outbox WHERE message_key = $1', [caseId])).rows;
    expect(rows).toHaveLength(1);
    return { text: rows[0].payload, data: (JSON.parse(rows[0].payload) as { data: { applicantMonth?: { month: string; ordinal: number } } }).data };
  };

  it('ordinals in the month of the receipt date, whatever the channel; complaints and unconfirmed receipts not counted until they are received', async () => {
    const month = shanghaiToday().slice(0, 7);
    const first = await submit();
    const online = await submit({ channel: 'online', receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'online_system' } }, PASSPORT_WRITTEN_OTHERWISE);
    const letter = await submit({ channel: 'ordinary_letter', receipt: { receivedOn: shanghaiToday() } });
    const complaint = await submit({ filedAs: 'complaint' });
    const third = await submit();

    expect((await view(first.applicationId)).applicantMonth).toEqual({ month, ordinal: 1 });
    expect((await view(online.applicationId)).applicantMonth).toEqual({ month, ordinal: 2 }); // the same passport written otherwise
    expect((await view(letter.applicationId)).applicantMonth).toBeNull(); // not received yet
    expect((await view(complaint.applicationId)).applicantMonth).toBeNull(); // not a disclosure application
    expect((await view(third.applicationId)).applicantMonth).toEqual({ month, ordinal: 3 });

    const confirmed = await postJson(`${urls.intake}/v1/disclosure-applications/${letter.applicationId}/receipt-confirmation`, { confirmedOn: shanghaiToday(), confirmedBy: '政务公开办', via: 'phone' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.applicantMonth).toEqual({ month, ordinal: 4 });

    // an application received in an earlier month counts in that month
    const earlier = await submit({ receipt: { handedInOn: shanghaiToday(40) } });
    expect((await view(earlier.applicationId)).applicantMonth).toEqual({ month: (earlier.receivedOn as string).slice(0, 7), ordinal: 1 });

    // the events carry it; no identity number, no applicant key
    const keys = (await db.query<{ applicant_key: string }>('SELECT DISTINCT applicant_key FROM intake.disclosure_applications WHERE id = ANY($1)', [[first.applicationId, online.applicationId, third.applicationId]])).rows;
    expect(keys).toHaveLength(1);
    expect(keys[0].applicant_key).toMatch(/^[0-9a-f]{64}$/);
    for (const [app, ordinal] of [[first, 1], [online, 2], [third, 3], [letter, 4]] as const) {
      const event = await eventOf(app.caseId);
      expect(event.data.applicantMonth).toEqual({ month, ordinal });
      for (const secret of [RAW, RAW.toUpperCase(), keys[0].applicant_key]) expect(event.text).not.toContain(secret);
    }
    expect((await eventOf(complaint.caseId)).data.applicantMonth).toBeUndefined();

    // routing hands it to the case workflow
    const started = await eventually('the letter\'s case workflow started', async () => {
      const history = await t.client.workflow.getHandle(letter.caseId).fetchHistory().catch(() => undefined);
      return history?.events?.[0]?.workflowExecutionStartedEventAttributes ?? undefined;
    }, 120000);
    const input = JSON.parse(Buffer.from(started.input?.payloads?.[0]?.data ?? new Uint8Array()).toString('utf8')) as { applicantMonth: unknown; receivedOn: string };
    expect(input).toMatchObject({ applicantMonth: { month, ordinal: 4 }, receivedOn: shanghaiToday() });
  }, 180000);

  it('applications of one applicant arriving at the same moment get distinct ordinals', async () => {
    const number = `C${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const apps = await Promise.all(Array.from({ length: 8 }, () => submit({}, number)));
    const ordinals = await Promise.all(apps.map(async (a) => (await view(a.applicationId)).applicantMonth?.ordinal));
    expect([...ordinals].sort((x, y) => (x as number) - (y as number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
