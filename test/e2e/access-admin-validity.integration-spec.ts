// Access administration refuses what would be stored already over (issue 14): a key whose expiresAt has passed (or is
// now), a rotation grace (`at`) in the past, a role grant whose validTo is before today — 400 with the field error,
// nothing stored, the refusal audited; the access CLI applies the same rules (exit 2).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client as PgClient } from 'pg';
import { authHeaders, eventually, getJson, pg, postJson, shanghaiToday, urls } from './support';
import { ownPlace } from './places';

const CLI = path.resolve(__dirname, '../../libs/access/dist/access.cli.js');
const runCli = promisify(execFile);
const run = randomUUID().slice(0, 8);
const systemId = `e2e-validity-${run}`;

describe('access administration refuses validity that has ended already', () => {
  let db: PgClient;
  const keysOf = async () => (await getJson(`${urls.ledger}/v1/access/systems/${systemId}/keys`)).body.keys as { id: string; expiresAt: string | null }[];

  beforeAll(async () => {
    db = await pg();
    const created = await postJson(`${urls.ledger}/v1/access/systems`, { id: systemId, name: 'e2e validity', kind: 'system', scopes: ['read'] });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await db?.end();
  });

  it('a key with an expiresAt in the past or now: 400 on expiresAt, no key stored, the refusal audited', async () => {
    const requestId = randomUUID();
    const past = await postJson(`${urls.ledger}/v1/access/systems/${systemId}/keys`, { expiresAt: '2020-01-01T00:00:00+08:00' }, authHeaders({ 'x-request-id': requestId }));
    expect(past).toMatchObject({ status: 400, body: { message: 'Validation failed', errors: [{ field: 'expiresAt', messages: [expect.stringMatching(/is not in the future/)] }] } });
    const now = await postJson(`${urls.ledger}/v1/access/systems/${systemId}/keys`, { expiresAt: new Date().toISOString() });
    expect(now).toMatchObject({ status: 400, body: { errors: [{ field: 'expiresAt' }] } });
    expect(await keysOf()).toEqual([]);
    const audit = await db.query(`SELECT action, status, outcome, detail FROM access.audit_log WHERE request_id = $1`, [requestId]);
    expect(audit.rows).toEqual([{ action: 'POST /v1/access/systems/:systemId/keys', status: '400', outcome: 'rejected', detail: { fields: ['expiresAt'] } }]);

    const future = await postJson(`${urls.ledger}/v1/access/systems/${systemId}/keys`, { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(future.status).toBe(201);
  });

  it('a revocation `at` in the past: 400 on at, the key unchanged', async () => {
    const [key] = await keysOf();
    const refused = await postJson(`${urls.ledger}/v1/access/keys/${key?.id}/revoke`, { at: '2020-01-01T00:00:00Z' });
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ field: 'at', messages: [expect.stringMatching(/send no `at` to revoke now/)] }] } });
    expect(await keysOf()).toEqual([expect.objectContaining({ id: key?.id, expiresAt: key?.expiresAt, revokedAt: null })]);
  });

  it('a role grant whose validTo is before today: 400 on validTo, nothing stored', async () => {
    const personId = `e2e-${run}-ended`;
    const yesterday = shanghaiToday(1);
    const refused = await postJson(`${urls.ledger}/v1/access/role-grants`, {
      personId, personName: '前任主任', role: 'head_of_disclosure_office', jurisdiction: 'seed-city', office: '某市人民政府办公室（政务公开办）',
      validFrom: '2020-01-01', validTo: yesterday, grantedBy: '市政府办公室主任 赵某',
    });
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ field: 'validTo', messages: [expect.stringContaining(`validTo ${yesterday} is before today`)] }] } });
    expect((await getJson(`${urls.ledger}/v1/access/role-grants?personId=${personId}`)).body.grants).toEqual([]);
  });

  it('the access CLI refuses --expires-in-days 0 and a --at in the past (exit 2)', async () => {
    const zero = await runCli(process.execPath, [CLI, 'issue-key', '--system', systemId, '--expires-in-days', '0']).catch((e: { code: number; stderr: string }) => e);
    expect(zero).toMatchObject({ code: 2, stderr: expect.stringMatching(/--expires-in-days must be a positive number/) });
    const [key] = await keysOf();
    const past = await runCli(process.execPath, [CLI, 'revoke-key', '--id', key?.id as string, '--at', '2020-01-01T00:00:00Z']).catch((e: { code: number; stderr: string }) => e);
    expect(past).toMatchObject({ code: 2, stderr: expect.stringMatching(/--at: at 2020-01-01T00:00:00Z is not in the future/) });
    expect(await keysOf()).toHaveLength(1);
  });

  it('a system created without a jurisdiction reaches no case (reach is granted explicitly): its key lists nothing', async () => {
    const key = await postJson(`${urls.ledger}/v1/access/systems/${systemId}/keys`, { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(key.status).toBe(201);
    const stored = await db.query(`SELECT jurisdiction FROM access.systems WHERE id = $1`, [systemId]);
    expect(stored.rows).toEqual([{ jurisdiction: '' }]);
    // a case to see (on a fresh stack there may be none yet)
    const report = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'weibo', title: '路灯不亮', content: '网友反映某路段路灯不亮。', occurredAt: new Date(Date.now() - 60_000).toISOString(),
      location: ownPlace(), category: 'public_infrastructure', sourceRef: `e2e-validity:${randomUUID()}`,
    });
    expect(report.status).toBe(202);
    await eventually('the case in the ledger', async () => ((await getJson(`${urls.ledger}/v1/cases/${report.body.caseId as string}`)).status === 200 ? true : undefined), 180_000);
    const bearer = { authorization: `Bearer ${key.body.key as string}` };
    expect((await getJson(`${urls.ledger}/v1/cases?pageSize=5`)).body.cases).not.toEqual([]);
    expect(await getJson(`${urls.ledger}/v1/cases?pageSize=5`, bearer)).toMatchObject({ status: 200, body: { cases: [] } });
    expect((await getJson(`${urls.ledger}/v1/cases/${report.body.caseId as string}`, bearer)).status).toBe(403);
  });
});
