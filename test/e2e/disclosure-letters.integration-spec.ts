// Reply letters and the annual report end to end on the real stack: application (intake REST) → routing actions →
// Temporal updates → reply issued → worker emits publication.requested.v1 → publication renders and stores the letter
// (HTML + PDF) → ledger folds cases.events.v1 into the annual report's table 三.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Consumer, Producer } from 'kafkajs';
import { DLQ_HEADERS, TOPICS } from '@huiying/contracts';
import { authHeaders, eventually, getJson, kafka, pg, postJson, shanghaiToday, urls } from './support';

type Counts = Record<string, number>;
interface Report {
  year: number;
  rows: { key: string; counts: Counts | null }[];
  check: { newThisYear: number; carriedOver: number; resultsTotal: number; carriedForward: number; balanced: boolean };
}

const shanghaiYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const counts = (r: Report, key: string) => r.rows.find((x) => x.key === key)?.counts as Counts;
const report = async (year: number) => (await getJson(`${urls.ledger}/v1/annual-reports/disclosure?year=${year}`)).body as unknown as Report;
const act = (caseId: string, action: string, body: Record<string, unknown>) => postJson(`${urls.routing}/v1/disclosure-applications/${caseId}/${action}`, body);

describe('reply letters and the annual report on the real stack', () => {
  let db: PgClient;
  let producer: Producer;
  let dlq: Consumer;
  const dead: { key: string; reason: string }[] = [];

  beforeAll(async () => {
    db = await pg();
    const k = kafka(`e2e-letters-${randomUUID()}`);
    producer = k.producer();
    await producer.connect();
    dlq = k.consumer({ groupId: `e2e-letters-dlq-${randomUUID()}` });
    await dlq.connect();
    await dlq.subscribe({ topic: `dlq.${TOPICS.publicationRequested}`, fromBeginning: true }); // keyed by this test's case id: older entries never match
    await dlq.run({
      eachMessage: async ({ message }) => {
        dead.push({ key: message.key?.toString() ?? '', reason: message.headers?.[DLQ_HEADERS.reason]?.toString() ?? '' });
      },
    });
  });
  afterAll(async () => {
    await dlq?.disconnect();
    await producer?.disconnect();
    await db?.end();
  });

  it('application → decision → reply → letter as HTML and PDF → the annual report row and column incremented', async () => {
    const year = shanghaiYear();
    const before = await report(year);
    expect(before.check.balanced).toBe(true);

    const res = await postJson(`${urls.intake}/v1/disclosure-applications`, {
      channel: 'online',
      receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'online_system' }, // online: the day both sides confirmed
      applicant: {
        type: 'legal_person',
        organisationType: 'research_institution',
        name: '某某城市规划研究院',
        idDocument: { type: 'unified_social_credit_code', number: '12110000400000001X' },
        contact: { phone: '01062345678', email: 'research@example.cn' },
      },
      informationDescription: '2025年城关区老旧小区改造项目可行性研究报告',
      purpose: '科研',
      deliveryForm: 'electronic',
      clientRef: `e2e-letters:${randomUUID()}`,
    });
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;
    const applicationId = res.body.applicationId as string;
    expect(Number((res.body.receivedOn as string).slice(0, 4))).toBe(year);
    await eventually('the workflow registered the application', async () => {
      const r = await getJson(`${urls.routing}/v1/disclosure-applications/${caseId}`);
      return r.status === 200 && r.body.stage === 'registered' ? true : undefined;
    });

    expect((await act(caseId, 'review', { reviewedBy: '保密员', outcome: 'contains_exempt_parts' })).status).toBe(200);
    const decided = await act(caseId, 'decision', {
      replyType: 'partly_disclosed',
      decidedBy: '王主任',
      withheldParts: [{ description: '专家个人联系方式', resultCode: 'withheld.third_party_rights', reason: '涉及个人隐私，公开会损害第三方合法权益' }],
    });
    expect(decided.status).toBe(200);
    const replied = await act(caseId, 'reply', { issuedBy: '经办人', deliveredVia: 'email' });
    expect(replied.body.stage).toBe('reply_issued');
    const issuedOn = (replied.body.reply as { issuedOn: string }).issuedOn;

    // the letter: metadata, HTML, PDF
    const listing = await eventually('the reply letter stored by publication', async () => {
      const r = await getJson(`${urls.publication}/v1/letters/${caseId}`);
      return r.status === 200 && r.body.replyLetter ? r.body : undefined;
    });
    const meta = listing.replyLetter as Record<string, unknown>;
    expect(listing.documents).toEqual([
      expect.objectContaining({ documentId: 'reply-letter', kind: 'disclosure_reply_letter', remediesVersion: 'cn-remedies-2024', links: { html: `/v1/letters/${caseId}.html`, pdf: `/v1/letters/${caseId}.pdf` } }),
    ]);
    expect(meta).toMatchObject({ caseId, applicationId, replyType: 'partly_disclosed', resultCode: 'partly_disclosed', issuedOn, font: 'NotoSansHans-Regular.otf', remediesVersion: 'cn-remedies-2024' });
    expect(meta.articles).toEqual(expect.arrayContaining(['第三十七条', '第十五条', '第五十一条']));
    expect(meta.copies).toEqual([expect.objectContaining({ department: 'disclosure_office', departmentName: '政务公开工作领导小组办公室' })]);

    const html = await fetch(`${urls.publication}/v1/letters/${caseId}.html`, { headers: authHeaders() });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const text = await html.text();
    expect(text).toContain(caseId);
    expect(text).toContain(applicationId);
    expect(text).toContain('第三十七条');
    expect(text).toContain('专家个人联系方式');
    // 行政复议法 (2023) 第二十三条: the withheld part goes to review first; the rest review or a lawsuit
    expect(text).toMatch(/对本告知书中不予公开的部分不服的，依照《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款的规定，应当先向.*申请行政复议/);
    expect(text).toMatch(/收到行政复议决定书之日起15日内向人民法院提起行政诉讼/);
    expect(text).toMatch(/对本答复的其他内容不服的，可以自收到本告知书之日起60日内.*申请行政复议.*6个月内.*提起行政诉讼/);
    expect(text).toContain('抄送：政务公开工作领导小组办公室');
    expect(text).not.toContain('某某城市规划研究院'); // no personal data in the letter store

    const pdf = await fetch(`${urls.publication}/v1/letters/${caseId}.pdf`, { headers: authHeaders() });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(bytes.length).toBe(meta.pdfBytes);

    // the annual report: new this year and 部分公开, both in the 科研机构 column; the check still holds
    const after = await eventually('the reply counted in the annual report', async () => {
      const r = await report(year);
      return counts(r, 'partly_disclosed').research_institution >= counts(before, 'partly_disclosed').research_institution + 1 ? r : undefined;
    });
    expect(counts(after, 'new_this_year').research_institution).toBeGreaterThanOrEqual(counts(before, 'new_this_year').research_institution + 1);
    expect(counts(after, 'results_total').total).toBeGreaterThanOrEqual(counts(before, 'results_total').total + 1);
    expect(after.check.balanced).toBe(true);
    expect(after.check.newThisYear + after.check.carriedOver).toBe(after.check.resultsTotal + after.check.carriedForward);

    const csv = await fetch(`${urls.ledger}/v1/annual-reports/disclosure?year=${year}`, { headers: authHeaders({ accept: 'text/csv' }) });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const csvBytes = Buffer.from(await csv.arrayBuffer());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBytes.toString('utf8')).toContain('结转下年度继续办理');

    // a redelivered request changes nothing; a contradictory one goes to the dead-letter topic with its reason
    const stored = await db.query('SELECT letter_id, request FROM publication.reply_letters WHERE case_id = $1', [caseId]);
    const envelope = (data: unknown, id = `${caseId}:reply-letter`) => ({
      specversion: '1.0',
      id,
      type: 'huiying.publication.requested.v1',
      source: '/e2e',
      time: new Date().toISOString(),
      subject: caseId,
      datacontenttype: 'application/json',
      data,
    });
    const request = stored.rows[0].request as Record<string, unknown>;
    await producer.send({
      topic: TOPICS.publicationRequested,
      messages: [
        { key: caseId, value: JSON.stringify(envelope({ kind: 'disclosure_reply_letter', caseId, requestedAt: new Date().toISOString(), replyLetter: request })) },
        {
          key: caseId,
          value: JSON.stringify(
            envelope({ kind: 'disclosure_reply_letter', caseId, requestedAt: new Date().toISOString(), replyLetter: { ...request, caseId: randomUUID() } }, `${caseId}:poison`),
          ),
        },
      ],
    });
    const poison = await eventually('the contradictory request dead-lettered', async () => dead.find((d) => d.key === caseId));
    expect(poison.reason).toContain('is not the request');
    const again = await db.query('SELECT letter_id FROM publication.reply_letters WHERE case_id = $1', [caseId]);
    expect(again.rows).toEqual([{ letter_id: stored.rows[0].letter_id }]);
  });

  it('answers 404 for a case without a letter and 400 for a bad year', async () => {
    const none = await getJson(`${urls.publication}/v1/letters/${randomUUID()}`);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('LETTER_NOT_FOUND');
    expect((await fetch(`${urls.publication}/v1/letters/not-a-uuid.pdf`, { headers: authHeaders() })).status).toBe(400);
    const bad = await getJson(`${urls.ledger}/v1/annual-reports/disclosure?year=twenty`);
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toContain('year');
  });
});
