// Access control and audit on the running services (issue 6, "Access control and audit"): REST and gRPC enforce the
// same rules — no key 401 / UNAUTHENTICATED, a missing scope 403 / PERMISSION_DENIED, a department reads and acts only on
// the cases it leads or co-handles (属地管理) and does not see the others in lists, a supervisor reads its jurisdiction,
// a revoked key stops working, a system over its rate limit gets 429 / RESOURCE_EXHAUSTED, and every state-changing
// call — accepted or refused — leaves an audit row (append-only).
// Reads are decided by the ledger on its read model: those tests use a case the ledger folds from a case event put on
// cases.events.v1 (as the worker does), so they do not wait behind the workflows of other suites. Actions are decided
// on the case workflow: those tests use a case submitted to intake and routed by the real pipeline.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import type { Producer } from 'kafkajs';
import type { Client as PgClient } from 'pg';
import { AccessRepository, type NewSystem } from '@huiying/access';
import { EVENT_TYPES, makeEnvelope, TOPICS, type CaseStageChangedV1 } from '@huiying/contracts';
import { authHeaders, eventually, getJson, kafka, pg, postJson, urls } from './support';
import { grpcClients, grpcError, unary } from './grpc-support';

jest.setTimeout(15 * 60_000);

const CLI = path.resolve(__dirname, '../../libs/access/dist/access.cli.js');
const runCli = promisify(execFile); // the pipeline may be busy with other suites' cases

const run = randomUUID().slice(0, 8);
const LEAD = 'housing_urban_rural'; // routing rule for category housing in seed-city
const CO = 'market_regulation';
const OTHER = 'education_bureau';
const CC = 'district_office';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

interface AuditRow {
  service: string;
  transport: string;
  system_id: string | null;
  key_id: string | null;
  method: string;
  action: string;
  target: string | null;
  status: string;
  outcome: string;
  request_id: string | null;
  remote_address: string | null;
  detail: Record<string, unknown>;
}

