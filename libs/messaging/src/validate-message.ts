import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { EventEnvelope, PAYLOAD_CLASSES, type EventMap, type MappedTopic } from '@huiying/contracts';

/** A message that can never be processed, whatever the retries: it goes to the dead-letter topic. */
export class PoisonMessageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PoisonMessageError';
  }
}

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [`${field}: ${Object.values(e.constraints).join(', ')}`] : [];
    return [...own, ...describe(e.children ?? [], field)];
  });
}

/**
 * Parses and validates one consumed message (envelope + the payload class mapped to its topic).
 * The one place every consumer validates (STYLE.md: validate every consumed message).
 */
export async function parseMessage<K extends MappedTopic>(
  topic: K,
  key: string | null,
  value: Buffer | null,
): Promise<EventEnvelope<EventMap[K]>> {
  if (!value || value.length === 0) throw new PoisonMessageError('empty message value');
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (e) {
    throw new PoisonMessageError(`value is not JSON: ${(e as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new PoisonMessageError('value is not a JSON object');
  const envelope = plainToInstance(EventEnvelope, json) as EventEnvelope<EventMap[K]>;
  const envelopeErrors = await validate(envelope, { skipMissingProperties: false, forbidUnknownValues: false });
  const data = plainToInstance(PAYLOAD_CLASSES[topic] as new () => EventMap[K], (json as { data?: unknown }).data ?? {});
  // Tolerant reader: fields this consumer does not know (added by a newer producer of the same topic version) are
  // dropped before the handler sees them, so producers can be deployed before consumers; a breaking change is a new
  // topic version. Missing or malformed known fields are still poison.
  const dataErrors = await validate(data as object, { whitelist: true, forbidNonWhitelisted: false });
  const problems = [
    ...describe(envelopeErrors).filter((p) => !p.startsWith('data')),
    ...describe(dataErrors, 'data'),
  ];
  if (problems.length) throw new PoisonMessageError(`invalid message: ${problems.join('; ')}`);
  if (key !== null && key !== envelope.subject) {
    throw new PoisonMessageError(`message key "${key}" differs from envelope subject "${envelope.subject}"`);
  }
  return { ...envelope, data };
}
