// When the clocks of an opinion case start, on the real stack (issue 9):
// - a report may say when the channel discovered the matter (`discoveredAt`, REST and gRPC): validated (not in the
//   future beyond 5 minutes of clock skew, not before occurredAt); without it the receipt time is used, and the case
//   says which (workflow state, collected event, ledger REST and gRPC);
// - the national baseline (cn-2016.2, 国办发〔2016〕61号 / 80号) — for a jurisdiction without a deadline policy of
//   its own — gives a major emergency the 5 h release AND the 24 h press conference, counted from discovery;
// - the report to the superior (向上级报告) is recorded with its time, without a clock where the policy sets none.
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { Client, Connection } from '@temporalio/client';
import { opinionCaseQueries, type GrpcCase, type GrpcSubmitReportResponse } from '@huiying/contracts';
import { FIELD_ERRORS_TRAILER } from '@huiying/platform';
import { eventually as eventuallyWithin, getJson, postJson, temporal, urls } from './support';
import { grpcClients, grpcError, unary } from './grpc-support';
import { ownPlace } from './places';

const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => eventuallyWithin(what, probe, 180_000);
jest.setTimeout(10 * 60_000);

const HOUR = 3_600_000;
/** A jurisdiction of this run with no policies of its own: the default routing table and the national deadlines. */
const JURISDICTION = `it-disc-${randomUUID().slice(0, 8)}`;

function report(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'weibo',
    title: '某小区供暖不热',
    content: '网友反映某小区入冬以来暖气温度不达标，多次反映未果。',
    occurredAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    location: ownPlace(),
    category: 'housing',
    sourceRef: `e2e-discovery:${randomUUID()}`,
    ...overrides,
  };
}

