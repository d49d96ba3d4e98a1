import { NATIONAL_OPINION_POLICY, PolicyException, SEED_CITY_OPINION_POLICY } from '@huiying/policy';
import { resolveOpinionPolicy } from './policies';

const at = '2026-11-20T00:30:00.000Z';

describe('resolveOpinionPolicy', () => {
  it('takes the jurisdiction version in force at discovery', () => {
    expect(resolveOpinionPolicy({ discoveredAt: at, routing: { jurisdiction: 'seed-city' } })).toMatchObject({
      policy: { version: 'seed-city-2026.1' },
      resolvedBy: 'in_force_at_discovery',
    });
  });
  it('keeps an explicit version (the case keeps the version it started under)', () => {
    expect(resolveOpinionPolicy({ discoveredAt: at, policyVersion: 'cn-2016.1', routing: { jurisdiction: 'cn' } })).toMatchObject({
      policy: { version: 'cn-2016.1' },
      resolvedBy: 'input',
    });
  });
  it('falls back to the national baseline before the city policy took effect or for an unknown jurisdiction', () => {
    expect(resolveOpinionPolicy({ discoveredAt: '2025-06-01T00:00:00Z', routing: { jurisdiction: 'seed-city' } }).resolvedBy).toBe('national_fallback');
    expect(resolveOpinionPolicy({ discoveredAt: at, routing: { jurisdiction: 'elsewhere' } }).policy.version).toBe('cn-2016.1');
  });
  it('refuses an unknown version (the workflow task retries until a worker knows it)', () => {
    expect(() => resolveOpinionPolicy({ discoveredAt: at, policyVersion: 'seed-city-2099.1', routing: { jurisdiction: 'seed-city' } })).toThrow(PolicyException);
  });
  it('uses the policy carried in the input as data, whatever the bundled versions (a version published today)', () => {
    const published = { ...SEED_CITY_OPINION_POLICY, jurisdiction: 'test-city', version: 'test-city-2026.1', claim: { withinMinutes: 5, basis: 'test' } };
    expect(resolveOpinionPolicy({ discoveredAt: at, policy: published, policyResolvedBy: 'in_force', routing: { jurisdiction: 'test-city' } })).toEqual({
      policy: published,
      resolvedBy: 'in_force',
      carried: true,
    });
    expect(resolveOpinionPolicy({ discoveredAt: at, policy: NATIONAL_OPINION_POLICY, policyResolvedBy: 'national_fallback', routing: { jurisdiction: 'elsewhere' } })).toMatchObject({
      policy: { version: 'cn-2016.2' },
      resolvedBy: 'national_fallback',
      carried: true,
    });
  });
  it('refuses a carried policy of another kind', () => {
    expect(() => resolveOpinionPolicy({ discoveredAt: at, policy: { kind: 'routing' } as never, routing: { jurisdiction: 'seed-city' } })).toThrow(/not opinion_deadlines/);
  });
  it('cases started before policies were carried resolve only against the versions bundled then (their histories replay)', () => {
    // even after seed-city-2026.2 and cn-2016.2 exist, an input without a policy resolves to the old versions
    expect(resolveOpinionPolicy({ discoveredAt: '2026-12-20T00:00:00Z', routing: { jurisdiction: 'seed-city' } }).policy.version).toBe('seed-city-2026.1');
    expect(resolveOpinionPolicy({ discoveredAt: '2026-12-20T00:00:00Z', routing: { jurisdiction: 'cn' } }).policy.version).toBe('cn-2016.1');
  });
});
