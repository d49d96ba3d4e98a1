// Published policy is honoured on the real stack (issue 9): versions published through routing's admin API — not
// shipped with any code — decide new cases from their effective time, per jurisdiction, and a case keeps the version
// it started under.
// - a routing table published for a test jurisdiction → the next case of that jurisdiction follows it; a newer table
//   → the next case follows the newer one, while the older case (and a report grouped into it later) keeps its own;
// - an opinion deadline policy with short clocks (1 minute) for a test jurisdiction → the case workflow runs on it
//   (carried as data, escalates after a minute) without a deploy;
// - a disclosure policy version published for the disclosure jurisdiction → the next application runs under it.
// Each run publishes into its own jurisdiction (it-pp-<run>) and removes its rows afterwards through the explicit
// purge switch of the append-only trigger.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import { opinionCaseQueries } from '@huiying/contracts';
import { DEFAULT_ROUTING_RULES, NATIONAL_DISCLOSURE_POLICY, SEED_CITY_OPINION_POLICY, type VersionedPolicy } from '@huiying/policy';
import { eventually as eventuallyWithin, getJson, pg, postJson, shanghaiToday, temporal, urls } from './support';
import { ownPlace } from './places';

const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => eventuallyWithin(what, probe, 180_000);
jest.setTimeout(15 * 60_000);

const RUN = randomUUID().slice(0, 8);
const JURISDICTION = `it-pp-${RUN}`;
const HEADER = ['kind', 'jurisdiction', 'version', 'effectiveFrom', 'reference'];
const contentOf = (p: VersionedPolicy) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(p).filter(([k]) => !HEADER.includes(k))))) as Record<string, unknown>;
const publishedVersions: { kind: string; jurisdiction: string; version: string }[] = [];

async function publish(kind: string, jurisdiction: string, version: string, effectiveFrom: string, content: Record<string, unknown>) {
  const res = await postJson(`${urls.routing}/v1/admin/policies`, {
    kind, jurisdiction, version, effectiveFrom, reference: 'published-policy.integration-spec', content, publishedBy: 'published-policy.integration-spec',
  });
  expect(res.status).toBe(201);
  publishedVersions.push({ kind, jurisdiction, version });
  return res.body;
}

/** The routing table of the seed city with housing sent to `lead`. */
function routingTable(lead: string): Record<string, unknown> {
  const content = contentOf(DEFAULT_ROUTING_RULES) as { rules: { id: string; categories: string[]; leadDepartment: string }[] };
  return { ...content, rules: content.rules.map((r) => (r.categories.includes('housing') ? { ...r, leadDepartment: lead } : r)) };
}

