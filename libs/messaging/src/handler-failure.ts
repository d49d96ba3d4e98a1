// How a consumer treats a handler's failure (README: "What a consumer does with a message it cannot process").
//
// - A dependency that is down or busy (Postgres, Temporal, Kafka unreachable, a connection cut, a deadlock) is
//   *transient*: the message is retried until the dependency is back; it is never dead-lettered for it, so an
//   outage can never empty a partition into the dead-letter topic.
// - Anything else (a TypeError on a message the contract let through, a constraint the data breaks) is the message's
//   own problem: retried a few times, then dead-lettered with the reason, so one bad message never stalls the
//   messages behind it on its partition.
import { isTransientFailure, maskText } from '@huiying/platform';

/** The classification lives in @huiying/platform (HTTP and gRPC answer 503 / UNAVAILABLE on the same failures). */
export { isTransientFailure };

/** The dead-letter reason of a failure: error name and message (personal data masked), never a stack or a body. */
export function failureReason(error: unknown, attempts: number): string {
  const e = error as { name?: unknown; message?: unknown };
  const name = typeof e?.name === 'string' ? e.name : 'Error';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return `handler failed ${attempts} time${attempts === 1 ? '' : 's'}: ${name}: ${maskText(message)}`;
}
