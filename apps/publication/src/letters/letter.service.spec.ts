// The document service's own rules, with in-memory repositories (no database): which request becomes which document,
// once per request id; what is dead-lettered; how a case's documents are listed and found.
import type { Logger } from 'pino';
import { makeEnvelope, type DisclosureNoticeRequest, type DisclosureReplyLetterRequest, type PublicationRequestedV1 } from '@huiying/contracts';
import { PoisonMessageError } from '@huiying/messaging';
import type { PublicationConfig } from '../publication.config';
import { LetterException } from './letter.exception';
import type { LetterRepository, NewLetter, StoredLetter } from './letter.repository';
import { LetterService } from './letter.service';
import type { NewNotice, NoticeRepository, StoredNotice } from './notice.repository';

const CASE = '0b6f3c1e-6f1a-4c55-9d43-5d2f1b7a9e01';
const APP = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

class MemoryNotices {
  rows: (NewNotice & { createdAt: Date })[] = [];
  async insert(n: NewNotice) {
    if (this.rows.some((r) => r.request.requestId === n.request.requestId)) return { inserted: false };
    this.rows.push({ ...n, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, this.rows.length)) });
    return { inserted: true };
  }
  async sameAsStored(r: DisclosureNoticeRequest) {
    const row = this.rows.find((x) => x.request.requestId === r.requestId || (x.request.caseId === r.caseId && x.request.noticeId === r.noticeId));
    return row ? { same: JSON.stringify(row.request) === JSON.stringify(r) } : null;
  }
  private stored(r: NewNotice & { createdAt: Date }): StoredNotice {
    const q = r.request;
    return {
      caseId: q.caseId, noticeId: q.noticeId, requestId: q.requestId, kind: q.content.kind, addressee: q.addressee,
      title: r.title, reference: r.reference, articles: r.articles, citations: r.citations, remediesVersion: r.remediesVersion, issuedOn: q.issuedOn,
      htmlSha256: r.htmlSha256, pdfSha256: r.pdfSha256, pdfBytes: r.pdf.length, font: r.font, createdAt: r.createdAt,
    };
  }
  async list(caseId: string) {
    return this.rows.filter((r) => r.request.caseId === caseId).map((r) => this.stored(r));
  }
  async find(caseId: string, id: string) {
    const r = this.rows.find((x) => x.request.caseId === caseId && x.request.noticeId === id);
    return r ? this.stored(r) : null;
  }
  async findHtml(caseId: string, id: string) {
    return this.rows.find((x) => x.request.caseId === caseId && x.request.noticeId === id)?.html ?? null;
  }
  async findPdf(caseId: string, id: string) {
    const r = this.rows.find((x) => x.request.caseId === caseId && x.request.noticeId === id);
    return r ? { pdf: r.pdf, reference: r.reference } : null;
  }
}

class MemoryLetters {
  rows: NewLetter[] = [];
  async exists(caseId: string) {
    return this.rows.some((r) => r.request.caseId === caseId);
  }
  async insert(l: NewLetter) {
    this.rows.push(l);
    return { inserted: true };
  }
  async findMeta(caseId: string): Promise<StoredLetter | null> {
    const l = this.rows.find((r) => r.request.caseId === caseId);
    if (!l) return null;
    const q = l.request;
    return {
      letterId: l.letterId, caseId, requestId: q.requestId, applicationId: q.applicationId, replyType: q.decision.replyType, resultCode: q.decision.resultCode,
      reference: l.reference, articles: l.articles, receivedOn: q.receivedOn, answerDue: q.answerDue, issuedOn: q.reply.issuedOn, htmlSha256: l.htmlSha256,
      pdfSha256: l.pdfSha256, pdfBytes: l.pdf.length, font: l.font, remediesVersion: l.remediesVersion, citations: l.citations, createdAt: new Date(Date.UTC(2026, 0, 2)),
      copies: [{ ...l.copy, copiedAt: new Date(Date.UTC(2026, 0, 2)) }],
    };
  }
  async findHtml(caseId: string) {
    return this.rows.find((r) => r.request.caseId === caseId)?.html ?? null;
  }
  async findPdf(caseId: string) {
    const l = this.rows.find((r) => r.request.caseId === caseId);
    return l ? { pdf: l.pdf, reference: l.reference } : null;
  }
}

const config = { LETTER_AGENCY_NAME: '某市人民政府', LETTER_RECONSIDERATION_BODY: '某市人民政府', LETTER_COURT: '某市中级人民法院', LETTER_FEE_PAYMENT: '到窗口缴纳', LETTER_FEE_WAIVER_ROUTE: '可申请减免' } as PublicationConfig;

