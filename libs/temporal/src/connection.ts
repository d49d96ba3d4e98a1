import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { tracingClientInterceptors } from './tracing';

export interface TemporalSettings {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TLS_CERT?: string;
  TEMPORAL_TLS_KEY?: string;
}

/** Connection options shared by clients and workers; mTLS when cert and key are configured (external clusters). */
export function connectionOptions(s: TemporalSettings) {
  const tls =
    s.TEMPORAL_TLS_CERT && s.TEMPORAL_TLS_KEY
      ? { clientCertPair: { crt: readFileSync(s.TEMPORAL_TLS_CERT), key: readFileSync(s.TEMPORAL_TLS_KEY) } }
      : undefined;
  return { address: s.TEMPORAL_ADDRESS, tls };
}

export async function createTemporalClient(s: TemporalSettings): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ ...connectionOptions(s), connectTimeout: '10s' });
  return { client: workflowClient(connection, s.TEMPORAL_NAMESPACE), connection };
}

/** The services' Temporal client: starts, signals, updates and queries carry the active trace (README → Traces). */
export function workflowClient(connection: Connection, namespace: string): Client {
  return new Client({ connection, namespace, interceptors: tracingClientInterceptors() });
}

/** For /health: the frontend answers for our namespace. */
export async function checkTemporal(connection: Connection, namespace: string): Promise<void> {
  await connection.workflowService.describeNamespace({ namespace });
}
