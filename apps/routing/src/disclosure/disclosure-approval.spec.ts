import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { RoleGrantVerifier, type AccessRepository, type RoleGrant } from '@huiying/access';
import { shanghaiDateOf } from '@huiying/calendar';
import type { DisclosureCaseState } from '@huiying/contracts';
import { DisclosureCaseService } from './disclosure-case.service';
import { DisclosureCaseException } from './disclosure.exception';

const CASE = '0b6d3c1e-7f2a-4c1e-9a4b-2f6e8d9c1a2b';

const grant = (over: Partial<RoleGrant> = {}): RoleGrant => ({
  id: 'g-1', personId: 'staff-0421', personName: '王主任', role: 'head_of_disclosure_office', jurisdiction: 'seed-city', department: null,
  office: '某市人民政府办公室（政务公开办）', validFrom: '2026-01-01', validTo: null, basis: null, grantedBy: '赵主任', grantedBySystem: 'local-admin',
  grantedAt: '2026-01-01T00:00:00.000Z', revokedAt: null, revokedBy: null, revokedBySystem: null, revokeReason: null, ...over,
});

/** The service over a fake case workflow (state: seed-city, led by the disclosure office) and a fake grant store. */
function setUp(grants: RoleGrant[]) {
  const updates: { name: string; arg: Record<string, unknown> }[] = [];
  const state = { caseId: CASE, stage: 'registered', jurisdiction: 'seed-city', department: 'disclosure_office' } as DisclosureCaseState;
  const handle = {
    query: async () => state,
    executeUpdate: async (update: { name: string }, opts: { args: [Record<string, unknown>] }) => {
      updates.push({ name: update.name, arg: opts.args[0] });
      return { ...state, stage: 'extended' };
    },
  };
  const client = { workflow: { getHandle: () => handle }, withDeadline: <R>(_deadline: number, fn: () => Promise<R>) => fn() } as unknown as Client;
  const repo = { listRoleGrants: async (q: { personId: string }) => grants.filter((g) => g.personId === q.personId) } as unknown as AccessRepository;
  const logger = { info: () => undefined } as unknown as Logger;
  // policies and config only serve starting a case, which these tests do not do
  const unused = {} as never;
  return { service: new DisclosureCaseService(client, new RoleGrantVerifier(repo), unused, unused, logger), updates };
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DisclosureCaseException) return { status: e.getStatus(), body: e.getResponse() as Record<string, unknown> };
    const http = e as { getStatus?: () => number; getResponse?: () => unknown };
    if (http.getStatus) return { status: http.getStatus(), body: http.getResponse?.() as Record<string, unknown> };
    throw e;
  }
  throw new Error('not refused');
}

describe('disclosure approvals: the approver is a person holding the role, checked by routing (条例第三十三条第二款)', () => {
  it('an extension by a person with an active grant reaches the workflow with the verified approval as data', async () => {
    const { service, updates } = setUp([grant()]);
    await service.act(CASE, 'extension', { sentVia: 'email', workingDays: 10, reason: '需要调档', approverId: 'staff-0421', approvedOn: '2026-12-03' });
    expect(updates).toEqual([
      {
        name: 'extend',
        arg: {
          sentVia: 'email',
          workingDays: 10,
          reason: '需要调档',
          approvedOn: '2026-12-03',
          approval: { grantId: 'g-1', personId: 'staff-0421', personName: '王主任', role: 'head_of_disclosure_office', office: '某市人民政府办公室（政务公开办）' },
          approvedBy: '王主任',
          approverRole: 'head_of_disclosure_office',
        },
      },
    ]);
  });

  it('without approvedOn the grant is checked on today (Asia/Shanghai), and that day goes to the workflow', async () => {
    const { service, updates } = setUp([grant()]);
    await service.act(CASE, 'extension', { sentVia: 'email', workingDays: 5, reason: 'r', approverId: 'staff-0421' });
    expect(updates[0]?.arg.approvedOn).toBe(shanghaiDateOf(new Date().toISOString()));
  });

  it.each([
    ['no grant at all', [], 'no grant of head_of_disclosure_office is recorded for staff-0421'],
    ['a revoked grant', [grant({ revokedAt: '2026-12-02T00:00:00.000Z', revokedBy: 'x', revokeReason: 'y' })], 'grant g-1 for seed-city was revoked at 2026-12-02T00:00:00.000Z'],
    ['a grant of another jurisdiction', [grant({ jurisdiction: 'cn' })], 'grant g-1 is for cn, not seed-city'],
    ['a grant that ended', [grant({ validTo: '2026-11-30' })], 'grant g-1 for seed-city ended on 2026-11-30'],
    ["a grant bound to another department", [grant({ department: 'housing_urban_rural' })], 'grant g-1 is only for cases led by housing_urban_rural, not disclosure_office'],
  ])('%s: 422 with a field error on approverId, and the workflow is not asked', async (_, grants, reason) => {
    const { service, updates } = setUp(grants);
    const r = await refusal(service.act(CASE, 'extension', { sentVia: 'email', workingDays: 10, reason: 'r', approverId: 'staff-0421', approvedOn: '2026-12-03' }));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      code: 'DISCLOSURE_APPROVER_NOT_GRANTED',
      errors: [{ field: 'approverId', messages: ['has no active grant of head_of_disclosure_office for seed-city on 2026-12-03', reason] }],
    });
    expect(updates).toEqual([]);
  });

  it('a role claimed by the caller is a 400 before anything is looked up', async () => {
    const { service, updates } = setUp([grant()]);
    const r = await refusal(service.act(CASE, 'extension', { sentVia: 'email', workingDays: 10, reason: 'r', approvedBy: '王主任', approverRole: 'head_of_disclosure_office' }));
    expect(r.status).toBe(400);
    expect((r.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['approvedBy', 'approverId', 'approverRole']);
    expect(updates).toEqual([]);
  });

  it('a hardship waiver is checked the same way on its day; a payment needs no approver', async () => {
    const { service, updates } = setUp([grant({ validFrom: '2026-12-04' })]);
    const early = await refusal(service.act(CASE, 'fee-payment', { outcome: 'waived', recordedBy: '李会计', approverId: 'staff-0421', on: '2026-12-03' }));
    expect(early).toMatchObject({ status: 422, body: { errors: [{ field: 'approverId', messages: expect.arrayContaining(['grant g-1 for seed-city is valid from 2026-12-04']) }] } });
    await service.act(CASE, 'fee-payment', { outcome: 'waived', recordedBy: '李会计', approverId: 'staff-0421', on: '2026-12-05' });
    await service.act(CASE, 'fee-payment', { outcome: 'paid', recordedBy: '李会计', on: '2026-12-05' });
    expect(updates.map((u) => u.arg)).toEqual([
      {
        outcome: 'waived', recordedBy: '李会计', on: '2026-12-05',
        approval: { grantId: 'g-1', personId: 'staff-0421', personName: '王主任', role: 'head_of_disclosure_office', office: '某市人民政府办公室（政务公开办）' },
        waiverApprovedBy: '王主任', approverRole: 'head_of_disclosure_office',
      },
      { outcome: 'paid', recordedBy: '李会计', on: '2026-12-05' },
    ]);
  });
});