describe('discovery time and the national opinion clocks on the real stack', () => {
  const c = grpcClients();
  let t: { client: Client; connection: Connection };

  beforeAll(async () => {
    t = await temporal();
  });
  afterAll(async () => {
    c.intake.close();
    c.cases.close();
    await t?.connection.close();
  });

  const ledgerCase = (caseId: string) =>
    eventually(`case ${caseId} in the ledger`, async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'routed' ? r.body : undefined;
    });

  it('REST: discoveredAt in the future or before occurredAt is 400 on that field; nothing stored', async () => {
    const future = await postJson(`${urls.intake}/v1/reports`, report({ discoveredAt: new Date(Date.now() + 10 * 60_000).toISOString() }));
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'discoveredAt', messages: [expect.stringMatching(/^discoveredAt is in the future/)] }]);
    const early = await postJson(`${urls.intake}/v1/reports`, report({ occurredAt: '2026-11-20T08:30:00+08:00', discoveredAt: '2026-11-20T08:00:00+08:00' }));
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ field: 'discoveredAt', messages: [expect.stringMatching(/must not be before occurredAt/)] }]);
    // a couple of minutes of clock skew are tolerated
    expect((await postJson(`${urls.intake}/v1/reports`, report({ discoveredAt: new Date(Date.now() + 2 * 60_000).toISOString() }))).status).toBe(202);
  });

  it('REST: the channel\'s discoveredAt starts the discovery clocks and the case says "channel"; without it "receipt"', async () => {
    const discoveredAt = new Date(Date.now() - 2 * HOUR).toISOString();
    const withIt = await postJson(`${urls.intake}/v1/reports`, report({ discoveredAt, jurisdiction: JURISDICTION }));
    expect(withIt.status).toBe(202);
    const caseId = withIt.body.caseId as string;
    const routed = await ledgerCase(caseId);
    expect(routed.supervision).toMatchObject({ discoveredAt, discoveredAtSource: 'channel' });
    expect((routed.history as { stage: string; detail: Record<string, unknown> }[])[0]!.detail).toMatchObject({ discoveredAt, discoveredAtSource: 'channel' });
    const state = await t.client.workflow.getHandle(caseId).query(opinionCaseQueries.state);
    expect(state.discovery).toMatchObject({ discoveredAt, source: 'channel' });
    // the national 48 h response counts from the channel's discovery, two hours before receipt
    const response = state.clocks.find((x) => x.clock === 'response')!;
    expect(response).toMatchObject({ startsFrom: 'discovery', startsAt: discoveredAt });
    expect(Date.parse(response.dueAt!)).toBe(Date.parse(discoveredAt) + 48 * HOUR);

    const without = await postJson(`${urls.intake}/v1/reports`, report());
    const plain = await ledgerCase(without.body.caseId as string);
    expect((plain.supervision as { discoveredAtSource: string }).discoveredAtSource).toBe('receipt');
  });

  it('gRPC SubmitReport: discovered_at validated (INVALID_ARGUMENT on the field), carried, and shown by GetCase', async () => {
    const bad = await grpcError(unary(c.intake, 'SubmitReport', report({ discoveredAt: new Date(Date.now() + HOUR).toISOString() })));
    expect(bad.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((JSON.parse(String(bad.metadata.get(FIELD_ERRORS_TRAILER)[0])) as { field: string }[]).map((e) => e.field)).toEqual(['discoveredAt']);
    const discoveredAt = new Date(Date.now() - HOUR).toISOString();
    const { caseId } = await unary<GrpcSubmitReportResponse>(c.intake, 'SubmitReport', report({ discoveredAt }));
    const got = await eventually('GetCase with the discovery source', async () => {
      const x = await unary<GrpcCase>(c.cases, 'GetCase', { caseId }).catch(() => undefined);
      return x?.discoveredAtSource ? x : undefined;
    });
    expect(got).toMatchObject({ discoveredAt, discoveredAtSource: 'channel' });
  });

  it('national baseline: a major emergency gets the 5 h release and the 24 h press conference from discovery; the report to the superior is recorded without a clock', async () => {
    const discoveredAt = new Date(Date.now() - 30 * 60_000).toISOString();
    const res = await postJson(`${urls.intake}/v1/reports`, report({
      title: '某小区燃气爆炸', content: '某小区发生燃气爆炸，造成 2 人死亡，多人受伤。', discoveredAt, jurisdiction: JURISDICTION,
    }));
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;
    const routed = await ledgerCase(caseId);
    expect(routed).toMatchObject({ grade: 'major', jurisdiction: JURISDICTION });
    const handle = t.client.workflow.getHandle(caseId);
    const state = await handle.query(opinionCaseQueries.state);
    expect(state.policy).toMatchObject({ jurisdiction: 'cn', version: 'cn-2016.2', resolvedBy: 'national_fallback', carried: true });
    const due = (kind: string) => Date.parse(state.clocks.find((x) => x.clock === kind)!.dueAt!) - Date.parse(discoveredAt);
    expect(due('first_release')).toBe(5 * HOUR);
    expect(due('press_conference')).toBe(24 * HOUR);
    expect(state.clocks.some((x) => x.clock === 'superior_report')).toBe(false);

    const claimed = await postJson(`${urls.routing}/v1/cases/${caseId}/claim`, { department: state.department, claimedBy: '值班员 张某' });
    expect(claimed.status).toBe(200);
    const reported = await postJson(`${urls.routing}/v1/cases/${caseId}/superior-reports`, {
      reportedTo: '省人民政府总值班室', means: 'written', reportedAt: new Date().toISOString(), reportedBy: '值班员 张某', summary: '燃气爆炸，2人死亡',
    });
    expect(reported.status).toBe(200);
    expect(reported.body.superiorReports).toEqual([expect.objectContaining({ reportedTo: '省人民政府总值班室', met: null, late: false })]);
    await eventually('the superior report in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      const step = (r.body.activity as { change: string; detail: Record<string, unknown> }[] | undefined)?.find((a) => a.change === 'superior_report');
      return step?.detail.reportedTo === '省人民政府总值班室' ? step : undefined;
    });
  });
});
