// Shared helpers for tests that run against the real stack started by deploy/local/huiying.sh.
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Connection } from '@temporalio/client';

export const urls = {
  intake: `http://127.0.0.1:${process.env.INTAKE_PORT ?? 3001}`,
  routing: `http://127.0.0.1:${process.env.ROUTING_PORT ?? 3002}`,
  assessment: `http://127.0.0.1:${process.env.ASSESSMENT_PORT ?? 3003}`,
  publication: `http://127.0.0.1:${process.env.PUBLICATION_PORT ?? 3004}`,
  ledger: `http://127.0.0.1:${process.env.LEDGER_PORT ?? 3005}`,
};

export const logsDir = path.join(process.env.HUIYING_HOME ?? path.resolve(__dirname, '../../.huiying'), 'logs');

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

export async function temporal(): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  return { client: new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' }), connection };
}

/** The key of the test caller provisioned by tools/jest/access-setup.ts (every scope, reach '*'). */
export function apiKey(): string {
  const key = process.env.HUIYING_API_KEY;
  if (!key) throw new Error('HUIYING_API_KEY is not set: run the integration tests through jest (globalSetup provisions it)');
  return key;
}

/** `Authorization: Bearer <key>` of the test caller, plus any other headers. */
export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${apiKey()}`, ...extra };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = authHeaders()): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function getJson(url: string, headers: Record<string, string> = authHeaders()): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Polls until `probe` returns a value (not undefined) or the time runs out; the failure names what was awaited. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Today in Asia/Shanghai, YYYY-MM-DD (receipt dates are Shanghai calendar days); `daysAgo` earlier. */
export function shanghaiToday(daysAgo = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - daysAgo * 86_400_000));
}
