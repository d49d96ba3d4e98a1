// Who approves an extension of a disclosure application's answer period (条例第三十三条第二款: the head of the
// 政府信息公开工作机构) and a hardship waiver of its fee, on the real stack (issue 9): a person holding a grant of
// head_of_disclosure_office, not a role string the caller sends. Grants are made and revoked through the ledger's
// admin API (or the access CLI) and audited; routing checks the grant for the case's jurisdiction on the approval day
// before the case workflow is asked, refuses with 422 on approverId otherwise (nothing changes), and hands the workflow
// the verified approval, which the case records.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import { shanghaiDateOf } from '@huiying/calendar';
import { authHeaders, eventually, getJson, pg, postJson, shanghaiToday, temporal, urls } from './support';

jest.setTimeout(10 * 60_000);

const CLI = path.resolve(__dirname, '../../libs/access/dist/access.cli.js');
const runCli = promisify(execFile);
const run = randomUUID().slice(0, 8);
const person = (name: string) => `e2e-${run}-${name}`;
const ROLE = 'head_of_disclosure_office';
const OFFICE = '某市人民政府办公室（政务公开办）';

interface Approval {
  grantId: string;
  personId: string;
  personName: string;
  role: string;
  office: string;
}
interface Grant extends Approval {
  id: string;
}

