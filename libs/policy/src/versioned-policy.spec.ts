import { NATIONAL_OPINION_POLICY_2016_1 as NATIONAL_OPINION_POLICY, OpinionDeadlinePolicy, SEED_CITY_OPINION_POLICY_2026_1 as SEED_CITY_OPINION_POLICY } from './opinion-deadlines';
import { PolicyErrorCode } from './policy.exception';
import { choosePolicyInForce, deepFreeze, PolicyRegistry, publishPolicy } from './versioned-policy';

describe('PolicyRegistry', () => {
  const v1 = SEED_CITY_OPINION_POLICY;
  const v2: OpinionDeadlinePolicy = { ...v1, version: 'seed-city-2027.1', effectiveFrom: '2027-01-01T00:00:00+08:00', response: { ...v1.response, withinMinutes: 24 * 60 } };
  const registry = new PolicyRegistry<OpinionDeadlinePolicy>([NATIONAL_OPINION_POLICY, v1]).publish(v2);

  it('picks the version in force at an instant', () => {
    expect(registry.inForce('seed-city', '2026-06-01T00:00:00Z').version).toBe('seed-city-2026.1');
    expect(registry.inForce('seed-city', '2026-12-31T16:00:00Z').version).toBe('seed-city-2027.1'); // 2027-01-01 00:00 Shanghai
    expect(registry.inForce('seed-city', '2026-12-31T15:59:59.999Z').version).toBe('seed-city-2026.1');
    expect(registry.inForce('cn', '2026-06-01T00:00:00Z').version).toBe('cn-2016.1');
  });

  it('a case keeps the version it started under', () => {
    const startedUnder = registry.inForce('seed-city', '2026-11-30T10:00:00+08:00').version;
    expect(registry.byVersion('seed-city', startedUnder).response.withinMinutes).toBe(48 * 60);
  });

  it('has no policy before the first version, and names unknown versions', () => {
    expect(() => registry.inForce('seed-city', '2025-01-01T00:00:00Z')).toThrow(expect.objectContaining({ code: PolicyErrorCode.NoPolicyInForce }));
    expect(registry.findInForce('elsewhere', '2026-01-01T00:00:00Z')).toBeUndefined();
    expect(() => registry.byVersion('seed-city', 'nope')).toThrow(expect.objectContaining({ code: PolicyErrorCode.UnknownVersion }));
  });

  it('published versions are immutable; publishing again is a new record', () => {
    const mutable = { ...v2, version: 'seed-city-2027.2', effectiveFrom: '2027-06-01T00:00:00+08:00', response: { withinMinutes: 1, basis: 'x' } };
    const next = registry.publish(mutable);
    mutable.response.withinMinutes = 999; // the caller's object, not the published record
    expect(next.byVersion('seed-city', 'seed-city-2027.2').response.withinMinutes).toBe(1);
    expect(Object.isFrozen(next.byVersion('seed-city', 'seed-city-2027.2').response)).toBe(true);
    expect(registry.all()).toHaveLength(3); // the old registry is unchanged
    expect(() => registry.publish({ ...v2 })).toThrow(expect.objectContaining({ code: PolicyErrorCode.VersionExists }));
    expect(() => registry.publish({ ...v2, version: 'other', effectiveFrom: v2.effectiveFrom })).toThrow(
      expect.objectContaining({ code: PolicyErrorCode.InvalidPolicy }),
    );
  });

  it('rejects policies without jurisdiction, version or a valid effectiveFrom', () => {
    expect(() => publishPolicy({ ...v1, version: '' })).toThrow(expect.objectContaining({ code: PolicyErrorCode.InvalidPolicy }));
    expect(() => publishPolicy({ ...v1, effectiveFrom: '2026-01-01' })).toThrow(expect.objectContaining({ code: PolicyErrorCode.InvalidPolicy }));
  });

  it('deepFreeze freezes nested arrays and objects', () => {
    const o = deepFreeze({ a: [{ b: 1 }] });
    expect(Object.isFrozen(o.a[0])).toBe(true);
  });

  it('chooses the jurisdiction\'s own version in force, else the fallback\'s, else none', () => {
    const test = { ...v1, jurisdiction: 'test-city', version: 'test-city-1', effectiveFrom: '2026-12-03T12:00:00+08:00' };
    const all = [NATIONAL_OPINION_POLICY, v1, v2, test];
    expect(choosePolicyInForce(all, 'test-city', '2026-12-03T12:00:00+08:00', 'cn')).toEqual({ policy: expect.objectContaining({ version: 'test-city-1' }), resolvedBy: 'in_force' });
    expect(choosePolicyInForce(all, 'test-city', '2026-12-03T11:59:59+08:00', 'cn')).toEqual({ policy: expect.objectContaining({ version: 'cn-2016.1' }), resolvedBy: 'fallback' });
    expect(choosePolicyInForce(all, 'seed-city', '2027-02-01T00:00:00+08:00', 'cn')?.policy.version).toBe('seed-city-2027.1');
    expect(choosePolicyInForce(all, 'elsewhere', '2010-01-01T00:00:00+08:00', 'cn')).toBeUndefined();
  });
});