function notice(noticeId: string, over: Partial<DisclosureNoticeRequest> = {}): DisclosureNoticeRequest {
  return {
    requestId: `${CASE}:notice:${noticeId}`, caseId: CASE, applicationId: APP, jurisdiction: 'cn', department: 'disclosure_office', noticeId,
    addressee: 'third_party', addresseeName: '张三', issuedOn: '2026-10-12', issuedBy: '经办人', sentVia: 'post_signed', receivedOn: '2026-09-28', correctedOn: null,
    content: { kind: 'consultation_request', consultationId: 'c1', party: 'third_party', matters: '个人住址', workingDays: 15, onSilence: 'agency_decides' },
    ...over,
  };
}
const replyLetter: DisclosureReplyLetterRequest = {
  requestId: `${CASE}:reply-letter`, caseId: CASE, applicationId: APP, jurisdiction: 'cn', department: 'disclosure_office', copiedTo: 'disclosure_office',
  applicant: { type: 'natural_person' }, filedAs: 'disclosure_application', channel: 'online', deliveryForm: 'electronic', receivedOn: '2026-09-28', correctedOn: null,
  answerDue: '2026-10-30', extension: null,
  decision: { replyType: 'not_disclosed', resultCode: 'withheld.third_party_rights', resultRow: '（三）4', decidedOn: '2026-10-20', reason: '涉及个人隐私', legalBasis: null, whereToObtain: null, rightAgency: null, rightChannel: null, withheldParts: [], publicInterestOverride: false, onTheSpot: false },
  reply: { issuedOn: '2026-10-21', issuedBy: '经办人', deliveredVia: 'email', late: false, letterRef: null },
  fee: null,
};
const envelope = (data: PublicationRequestedV1, id: string) => makeEnvelope({ id, type: 'huiying.publication.requested.v1', source: '/test', time: '2026-10-12T08:00:00Z', subject: CASE, data });
const noticeEnvelope = (n: DisclosureNoticeRequest, id = n.requestId) => envelope({ kind: 'disclosure_notice', caseId: CASE, requestedAt: '2026-10-12T08:00:00Z', notice: n } as PublicationRequestedV1, id);

describe('LetterService (documents of a disclosure application)', () => {
  let notices: MemoryNotices;
  let letters: MemoryLetters;
  let logged: unknown[];
  let service: LetterService;
  beforeEach(() => {
    notices = new MemoryNotices();
    letters = new MemoryLetters();
    logged = [];
    const logger = { info: (o: unknown) => logged.push(o) } as unknown as Logger;
    service = new LetterService(letters as unknown as LetterRepository, notices as unknown as NoticeRepository, config, logger);
  });

  it('stores a notice once per request id; a redelivery changes nothing; the addressee’s name is never logged', async () => {
    await service.onRequested(noticeEnvelope(notice('n1')));
    await service.onRequested(noticeEnvelope(notice('n1')));
    expect(notices.rows).toHaveLength(1);
    const [row] = notices.rows;
    expect(row?.html).toContain('<p class="addressee">张三：</p>');
    expect(row?.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(row?.htmlSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.articles).toEqual(['第三十二条', '第十五条']);
    expect(JSON.stringify(logged)).not.toContain('张三');
  });

  it('dead-letters a notice id already stored with other content, and a request that contradicts itself', async () => {
    await service.onRequested(noticeEnvelope(notice('n1')));
    await expect(service.onRequested(noticeEnvelope(notice('n1', { content: { ...notice('n1').content, matters: '另一事项' } as DisclosureNoticeRequest['content'] })))).rejects.toThrow(
      new PoisonMessageError(`notice n1 of case ${CASE} is already stored with other content: a notice is never replaced`),
    );
    await expect(service.onRequested(noticeEnvelope(notice('n2', { addressee: 'applicant', addresseeName: null })))).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(service.onRequested(envelope({ kind: 'disclosure_notice', caseId: CASE, requestedAt: '2026-10-12T08:00:00Z' } as PublicationRequestedV1, 'x'))).rejects.toThrow('without its document');
    expect(notices.rows).toHaveLength(1);
  });

  it('lists the notices, then the reply letter, each with its own URLs; finds each by id as JSON, HTML and PDF', async () => {
    await expect(service.documents(CASE)).rejects.toBeInstanceOf(LetterException);
    await service.onRequested(noticeEnvelope(notice('n1')));
    await service.onRequested(envelope({ kind: 'disclosure_reply_letter', caseId: CASE, requestedAt: '2026-10-21T08:00:00Z', replyLetter } as PublicationRequestedV1, `${CASE}:reply-letter`));
    const list = await service.documents(CASE);
    expect(list.documents.map((d) => [d.documentId, d.kind, d.issuedOn, d.remediesVersion])).toEqual([
      ['n1', 'consultation_request', '2026-10-12', null],
      ['reply-letter', 'disclosure_reply_letter', '2026-10-21', 'cn-remedies-2024'],
    ]);
    expect(list.replyLetter).toMatchObject({ replyType: 'not_disclosed', remediesVersion: 'cn-remedies-2024', links: { html: `/v1/letters/${CASE}.html`, pdf: `/v1/letters/${CASE}.pdf` } });
    expect(list.replyLetter?.copies).toEqual([expect.objectContaining({ department: 'disclosure_office' })]);
    const letter = list.documents[1];
    expect(letter?.citations).toContain('《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款');
    for (const d of list.documents) {
      expect(d.links).toEqual({ self: `/v1/letters/${CASE}/documents/${d.documentId}`, html: `/v1/letters/${CASE}/documents/${d.documentId}.html`, pdf: `/v1/letters/${CASE}/documents/${d.documentId}.pdf` });
      expect(await service.document(CASE, d.documentId)).toEqual(d);
      expect(await service.documentHtml(CASE, d.documentId)).toContain(d.title);
      expect((await service.documentPdf(CASE, d.documentId)).length).toBe(d.pdfBytes);
    }
    expect(await service.html(CASE)).toBe(await service.documentHtml(CASE, 'reply-letter'));
    await expect(service.document(CASE, 'n9')).rejects.toThrow(`case ${CASE} has no document n9`);
    await expect(service.documentHtml(APP, 'reply-letter')).rejects.toBeInstanceOf(LetterException);
  });
});