describe('disclosure approvers are people holding a granted role', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };
  const today = () => shanghaiDateOf(new Date().toISOString());

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
  });
  afterAll(async () => {
    await t?.connection.close();
    await db?.end();
  });

  /** A new disclosure case, once its workflow has computed its deadlines; returns its state (jurisdiction, lead department). */
  async function openCase(): Promise<{ caseId: string; jurisdiction: string; department: string }> {
    const res = await postJson(`${urls.intake}/v1/disclosure-applications`, {
      channel: 'online',
      receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'online_system' },
      applicant: { type: 'natural_person', name: '周九', idDocument: { type: 'resident_id_card', number: '110101199001011234' }, contact: { email: 'z@example.cn' } },
      informationDescription: '2026年城关区道路养护合同',
      purpose: '了解道路养护情况',
      deliveryForm: 'electronic',
      clientRef: `e2e-approvers:${randomUUID()}`,
    });
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;
    const state = await eventually(
      'the disclosure workflow with its deadlines',
      async () => {
        const r = await getJson(`${urls.routing}/v1/disclosure-applications/${caseId}`);
        return r.status === 200 && r.body.deadlines ? r.body : undefined;
      },
      120_000,
    );
    return { caseId, jurisdiction: state.jurisdiction as string, department: state.department as string };
  }

  async function grant(body: Record<string, unknown>): Promise<Grant> {
    const r = await postJson(`${urls.ledger}/v1/access/role-grants`, { role: ROLE, office: OFFICE, grantedBy: '市政府办公室主任 赵某', validFrom: '2020-01-01', ...body });
    expect(r.status).toBe(201);
    return r.body as unknown as Grant;
  }
  const approvalOf = (g: Grant): Approval => ({ grantId: g.id, personId: g.personId, personName: g.personName, role: ROLE, office: g.office });

  /** Updates the workflow has accepted or been asked (admitted): a refusal by routing leaves none. */
  async function updatesOf(caseId: string): Promise<number> {
    const history = await t.client.workflow.getHandle(caseId).fetchHistory();
    return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateAdmittedEventAttributes).length;
  }

  const act = (caseId: string, action: string, body: Record<string, unknown>, requestId = randomUUID()) =>
    postJson(`${urls.routing}/v1/disclosure-applications/${caseId}/${action}`, body, authHeaders({ 'x-request-id': requestId }));

  it('a grant made through the admin API is listed and audited, and its holder approves an extension that the case records', async () => {
    const c = await openCase();
    const requestId = randomUUID();
    const made = await postJson(
      `${urls.ledger}/v1/access/role-grants`,
      { personId: person('head'), personName: '王主任', role: ROLE, jurisdiction: c.jurisdiction, office: OFFICE, validFrom: '2020-01-01', grantedBy: '市政府办公室主任 赵某', basis: 'e2e' },
      authHeaders({ 'x-request-id': requestId }),
    );
    expect(made.status).toBe(201);
    const head = made.body as unknown as Grant;
    expect(head).toMatchObject({ personId: person('head'), jurisdiction: c.jurisdiction, department: null, validTo: null, grantedBySystem: 'test-suite', revokedAt: null });
    const audit = await db.query(`SELECT service, action, target, status, outcome FROM access.audit_log WHERE request_id = $1`, [requestId]);
    expect(audit.rows).toEqual([{ service: 'ledger', action: 'POST /v1/access/role-grants', target: head.id, status: '201', outcome: 'ok' }]);
    const listed = await getJson(`${urls.ledger}/v1/access/role-grants?personId=${person('head')}&activeOn=${today()}`);
    expect((listed.body.grants as Grant[]).map((g) => g.id)).toEqual([head.id]);

    const extended = await act(c.caseId, 'extension', { workingDays: 10, reason: '需要调档', approverId: person('head'), sentVia: 'email' });
    expect(extended.status).toBe(200);
    const extension = extended.body.extension as { approval: Approval; approvedBy: string; approvedOn: string };
    expect(extension.approvedOn).toBe(today());
    // the workflow records the verified approval (grant, person, role, office) as routing handed it over
    expect(extension.approval).toEqual(approvalOf(head));
    const state = await getJson(`${urls.routing}/v1/disclosure-applications/${c.caseId}`);
    expect((state.body.extension as { approval: Approval }).approval).toEqual(approvalOf(head));
  });

  it('a person without a grant, with a revoked grant, an expired one or one for another jurisdiction is refused with 422 on approverId, and the case does not change', async () => {
    const c = await openCase();
    const other = c.jurisdiction === 'seed-city' ? 'another-city' : 'seed-city';
    await grant({ personId: person('elsewhere'), personName: '外地主任', jurisdiction: other });
    // a term that has ended: recorded while it ran (the API refuses a grant that has ended already, issue 14)
    await db.query(
      `INSERT INTO access.role_grants (id, person_id, person_name, role, jurisdiction, office, valid_from, valid_to, granted_by, granted_by_system)
       VALUES ($1, $2, '前任主任', $3, $4, $5, '2020-01-01', '2021-12-31', '市政府办公室主任 赵某', 'test-suite')`,
      [randomUUID(), person('former'), ROLE, c.jurisdiction, OFFICE],
    );
    const revoked = await grant({ personId: person('revoked'), personName: '调岗主任', jurisdiction: c.jurisdiction });
    const revokeId = randomUUID();
    const revocation = await postJson(`${urls.ledger}/v1/access/role-grants/${revoked.id}/revoke`, { revokedBy: '市政府办公室主任 赵某', reason: '岗位调整' }, authHeaders({ 'x-request-id': revokeId }));
    expect(revocation.status).toBe(200);
    expect(revocation.body).toMatchObject({ revokedBy: '市政府办公室主任 赵某', revokeReason: '岗位调整', revokedBySystem: 'test-suite', revokedAt: expect.any(String) });
    expect((await postJson(`${urls.ledger}/v1/access/role-grants/${revoked.id}/revoke`, { revokedBy: 'x', reason: 'y' })).status).toBe(409);
    const revokeAudit = await db.query(`SELECT action, target, outcome FROM access.audit_log WHERE request_id = $1`, [revokeId]);
    expect(revokeAudit.rows).toEqual([{ action: 'POST /v1/access/role-grants/:grantId/revoke', target: revoked.id, outcome: 'ok' }]);
    expect((await getJson(`${urls.ledger}/v1/access/role-grants?personId=${person('revoked')}&activeOn=${today()}`)).body.grants).toEqual([]);

    const before = await updatesOf(c.caseId);
    const expected = `has no active grant of ${ROLE} for ${c.jurisdiction} on ${today()}`;
    for (const [who, why] of [
      [person('nobody'), /no grant of head_of_disclosure_office is recorded/],
      [person('revoked'), /was revoked at/],
      [person('former'), /ended on 2021-12-31/],
      [person('elsewhere'), new RegExp(`is for ${other}, not ${c.jurisdiction}`)],
    ] as const) {
      const requestId = randomUUID();
      const refused = await act(c.caseId, 'extension', { workingDays: 10, reason: '需要调档', approverId: who, sentVia: 'email' }, requestId);
      expect([who, refused.status]).toEqual([who, 422]);
      expect(refused.body).toMatchObject({ code: 'DISCLOSURE_APPROVER_NOT_GRANTED', errors: [{ field: 'approverId', messages: [expected, expect.stringMatching(why)] }] });
      const audit = await db.query(`SELECT service, status, outcome, detail FROM access.audit_log WHERE request_id = $1`, [requestId]);
      expect(audit.rows).toEqual([{ service: 'routing', status: '422', outcome: 'rejected', detail: { code: 'DISCLOSURE_APPROVER_NOT_GRANTED', fields: ['approverId'] } }]);
    }
    // a role claimed by the caller is not an approval: 400 before anything is looked up
    const claimed = await act(c.caseId, 'extension', { workingDays: 10, reason: '需要调档', approvedBy: '王主任', approverRole: ROLE });
    expect(claimed.status).toBe(400);
    expect((claimed.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['approvedBy', 'approverId', 'approverRole', 'sentVia']);

    expect(await updatesOf(c.caseId)).toBe(before);
    const state = await getJson(`${urls.routing}/v1/disclosure-applications/${c.caseId}`);
    expect(state.body.extension).toBeNull();
  });

  it('a hardship fee waiver needs a granted approver too; granted and revoked with the access CLI (audited as cli)', async () => {
    const c = await openCase();
    const cli = async (...args: string[]) => JSON.parse((await runCli(process.execPath, [CLI, ...args])).stdout) as Grant & { revokedAt: string | null };
    const head = await cli(
      'grant-role', '--person-id', person('cli-head'), '--person-name', '李主任', '--role', ROLE, '--jurisdiction', c.jurisdiction,
      '--office', OFFICE, '--valid-from', '2020-01-01', '--granted-by', '市政府办公室主任 赵某',
    );
    expect(head).toMatchObject({ personId: person('cli-head'), grantedBySystem: null });
    const listed = JSON.parse((await runCli(process.execPath, [CLI, 'list-roles', '--person-id', person('cli-head'), '--active-on', today()])).stdout) as Grant[];
    expect(listed.map((g) => g.id)).toEqual([head.id]);

    expect((await act(c.caseId, 'review', { reviewedBy: '保密员', outcome: 'cleared' })).status).toBe(200);
    expect((await act(c.caseId, 'decision', { replyType: 'disclosed', decidedBy: '王主任' })).status).toBe(200);
    const notice = await act(c.caseId, 'fee-notice', { issuedBy: '政务公开办 张科员', method: 'per_page', pages: 120, sentVia: 'email' });
    expect(notice.status).toBe(200);
    expect(notice.body.stage).toBe('fee_notice');

    const before = await updatesOf(c.caseId);
    const refused = await act(c.caseId, 'fee-payment', { outcome: 'waived', recordedBy: '财务 李会计', approverId: person('no-grant') });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'approverId', messages: [`has no active grant of ${ROLE} for ${c.jurisdiction} on ${today()}`, expect.any(String)] }]);
    expect((await act(c.caseId, 'fee-payment', { outcome: 'waived', recordedBy: '财务 李会计' })).status).toBe(400);
    expect(await updatesOf(c.caseId)).toBe(before);

    const waived = await act(c.caseId, 'fee-payment', { outcome: 'waived', recordedBy: '财务 李会计', approverId: person('cli-head') });
    expect(waived.status).toBe(200);
    expect(waived.body.fee).toMatchObject({ status: 'waived', waiverApproval: approvalOf(head) });

    const revoked = await cli('revoke-role', '--id', head.id, '--revoked-by', '市政府办公室主任 赵某', '--reason', '岗位调整');
    expect(revoked.revokedAt).toEqual(expect.any(String));
    const again = await runCli(process.execPath, [CLI, 'revoke-role', '--id', head.id, '--revoked-by', 'x', '--reason', 'y']).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringMatching(/revoked at .* already/) });
    const audit = await db.query(`SELECT service, transport, action, outcome FROM access.audit_log WHERE target = $1 ORDER BY id`, [head.id]);
    expect(audit.rows).toEqual([
      { service: 'access-cli', transport: 'cli', action: 'grant-role', outcome: 'ok' },
      { service: 'access-cli', transport: 'cli', action: 'revoke-role', outcome: 'ok' },
    ]);
    // the row is append-only apart from that revocation
    await expect(db.query(`UPDATE access.role_grants SET person_name = 'x' WHERE id = $1`, [head.id])).rejects.toThrow(/already revoked/);
    await expect(db.query(`DELETE FROM access.role_grants WHERE id = $1`, [head.id])).rejects.toThrow(/append-only/);
  });
});
