import type { Logger } from 'pino';
import { EVENT_TYPES, makeEnvelope, TOPICS, type DisclosureNoticeRequest, type DisclosureReplyLetterRequest, type PublicationActivities, type PublicationRequestedV1 } from '@huiying/contracts';
import type { TypedProducer } from '@huiying/messaging';

/**
 * Activities that ask publication for documents. Idempotent: the envelope id is the request id
 * (`<caseId>:reply-letter`, `<caseId>:notice:<noticeId>`), so a retried activity produces a message publication
 * recognises and skips.
 */
export function createPublicationActivities(producer: TypedProducer, logger: Logger, now: () => Date = () => new Date()): PublicationActivities {
  const request = async (requestId: string, caseId: string, data: (requestedAt: string) => PublicationRequestedV1) => {
    const time = now().toISOString();
    await producer.publish(
      TOPICS.publicationRequested,
      makeEnvelope({ id: requestId, type: EVENT_TYPES.publicationRequested, source: '/huiying/worker', time, subject: caseId, data: data(time) }),
    );
  };
  return {
    async requestReplyLetter(letter: DisclosureReplyLetterRequest): Promise<void> {
      await request(letter.requestId, letter.caseId, (requestedAt) => ({ kind: 'disclosure_reply_letter', caseId: letter.caseId, requestedAt, replyLetter: letter }));
      logger.info({ caseId: letter.caseId, replyType: letter.decision.replyType, requestId: letter.requestId }, 'reply letter requested');
    },
    async requestNotice(notice: DisclosureNoticeRequest): Promise<void> {
      await request(notice.requestId, notice.caseId, (requestedAt) => ({ kind: 'disclosure_notice', caseId: notice.caseId, requestedAt, notice }));
      logger.info({ caseId: notice.caseId, kind: notice.content.kind, requestId: notice.requestId }, 'notice requested');
    },
  };
}
