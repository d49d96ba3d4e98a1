import { PolicyException } from '@huiying/policy';
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
});
