import {
  computeOpinionClocks,
  NATIONAL_OPINION_POLICY as NATIONAL_2016_2,
  NATIONAL_OPINION_POLICY_2016_1 as NATIONAL_OPINION_POLICY,
  SEED_CITY_OPINION_POLICY as SEED_CITY_2026_2,
  SEED_CITY_OPINION_POLICY_2026_1 as SEED_CITY_OPINION_POLICY,
  type OpinionClock,
} from '@huiying/policy';
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
  startClaimClocks,
  type ClockBasis,
} from './clocks';

const T0 = '2026-11-20T00:30:00.000Z';
const t0 = Date.parse(T0);
const H = 3_600_000;
const basis = (over: Partial<ClockBasis> = {}): ClockBasis => ({ grade: 'general', flags: {}, discoveredAt: T0, routedAt: T0, needsResponse: null, ...over });

describe('opinion clocks', () => {
  // a mid-case clock counts from its own event (transfer, request, publication): no startsFrom / source of the rule
  const timing = ({ startsFrom: _s, source: _src, repeatEveryMinutes: _r, ...rest }: OpinionClock) => rest;
  it.each([SEED_CITY_OPINION_POLICY, NATIONAL_OPINION_POLICY, SEED_CITY_2026_2, NATIONAL_2016_2])('policyClock builds clocks exactly as computeOpinionClocks does (%s)', (policy) => {
    const computed = computeOpinionClocks(policy, { grade: 'general', flags: { heavyCasualties: true }, discoveredAt: T0, routedAt: T0, claimedAt: T0 }).clocks;
    expect(policyClock(policy, 'claim', T0)).toEqual(timing(computed.find((c) => c.clock === 'claim')!));
    expect(policyClock(policy, 'press_conference', T0)).toEqual(timing(computed.find((c) => c.clock === 'press_conference')!));
    const fu = computed.find((c) => c.clock === 'follow_up')!;
    expect(policyClock(policy, 'follow_up', fu.startsAt!)).toEqual(timing(fu));
  });

  it('a clock that counts from the claim waits for it, then starts from the first claim with its reminders and escalations', () => {
    const clocks = initialClocks(SEED_CITY_2026_2, basis({ grade: 'especially_major' }), 'dept', t0);
    expect(clocks.map((c) => [c.id, c.status, c.startsFrom, c.dueAt])).toEqual([
      ['claim#1', 'pending', 'routing', '2026-11-20T02:30:00.000Z'],
      ['first_release#1', 'awaiting_claim', 'claim', null],
      ['superior_report#1', 'awaiting_claim', 'claim', null],
    ]);
    // nothing to wake for but the claim clock; waiting clocks are neither due nor overdue
    expect(nextWakeAt(clocks)).toBe(t0 + H);
    expect(earliestDue(clocks)).toBe('2026-11-20T02:30:00.000Z');
    const claimedAt = t0 + 90 * 60_000;
    const started = startClaimClocks(clocks, SEED_CITY_2026_2, new Date(claimedAt).toISOString(), claimedAt);
    expect(started.map((c) => [c.id, c.status, c.startsAt, c.dueAt])).toEqual([
      ['first_release#1', 'pending', '2026-11-20T02:00:00.000Z', '2026-11-20T03:00:00.000Z'],
      ['superior_report#1', 'pending', '2026-11-20T02:00:00.000Z', '2026-11-20T03:00:00.000Z'],
    ]);
    expect(started[0]!.reminders.map((r) => r.label)).toEqual(['50% of the window', '15 min before due', '80% of the window']);
    expect(started[0]!.escalations.map((e) => e.level)).toEqual([1, 2]);
    expect(started[1]!.source).toMatchObject({ document: 'seed 003' });
    expect(startClaimClocks(clocks, SEED_CITY_2026_2, new Date(claimedAt + H).toISOString(), claimedAt + H)).toEqual([]);
  });

  it('a grade raised before the claim adds waiting clocks; after the claim they start from the claim (past due: escalate at once)', () => {
    const clocks = initialClocks(SEED_CITY_2026_2, basis(), 'dept', t0);
    expect(clocks.map((c) => [c.id, c.status])).toEqual([['claim#1', 'pending'], ['response#1', 'awaiting_claim']]);
    const before = rearmResponseClocks(clocks, SEED_CITY_2026_2, basis({ grade: 'major' }), t0 + H);
    expect(before.added.map((c) => [c.id, c.status])).toEqual([['first_release#1', 'awaiting_claim'], ['superior_report#1', 'awaiting_claim']]);
    expect(before.superseded.map((c) => c.id)).toEqual(['response#1']);
    const claimed = initialClocks(SEED_CITY_2026_2, basis({ claimedAt: T0 }), 'dept', t0);
    const after = rearmResponseClocks(claimed, SEED_CITY_2026_2, basis({ grade: 'major', claimedAt: T0 }), t0 + 2 * H);
    expect(after.added.map((c) => [c.id, c.status, c.dueAt])).toEqual([
      ['first_release#1', 'pending', '2026-11-20T01:30:00.000Z'],
      ['superior_report#1', 'pending', '2026-11-20T01:30:00.000Z'],
    ]);
    expect(dueItems(claimed, t0 + 2 * H).filter((i) => i.type === 'escalation').map((i) => i.clock.id)).toEqual(expect.arrayContaining(['first_release#1', 'superior_report#1']));
  });

  it('national cn-2016.2: a major case gets the 5 h release and the 24 h press conference from discovery at routing', () => {
    const clocks = initialClocks(NATIONAL_2016_2, basis({ grade: 'major' }), 'dept', t0);
    expect(clocks.map((c) => [c.id, c.status, Date.parse(c.dueAt!) - t0])).toEqual([
      ['claim#1', 'pending', 2 * H],
      ['first_release#1', 'pending', 5 * H],
      ['press_conference#1', 'pending', 24 * H],
    ]);
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
