import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { REPLY_TYPE_RESULTS, replyLetterRequestId, type EventEnvelope, type PublicationRequestedV1, type ReplyLetterViewDto } from '@huiying/contracts';
import { PoisonMessageError } from '@huiying/messaging';
import { LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { LetterException, LetterExceptionCode } from './letter.exception';
import { LetterRepository, type StoredLetter } from './letter.repository';
import { defaultLetterFontPath, renderReplyLetterPdf } from './reply-letter.pdf';
import { buildReplyLetter, departmentName, renderReplyLetterHtml, type LetterIssuer } from './reply-letter.template';

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

@Injectable()
export class LetterService {
  private readonly issuer: LetterIssuer;
  private readonly fontPath: string;

  constructor(
    private readonly letters: LetterRepository,
    config: PublicationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.issuer = { agencyName: config.LETTER_AGENCY_NAME, reconsiderationBody: config.LETTER_RECONSIDERATION_BODY, court: config.LETTER_COURT };
    this.fontPath = config.LETTER_FONT_PATH ?? defaultLetterFontPath();
  }

  /**
   * publication.requested.v1 → the reply letter, rendered and stored once per case reply. A request that contradicts
   * itself is dead-lettered with the reason; a redelivery of a stored letter changes nothing.
   */
  async onRequested(env: EventEnvelope<PublicationRequestedV1>): Promise<void> {
    const { caseId, replyLetter: r } = env.data;
    if (env.data.kind !== 'disclosure_reply_letter' || !r) throw new PoisonMessageError(`publication kind ${env.data.kind} is not rendered by this version`);
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

  async view(caseId: string): Promise<ReplyLetterViewDto> {
    const l: StoredLetter = (await this.letters.findMeta(caseId)) ?? this.notFound(caseId);
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
