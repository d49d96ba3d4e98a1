import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type {
  CaseDocumentDto,
  CaseDocumentsDto,
  DisclosureNoticeV1,
  DisclosureReplyLetterV1,
  EventEnvelope,
  PublicationRequestedV1,
  ReplyLetterViewDto,
} from '@huiying/contracts';
import { PoisonMessageError } from '@huiying/messaging';
import { LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { chineseFontPath } from '@huiying/platform';
import { renderDocumentPdf } from './document.pdf';
import { LetterException, LetterExceptionCode } from './letter.exception';
import { LetterRepository, type StoredLetter } from './letter.repository';
import { buildNotice, noticeRequestProblem } from './notice.template';
import { NoticeRepository, type StoredNotice } from './notice.repository';
import { departmentName, renderDocumentHtml, type LetterIssuer, type OfficialDocument } from './official-document';
import { buildReplyLetter, replyLetterRequestProblem } from './reply-letter.template';

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
/** The reply letter's document id (a notice's is its id in the case, n1, n2 …). */
export const REPLY_LETTER_DOCUMENT_ID = 'reply-letter';

/** Renders, stores and serves every document of a disclosure application: the reply letter and the notices. */
@Injectable()
export class LetterService {
  private readonly issuer: LetterIssuer;
  private readonly fontPath: string;

  constructor(
    private readonly letters: LetterRepository,
    private readonly notices: NoticeRepository,
    config: PublicationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.issuer = {
      agencyName: config.LETTER_AGENCY_NAME,
      reconsiderationBody: config.LETTER_RECONSIDERATION_BODY,
      court: config.LETTER_COURT,
      feePayment: config.LETTER_FEE_PAYMENT,
      feeWaiver: config.LETTER_FEE_WAIVER_ROUTE,
    };
    this.fontPath = config.LETTER_FONT_PATH ?? chineseFontPath();
  }

  /**
   * publication.requested.v1 → the reply letter or a notice, rendered and stored once per request id. A request that
   * contradicts itself is dead-lettered with the reason; a redelivery of a stored document changes nothing.
   */
  async onRequested(env: EventEnvelope<PublicationRequestedV1>): Promise<void> {
    const { kind, replyLetter, notice } = env.data;
    if (kind === 'disclosure_reply_letter' && replyLetter) return this.onReplyLetter(env.id, env.data.caseId, replyLetter);
    if (kind === 'disclosure_notice' && notice) return this.onNotice(env.id, env.data.caseId, notice);
    throw new PoisonMessageError(`publication kind ${kind} without its document`);
  }

  private async onReplyLetter(envelopeId: string, caseId: string, r: DisclosureReplyLetterV1): Promise<void> {
    const problem = replyLetterRequestProblem(caseId, envelopeId, r);
    if (problem) throw new PoisonMessageError(problem);
    if (await this.letters.exists(caseId)) {
      this.logger.info({ caseId, requestId: r.requestId }, 'reply letter already stored: request skipped');
      return;
    }
    const doc = buildReplyLetter(r, this.issuer);
    const rendered = await this.render(doc);
    const { inserted } = await this.letters.insert({
      letterId: randomUUID(),
      request: r,
      reference: doc.reference,
      articles: doc.articles,
      citations: doc.citations,
      remediesVersion: doc.remediesVersion,
      ...rendered,
      copy: { department: r.copiedTo, departmentName: departmentName(r.copiedTo) },
    });
    this.logger.info({ caseId, replyType: r.decision.replyType, articles: doc.articles, remediesVersion: doc.remediesVersion, pdfBytes: rendered.pdf.length, inserted }, 'reply letter stored');
  }

  private async onNotice(envelopeId: string, caseId: string, n: DisclosureNoticeV1): Promise<void> {
    const problem = noticeRequestProblem(caseId, envelopeId, n);
    if (problem) throw new PoisonMessageError(problem);
    const stored = await this.notices.sameAsStored(n);
    if (stored && !stored.same) throw new PoisonMessageError(`notice ${n.noticeId} of case ${caseId} is already stored with other content: a notice is never replaced`);
    if (stored) {
      this.logger.info({ caseId, requestId: n.requestId }, 'notice already stored: request skipped');
      return;
    }
    const doc = buildNotice(n, this.issuer);
    const rendered = await this.render(doc);
    const { inserted } = await this.notices.insert({
      request: n,
      title: doc.title,
      reference: doc.reference,
      articles: doc.articles,
      citations: doc.citations,
      remediesVersion: doc.remediesVersion,
      ...rendered,
    });
    // never the addressee's name: a consulted third party may be a person
    this.logger.info({ caseId, noticeId: n.noticeId, kind: n.content.kind, articles: doc.articles, pdfBytes: rendered.pdf.length, inserted }, 'notice stored');
  }

  /** HTML and PDF of a document with their SHA-256; the PDF's dates are the issue date, so the bytes are reproducible. */
  private async render(doc: OfficialDocument): Promise<{ html: string; htmlSha256: string; pdf: Buffer; pdfSha256: string; font: string }> {
    const html = renderDocumentHtml(doc);
    const pdf = await renderDocumentPdf(doc, this.fontPath, new Date(`${doc.issuedOn}T00:00:00+08:00`));
    return { html, htmlSha256: sha256(html), pdf, pdfSha256: sha256(pdf), font: this.fontPath.split('/').pop() ?? this.fontPath };
  }

  /** Every document of a case: the notices in the order issued, then the reply letter (404 while there is none). */
  async documents(caseId: string): Promise<CaseDocumentsDto> {
    const [notices, letter] = await Promise.all([this.notices.list(caseId), this.letters.findMeta(caseId)]);
    if (notices.length === 0 && !letter) {
      throw new LetterException(LetterExceptionCode.NoDocuments, `no documents for case ${caseId} (yet): a notice is produced when it is issued, the reply letter when the reply is`);
    }
    const documents = [...notices.map(noticeDocument), ...(letter ? [letterDocument(letter)] : [])];
    return { caseId, documents, replyLetter: letter ? letterView(letter) : null };
  }

  async document(caseId: string, documentId: string): Promise<CaseDocumentDto> {
    if (documentId === REPLY_LETTER_DOCUMENT_ID) {
      const letter = await this.letters.findMeta(caseId);
      return letter ? letterDocument(letter) : this.documentNotFound(caseId, documentId);
    }
    const notice = await this.notices.find(caseId, documentId);
    return notice ? noticeDocument(notice) : this.documentNotFound(caseId, documentId);
  }

  async documentHtml(caseId: string, documentId: string): Promise<string> {
    const html = documentId === REPLY_LETTER_DOCUMENT_ID ? await this.letters.findHtml(caseId) : await this.notices.findHtml(caseId, documentId);
    return html ?? this.documentNotFound(caseId, documentId);
  }

  async documentPdf(caseId: string, documentId: string): Promise<Buffer> {
    const found = documentId === REPLY_LETTER_DOCUMENT_ID ? await this.letters.findPdf(caseId) : await this.notices.findPdf(caseId, documentId);
    return found?.pdf ?? this.documentNotFound(caseId, documentId);
  }

  /** The reply letter as HTML at its own URL (kept from before documents had ids). */
  async html(caseId: string): Promise<string> {
    return (await this.letters.findHtml(caseId)) ?? this.letterNotFound(caseId);
  }

  async pdf(caseId: string): Promise<{ pdf: Buffer; reference: string }> {
    return (await this.letters.findPdf(caseId)) ?? this.letterNotFound(caseId);
  }

  private letterNotFound(caseId: string): never {
    throw new LetterException(LetterExceptionCode.LetterNotFound, `no reply letter for case ${caseId} (yet): it is produced when the reply is issued`);
  }

  private documentNotFound(caseId: string, documentId: string): never {
    throw new LetterException(LetterExceptionCode.DocumentNotFound, `case ${caseId} has no document ${documentId} (yet)`);
  }
}

function links(caseId: string, documentId: string): CaseDocumentDto['links'] {
  const self = `/v1/letters/${caseId}/documents/${documentId}`;
  return { self, html: `${self}.html`, pdf: `${self}.pdf` };
}

function letterView(l: StoredLetter): ReplyLetterViewDto {
  return {
    ...l,
    createdAt: l.createdAt.toISOString(),
    copies: l.copies.map((c) => ({ ...c, copiedAt: c.copiedAt.toISOString() })),
    links: { html: `/v1/letters/${l.caseId}.html`, pdf: `/v1/letters/${l.caseId}.pdf` },
  };
}

function letterDocument(l: StoredLetter): CaseDocumentDto {
  return {
    documentId: REPLY_LETTER_DOCUMENT_ID,
    kind: 'disclosure_reply_letter',
    title: '政府信息公开申请答复告知书',
    reference: l.reference,
    addressee: 'applicant',
    noticeId: null,
    requestId: l.requestId,
    issuedOn: l.issuedOn,
    articles: l.articles,
    citations: l.citations,
    remediesVersion: l.remediesVersion,
    htmlSha256: l.htmlSha256,
    pdfSha256: l.pdfSha256,
    pdfBytes: l.pdfBytes,
    font: l.font,
    createdAt: l.createdAt.toISOString(),
    links: links(l.caseId, REPLY_LETTER_DOCUMENT_ID),
  };
}

function noticeDocument(n: StoredNotice): CaseDocumentDto {
  return {
    documentId: n.noticeId,
    kind: n.kind as CaseDocumentDto['kind'],
    title: n.title,
    reference: n.reference,
    addressee: n.addressee as CaseDocumentDto['addressee'],
    noticeId: n.noticeId,
    requestId: n.requestId,
    issuedOn: n.issuedOn,
    articles: n.articles,
    citations: n.citations,
    remediesVersion: n.remediesVersion,
    htmlSha256: n.htmlSha256,
    pdfSha256: n.pdfSha256,
    pdfBytes: n.pdfBytes,
    font: n.font,
    createdAt: n.createdAt.toISOString(),
    links: links(n.caseId, n.noticeId),
  };
}
