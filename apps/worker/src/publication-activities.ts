import type { Logger } from 'pino';
import { EVENT_TYPES, makeEnvelope, TOPICS, type DisclosureNoticeRequest, type DisclosureReplyLetterRequest, type PublicationActivities } from '@huiying/contracts';
import type { TypedProducer } from '@huiying/messaging';

/**
 * Activities that ask publication for documents. Idempotent: the envelope id is the request id
 * (`<caseId>:reply-letter`, `<caseId>:notice:<noticeId>`), so a retried activity produces a message publication recognises and skips.
 */
export function createPublicationActivities(producer: TypedProducer, logger: Logger, now: () => Date = () => new Date()): PublicationActivities {
  return {
    async requestReplyLetter(request: DisclosureReplyLetterRequest): Promise<void> {
      const time = now().toISOString();
      await producer.publish(
        TOPICS.publicationRequested,
        makeEnvelope({
          id: request.requestId,
          type: EVENT_TYPES.publicationRequested,
          source: '/huiying/worker',
          time,
          subject: request.caseId,
          data: { kind: 'disclosure_reply_letter' as const, caseId: request.caseId, requestedAt: time, replyLetter: request },
        }),
      );
      logger.info({ caseId: request.caseId, replyType: request.decision.replyType, requestId: request.requestId }, 'reply letter requested');
    },
    async requestNotice(request: DisclosureNoticeRequest): Promise<void> {
      const time = now().toISOString();
      await producer.publish(
        TOPICS.publicationRequested,
        makeEnvelope({
          id: request.requestId,
          type: EVENT_TYPES.publicationRequested,
          source: '/huiying/worker',
          time,
          subject: request.caseId,
          data: { kind: 'disclosure_notice' as const, caseId: request.caseId, requestedAt: time, notice: request },
        }),
      );
      logger.info({ caseId: request.caseId, kind: request.content.kind, requestId: request.requestId }, 'notice requested');
    },
  };
}
