import { activityInfo } from '@temporalio/activity';
import type { Logger } from 'pino';
import { EVENT_TYPES, makeEnvelope, TOPICS, type CaseActivities, type CaseStageChange } from '@huiying/contracts';
import type { TypedProducer } from '@huiying/messaging';

/**
 * How a local attempt of emitCaseEvents behaves (the opinion case runs it as a local activity inside its workflow
 * task, which holds one of the worker's few workflow task slots while it runs).
 */
export interface LocalEmitOptions {
  /** Whether the current call runs as a local activity. */
  isLocal: () => boolean;
  /** A local attempt gives up after this long (the workflow's local activity times out at 5 s): the ordinary activity takes over. */
  attemptMs: number;
  /** After a publish failed or hung, local attempts fail at once for this long; any successful publish ends it. */
  pauseMs: number;
}

const inLocalActivity = (): boolean => {
  try {
    return activityInfo().isLocal;
  } catch {
    return false; // called outside an activity (tests)
  }
};

/**
 * Activities of the case workflows. Each is idempotent: a stage change always produces the same envelope id
 * (`<caseId>:<sequence>`), and consumers fold by that key. emitCaseEvents sends one case's consecutive changes in one
 * request, in sequence order. As a local activity it tries once and briefly: while Kafka is away (a publish failed or
 * did not finish in `attemptMs`), local attempts fail at once for `pauseMs`, so the workflows hand their batches to the
 * ordinary activity (retried by the server) without holding workflow task slots.
 */
export function createCaseActivities(
  producer: TypedProducer,
  logger: Logger,
  now: () => Date = () => new Date(),
  local: LocalEmitOptions = { isLocal: inLocalActivity, attemptMs: 4_000, pauseMs: 10_000 },
): CaseActivities {
  let localPausedUntil = 0;
  const envelopeOf = (event: CaseStageChange) =>
    makeEnvelope({
      id: `${event.caseId}:${event.sequence}`,
      type: EVENT_TYPES.caseStageChanged,
      source: '/huiying/worker',
      time: now().toISOString(),
      subject: event.caseId,
      data: { ...event },
    });
  const pauseLocal = (err: unknown) => {
    if (now().getTime() >= localPausedUntil) logger.warn({ err, pauseMs: local.pauseMs }, 'case event publish failed; local attempts paused, the ordinary activity retries');
    localPausedUntil = now().getTime() + local.pauseMs;
  };
  const send = async (events: CaseStageChange[]) => {
    try {
      await producer.publishAll(TOPICS.caseEvents, events.map(envelopeOf));
    } catch (e) {
      pauseLocal(e);
      throw e;
    }
    localPausedUntil = 0;
    for (const e of events) logger.info({ caseId: e.caseId, stage: e.stage, sequence: e.sequence }, 'case event emitted');
  };
  return {
    async emitCaseEvent(event: CaseStageChange): Promise<void> {
      await send([event]);
    },
    async emitCaseEvents(events: CaseStageChange[]): Promise<void> {
      const ordered = [...events].sort((a, b) => a.sequence - b.sequence);
      if (!local.isLocal()) return send(ordered);
      if (now().getTime() < localPausedUntil) throw new Error('case events: Kafka failed recently, left to the ordinary activity');
      const attempt = send(ordered);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`case events: no acknowledgement within ${local.attemptMs} ms`)), local.attemptMs);
      });
      try {
        await Promise.race([attempt, late]);
      } catch (e) {
        attempt.catch(() => undefined); // still running in kafkajs; a late success is the same ids again
        pauseLocal(e);
        throw e;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
