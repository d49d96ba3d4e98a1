// Notices and the periods that run from their receipt (issue 9), end to end on the real stack: routing's REST →
// the workflow on Temporal → the deadline activity on the official calendar → the case events in the ledger. A period
// that runs from the addressee's receipt has no due date until the receipt is recorded, and then counts from it.
import { randomUUID } from 'node:crypto';
import { authHeaders, eventually, getJson, postJson, shanghaiToday, urls } from './support';


/** The official calendar's answer (routing's calendar API): `workingDays` counted from the day after `from`. */
async function dueAfter(from: string, workingDays: number): Promise<string> {
  const r = await getJson(`${urls.routing}/v1/calendar/due-date?receivedOn=${from}&workingDays=${workingDays}`);
  expect(r.status).toBe(200);
  return r.body.due as string;
}

/** The working day `n` working days before `date` (walks back with the official calendar). */
async function workingDaysBefore(date: string, n: number): Promise<string> {
  const r = await getJson(`${urls.routing}/v1/calendar/working-days?from=${shift(date, -40)}&to=${shift(date, -1)}`);
  expect(r.status).toBe(200);
  const days = r.body.days as string[];
  return days[days.length - n] as string;
}
function shift(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function act(caseId: string, action: string, body: Record<string, unknown>) {
  return postJson(`${urls.routing}/v1/disclosure-applications/${caseId}/${action}`, body);
}

type Notice = { id: string; kind: string; addressee: string; sentVia: string; receivedOn: string | null; issuedOn: string };
type State = Record<string, unknown> & { stage: string; notices: Notice[]; deadlines: Record<string, unknown>; consultations: Record<string, unknown>[]; clocks: { name: string; status: string; due: string | null }[] };

async function applicationHandedIn(on: string): Promise<string> {
  const res = await postJson(`${urls.intake}/v1/disclosure-applications`, {
    channel: 'in_person',
    receipt: { handedInOn: on },
    applicant: { type: 'natural_person', name: '李四', idDocument: { type: 'resident_id_card', number: '110101199003074514' }, contact: { phone: '13812345678' } },
    informationDescription: '某工程项目的招标文件及中标合同',
    purpose: '了解项目建设情况',
    deliveryForm: 'paper',
    clientRef: `e2e-notices:${randomUUID()}`,
  });
  expect(res.status).toBe(202);
  const caseId = res.body.caseId as string;
  await eventually('the case registered', async () => {
    const r = await getJson(`${urls.routing}/v1/disclosure-applications/${caseId}`);
    return r.status === 200 && (r.body as State).stage === 'registered' && (r.body as State).deadlines ? true : undefined;
  });
  return caseId;
}

describe('disclosure notices and receipt-based periods on the real stack', () => {
  it('a consultation request received three working days after sending: no due date before the receipt is recorded, then 15 working days from the receipt', async () => {
    const today = shanghaiToday();
    const sentOn = await workingDaysBefore(today, 3);
    const caseId = await applicationHandedIn(await workingDaysBefore(today, 5));
    expect((await act(caseId, 'review', { reviewedBy: '保密员', outcome: 'needs_consultation' })).status).toBe(200);

    const opened = await act(caseId, 'consultations', { party: 'third_party', consultee: '某建筑公司', matters: '中标合同中的报价明细', requestedBy: '经办人', requestedOn: sentOn, sentVia: 'post_signed' });
    expect(opened.status).toBe(200);
    let s = opened.body as State;
    expect(s.stage).toBe('consultation');
    expect(s.notices).toEqual([expect.objectContaining({ id: 'n1', kind: 'consultation_request', addressee: 'third_party', sentVia: 'post_signed', receivedOn: null, issuedOn: sentOn })]);
    expect(s.consultations[0]).toMatchObject({ id: 'c1', requestReceivedOn: null, due: null, noticeId: 'n1' });
    expect(s.clocks.find((c) => c.name === 'consultation')).toMatchObject({ status: 'waiting_receipt', due: null });
    expect((s.deadlines.answer as { status: string }).status).toBe('paused'); // the answer clock pauses from sending

    const future = await act(caseId, 'notice-receipts', { noticeId: 'n1', receivedOn: shift(today, 1), evidence: 'postal_receipt', recordedBy: '经办人' });
    expect(future.status).toBe(422);
    const unknown = await act(caseId, 'notice-receipts', { noticeId: 'n9', receivedOn: today, evidence: 'postal_receipt', recordedBy: '经办人' });
    expect(unknown.status).toBe(422);
    const received = await act(caseId, 'notice-receipts', { noticeId: 'n1', receivedOn: today, evidence: 'postal_receipt', recordedBy: '经办人', note: 'EMS 签收回执' });
    expect(received.status).toBe(200);
    s = received.body as State;
    const due = await dueAfter(today, 15);
    expect(s.consultations[0]).toMatchObject({ requestReceivedOn: today, due, status: 'open' });
    expect(s.notices[0]).toMatchObject({ receivedOn: today, receipt: expect.objectContaining({ evidence: 'postal_receipt', recordedBy: '经办人' }) });
    expect((await act(caseId, 'notice-receipts', { noticeId: 'n1', receivedOn: today, evidence: 'postal_receipt', recordedBy: '经办人' })).status).toBe(409);

    // the ledger has the notice and its receipt in the case history
    const ledger = await eventually('notice events in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      const activity = (r.body.activity ?? []) as { change: string; detail: Record<string, unknown> }[];
      return activity.some((h) => h.change === 'notice_received') ? activity : undefined;
    });
    expect(ledger.find((h) => h.detail.change === 'notice_issued')?.detail).toMatchObject({ noticeId: 'n1', kind: 'consultation_request', sentVia: 'post_signed' });
    expect(ledger.find((h) => h.detail.change === 'notice_received')?.detail).toMatchObject({ noticeId: 'n1', periodStarted: 'consultation', due });

    // the 征求意见书 is a document of the case: listed, with its own URLs, citing 第三十二条 and the 15 working days from receipt
    const listing = await eventually('the consultation request rendered by publication', async () => {
      const r = await getJson(`${urls.publication}/v1/letters/${caseId}`);
      return r.status === 200 ? r.body : undefined;
    });
    expect(listing.documents).toEqual([
      expect.objectContaining({ documentId: 'n1', kind: 'consultation_request', title: '政府信息公开征求意见书', addressee: 'third_party', issuedOn: sentOn, articles: ['第三十二条', '第十五条'] }),
    ]);
    const doc = (listing.documents as { links: { html: string; pdf: string } }[])[0];
    const html = await fetch(`${urls.publication}${doc?.links.html}`, { headers: authHeaders() });
    expect(html.status).toBe(200);
    const text = await html.text();
    expect(text).toContain('某建筑公司：');
    expect(text).toContain('请贵方自收到本征求意见书之日起15个工作日内向本机关提出书面意见');
    expect(text).toContain('贵方逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开');
    const pdf = await fetch(`${urls.publication}${doc?.links.pdf}`, { headers: authHeaders() });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a fee notice: the payment period runs from the applicant’s recorded receipt; the month’s count is the system’s, not the caller’s', async () => {
    const today = shanghaiToday();
    const caseId = await applicationHandedIn(await workingDaysBefore(today, 2));
    await act(caseId, 'review', { reviewedBy: '保密员', outcome: 'cleared' });
    expect((await act(caseId, 'decision', { replyType: 'disclosed', decidedBy: '王主任' })).status).toBe(200);
    const sent = await act(caseId, 'fee-notice', { issuedBy: '经办人', method: 'per_page', pages: 150, sentVia: 'post_signed', priorApplicationsThisMonth: 0 });
    expect(sent.status).toBe(400); // the applicant's count for the month is kept by the system
    const issued = await act(caseId, 'fee-notice', { issuedBy: '经办人', method: 'per_page', pages: 150, sentVia: 'post_signed', issuedOn: today });
    expect(issued.status).toBe(200);
    let s = issued.body as State;
    expect(s.stage).toBe('fee_notice');
    expect(s.deadlines.feePaymentBy).toBeNull();
    expect(s.clocks.find((c) => c.name === 'fee_payment')).toMatchObject({ status: 'waiting_receipt' });
    s = (await act(caseId, 'notice-receipts', { noticeId: 'n1', receivedOn: today, evidence: 'signature', recordedBy: '经办人' })).body as State;
    // 国办函〔2020〕109号: 20 working days from the day after the applicant received the notice
    expect((s.deadlines.feePaymentBy as { due: string }).due).toBe(await dueAfter(today, 20));
    expect(s.clocks.find((c) => c.name === 'fee_payment')).toMatchObject({ status: 'running' });
  });

  it('第三十五条: a longer reasonable period replaces the statutory deadline only after the applicant was asked for reasons', async () => {
    const today = shanghaiToday();
    const caseId = await applicationHandedIn(today);
    expect((await act(caseId, 'excessive-period', { decidedBy: '王主任', due: shift(today, 90), reason: '数量大', sentVia: 'email' })).status).toBe(409);
    expect((await act(caseId, 'excessive-reasons-request', { requestedBy: '经办人', grounds: '本月已提出 45 件申请', sentVia: 'email' })).status).toBe(200);
    const set = await act(caseId, 'excessive-period', { decidedBy: '王主任', due: await dueAfter(today, 60), reason: '需逐件调取历年档案', sentVia: 'email' });
    expect(set.status).toBe(200);
    const s = set.body as State;
    expect(s.deadlines.answer).toMatchObject({ basis: 'excessive_period', due: await dueAfter(today, 60) });
    expect(s.notices.map((n) => n.kind)).toEqual(['excessive_reasons_request', 'excessive_period_notice']);
  });

  it('a refusal to disclose (不予公开): the reply letter says administrative review comes first (行政复议法 2023 第二十三条)', async () => {
    const caseId = await applicationHandedIn(shanghaiToday());
    expect((await act(caseId, 'review', { reviewedBy: '保密员', outcome: 'exempt' })).status).toBe(200);
    expect((await act(caseId, 'decision', { replyType: 'not_disclosed', resultCode: 'withheld.process_information', reason: '属于内部讨论稿', decidedBy: '王主任' })).status).toBe(200);
    expect((await act(caseId, 'reply', { issuedBy: '经办人', deliveredVia: 'post' })).status).toBe(200);
    const listing = await eventually('the reply letter rendered', async () => {
      const r = await getJson(`${urls.publication}/v1/letters/${caseId}`);
      return r.status === 200 && r.body.replyLetter ? r.body : undefined;
    });
    expect(listing.documents).toEqual([expect.objectContaining({ documentId: 'reply-letter', remediesVersion: 'cn-remedies-2024' })]);
    const text = await (await fetch(`${urls.publication}/v1/letters/${caseId}.html`, { headers: authHeaders() })).text();
    expect(text).toMatch(/如对本答复不服，依照《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款的规定，应当先向.*申请行政复议/);
    expect(text).toContain('自收到行政复议决定书之日起15日内向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）');
    expect(text).not.toContain('6个月内');
  });
});
