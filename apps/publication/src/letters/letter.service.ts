import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  noticeRequestId,
  REPLY_TYPE_RESULTS,
  replyLetterRequestId,
  type CaseDocumentDto,
  type CaseDocumentsDto,
  type DisclosureNoticeRequest,
  type EventEnvelope,
  type PublicationRequestedV1,
  type ReplyLetterViewDto,
} from '@huiying/contracts';
import { PoisonMessageError } from '@huiying/messaging';
import { LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { LetterException, LetterExceptionCode } from './letter.exception';
import { LetterRepository, type StoredLetter } from './letter.repository';
import { defaultLetterFontPath, renderReplyLetterPdf } from './reply-letter.pdf';
import { buildReplyLetter, departmentName, renderReplyLetterHtml, type LetterIssuer } from './reply-letter.template';
import { buildNotice } from './notice.template';
import { NoticeRepository } from './notice.repository';

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

@Injectable()
export class LetterService {
  private readonly issuer: LetterIssuer;
  private readonly fontPath: string;
  private readonly feeWaiverRoute: string;

  constructor(
    private readonly letters: LetterRepository,
    private readonly notices: NoticeRepository,
    config: PublicationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.issuer = { agencyName: config.LETTER_AGENCY_NAME, reconsiderationBody: config.LETTER_RECONSIDERATION_BODY, court: config.LETTER_COURT };
    this.fontPath = config.LETTER_FONT_PATH ?? defaultLetterFontPath();
    this.feeWaiverRoute = config.LETTER_FEE_WAIVER_ROUTE;
  }

  private get fontName(): string {
    return this.fontPath.split('/').pop() ?? this.fontPath;
  }

  /**
   * publication.requested.v1 → the reply letter, rendered and stored once per case reply. A request that contradicts
   * itself is dead-lettered with the reason; a redelivery of a stored letter changes nothing.
   */
  async onRequested(env: EventEnvelope<PublicationRequestedV1>): Promise<void> {
    if (env.data.kind === 'disclosure_notice' && env.data.notice) return this.onNotice(env.id, env.data.caseId, env.data.notice);
    const { caseId, replyLetter: r } = env.data;
    if (env.data.kind !== 'disclosure_reply_letter' || !r) throw new PoisonMessageError(`publication kind ${env.data.kind} without its document`);
    if (r.caseId !== caseId) throw new PoisonMessageError(`replyLetter.caseId ${r.caseId} is not the request's case ${caseId}`);
    if (r.requestId !== replyLetterRequestId(caseId) || env.id !== r.requestId) {
      throw new PoisonMessageError(`a reply-letter request of case ${caseId} has id ${replyLetterRequestId(caseId)}, got envelope ${env.id} / request ${r.requestId}`);
    }
    const allowed = REPLY_TYPE_RESULTS[r.decision.replyType];
    if (!allowed.includes(r.decision.resultCode)) {
      throw new PoisonMessageError(`a ${r.decision.replyType} reply is counted as ${allowed.join(' or ')}, not ${r.decision.resultCode}`);
    }
    if (r.reply.issuedOn < r.receivedOn) throw new PoisonMessageError(`reply.issuedOn ${r.reply.issuedOn} is before receivedOn ${r.receivedOn}`);
    if (await this.letters.exists(caseId)) {
      this.logger.info({ caseId, requestId: r.requestId }, 'reply letter already stored: request skipped');
      return;
    }
    const doc = buildReplyLetter(r, this.issuer);
    const html = renderReplyLetterHtml(doc);
    const pdf = await renderReplyLetterPdf(doc, this.fontPath, new Date(`${r.reply.issuedOn}T00:00:00+08:00`));
    const { inserted } = await this.letters.insert({
      letterId: randomUUID(),
      request: r,
      reference: doc.reference,
      articles: doc.articles,
      html,
      htmlSha256: sha256(html),
      pdf,
      pdfSha256: sha256(pdf),
      font: this.fontPath.split('/').pop() ?? this.fontPath,
      remediesVersion: doc.remediesVersion,
      copy: { department: r.copiedTo, departmentName: departmentName(r.copiedTo) },
    });
    this.logger.info({ caseId, replyType: r.decision.replyType, articles: doc.articles, remediesVersion: doc.remediesVersion, pdfBytes: pdf.length, inserted }, 'reply letter stored');
  }

  /** A notice (补正告知书, 征求意见书 …): rendered and stored once per request id; a request that contradicts itself is dead-lettered. */
  private async onNotice(envelopeId: string, caseId: string, n: DisclosureNoticeRequest): Promise<void> {
    if (n.caseId !== caseId) throw new PoisonMessageError(`notice.caseId ${n.caseId} is not the request's case ${caseId}`);
    const expected = noticeRequestId(caseId, n.noticeId);
    if (n.requestId !== expected || envelopeId !== expected) throw new PoisonMessageError(`notice ${n.noticeId} of case ${caseId} has request id ${expected}, got envelope ${envelopeId} / request ${n.requestId}`);
    if (n.issuedOn < n.receivedOn) throw new PoisonMessageError(`notice issuedOn ${n.issuedOn} is before the application's receipt ${n.receivedOn}`);
    const doc = buildNotice(n, this.issuer, this.feeWaiverRoute);
    const html = renderReplyLetterHtml(doc);
    const pdf = await renderReplyLetterPdf(doc, this.fontPath, new Date(`${n.issuedOn}T00:00:00+08:00`));
    const { inserted } = await this.notices.insert({
      request: n, title: doc.title, reference: doc.reference, articles: doc.articles, html, htmlSha256: sha256(html), pdf, pdfSha256: sha256(pdf), font: this.fontName,
    });
    this.logger.info({ caseId, noticeId: n.noticeId, kind: n.content.kind, articles: doc.articles, pdfBytes: pdf.length, inserted }, 'notice stored');
  }

  /** Every document of a case: the notices in the order issued, then the reply letter. */
  async documents(caseId: string): Promise<CaseDocumentsDto> {
    const [notices, letter] = await Promise.all([this.notices.list(caseId), this.letters.findMeta(caseId)]);
    if (!notices.length && !letter) throw new LetterException(LetterExceptionCode.LetterNotFound, `no documents for case ${caseId} (yet)`);
    const documents: CaseDocumentDto[] = notices.map((n) => ({
      documentId: n.noticeId, kind: n.kind, title: n.title, reference: n.reference, addressee: n.addressee, issuedOn: n.issuedOn, articles: n.articles, remediesVersion: null,
      htmlSha256: n.htmlSha256, pdfSha256: n.pdfSha256, pdfBytes: n.pdfBytes, links: { html: `/v1/letters/${caseId}/documents/${n.noticeId}.html`, pdf: `/v1/letters/${caseId}/documents/${n.noticeId}.pdf` },
    }));
    if (letter) {
      documents.push({
        documentId: 'reply-letter', kind: 'disclosure_reply_letter', title: '政府信息公开申请答复告知书', reference: letter.reference, addressee: 'applicant', issuedOn: letter.issuedOn,
        articles: letter.articles, remediesVersion: letter.remediesVersion, htmlSha256: letter.htmlSha256, pdfSha256: letter.pdfSha256, pdfBytes: letter.pdfBytes,
        links: { html: `/v1/letters/${caseId}.html`, pdf: `/v1/letters/${caseId}.pdf` },
      });
    }
    return { caseId, documents, replyLetter: letter ? this.viewOf(letter) : null };
  }

  async noticeHtml(caseId: string, noticeId: string): Promise<string> {
    return (await this.notices.findHtml(caseId, noticeId)) ?? this.noNotice(caseId, noticeId);
  }

  async noticePdf(caseId: string, noticeId: string): Promise<Buffer> {
    return (await this.notices.findPdf(caseId, noticeId)) ?? this.noNotice(caseId, noticeId);
  }

  private noNotice(caseId: string, noticeId: string): never {
    throw new LetterException(LetterExceptionCode.LetterNotFound, `no notice ${noticeId} for case ${caseId}`);
  }

  async view(caseId: string): Promise<ReplyLetterViewDto> {
    return this.viewOf((await this.letters.findMeta(caseId)) ?? this.notFound(caseId));
  }

  private viewOf(l: StoredLetter): ReplyLetterViewDto {
    const caseId = l.caseId;
    return {
      ...l,
      createdAt: l.createdAt.toISOString(),
      copies: l.copies.map((c) => ({ ...c, copiedAt: c.copiedAt.toISOString() })),
      links: { html: `/v1/letters/${caseId}.html`, pdf: `/v1/letters/${caseId}.pdf` },
    };
  }

  async html(caseId: string): Promise<string> {
    return (await this.letters.findHtml(caseId)) ?? this.notFound(caseId);
  }

  async pdf(caseId: string): Promise<{ pdf: Buffer; reference: string }> {
    return (await this.letters.findPdf(caseId)) ?? this.notFound(caseId);
  }

  private notFound(caseId: string): never {
    throw new LetterException(LetterExceptionCode.LetterNotFound, `no reply letter for case ${caseId} (yet): it is produced when the reply is issued`);
  }
}
