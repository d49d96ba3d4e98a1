// Policy versions on the real stack (routing service + Postgres). Each run publishes into its own jurisdiction
// (it-<run>), so runs never collide and the built-in versions other tests read are untouched; afterAll removes
// this run's rows through the explicit purge switch of the append-only trigger.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import { NATIONAL_OPINION_POLICY, NATIONAL_OPINION_POLICY_2016_1, SEED_CITY_OPINION_POLICY, SEED_CITY_OPINION_POLICY_2026_1 } from '@huiying/policy';
import { http, pg, purge } from '../test/support';
import { contentOf } from './policy-content';

const JURISDICTION = `it-${randomUUID().slice(0, 8)}`;

function opinionPolicy(version: string, effectiveFrom: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'opinion_deadlines',
    jurisdiction: JURISDICTION,
    version,
    effectiveFrom,
    reference: 'integration test',
    content: { ...JSON.parse(JSON.stringify(contentOf(SEED_CITY_OPINION_POLICY))), ...overrides },
    publishedBy: 'policy.integration-spec',
  };
}

describe('policy versions (routing) on the real stack', () => {
  let db: PgClient;

  beforeAll(async () => {
    db = await pg();
  });

  afterAll(async () => {
    if (db) {
      await purge(db, [{ sql: 'DELETE FROM policy.policy_versions WHERE jurisdiction = $1', params: [JURISDICTION] }]);
      await db.end();
    }
  });

  it('the built-in versions are stored and answer "in force at an instant"', async () => {
    const city = await http('GET', '/v1/policies/opinion_deadlines?jurisdiction=seed-city&at=2026-06-01T00:00:00%2B08:00');
    expect(city.status).toBe(200);
    expect(city.body).toMatchObject({ kind: 'opinion_deadlines', jurisdiction: 'seed-city', version: 'seed-city-2026.1', publishedBy: 'built-in' });
    expect(city.body.policy).toEqual(JSON.parse(JSON.stringify(SEED_CITY_OPINION_POLICY_2026_1)));
    const national = await http('GET', '/v1/policies/opinion_deadlines/cn/cn-2016.1');
    expect(national.status).toBe(200);
    expect(national.body.policy).toEqual(JSON.parse(JSON.stringify(NATIONAL_OPINION_POLICY_2016_1)));
    // the corrected versions are in force from 2026-12-01, the first ones stay on record for their cases
    const cityNow = await http('GET', '/v1/policies/opinion_deadlines?jurisdiction=seed-city&at=2026-12-01T00:00:00%2B08:00');
    expect(cityNow.body).toMatchObject({ version: 'seed-city-2026.2', policy: JSON.parse(JSON.stringify(SEED_CITY_OPINION_POLICY)) });
    const nationalNow = await http('GET', '/v1/policies/opinion_deadlines?jurisdiction=cn&at=2026-12-01T00:00:00%2B08:00');
    expect(nationalNow.body).toMatchObject({ version: 'cn-2016.2', policy: JSON.parse(JSON.stringify(NATIONAL_OPINION_POLICY)) });
    for (const [kind, jurisdiction] of [['disclosure', 'cn'], ['routing', 'seed-city']]) {
      expect((await http('GET', `/v1/policies/${kind}?jurisdiction=${jurisdiction}`)).status).toBe(200);
    }
    const tooEarly = await http('GET', '/v1/policies/opinion_deadlines?jurisdiction=cn&at=2016-11-09T23:59:59%2B08:00');
    expect(tooEarly.status).toBe(404);
    expect(tooEarly.body.code).toBe('POLICY_NONE_IN_FORCE');
  });

  it('publishes versions; the one in force depends on the instant; a version is published once (409)', async () => {
    const v1 = await http('POST', '/v1/admin/policies', opinionPolicy('v1', '2030-01-01T00:00:00+08:00'));
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ jurisdiction: JURISDICTION, version: 'v1', effectiveFrom: '2029-12-31T16:00:00.000Z', publishedBy: 'policy.integration-spec' });
    const faster = { firstRelease: { withinMinutes: 30, grades: ['major', 'especially_major'], startsFrom: 'claim', basis: 'test: 30 minutes' } };
    const v2 = await http('POST', '/v1/admin/policies', opinionPolicy('v2', '2031-01-01T00:00:00+08:00', faster));
    expect(v2.status).toBe(201);

    const at = async (instant: string) => http('GET', `/v1/policies/opinion_deadlines?jurisdiction=${JURISDICTION}&at=${encodeURIComponent(instant)}`);
    expect((await at('2029-12-31T15:59:59Z')).status).toBe(404);
    expect((await at('2029-12-31T16:00:00Z')).body.version).toBe('v1');
    expect((await at('2030-12-31T23:59:59+08:00')).body.version).toBe('v1');
    const later = await at('2031-01-01T00:00:00+08:00');
    expect(later.body.version).toBe('v2');
    expect(later.body.policy.firstRelease.withinMinutes).toBe(30);
    expect((await http('GET', `/v1/policies/opinion_deadlines/${JURISDICTION}/v1`)).body.policy.firstRelease.withinMinutes).toBe(60);

    const again = await http('POST', '/v1/admin/policies', opinionPolicy('v1', '2032-01-01T00:00:00+08:00', faster));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('POLICY_VERSION_EXISTS');
    const sameStart = await http('POST', '/v1/admin/policies', opinionPolicy('v3', '2031-01-01T00:00:00+08:00'));
    expect(sameStart.status).toBe(409);
    expect(sameStart.body.code).toBe('POLICY_EFFECTIVE_FROM_TAKEN');
    // v1 was not changed by the refused re-publish
    expect((await http('GET', `/v1/policies/opinion_deadlines/${JURISDICTION}/v1`)).body.policy.firstRelease.withinMinutes).toBe(60);

    await expect(db.query(`UPDATE policy.policy_versions SET data = '{}' WHERE jurisdiction = $1`, [JURISDICTION])).rejects.toThrow(/append-only/);
  });

  it('refuses invalid policies: 400 for the header, 422 for the content; nothing stored', async () => {
    const header = await http('POST', '/v1/admin/policies', { kind: 'weather', jurisdiction: 'Seed City', version: '', effectiveFrom: '2030-01-01', content: [] });
    expect(header.status).toBe(400);
    expect(header.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['content', 'effectiveFrom', 'jurisdiction', 'kind', 'reference', 'version']);

    const content = await http('POST', '/v1/admin/policies', opinionPolicy('bad', '2035-01-01T00:00:00+08:00', { response: { withinMinutes: -5, basis: '' } }));
    expect(content.status).toBe(422);
    expect(content.body.code).toBe('POLICY_INVALID');
    expect(content.body.problems).toEqual(['response is missing: startsFrom', 'response.withinMinutes must be an integer between 1 and 527040', 'response.basis must be a non-empty string']);
    expect((await http('GET', `/v1/policies/opinion_deadlines/${JURISDICTION}/bad`)).status).toBe(404);
    expect((await http('GET', '/v1/policies/weather?jurisdiction=cn')).status).toBe(400);
  });
});
