import { computeOpinionClocks, NATIONAL_OPINION_POLICY, nextFollowUpAt, SEED_CITY_OPINION_POLICY } from './opinion-deadlines';
import { PolicyErrorCode } from './policy.exception';

const discoveredAt = '2026-10-01T09:00:00+08:00'; // National Day: hours run regardless

function clock(kind: string, clocks: ReturnType<typeof computeOpinionClocks>) {
  const c = clocks.clocks.find((x) => x.clock === kind);
  if (!c) throw new Error(`no ${kind} clock`);
  return c;
}

describe('opinion deadlines', () => {
  it('seed city: major → first factual release within 1 h (on a holiday too)', () => {
    const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'major', discoveredAt });
    expect(r).toMatchObject({ jurisdiction: 'seed-city', policyVersion: 'seed-city-2026.1' });
    expect(clock('first_release', r).dueAt).toBe('2026-10-01T02:00:00.000Z');
    expect(r.clocks.map((c) => c.clock)).toEqual(['claim', 'first_release', 'follow_up']);
  });

  it('national baseline: especially major → 5 h', () => {
    const r = computeOpinionClocks(NATIONAL_OPINION_POLICY, { grade: 'especially_major', discoveredAt });
    expect(clock('first_release', r).dueAt).toBe('2026-10-01T06:00:00.000Z');
    expect(r.policyVersion).toBe('cn-2016.1');
  });

  it('heavy casualties or large social impact → press conference within 24 h, repeatable', () => {
    for (const flags of [{ heavyCasualties: true }, { largeSocialImpact: true }]) {
      const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'significant', flags, discoveredAt });
      const pc = clock('press_conference', r);
      expect(pc.dueAt).toBe('2026-10-02T01:00:00.000Z');
      expect(pc.repeatEveryMinutes).toBe(24 * 60);
      expect(r.clocks.some((c) => c.clock === 'response')).toBe(false);
    }
  });

  it('major with casualties gets both the 1 h release and the 24 h press conference', () => {
    const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'especially_major', flags: { heavyCasualties: true }, discoveredAt });
    expect(r.clocks.map((c) => c.clock)).toEqual(['claim', 'first_release', 'press_conference', 'follow_up']);
    // Follow-up: 24 h after the earliest response-type deadline.
    expect(clock('follow_up', r).dueAt).toBe('2026-10-02T02:00:00.000Z');
  });

  it.each(['general', 'significant'] as const)('%s without flags → response within 48 h', (grade) => {
    for (const policy of [SEED_CITY_OPINION_POLICY, NATIONAL_OPINION_POLICY]) {
      const r = computeOpinionClocks(policy, { grade, discoveredAt });
      expect(clock('response', r).dueAt).toBe('2026-10-03T01:00:00.000Z');
      expect(r.clocks.map((c) => c.clock)).toEqual(['claim', 'response', 'follow_up']);
    }
  });

  it('claim within 2 h of routing (default from discovery)', () => {
    expect(clock('claim', computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'general', discoveredAt })).dueAt).toBe('2026-10-01T03:00:00.000Z');
    const routed = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'general', discoveredAt, routedAt: '2026-10-01T10:30:00+08:00' });
    expect(clock('claim', routed)).toMatchObject({ startsAt: '2026-10-01T02:30:00.000Z', dueAt: '2026-10-01T04:30:00.000Z' });
  });

  it('reminders at 50 % and 80 % of the window and 15 min before due, in order, inside the window', () => {
    const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'major', discoveredAt });
    expect(clock('first_release', r).reminders).toEqual([
      { at: '2026-10-01T01:30:00.000Z', label: '50% of the window' },
      { at: '2026-10-01T01:45:00.000Z', label: '15 min before due' },
      { at: '2026-10-01T01:48:00.000Z', label: '80% of the window' },
    ]);
  });

  it('escalation: level 1 at due to the general office (督办), level 2 four hours later to leadership', () => {
    const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'general', discoveredAt });
    expect(clock('response', r).escalations).toEqual([
      expect.objectContaining({ level: 1, at: '2026-10-03T01:00:00.000Z', to: 'general_office' }),
      expect.objectContaining({ level: 2, at: '2026-10-03T05:00:00.000Z', to: 'government_leadership' }),
    ]);
  });

  it('next follow-up after an actual update', () => {
    expect(nextFollowUpAt(SEED_CITY_OPINION_POLICY, '2026-10-05T12:00:00+08:00')).toBe('2026-10-06T04:00:00.000Z');
  });

  it('rejects an unknown grade and an instant without offset', () => {
    expect(() => computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'huge' as never, discoveredAt })).toThrow(
      expect.objectContaining({ code: PolicyErrorCode.InvalidGrade }),
    );
    expect(() => computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'general', discoveredAt: '2026-10-01T09:00:00' })).toThrow(
      expect.objectContaining({ code: 'CALENDAR_INVALID_INSTANT' }),
    );
  });
});
