// Jest globalSetup of the integration project: the services enforce access control, so every test calls with a key.
// Provisions the calling system `test-suite` (every scope, reach '*', a high rate limit) directly in Postgres through
// libs/access, issues it a key that expires in a day and hands it to the tests as HUIYING_API_KEY (test/e2e/support.ts,
// grpc-support.ts, apps/routing/src/test/support.ts and the hotline CLI read it).
import 'reflect-metadata'; // libs/access loads @huiying/contracts, whose DTO decorators need it
import { Client } from 'pg';
// eslint-disable-next-line no-restricted-imports -- jest transforms globalSetup but does not resolve the workspace aliases for it
import { AccessRepository } from '../../libs/access/src/access.repository';

export const TEST_SYSTEM_ID = 'test-suite';

export default async function provisionTestCaller(): Promise<void> {
  const db = new Client({
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'huiying',
    password: process.env.PGPASSWORD ?? 'huiying',
    database: process.env.PGDATABASE ?? 'huiying',
  });
  await db.connect();
  try {
    const repo = new AccessRepository(db);
    await repo.upsertSystem({ id: TEST_SYSTEM_ID, name: 'Integration tests', kind: 'system', jurisdiction: '*', scopes: ['submit', 'read', 'act', 'admin'], rateLimitPerMinute: 1000000 });
    const { key } = await repo.issueKey(TEST_SYSTEM_ID, new Date(Date.now() + 24 * 3600 * 1000));
    process.env.HUIYING_API_KEY = key;
  } finally {
    await db.end();
  }
}
