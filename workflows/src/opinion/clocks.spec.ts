import { computeOpinionClocks, NATIONAL_OPINION_POLICY, SEED_CITY_OPINION_POLICY } from '@huiying/policy';
import type { CaseClock } from '@huiying/contracts/workflow';
import {
  addClock,
  dueItems,
  earliestDue,
  initialClocks,
  KEEP_FINISHED_FOLLOW_UPS,
  meetClock,
  nextWakeAt,
  policyClock,
  pruneFollowUps,
  rearmResponseClocks,
  type ClockBasis,
} from './clocks';

const T0 = '2026-11-20T00:30:00.000Z';
const t0 = Date.parse(T0);
const H = 3_600_000;
const basis = (over: Partial<ClockBasis> = {}): ClockBasis => ({ grade: 'general', flags: {}, discoveredAt: T0, routedAt: T0, needsResponse: null, ...over });

describe('opinion clocks', () => {
  it.each([SEED_CITY_OPINION_POLICY, NATIONAL_OPINION_POLICY])('policyClock builds clocks exactly as computeOpinionClocks does (%s)', (policy) => {
    const computed = computeOpinionClocks(policy, { grade: 'general', flags: { heavyCasualties: true }, discoveredAt: T0, routedAt: T0 }).clocks;
    expect(policyClock(policy, 'claim', T0)).toEqual(computed.find((c) => c.clock === 'claim'));
    const { repeatEveryMinutes: _r, ...pc } = computed.find((c) => c.clock === 'press_conference')!;
    expect(policyClock(policy, 'press_conference', T0)).toEqual(pc);
    const { repeatEveryMinutes: _f, ...fu } = computed.find((c) => c.clock === 'follow_up')!;
    expect(policyClock(policy, 'follow_up', fu.startsAt)).toEqual(fu);
  });

  it('arms claim + 48 h response for a general case, claim + 1 h release for an especially major one', () => {
    expect(initialClocks(SEED_CITY_OPINION_POLICY, basis(), 'dept', t0).map((c) => [c.id, c.dueAt])).toEqual([
      ['claim#1', '2026-11-20T02:30:00.000Z'],
      ['response#1', '2026-11-22T00:30:00.000Z'],
    ]);
    expect(initialClocks(SEED_CITY_OPINION_POLICY, basis({ grade: 'especially_major' }), 'dept', t0).map((c) => [c.id, c.dueAt])).toEqual([
      ['claim#1', '2026-11-20T02:30:00.000Z'],
      ['first_release#1', '2026-11-20T01:30:00.000Z'],
    ]);
  });

  it('re-arms after a grade change: keeps what still applies, supersedes what no longer does, never touches met clocks', () => {
    const clocks = initialClocks(SEED_CITY_OPINION_POLICY, basis(), 'dept', t0);
    const up = rearmResponseClocks(clocks, SEED_CITY_OPINION_POLICY, basis({ grade: 'major' }), t0 + 2 * H);
    expect(up.added.map((c) => c.id)).toEqual(['first_release#1']);
    expect(up.superseded.map((c) => c.id)).toEqual(['response#1']);
    // the 1 h window has gone by: its reminders are skipped, its escalations are due at once
    expect(up.added[0]!.reminders.every((r) => r.skipped)).toBe(true);
    expect(dueItems(clocks, t0 + 2 * H).map((i) => [i.type, i.clock.id])).toEqual([['escalation', 'first_release#1'], ['escalation', 'claim#1']]);
    meetClock(up.added[0]!, new Date(t0 + 2 * H).toISOString());
    const down = rearmResponseClocks(clocks, SEED_CITY_OPINION_POLICY, basis({ grade: 'general' }), t0 + 3 * H);
    expect(down.added.map((c) => c.id)).toEqual(['response#2']);
    expect(down.superseded).toEqual([]);
    expect(clocks.find((c) => c.id === 'first_release#1')!.status).toBe('late');
  });

  it('waives the general response clock when no public response is needed', () => {
    const clocks = initialClocks(SEED_CITY_OPINION_POLICY, basis(), 'dept', t0);
    const r = rearmResponseClocks(clocks, SEED_CITY_OPINION_POLICY, basis({ needsResponse: false }), t0);
    expect(r.superseded[0]).toMatchObject({ id: 'response#1', supersededReason: 'assessment: no public response needed' });
    expect(earliestDue(clocks)).toBe('2026-11-20T02:30:00.000Z');
  });

  it('wakes for the next reminder, skips reminders of a clock already due, and stops after the last escalation', () => {
    const clocks = initialClocks(SEED_CITY_OPINION_POLICY, basis(), 'dept', t0);
    expect(nextWakeAt(clocks)).toBe(t0 + H); // claim: 50 % of 2 h
    const late = dueItems(clocks, t0 + 3 * H);
    expect(late.map((i) => [i.type, i.clock.id])).toEqual([['escalation', 'claim#1']]);
    expect(clocks[0]!.reminders.every((r) => r.skipped)).toBe(true);
  });

  it('keeps ids unique and the state bounded when old follow-up clocks are pruned', () => {
    let clocks: CaseClock[] = [];
    let at = t0;
    for (let i = 0; i < 12; i++) {
      const c = addClock(clocks, SEED_CITY_OPINION_POLICY, 'follow_up', new Date(at).toISOString(), { department: 'dept', origin: 'publication' }, at);
      at += 20 * H;
      meetClock(c, new Date(at).toISOString());
      clocks = pruneFollowUps(clocks);
    }
    expect(clocks).toHaveLength(KEEP_FINISHED_FOLLOW_UPS);
    expect(clocks.map((c) => c.id)).toEqual(['follow_up#8', 'follow_up#9', 'follow_up#10', 'follow_up#11', 'follow_up#12']);
  });
});
