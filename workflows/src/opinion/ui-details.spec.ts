import { SEED_CITY_OPINION_POLICY } from '@huiying/policy';
import type { OpinionCaseState } from '@huiying/contracts/workflow';
import { initialClocks, timedItems } from './clocks';
import { clockName, escalationLevel, opinionCurrentDetails, opinionTimerSummary } from './ui-details';
import { cstMinute, minutesText, oneLine } from '../shared/ui-text';

const T0 = '2026-11-20T00:30:00.000Z'; // 08:30 in Shanghai
const t0 = Date.parse(T0);

function caseState(over: Partial<OpinionCaseState> = {}): OpinionCaseState {
  return {
    caseId: 'c1', stage: 'routed', department: 'market_regulation', ccDepartments: [], coHandlers: [], grade: 'general',
    claimedBy: null, claimedAt: null, discovery: { discoveredAt: T0, source: 'receipt', receivedAt: T0 }, history: [],
    policy: { jurisdiction: 'seed-city', version: SEED_CITY_OPINION_POLICY.version, effectiveFrom: SEED_CITY_OPINION_POLICY.effectiveFrom, resolvedBy: 'in_force', carried: true },
    flags: {}, riskLevel: null, needsResponse: null, assessments: [], requiresConsultation: false, consultations: [], approvals: [],
    verification: null, responses: [], superiorReports: [], followUps: [],
    clocks: initialClocks(SEED_CITY_OPINION_POLICY, { grade: 'general', flags: {}, discoveredAt: T0, routedAt: T0, needsResponse: null }, 'market_regulation', t0),
    overdue: false, transfers: [], groupedReports: { count: 1, recent: [] }, calendarUpdates: [], closure: null, evaluation: null,
    ...over,
  } as OpinionCaseState;
}

describe('Temporal UI text', () => {
  it('shows instants in China Standard Time and durations as the rules state them', () => {
    expect(cstMinute(T0)).toBe('2026-11-20 08:30');
    expect(cstMinute('2026-11-30T17:00:00Z')).toBe('2026-12-01 01:00');
    expect(minutesText(60)).toBe('1 h');
    expect(minutesText(48 * 60)).toBe('48 h');
    expect(minutesText(90)).toBe('1 h 30 min');
    expect(minutesText(30)).toBe('30 min');
    expect(oneLine('a\n  b', 60)).toBe('a b');
    expect(oneLine('x'.repeat(80), 10)).toHaveLength(10);
  });

  it('current details name the stage, grade, department and the next clock with its due time; not overdue', () => {
    const state = caseState();
    const running = state.clocks.filter((c) => c.dueAt !== null).sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!));
    const first = running[0]!;
    const text = opinionCurrentDetails(state);
    expect(text).toContain('**Stage** routed');
    expect(text).toContain('**Grade** general');
    expect(text).toContain('**Department** market_regulation');
    expect(text).toContain(`due ${cstMinute(first.dueAt!)} (UTC+8)`);
    expect(text).toContain('**Overdue** no');
    expect(text).not.toContain('Escalation');
  });

  it('an escalated clock shows as overdue with its level; a closed case has no next clock', () => {
    const state = caseState();
    const c = state.clocks.find((x) => x.escalations.length > 0)!;
    c.status = 'escalated';
    c.escalations[0]!.firedAt = c.escalations[0]!.at;
    const text = opinionCurrentDetails(state);
    expect(text).toMatch(/\*\*Overdue\*\* .+ was due /);
    expect(text).toContain(`**Escalation (督办) level** ${c.escalations[0]!.level}`);
    expect(escalationLevel(state.clocks)).toBe(c.escalations[0]!.level);
    const closed = opinionCurrentDetails(caseState({ stage: 'closed', closure: { resolution: 'done', closedBy: 'x', at: T0 } }));
    expect(closed).toContain('**Next clock** none (closed)');
  });

  it('a timer says what it waits for: reminder or escalation, which clock, due when', () => {
    const items = timedItems(caseState().clocks);
    const reminder = items.find((i) => i.type === 'reminder');
    const escalation = items.find((i) => i.type === 'escalation')!;
    if (reminder) expect(opinionTimerSummary(reminder)).toMatch(/^reminder: \S+/);
    const e = escalation.clock.escalations[escalation.index]!;
    expect(opinionTimerSummary(escalation)).toBe(`escalation ${e.level} → ${e.to}: ${clockName(escalation.clock)} due ${cstMinute(escalation.clock.dueAt!)}`);
    expect(clockName({ clock: 'response', withinMinutes: 48 * 60 })).toBe('response 回应 (48 h)');
  });
});
