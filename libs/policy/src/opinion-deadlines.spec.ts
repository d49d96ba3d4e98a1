import {
  BUILT_IN_OPINION_POLICIES,
  clockStartOf,
  computeOpinionClocks,
  NATIONAL_OPINION_POLICY,
  NATIONAL_OPINION_POLICY_2016_1,
  nextFollowUpAt,
  SEED_CITY_OPINION_POLICY,
  SEED_CITY_OPINION_POLICY_2026_1,
} from './opinion-deadlines';
import { PolicyErrorCode } from './policy.exception';

const discoveredAt = '2026-10-01T09:00:00+08:00'; // National Day: hours run regardless

function clock(kind: string, clocks: ReturnType<typeof computeOpinionClocks>) {
  const c = clocks.clocks.find((x) => x.clock === kind);
  if (!c) throw new Error(`no ${kind} clock`);
  return c;
}

describe('opinion deadlines', () => {
  it('seed city 2026.1 (kept for its cases): major → first factual release within 1 h of discovery (on a holiday too)', () => {
    const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY_2026_1, { grade: 'major', discoveredAt });
    expect(r).toMatchObject({ jurisdiction: 'seed-city', policyVersion: 'seed-city-2026.1' });
    expect(clock('first_release', r).dueAt).toBe('2026-10-01T02:00:00.000Z');
    expect(r.clocks.map((c) => c.clock)).toEqual(['claim', 'first_release', 'follow_up']);
  });

  it('national baseline cn-2016.1 (kept for its cases): especially major → 5 h, but no press conference without flags', () => {
    const r = computeOpinionClocks(NATIONAL_OPINION_POLICY_2016_1, { grade: 'especially_major', discoveredAt });
    expect(clock('first_release', r).dueAt).toBe('2026-10-01T06:00:00.000Z');
    expect(r.policyVersion).toBe('cn-2016.1');
    expect(r.clocks.map((c) => c.clock)).toEqual(['claim', 'first_release', 'follow_up']);
  });

  it('heavy casualties or large social impact → press conference within 24 h, repeatable', () => {
    for (const flags of [{ heavyCasualties: true }, { largeSocialImpact: true }]) {
      const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY_2026_1, { grade: 'significant', flags, discoveredAt });
      const pc = clock('press_conference', r);
      expect(pc.dueAt).toBe('2026-10-02T01:00:00.000Z');
      expect(pc.repeatEveryMinutes).toBe(24 * 60);
      expect(r.clocks.some((c) => c.clock === 'response')).toBe(false);
    }
  });

  it('major with casualties gets both the 1 h release and the 24 h press conference', () => {
    const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY_2026_1, { grade: 'especially_major', flags: { heavyCasualties: true }, discoveredAt });
    expect(r.clocks.map((c) => c.clock)).toEqual(['claim', 'first_release', 'press_conference', 'follow_up']);
    // Follow-up: 24 h after the earliest response-type deadline.
    expect(clock('follow_up', r).dueAt).toBe('2026-10-02T02:00:00.000Z');
  });

  it.each(['general', 'significant'] as const)('%s without flags → response within 48 h', (grade) => {
    for (const policy of [SEED_CITY_OPINION_POLICY_2026_1, NATIONAL_OPINION_POLICY_2016_1, NATIONAL_OPINION_POLICY]) {
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
    const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY_2026_1, { grade: 'major', discoveredAt });
    expect(clock('first_release', r).reminders).toEqual([
      { at: '2026-10-01T01:30:00.000Z', label: '50% of the window' },
      { at: '2026-10-01T01:45:00.000Z', label: '15 min before due' },
      { at: '2026-10-01T01:48:00.000Z', label: '80% of the window' },
    ]);
  });

  it('escalation: level 1 at due to the general office (督办), level 2 four hours later to leadership', () => {
    const r = computeOpinionClocks(NATIONAL_OPINION_POLICY, { grade: 'general', discoveredAt });
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

  describe('national baseline cn-2016.2 (国办发〔2016〕61号 / 80号)', () => {
    it.each(['major', 'especially_major'] as const)('%s → the 5-hour release AND the 24-hour press conference, both from discovery', (grade) => {
      const r = computeOpinionClocks(NATIONAL_OPINION_POLICY, { grade, discoveredAt, routedAt: '2026-10-01T09:10:00+08:00' });
      expect(r.policyVersion).toBe('cn-2016.2');
      expect(r.clocks.map((c) => c.clock)).toEqual(['claim', 'first_release', 'press_conference', 'follow_up']);
      expect(clock('first_release', r)).toMatchObject({ startsFrom: 'discovery', startsAt: '2026-10-01T01:00:00.000Z', dueAt: '2026-10-01T06:00:00.000Z' });
      expect(clock('press_conference', r)).toMatchObject({ startsFrom: 'discovery', dueAt: '2026-10-02T01:00:00.000Z', repeatEveryMinutes: 24 * 60 });
      expect(clock('claim', r)).toMatchObject({ startsFrom: 'routing', startsAt: '2026-10-01T01:10:00.000Z' });
    });
    it('cites its documents: 80号 for the 5 h release, 61号 for the 48 h response, each with its effective date', () => {
      expect(NATIONAL_OPINION_POLICY.firstRelease.source).toMatchObject({ document: '国办发〔2016〕80号', effectiveFrom: '2016-11-10' });
      expect(NATIONAL_OPINION_POLICY.pressConference.source?.quote).toContain('24小时内举行新闻发布会');
      expect(NATIONAL_OPINION_POLICY.response.source).toMatchObject({ document: '国办发〔2016〕61号', effectiveFrom: '2016-07-30' });
    });
    it('sets no limit for the report to the superior (neither document does)', () => {
      const r = computeOpinionClocks(NATIONAL_OPINION_POLICY, { grade: 'especially_major', discoveredAt });
      expect(r.clocks.some((c) => c.clock === 'superior_report')).toBe(false);
    });
  });

  describe('seed city 2026.2 (seed 003: 认领后……原则上不超过1小时)', () => {
    const claimedAt = '2026-10-01T10:30:00+08:00';
    it('before the claim: the first release and the superior report wait for it (no start, no due time, no reminders)', () => {
      const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'major', discoveredAt, routedAt: discoveredAt });
      expect(r.clocks.map((c) => c.clock)).toEqual(['claim', 'first_release', 'superior_report', 'follow_up']);
      for (const kind of ['first_release', 'superior_report'] as const) {
        expect(clock(kind, r)).toMatchObject({ startsFrom: 'claim', startsAt: null, dueAt: null, reminders: [], escalations: [] });
      }
      expect(clock('follow_up', r)).toMatchObject({ startsAt: null, dueAt: null });
      expect(clock('claim', r).dueAt).toBe('2026-10-01T03:00:00.000Z');
    });
    it('after the claim: 1 h from the claim for the release and the report to the superior (同时), whatever the discovery time', () => {
      const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'especially_major', discoveredAt, claimedAt });
      expect(clock('first_release', r)).toMatchObject({ startsAt: '2026-10-01T02:30:00.000Z', dueAt: '2026-10-01T03:30:00.000Z' });
      expect(clock('superior_report', r)).toMatchObject({ startsAt: '2026-10-01T02:30:00.000Z', dueAt: '2026-10-01T03:30:00.000Z' });
      expect(clock('superior_report', r).source).toMatchObject({ document: 'seed 003', provision: '附件1 三、应对处置' });
      expect(clock('follow_up', r).dueAt).toBe('2026-10-02T03:30:00.000Z');
    });
    it('the 24 h press conference (casualties) and the 48 h response count from the claim too (same paragraph)', () => {
      const pc = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'significant', flags: { heavyCasualties: true }, discoveredAt, claimedAt });
      expect(clock('press_conference', pc).dueAt).toBe('2026-10-02T02:30:00.000Z');
      const general = computeOpinionClocks(SEED_CITY_OPINION_POLICY, { grade: 'general', discoveredAt, claimedAt });
      expect(clock('response', general).dueAt).toBe('2026-10-03T02:30:00.000Z');
      expect(general.clocks.some((c) => c.clock === 'superior_report')).toBe(false);
    });
  });

  it('versions published before startsFrom existed: the claim counts from routing, everything else from discovery', () => {
    expect(clockStartOf(SEED_CITY_OPINION_POLICY_2026_1.claim, 'claim')).toBe('routing');
    expect(clockStartOf(SEED_CITY_OPINION_POLICY_2026_1.firstRelease, 'first_release')).toBe('discovery');
    const r = computeOpinionClocks(SEED_CITY_OPINION_POLICY_2026_1, { grade: 'major', discoveredAt, claimedAt: '2026-10-01T12:00:00+08:00' });
    expect(clock('first_release', r).startsAt).toBe('2026-10-01T01:00:00.000Z');
  });

  it('ships every version ever published, oldest first, each kept as it was (cases keep the version they started under)', () => {
    expect(BUILT_IN_OPINION_POLICIES.map((p) => `${p.jurisdiction}/${p.version}`)).toEqual([
      'cn/cn-2016.1', 'seed-city/seed-city-2026.1', 'cn/cn-2016.2', 'seed-city/seed-city-2026.2',
    ]);
    expect(NATIONAL_OPINION_POLICY_2016_1.pressConference.grades).toEqual([]);
    expect(SEED_CITY_OPINION_POLICY_2026_1.firstRelease.startsFrom).toBeUndefined();
  });
});
