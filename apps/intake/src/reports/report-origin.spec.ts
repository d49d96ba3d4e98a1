import { DISCOVERED_AT_CLOCK_SKEW_MS, discoveredAtProblem } from '@huiying/contracts';
import { reportJurisdiction, workOrderDiscoveredAt } from './report-origin';

const now = Date.parse('2026-11-20T10:00:00+08:00');

describe('report origin', () => {
  describe('discoveredAt', () => {
    it('accepts a time between occurredAt and now (plus 5 minutes of clock skew)', () => {
      expect(discoveredAtProblem('2026-11-20T09:00:00+08:00', '2026-11-20T08:30:00+08:00', now)).toBeNull();
      expect(discoveredAtProblem('2026-11-20T08:30:00+08:00', '2026-11-20T08:30:00+08:00', now)).toBeNull();
      expect(discoveredAtProblem(new Date(now + DISCOVERED_AT_CLOCK_SKEW_MS).toISOString(), '2026-11-20T08:30:00+08:00', now)).toBeNull();
    });
    it('refuses the future, a time before occurredAt, and a time without offset — each with its reason', () => {
      expect(discoveredAtProblem(new Date(now + DISCOVERED_AT_CLOCK_SKEW_MS + 1000).toISOString(), null, now)).toMatch(/^is in the future/);
      expect(discoveredAtProblem('2026-11-20T08:00:00+08:00', '2026-11-20T08:30:00+08:00', now)).toMatch(/^must not be before occurredAt/);
      expect(discoveredAtProblem('2026-11-20T08:00:00', null, now)).toMatch(/with an offset/);
      expect(discoveredAtProblem(42, null, now)).toMatch(/with an offset/);
    });
    it('does not judge against an occurredAt that is itself invalid (that field has its own error)', () => {
      expect(discoveredAtProblem('2026-11-20T08:00:00+08:00', 'yesterday', now)).toBeNull();
    });
  });

  describe('jurisdiction', () => {
    it('takes the one named, else the calling system\'s own, else none (routing\'s default)', () => {
      expect(reportJurisdiction('test-city', { jurisdiction: '*' })).toEqual({ jurisdiction: 'test-city' });
      expect(reportJurisdiction(undefined, { jurisdiction: 'seed-city' })).toEqual({ jurisdiction: 'seed-city' });
      expect(reportJurisdiction(undefined, { jurisdiction: '*' })).toEqual({ jurisdiction: null });
      // a system created without a jurisdiction (it reaches no case) is not bound to one either
      expect(reportJurisdiction(undefined, { jurisdiction: '' })).toEqual({ jurisdiction: null });
      expect(reportJurisdiction('test-city', { jurisdiction: '' })).toEqual({ jurisdiction: 'test-city' });
      expect(reportJurisdiction(undefined, undefined)).toEqual({ jurisdiction: null });
      expect(reportJurisdiction('seed-city', { jurisdiction: 'seed-city' })).toEqual({ jurisdiction: 'seed-city' });
    });
    it('refuses a system bound to one jurisdiction submitting for another', () => {
      expect(reportJurisdiction('test-city', { jurisdiction: 'seed-city', systemId: 'city-portal' })).toEqual({
        refused: 'the calling system city-portal submits for jurisdiction seed-city, not test-city',
      });
    });
  });

  it('a 12345 work order was discovered at its call time, unless that lies in the future', () => {
    const call = new Date('2026-11-20T09:15:00+08:00');
    expect(workOrderDiscoveredAt(call, new Date(now))).toBe(call);
    expect(workOrderDiscoveredAt(new Date(now + 3_600_000), new Date(now))).toBeNull();
  });
});
