// Whether a failure is about a dependency that is down or busy (Postgres, Temporal, Kafka unreachable, a connection
// cut, a deadlock) rather than about the request or message itself. One classification for every caller: a Kafka
// consumer retries such a failure until the dependency is back instead of dead-lettering the message
// (libs/messaging/src/handler-failure.ts); an HTTP or gRPC call answers 503 / UNAVAILABLE with Retry-After instead
// of an unexpected-error 500 (dependency-failure.filter.ts, grpc.ts).

/** Node socket errors that mean "the other side is not reachable right now". */
const TRANSIENT_SYSTEM_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * Postgres SQLSTATEs that are about the server or concurrency, not the data: class 08 (connection exception),
 * 53 (insufficient resources), 57P01–57P05 (shut down, crashed, cannot connect now, idle timeouts),
 * 40001 / 40P01 (serialization failure, deadlock: retry the transaction), 55P03 (lock not available).
 */
function isTransientSqlState(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || /^57P0[1-5]$/.test(code) || code === '40001' || code === '40P01' || code === '55P03';
}

/** gRPC status codes (Temporal client) that mean the server is unreachable or overloaded: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, UNAVAILABLE. */
const TRANSIENT_GRPC_CODES = new Set([4, 8, 10, 14]);

/** Messages of errors that carry no code: pg's cut connections, pool time-outs, Temporal's connection errors. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /connection (?:error|refused|reset|closed)/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /failed to connect before the deadline/i,
];

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 8 && !chain.includes(e); depth++) {
    chain.push(e);
    const next = (e as { cause?: unknown; driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return chain;
}

/** True when the failure is about a dependency (retry until it is back), false when it is about the message. */
export function isTransientFailure(error: unknown): boolean {
  return causes(error).some((e) => {
    if (!e || typeof e !== 'object') return false;
    const { code, retriable, name, message } = e as { code?: unknown; retriable?: unknown; name?: unknown; message?: unknown };
    if (retriable === true) return true; // kafkajs marks its retriable errors
    if (typeof code === 'string' && (TRANSIENT_SYSTEM_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isTransientSqlState(code)))) return true;
    if (typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code) && (name === 'ServiceError' || 'details' in e || 'metadata' in e)) return true;
    if (name === 'ConnectionError' || name === 'TransportError') return true;
    return typeof message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(message));
  });
}