describe('access control and audit on the running services (REST and gRPC)', () => {
  let db: PgClient;
  let repo: AccessRepository;
  const keys: Record<string, string> = {};
  let caseId: string;
  let producer: Producer;
  let noKey: ReturnType<typeof grpcClients>;
  const clients = new Map<string, ReturnType<typeof grpcClients>>();
  const clientsOf = (name: string) => {
    if (!clients.has(name)) clients.set(name, grpcClients(keys[name]));
    return clients.get(name) as ReturnType<typeof grpcClients>;
  };

  async function system(name: string, s: Omit<NewSystem, 'id' | 'name'>): Promise<void> {
    const id = `e2e-access-${run}-${name}`;
    await repo.upsertSystem({ id, name: `e2e ${name}`, ...s });
    keys[name] = (await repo.issueKey(id, new Date(Date.now() + 3600_000))).key;
  }
  const systemId = (name: string) => `e2e-access-${run}-${name}`;

  const auditOf = async (requestId: string): Promise<AuditRow[]> =>
    (await db.query<AuditRow>(`SELECT * FROM access.audit_log WHERE request_id = $1 ORDER BY id`, [requestId])).rows;

  beforeAll(async () => {
    db = await pg();
    repo = new AccessRepository(db);
    await system('lead', { kind: 'department', department: LEAD, scopes: ['read', 'act'] });
    await system('co', { kind: 'department', department: CO, scopes: ['read', 'act'] });
    await system('other', { kind: 'department', department: OTHER, scopes: ['read', 'act'] });
    await system('cc', { kind: 'department', department: CC, scopes: ['read', 'act'] });
    await system('supervisor', { kind: 'supervisor', jurisdiction: 'seed-city', scopes: ['read'] });
    await system('far-supervisor', { kind: 'supervisor', jurisdiction: 'another-city', scopes: ['read'] });
    await system('submitter', { kind: 'system', jurisdiction: '*', scopes: ['submit'] });
    await system('tiny', { kind: 'system', jurisdiction: '*', scopes: ['read', 'act'], rateLimitPerMinute: 3 });
    noKey = grpcClients(null);

    // the ledger's case: led by LEAD, co-handled by CO, copied to CC, in seed-city — folded by the real ledger consumer
    caseId = randomUUID();
    producer = kafka(`e2e-access-${run}`).producer();
    await producer.connect();
    const event: CaseStageChangedV1 = {
      caseId, kind: 'opinion', sequence: 1, stage: 'routed', previousStage: null, department: LEAD, ccDepartments: [CC], coDepartments: [CO],
      grade: null, jurisdiction: 'seed-city', occurredAt: new Date().toISOString(), detail: { e2e: 'access' },
    };
    const envelope = makeEnvelope({ id: `${caseId}:1`, type: EVENT_TYPES.caseStageChanged, source: '/e2e/access', time: event.occurredAt, subject: caseId, data: event });
    await producer.send({ topic: TOPICS.caseEvents, messages: [{ key: caseId, value: JSON.stringify(envelope) }] });
    await eventually(
      'the case folded by the ledger',
      async () => {
        const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
        return r.status === 200 ? r.body : undefined;
      },
      120_000,
    );
  });

  afterAll(async () => {
    for (const c of [noKey, ...clients.values()]) {
      c?.cases.close();
      c?.intake.close();
    }
    await producer?.disconnect();
    await db?.end();
  });

  it('without a key: 401 on REST, UNAUTHENTICATED on gRPC; the refused POST is audited with its request id', async () => {
    const get = await getJson(`${urls.ledger}/v1/cases/${caseId}`, {});
    expect(get).toMatchObject({ status: 401, body: { code: 'MISSING_CREDENTIALS' } });
    expect((await getJson(`${urls.ledger}/v1/cases/${caseId}`, { authorization: 'Bearer hy_notAKey' })).status).toBe(401);
    expect((await grpcError(unary(noKey.cases, 'GetCase', { caseId }))).code).toBe(grpc.status.UNAUTHENTICATED);
    expect((await grpcError(unary(noKey.intake, 'SubmitReport', { channel: 'portal' }))).code).toBe(grpc.status.UNAUTHENTICATED);

    const requestId = `e2e-access-${run}-nokey`;
    const post = await postJson(`${urls.routing}/v1/cases/${caseId}/claim`, { department: LEAD, claimedBy: '某人' }, { 'x-request-id': requestId });
    expect(post.status).toBe(401);
    expect(await auditOf(requestId)).toEqual([
      expect.objectContaining({ service: 'routing', transport: 'rest', system_id: null, method: 'POST', action: 'POST /v1/cases/:caseId/claim', target: caseId, status: '401', outcome: 'denied', detail: { code: 'MISSING_CREDENTIALS' } }),
    ]);
  });

  it('a missing scope: 403 on REST, PERMISSION_DENIED on gRPC (audited for the POST)', async () => {
    const read = await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(keys.submitter));
    expect(read).toMatchObject({ status: 403, body: { code: 'SCOPE_MISSING' } });
    expect((await grpcError(unary(clientsOf('submitter').cases, 'GetCase', { caseId }))).code).toBe(grpc.status.PERMISSION_DENIED);
    expect((await grpcError(unary(clientsOf('supervisor').intake, 'SubmitReport', { channel: 'portal' }))).code).toBe(grpc.status.PERMISSION_DENIED);

    const requestId = `e2e-access-${run}-scope`;
    const submit = await postJson(`${urls.intake}/v1/reports`, { channel: 'portal' }, { ...bearer(keys.supervisor), 'x-request-id': requestId });
    expect(submit).toMatchObject({ status: 403, body: { code: 'SCOPE_MISSING' } });
    expect(await auditOf(requestId)).toEqual([expect.objectContaining({ service: 'intake', system_id: systemId('supervisor'), status: '403', outcome: 'denied', detail: { code: 'SCOPE_MISSING' } })]);
    // admin endpoints need admin
    expect((await getJson(`${urls.ledger}/v1/audit-log`, bearer(keys.lead))).status).toBe(403);
  });

  it("department B cannot read department A's case (REST, gRPC) nor see it in lists; the lead, a co-handler and a copied department read it", async () => {
    expect(await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(keys.other))).toMatchObject({ status: 403, body: { code: 'OUT_OF_REACH' } });
    expect((await grpcError(unary(clientsOf('other').cases, 'GetCase', { caseId }))).code).toBe(grpc.status.PERMISSION_DENIED);
    for (const who of ['lead', 'co', 'cc']) {
      expect(await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(keys[who] as string))).toMatchObject({ status: 200, body: { caseId, department: LEAD } });
      expect(await unary(clientsOf(who).cases, 'GetCase', { caseId })).toMatchObject({ caseId, department: LEAD });
    }

    // lists: B's hold only cases B leads or is copied on (or co-handles); A's, the co-handler's and the copied one's hold the case
    const listB = await getJson(`${urls.ledger}/v1/cases?pageSize=200`, bearer(keys.other));
    expect(listB.status).toBe(200);
    const casesB = listB.body.cases as { caseId: string; department: string; ccDepartments: string[]; coDepartments: string[] }[];
    expect(casesB.map((c) => c.caseId)).not.toContain(caseId);
    expect(casesB.every((c) => c.department === OTHER || c.ccDepartments.includes(OTHER) || c.coDepartments.includes(OTHER))).toBe(true);
    const grpcB = await unary<{ cases: { caseId: string }[] }>(clientsOf('other').cases, 'ListCases', { pageSize: 200 });
    expect((grpcB.cases ?? []).map((c) => c.caseId)).not.toContain(caseId); // proto3: an empty list may arrive absent
    const grpcBFiltered = await unary<{ cases: { caseId: string }[] }>(clientsOf('other').cases, 'ListCases', { pageSize: 200, department: LEAD });
    expect(grpcBFiltered.cases ?? []).toEqual([]);
    for (const who of ['lead', 'co', 'cc']) {
      const rest = await getJson(`${urls.ledger}/v1/cases?pageSize=200`, bearer(keys[who] as string));
      // list items say why the caller sees the case: lead, co-handler (协办) or copy (抄送)
      expect((rest.body.cases as { caseId: string }[]).find((c) => c.caseId === caseId)).toMatchObject({ department: LEAD, coDepartments: [CO], ccDepartments: [CC] });
      const viaGrpc = await unary<{ cases: { caseId: string; coDepartments?: string[] }[] }>(clientsOf(who).cases, 'ListCases', { pageSize: 200 });
      expect((viaGrpc.cases ?? []).find((c) => c.caseId === caseId)).toMatchObject({ department: LEAD, coDepartments: [CO], ccDepartments: [CC] });
    }
    expect((await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(keys.co as string))).body).toMatchObject({ coDepartments: [CO], ccDepartments: [CC] });
    expect(await unary(clientsOf('co').cases, 'GetCase', { caseId })).toMatchObject({ coDepartments: [CO] });
    // a department may watch only its own department's events, and only cases it reaches
    const watch = clientsOf('other').cases.WatchCaseEvents({ department: LEAD });
    expect((await new Promise<grpc.ServiceError>((resolve) => watch.on('error', resolve))).code).toBe(grpc.status.PERMISSION_DENIED);
    const watchCase = clientsOf('other').cases.WatchCaseEvents({ caseId });
    expect((await new Promise<grpc.ServiceError>((resolve) => watchCase.on('error', resolve))).code).toBe(grpc.status.PERMISSION_DENIED);
  });

  it('a supervisor reads every case of its jurisdiction, not those of another', async () => {
    expect(await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(keys.supervisor))).toMatchObject({ status: 200, body: { caseId, jurisdiction: 'seed-city' } });
    expect(await unary(clientsOf('supervisor').cases, 'GetCase', { caseId })).toMatchObject({ caseId });
    expect((await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(keys['far-supervisor']))).status).toBe(403);
    const far = await getJson(`${urls.ledger}/v1/cases?pageSize=50`, bearer(keys['far-supervisor']));
    expect((far.body.cases as { jurisdiction: string }[]).every((c) => c.jurisdiction === 'another-city')).toBe(true);
    // a read-only supervisor does not act
    expect((await postJson(`${urls.ledger}/v1/cases/${caseId}/follow-ups`, {}, bearer(keys.supervisor))).status).toBe(403);
  });

  it('a revoked key stops working: at once on the ledger that revoked it, within the key cache time elsewhere', async () => {
    await system('rotating', { kind: 'system', jurisdiction: '*', scopes: ['read'] });
    const key = keys.rotating as string;
    expect((await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(key))).status).toBe(200);
    expect((await getJson(`${urls.publication}/v1/outbound?limit=1`, bearer(key))).status).toBe(200);
    // rotation: a second key works beside the first
    const second = await postJson(`${urls.ledger}/v1/access/systems/${systemId('rotating')}/keys`, {});
    expect(second.status).toBe(201);
    expect(second.body.key).toMatch(/^hy_/);
    const listed = await getJson(`${urls.ledger}/v1/access/systems/${systemId('rotating')}/keys`);
    expect(JSON.stringify(listed.body)).not.toContain(second.body.key as string);
    const [first] = (listed.body.keys as { id: string; prefix: string }[]).filter((k) => key.startsWith(`hy_${k.prefix}_`));
    const revoked = await postJson(`${urls.ledger}/v1/access/keys/${first?.id}/revoke`, {});
    expect(revoked).toMatchObject({ status: 200, body: { revokedAt: expect.any(String) } });

    expect(await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(key))).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: 'the API key is revoked' } });
    expect((await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(second.body.key as string))).status).toBe(200);
    await eventually('publication refuses the revoked key (cache ≤ 30 s)', async () => ((await getJson(`${urls.publication}/v1/outbound?limit=1`, bearer(key))).status === 401 ? true : undefined), 45_000);
  });

  it('a disabled system is refused with every key (at once on the ledger, audited) and works again once enabled', async () => {
    await system('suspended', { kind: 'system', jurisdiction: '*', scopes: ['read'] });
    const key = keys.suspended as string;
    expect((await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(key))).status).toBe(200);
    const requestId = `e2e-access-${run}-disable`;
    const disabled = await postJson(`${urls.ledger}/v1/access/systems/${systemId('suspended')}/disable`, {}, authHeaders({ 'x-request-id': requestId }));
    expect(disabled).toMatchObject({ status: 200, body: { id: systemId('suspended'), disabledAt: expect.any(String) } });
    expect(await auditOf(requestId)).toEqual([expect.objectContaining({ action: 'POST /v1/access/systems/:systemId/disable', status: '200', outcome: 'ok' })]);
    expect(await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(key))).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: 'the calling system is disabled' } });
    await eventually('publication refuses the disabled system (cache ≤ 30 s)', async () => ((await getJson(`${urls.publication}/v1/outbound?limit=1`, bearer(key))).status === 401 ? true : undefined), 45_000);

    const enabled = await postJson(`${urls.ledger}/v1/access/systems/${systemId('suspended')}/enable`, {});
    expect(enabled).toMatchObject({ status: 200, body: { disabledAt: null } });
    expect((await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(key))).status).toBe(200);
    expect((await postJson(`${urls.ledger}/v1/access/systems/no-such-system-${run}/disable`, {})).status).toBe(404);
  });

  it('over its rate limit a system gets 429 with Retry-After (REST) and RESOURCE_EXHAUSTED (gRPC); the refused POST is audited', async () => {
    const tiny = bearer(keys.tiny);
    const first = await fetch(`${urls.ledger}/v1/cases/${caseId}`, { headers: tiny });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    for (let i = 0; i < 2; i++) expect((await getJson(`${urls.ledger}/v1/cases/${caseId}`, tiny)).status).toBe(200);
    const limited = await fetch(`${urls.ledger}/v1/cases/${caseId}`, { headers: tiny });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED', limitPerMinute: 3, message: expect.stringMatching(/rate limit of 3 requests per minute/) });
    expect((await grpcError(unary(clientsOf('tiny').cases, 'GetCase', { caseId }))).code).toBe(grpc.status.RESOURCE_EXHAUSTED);

    const requestId = `e2e-access-${run}-429`;
    expect((await postJson(`${urls.ledger}/v1/cases/${caseId}/close`, {}, { ...tiny, 'x-request-id': requestId })).status).toBe(429);
    expect(await auditOf(requestId)).toEqual([expect.objectContaining({ service: 'ledger', system_id: systemId('tiny'), status: '429', outcome: 'denied', detail: { code: 'RATE_LIMITED' } })]);
  });

  it('gRPC Submit* calls are audited; admins query the audit log with filters and paging', async () => {
    const requestId = `e2e-access-${run}-grpc-submit`;
    const md = new grpc.Metadata();
    md.set('x-request-id', requestId);
    const err = await grpcError(unary(clientsOf('submitter').intake, 'SubmitReport', { channel: 'portal', title: '' }, md));
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    const [row] = await auditOf(requestId);
    expect(row).toMatchObject({ service: 'intake', transport: 'grpc', system_id: systemId('submitter'), method: 'RPC', action: 'IntakeService/SubmitReport', status: 'INVALID_ARGUMENT', outcome: 'rejected' });
    expect(row?.detail.fields).toEqual(expect.arrayContaining(['title']));

    const page1 = await getJson(`${urls.ledger}/v1/audit-log?caseId=${caseId}&pageSize=2`);
    expect(page1.status).toBe(200);
    expect((page1.body.entries as unknown[]).length).toBe(2);
    const page2 = await getJson(`${urls.ledger}/v1/audit-log?caseId=${caseId}&pageSize=200&pageToken=${page1.body.nextPageToken as string}`);
    const all = [...(page1.body.entries as { id: string; target: string; outcome: string; systemId: string }[]), ...(page2.body.entries as { id: string; target: string; outcome: string; systemId: string }[])];
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.every((e) => e.target === caseId)).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(3); // no key (routing), follow-ups without act (ledger), 429 (ledger)
    expect(all.every((e) => e.outcome === 'denied')).toBe(true);
    const denied = await getJson(`${urls.ledger}/v1/audit-log?systemId=${systemId('tiny')}&outcome=denied`);
    expect((denied.body.entries as { systemId: string; outcome: string }[]).every((e) => e.systemId === systemId('tiny') && e.outcome === 'denied')).toBe(true);
    expect((denied.body.entries as unknown[]).length).toBeGreaterThanOrEqual(1);
    expect((await getJson(`${urls.ledger}/v1/audit-log?outcome=maybe`)).status).toBe(400);
  });

  it('the access CLI (npm run access) creates a system, issues a key to a mode-600 file, lists prefixes only, disables and enables the system, revokes', async () => {
    const id = systemId('cli');
    const created = await runCli(process.execPath, [CLI, 'create-system', '--id', id, '--name', 'CLI 测试', '--kind', 'supervisor', '--jurisdiction', 'seed-city', '--scopes', 'read']);
    expect(JSON.parse(created.stdout)).toMatchObject({ id, kind: 'supervisor', jurisdiction: 'seed-city', scopes: ['read'], rateLimitPerMinute: 600 });
    const again = await runCli(process.execPath, [CLI, 'create-system', '--id', id, '--name', 'x', '--kind', 'system', '--scopes', 'read']).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringMatching(/exists already/) });
    const bad = await runCli(process.execPath, [CLI, 'create-system', '--id', `${id}-2`, '--name', 'x', '--kind', 'system', '--scopes', 'read,write']).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown scope\(s\): write/) });

    const dir = mkdtempSync(path.join(tmpdir(), 'access-cli-'));
    try {
      const file = path.join(dir, 'key');
      const issued = JSON.parse((await runCli(process.execPath, [CLI, 'issue-key', '--system', id, '--out', file])).stdout) as { prefix: string; key?: string };
      expect(issued.key).toBeUndefined();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const key = readFileSync(file, 'utf8').trim();
      expect(key.startsWith(`hy_${issued.prefix}_`)).toBe(true);
      expect(await getJson(`${urls.ledger}/v1/cases/${caseId}`, bearer(key))).toMatchObject({ status: 200, body: { caseId } });

      const listed = (await runCli(process.execPath, [CLI, 'list', '--system', id])).stdout;
      expect(JSON.parse(listed)).toEqual([expect.objectContaining({ id, keys: [expect.objectContaining({ prefix: issued.prefix, revokedAt: null })] })]);
      expect(listed).not.toContain(key);
      const off = JSON.parse((await runCli(process.execPath, [CLI, 'disable-system', '--id', id])).stdout) as { disabledAt: string | null };
      expect(off.disabledAt).toEqual(expect.any(String));
      const on = JSON.parse((await runCli(process.execPath, [CLI, 'enable-system', '--id', id])).stdout) as { disabledAt: string | null };
      expect(on.disabledAt).toBeNull();
      await runCli(process.execPath, [CLI, 'revoke-key', '--prefix', issued.prefix]);
      expect(JSON.parse((await runCli(process.execPath, [CLI, 'list', '--system', id])).stdout)[0].keys[0].revokedAt).toEqual(expect.any(String));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the audit log is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(db.query(`UPDATE access.audit_log SET outcome = 'ok' WHERE target = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM access.audit_log WHERE target = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE access.audit_log`)).rejects.toThrow(/append-only/);
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM access.audit_log WHERE target = $1`, [caseId]);
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(3);
  });

  describe('actions, decided on the case workflow', () => {
    let liveCase: string;

    beforeAll(async () => {
      const res = await postJson(`${urls.intake}/v1/reports`, {
        channel: 'portal',
        title: `访问控制测试 ${run}：小区供暖不热`,
        content: `居民反映小区暖气温度不达标（${run}）`,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        location: { district: '城关区', township: `东风街道${run}` },
        category: 'housing',
        sourceRef: `e2e-access:${run}`,
      });
      expect(res.status).toBe(202);
      liveCase = res.body.caseId as string;
      await eventually(
        'the case routed to the lead department in the ledger',
        async () => {
          const r = await getJson(`${urls.ledger}/v1/cases/${liveCase}`);
          return r.status === 200 && r.body.stage === 'routed' && r.body.department === LEAD ? r.body : undefined;
        },
        600_000,
      );
    });

    it('department B cannot act on A\'s case (audited); A claims it (audited, no body in the audit)', async () => {
      const refusedId = `e2e-access-${run}-claim-other`;
      const refused = await postJson(`${urls.routing}/v1/cases/${liveCase}/claim`, { department: OTHER, claimedBy: '教育局 刘某' }, { ...bearer(keys.other), 'x-request-id': refusedId });
      expect(refused).toMatchObject({ status: 403, body: { code: 'OUT_OF_REACH' } });
      expect(await auditOf(refusedId)).toEqual([
        expect.objectContaining({ service: 'routing', system_id: systemId('other'), action: 'POST /v1/cases/:caseId/claim', target: liveCase, status: '403', outcome: 'denied', detail: { code: 'OUT_OF_REACH' } }),
      ]);
      const claimId = `e2e-access-${run}-claim-lead`;
      const claimed = await postJson(`${urls.routing}/v1/cases/${liveCase}/claim`, { department: LEAD, claimedBy: '住建局 王科长' }, { ...bearer(keys.lead), 'x-request-id': claimId });
      expect(claimed).toMatchObject({ status: 200, body: { stage: 'claimed' } });
      const [ok] = await auditOf(claimId);
      expect(ok).toMatchObject({ service: 'routing', transport: 'rest', system_id: systemId('lead'), method: 'POST', action: 'POST /v1/cases/:caseId/claim', target: liveCase, status: '200', outcome: 'ok' });
      expect(ok?.key_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(ok?.remote_address).toBeTruthy();
      expect(JSON.stringify(ok)).not.toContain('王科长');
    });

    it('a co-handling department acts on its part at once (workflow state, no read-model lag) and then reads the case; another does not act', async () => {
      const added = await postJson(`${urls.routing}/v1/cases/${liveCase}/co-handlers`, { coHandlers: [{ department: CO, part: '燃气表抽检' }], assignedBy: '住建局 王科长' }, bearer(keys.lead));
      expect(added.status).toBe(200);
      const part = await postJson(`${urls.routing}/v1/cases/${liveCase}/co-handlers/${CO}/reports`, { status: 'done', summary: '抽检合格', reportedBy: '市场监管局 赵工' }, bearer(keys.co));
      expect(part.status).toBe(200);
      expect((await postJson(`${urls.routing}/v1/cases/${liveCase}/co-handlers/${CO}/reports`, { status: 'done', summary: 'x', reportedBy: 'y' }, bearer(keys.other))).status).toBe(403);
      // the ledger follows once the case event carrying the co-handlers is folded
      await eventually(
        'the co-handling department reads the case in the ledger',
        async () => ((await getJson(`${urls.ledger}/v1/cases/${liveCase}`, bearer(keys.co))).status === 200 ? true : undefined),
        300_000,
      );
    });
  });
});
