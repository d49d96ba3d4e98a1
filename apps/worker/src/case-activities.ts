import type { Logger } from 'pino';
import { EVENT_TYPES, makeEnvelope, TOPICS, type CaseActivities, type CaseStageChange } from '@huiying/contracts';
import type { TypedProducer } from '@huiying/messaging';

/**
 * Activities of the case workflows. Each is idempotent: emitCaseEvent always produces the same envelope id
 * (`<caseId>:<sequence>`) for the same stage change, and consumers fold by that key.
 */
export function createCaseActivities(producer: TypedProducer, logger: Logger, now: () => Date = () => new Date()): CaseActivities {
  return {
    async emitCaseEvent(event: CaseStageChange): Promise<void> {
      const envelope = makeEnvelope({
        id: `${event.caseId}:${event.sequence}`,
        type: EVENT_TYPES.caseStageChanged,
        source: '/huiying/worker',
        time: now().toISOString(),
        subject: event.caseId,
        data: { ...event },
      });
      await producer.publish(TOPICS.caseEvents, envelope);
      logger.info({ caseId: event.caseId, stage: event.stage, sequence: event.sequence }, 'case event emitted');
    },
  };
}