describe('published policy is honoured on the real stack', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
  });

  afterAll(async () => {
    if (db) {
      await db.query('BEGIN');
      await db.query(`SET LOCAL huiying.allow_purge = 'on'`);
      for (const v of publishedVersions) {
        await db.query('DELETE FROM policy.policy_versions WHERE kind = $1 AND jurisdiction = $2 AND version = $3', [v.kind, v.jurisdiction, v.version]);
      }
      await db.query('COMMIT');
      await db.end();
    }
    await t?.connection.close();
  });

  async function submit(overrides: Record<string, unknown>): Promise<string> {
    const res = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'weibo',
      title: '某小区供暖不热',
      content: '网友反映某小区入冬以来暖气温度不达标，多次反映未果。',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      location: ownPlace(),
      category: 'housing',
      sourceRef: `e2e-published-policy:${randomUUID()}`,
      jurisdiction: JURISDICTION,
      ...overrides,
    });
    expect(res.status).toBe(202);
    return res.body.caseId as string;
  }

  const routeOf = async (caseId: string) =>
    eventually(`route of ${caseId}`, async () => {
      const r = await db.query('SELECT * FROM routing.case_routes WHERE case_id = $1 AND workflow_started_at IS NOT NULL', [caseId]);
      return r.rows[0] as Record<string, unknown> | undefined;
    });

  it('a routing table published for a jurisdiction → the next case follows it; an older case keeps its version', async () => {
    // v1 in force from a minute ago: housing → the general office (the seed table sends it to housing_urban_rural)
    await publish('routing', JURISDICTION, `${JURISDICTION}-rules-1`, new Date(Date.now() - 60_000).toISOString(), routingTable('general_office'));
    const shown = await getJson(`${urls.routing}/v1/routing-rules?jurisdiction=${JURISDICTION}`);
    expect(shown.body).toMatchObject({ jurisdiction: JURISDICTION, resolvedBy: 'in_force', rules: { version: `${JURISDICTION}-rules-1` } });

    const place = ownPlace();
    const older = await submit({ location: place });
    const olderRoute = await routeOf(older);
    expect(olderRoute).toMatchObject({ jurisdiction: JURISDICTION, lead_department: 'general_office', rule_version: `${JURISDICTION}-rules-1`, rule_jurisdiction: JURISDICTION });
    const olderCase = await eventually('older case routed in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${older}`);
      return r.status === 200 && r.body.stage === 'routed' ? r.body : undefined;
    });
    expect(olderCase).toMatchObject({ department: 'general_office', jurisdiction: JURISDICTION });

    // v2 in force from now: housing → market regulation; the next case follows it
    await publish('routing', JURISDICTION, `${JURISDICTION}-rules-2`, new Date().toISOString(), routingTable('market_regulation'));
    const newer = await submit({});
    expect(await routeOf(newer)).toMatchObject({ lead_department: 'market_regulation', rule_version: `${JURISDICTION}-rules-2` });
    await eventually('newer case routed to market regulation in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${newer}`);
      return r.status === 200 && r.body.department === 'market_regulation' ? r.body : undefined;
    });

    // the older case keeps its version: a near-duplicate report joins it and it stays with v1's lead and rule version
    const grouped = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'forum', title: '某小区供暖不热', content: '网友反映某小区入冬以来暖气温度不达标，多次反映未果！',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(), location: place, category: 'housing',
      sourceRef: `e2e-published-policy:${randomUUID()}`, jurisdiction: JURISDICTION,
    });
    expect(grouped.status).toBe(202);
    expect(grouped.body).toMatchObject({ caseId: older, grouping: { reason: 'near_duplicate' } });
    await eventually('the grouped report counted on the older case', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${older}`);
      return r.status === 200 && (r.body.supervision as { reportCount: number }).reportCount === 2 ? r.body : undefined;
    });
    const still = await db.query('SELECT lead_department, rule_version FROM routing.case_routes WHERE case_id = $1', [older]);
    expect(still.rows[0]).toEqual({ lead_department: 'general_office', rule_version: `${JURISDICTION}-rules-1` });
    const state = await t.client.workflow.getHandle(older).query(opinionCaseQueries.state);
    expect(state.department).toBe('general_office');
  });

  it('an opinion policy with short clocks published for a test jurisdiction runs on the real stack, without a deploy', async () => {
    const version = `${JURISDICTION}-deadlines-1`;
    await publish('opinion_deadlines', JURISDICTION, version, new Date(Date.now() - 1000).toISOString(), {
      ...contentOf(SEED_CITY_OPINION_POLICY),
      claim: { withinMinutes: 1, startsFrom: 'routing', basis: 'test: claim within 1 minute' },
      response: { withinMinutes: 1, startsFrom: 'discovery', basis: 'test: respond within 1 minute of discovery' },
      escalations: [{ level: 1, afterDueMinutes: 0, to: 'general_office', note: 'test: 督办 at due' }],
    });
    const caseId = await submit({});
    const route = await routeOf(caseId);
    expect(route).toMatchObject({ policy_version: version, policy_jurisdiction: JURISDICTION, policy_resolved_by: 'in_force' });
    const handle = t.client.workflow.getHandle(caseId);
    const started = await handle.query(opinionCaseQueries.state);
    expect(started.policy).toMatchObject({ jurisdiction: JURISDICTION, version, resolvedBy: 'in_force', carried: true });
    const response = started.clocks.find((c) => c.clock === 'response')!;
    expect(Date.parse(response.dueAt!) - Date.parse(response.startsAt!)).toBe(60_000);

    // a minute later the unmet claim and response clocks escalate (督办): the ledger shows the case overdue
    const overdue = await eventually('the 1-minute clocks escalated in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      const s = r.body.supervision as { overdue: boolean; overdueClocks: string[] } | undefined;
      return r.status === 200 && s?.overdue && s.overdueClocks.includes('response#1') ? r.body : undefined;
    });
    expect((overdue.escalations as { detail: { clock: string; note: string } }[]).map((e) => e.detail)).toEqual(
      expect.arrayContaining([expect.objectContaining({ clock: 'response', note: 'test: 督办 at due' })]),
    );
  });

  it('a disclosure policy version published for the disclosure jurisdiction → the next application runs under it', async () => {
    const version = `it-pp-disclosure-${RUN}`;
    const jurisdiction = NATIONAL_DISCLOSURE_POLICY.jurisdiction; // routing's DISCLOSURE_JURISDICTION on the local stack
    await publish('disclosure', jurisdiction, version, new Date(Date.now() - 1000).toISOString(), contentOf(NATIONAL_DISCLOSURE_POLICY));
    const res = await postJson(`${urls.intake}/v1/disclosure-applications`, {
      channel: 'online',
      receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'online_system' },
      applicant: { type: 'natural_person', name: '李四', idDocument: { type: 'resident_id_card', number: '110101199003070019' }, contact: { phone: '13800001111' } },
      informationDescription: '2026年东风街道老旧小区改造资金使用明细',
      purpose: '了解改造资金使用情况',
      deliveryForm: 'electronic',
      clientRef: `e2e-published-policy:${randomUUID()}`,
    });
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;
    const state = await eventually('the application running under the published version', async () => {
      const r = await getJson(`${urls.routing}/v1/disclosure-applications/${caseId}`);
      return r.status === 200 ? r.body : undefined;
    });
    expect(state).toMatchObject({ jurisdiction, policyVersion: version });
  });
});
