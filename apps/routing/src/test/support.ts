// Helpers for routing's integration tests against the stack started by deploy/local/huiying.sh (real Postgres,
// Kafka and services; nothing mocked). Kept here because apps may not import the root test folder.
import { Client as PgClient } from 'pg';
import { Kafka, logLevel } from 'kafkajs';

export const routingUrl = `http://127.0.0.1:${process.env.ROUTING_PORT ?? 3002}`;

export async function pg(): Promise<PgClient> {
  const client = new PgClient({
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'huiying',
    password: process.env.PGPASSWORD ?? 'huiying',
    database: process.env.PGDATABASE ?? 'huiying',
  });
  await client.connect();
  return client;
}

export function kafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
}

/** `Authorization: Bearer <key>` of the test caller provisioned by tools/jest/access-setup.ts (jest globalSetup). */
export function authHeaders(): Record<string, string> {
  const key = process.env.HUIYING_API_KEY;
  if (!key) throw new Error('HUIYING_API_KEY is not set: run the integration tests through jest (globalSetup provisions it)');
  return { authorization: `Bearer ${key}` };
}

export interface HttpResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function http(method: string, path: string, body?: unknown): Promise<HttpResult> {
  const res = await fetch(`${routingUrl}${path}`, {
    method,
    headers: { ...authHeaders(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Polls until `probe` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * Deletes rows of append-only tables in one transaction with the explicit purge switch the triggers honour
 * (`huiying.allow_purge`). Only for tests removing what they created.
 */
export async function purge(db: PgClient, statements: { sql: string; params: unknown[] }[]): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL huiying.allow_purge = 'on'`);
    for (const s of statements) await db.query(s.sql, s.params);
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK');
    throw e;
  }
}
