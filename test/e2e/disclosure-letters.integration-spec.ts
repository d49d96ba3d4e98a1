// Reply letters and the annual report end to end on the real stack: application (intake REST) → routing actions →
// Temporal updates → reply issued → worker emits publication.requested.v1 → publication renders and stores the letter
// (HTML + PDF) → ledger folds cases.events.v1 into the annual report's table 三.
import { createHash, randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Consumer, Producer } from 'kafkajs';
import { DLQ_HEADERS, TOPICS } from '@huiying/contracts';
import { authHeaders, eventually, getJson, kafka, pg, postJson, shanghaiToday, urls } from './support';

type Counts = Record<string, number>;
interface CaseDocument {
  documentId: string;
  kind: string;
  title: string;
  reference: string;
  addressee: string;
  noticeId: string | null;
  requestId: string;
  issuedOn: string;
  articles: string[];
  citations: string[];
  remediesVersion: string | null;
  htmlSha256: string;
  pdfSha256: string;
  pdfBytes: number;
  links: { self: string; html: string; pdf: string };
}
interface ReplyLetterView {
  replyType: string;
  resultCode: string;
  remediesVersion: string | null;
  copies: { department: string; departmentName: string }[];
  links: { html: string; pdf: string };
}
interface DocumentList {
  caseId: string;
  documents: CaseDocument[];
  replyLetter: ReplyLetterView | null;
}
const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
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

    // the case's documents: the reply letter listed with its own URLs; the letter's older URLs still serve it
    const listing = await eventually('the reply letter stored by publication', async () => {
      const r = await getJson(`${urls.publication}/v1/letters/${caseId}`);
      return r.status === 200 ? (r.body as unknown as DocumentList) : undefined;
    });
    expect(listing.documents).toHaveLength(1);
    const meta = listing.documents[0] as CaseDocument;
    expect(meta).toMatchObject({
      documentId: 'reply-letter',
      kind: 'disclosure_reply_letter',
      title: '政府信息公开申请答复告知书',
      addressee: 'applicant',
      noticeId: null,
      requestId: `${caseId}:reply-letter`,
      issuedOn,
      remediesVersion: 'cn-remedies-2024',
      links: { self: `/v1/letters/${caseId}/documents/reply-letter`, html: `/v1/letters/${caseId}/documents/reply-letter.html`, pdf: `/v1/letters/${caseId}/documents/reply-letter.pdf` },
    });
    expect(meta.articles).toEqual(expect.arrayContaining(['第三十七条', '第十五条', '第五十一条']));
    expect(meta.citations).toEqual(expect.arrayContaining(['《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款', '《中华人民共和国行政诉讼法》第四十五条']));
    expect(listing.replyLetter).toMatchObject({ caseId, applicationId, replyType: 'partly_disclosed', resultCode: 'partly_disclosed', issuedOn, font: 'NotoSansHans-Regular.otf', remediesVersion: 'cn-remedies-2024' });
    expect(listing.replyLetter?.links).toEqual({ html: `/v1/letters/${caseId}.html`, pdf: `/v1/letters/${caseId}.pdf` });
    expect(listing.replyLetter?.copies).toEqual([expect.objectContaining({ department: 'disclosure_office', departmentName: '政务公开工作领导小组办公室' })]);
    expect((await getJson(`${urls.publication}${meta.links.self}`)).body).toEqual(meta);

    const html = await fetch(`${urls.publication}/v1/letters/${caseId}.html`, { headers: authHeaders() });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const text = await html.text();
    expect(sha256(text)).toBe(meta.htmlSha256);
    expect(await (await fetch(`${urls.publication}${meta.links.html}`, { headers: authHeaders() })).text()).toBe(text);
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
    expect(sha256(bytes)).toBe(meta.pdfSha256);
    expect(sha256(Buffer.from(await (await fetch(`${urls.publication}${meta.links.pdf}`, { headers: authHeaders() })).arrayBuffer()))).toBe(meta.pdfSha256);

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

  it('a disclosure_notice request on Kafka → the notice stored once and served as HTML and PDF; a contradictory one dead-lettered', async () => {
    const caseId = randomUUID();
    const applicationId = randomUUID();
    const issuedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const notice = (noticeId: string, content: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
      requestId: `${caseId}:notice:${noticeId}`,
      caseId,
      applicationId,
      jurisdiction: 'cn',
      department: 'disclosure_office',
      noticeId,
      addressee: 'third_party',
      addresseeName: '某建筑工程有限公司',
      issuedOn,
      issuedBy: '经办人',
      sentVia: 'post_signed',
      receivedOn: issuedOn,
      correctedOn: null,
      content,
      ...over,
    });
    const consultation = { kind: 'consultation_request', consultationId: 'c1', party: 'third_party', matters: '中标合同中的报价明细', workingDays: 15, onSilence: 'agency_decides' };
    const message = (n: Record<string, unknown>, id = n.requestId as string) => ({
      key: caseId,
      value: JSON.stringify({
        specversion: '1.0',
        id,
        type: 'huiying.publication.requested.v1',
        source: '/e2e',
        time: new Date().toISOString(),
        subject: caseId,
        datacontenttype: 'application/json',
        data: { kind: 'disclosure_notice', caseId, requestedAt: new Date().toISOString(), notice: n },
      }),
    });
    await producer.send({ topic: TOPICS.publicationRequested, messages: [message(notice('n1', consultation))] });

    const listing = await eventually('the notice stored by publication', async () => {
      const r = await getJson(`${urls.publication}/v1/letters/${caseId}`);
      return r.status === 200 ? (r.body as unknown as DocumentList) : undefined;
    });
    expect(listing.replyLetter).toBeNull();
    expect(listing.documents).toHaveLength(1);
    const doc = listing.documents[0] as CaseDocument;
    expect(doc).toMatchObject({
      documentId: 'n1',
      kind: 'consultation_request',
      title: '政府信息公开征求意见书',
      addressee: 'third_party',
      noticeId: 'n1',
      requestId: `${caseId}:notice:n1`,
      issuedOn,
      articles: ['第三十二条', '第十五条'],
      remediesVersion: null,
      links: { self: `/v1/letters/${caseId}/documents/n1`, html: `/v1/letters/${caseId}/documents/n1.html`, pdf: `/v1/letters/${caseId}/documents/n1.pdf` },
    });
    expect(doc.reference).toMatch(new RegExp(`^依申请公开征〔${issuedOn.slice(0, 4)}〕${applicationId.slice(0, 8)}-n1号$`));
    expect(doc.citations).toContain('《中华人民共和国政府信息公开条例》第三十二条');

    const html = await fetch(`${urls.publication}${doc.links.html}`, { headers: authHeaders() });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const text = await html.text();
    expect(sha256(text)).toBe(doc.htmlSha256);
    expect(text).toContain('<p class="addressee">某建筑工程有限公司：</p>');
    expect(text).toContain('请贵方自收到本征求意见书之日起15个工作日内向本机关提出书面意见');
    expect(text).toContain('贵方逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开');
    expect(text).toContain(applicationId);
    const pdf = await fetch(`${urls.publication}${doc.links.pdf}`, { headers: authHeaders() });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(sha256(bytes)).toBe(doc.pdfSha256);
    // the reply letter's own URLs are not the notices'
    expect((await fetch(`${urls.publication}/v1/letters/${caseId}.html`, { headers: authHeaders() })).status).toBe(404);

    // redelivered: nothing changes; the same notice id with other content, or fee lines that do not add up: dead-lettered
    await producer.send({
      topic: TOPICS.publicationRequested,
      messages: [
        message(notice('n1', consultation)),
        message(notice('n1', { ...consultation, matters: '另一事项' })),
        message(
          notice('n2', { kind: 'fee_notice', method: 'per_page', amountYuan: 900, reference: '国办函〔2020〕109号', payWithinWorkingDays: 20, lines: [{ from: 31, to: 100, units: 70, unitYuan: 10, subtotalYuan: 700 }] }, { addressee: 'applicant', addresseeName: null }),
        ),
      ],
    });
    const reasons = await eventually('both contradictory notices dead-lettered', async () => {
      const mine = dead.filter((d) => d.key === caseId).map((d) => d.reason);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(reasons).toEqual(expect.arrayContaining([expect.stringContaining('already stored with other content'), expect.stringContaining('add up to 700')]));
    const rows = await db.query('SELECT notice_id, html_sha256 FROM publication.notices WHERE case_id = $1', [caseId]);
    expect(rows.rows).toEqual([{ notice_id: 'n1', html_sha256: doc.htmlSha256 }]);
  });

  it('a notice issued by the workflow (第三十五条 reasons request) is listed with the case’s documents', async () => {
    const res = await postJson(`${urls.intake}/v1/disclosure-applications`, {
      channel: 'online',
      receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'online_system' },
      applicant: { type: 'natural_person', name: '王五', idDocument: { type: 'resident_id_card', number: '110101199003074514' }, contact: { phone: '13812345678' } },
      informationDescription: '近五年全部会议纪要',
      purpose: '了解情况',
      deliveryForm: 'electronic',
      clientRef: `e2e-letters-notice:${randomUUID()}`,
    });
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;
    await eventually('the workflow registered the application', async () => {
      const r = await getJson(`${urls.routing}/v1/disclosure-applications/${caseId}`);
      return r.status === 200 && r.body.stage === 'registered' ? true : undefined;
    });
    expect((await act(caseId, 'excessive-reasons-request', { requestedBy: '经办人', grounds: '本月已提出45件申请', sentVia: 'email' })).status).toBe(200);
    const listing = await eventually('the workflow’s notice stored by publication', async () => {
      const r = await getJson(`${urls.publication}/v1/letters/${caseId}`);
      return r.status === 200 ? (r.body as unknown as DocumentList) : undefined;
    });
    const doc = listing.documents[0] as CaseDocument;
    expect(doc).toMatchObject({ kind: 'excessive_reasons_request', title: '政府信息公开申请说明理由通知书', addressee: 'applicant', noticeId: 'n1', articles: ['第三十五条'] });
    const text = await (await fetch(`${urls.publication}${doc.links.html}`, { headers: authHeaders() })).text();
    expect(text).toContain('本月已提出45件申请');
    expect(text).toContain('申请人（申请编号：');
    expect(text).not.toContain('王五'); // the applicant is named by application number only
  });

  it('answers 404 for a case without documents, an unknown document and a missing letter; 400 for a bad id or year', async () => {
    const unknown = randomUUID();
    const none = await getJson(`${urls.publication}/v1/letters/${unknown}`);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('NO_DOCUMENTS');
    const noLetter = await fetch(`${urls.publication}/v1/letters/${unknown}.html`, { headers: authHeaders() });
    expect(noLetter.status).toBe(404);
    expect(((await noLetter.json()) as { code: string }).code).toBe('LETTER_NOT_FOUND');
    const noDocument = await getJson(`${urls.publication}/v1/letters/${unknown}/documents/n1`);
    expect(noDocument.status).toBe(404);
    expect(noDocument.body.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await fetch(`${urls.publication}/v1/letters/not-a-uuid.pdf`, { headers: authHeaders() })).status).toBe(400);
    expect((await fetch(`${urls.publication}/v1/letters/${unknown}/documents/n%201.html`, { headers: authHeaders() })).status).toBe(400);
    const bad = await getJson(`${urls.ledger}/v1/annual-reports/disclosure?year=twenty`);
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toContain('year');
  });
});
