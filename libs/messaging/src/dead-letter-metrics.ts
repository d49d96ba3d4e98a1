// Messages this process sent to a dead-letter topic, by source topic, consumer group and reason class. The reason
// itself (field errors, an error message) stays in the x-dlq-reason header and the log: as a label it would be unbounded.
import type { Counter, Registry } from 'prom-client';
import { counter, metricsRegistry } from '@huiying/platform';

/**
 * Why a message was dead-lettered, as a bounded class:
 * - `malformed` — empty, not JSON, or not a JSON object;
 * - `invalid` — the envelope or the payload breaks the topic's contract (class-validator);
 * - `key_mismatch` — the message key is not the envelope's subject;
 * - `refused_by_handler` — valid, but the handler said it can never be processed (PoisonMessageError);
 * - `handler_failed` — the handler failed on it (not a dependency outage) on every try.
 */
export const DEAD_LETTER_REASON_CLASSES = ['malformed', 'invalid', 'key_mismatch', 'refused_by_handler', 'handler_failed'] as const;
export type DeadLetterReasonClass = (typeof DEAD_LETTER_REASON_CLASSES)[number];

/** The class of a reason given by parseMessage (validate-message.ts). */
export function parseFailureClass(reason: string): DeadLetterReasonClass {
  if (reason.startsWith('invalid message')) return 'invalid';
  if (reason.startsWith('message key')) return 'key_mismatch';
  return 'malformed';
}

export function deadLetterMetric(registry: Registry = metricsRegistry()): Counter<'topic' | 'group' | 'reason_class'> {
  return counter(registry, {
    name: 'huiying_kafka_dead_lettered_messages_total',
    help: 'Messages this process sent to a dead-letter topic (dlq.<topic>), by source topic, consumer group and reason class',
    labelNames: ['topic', 'group', 'reason_class'] as const,
  });
}
