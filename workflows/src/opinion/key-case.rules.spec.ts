import type { CaseHistoryEntry, KeyCaseRecord, OpinionCaseState } from '@huiying/contracts/workflow';
import {
  checkAccountabilityTalk,
  checkClose,
  checkKeyCaseEntry,
  checkKeyCaseResolution,
  checkMarkKeyCase,
  checkVerifyResolution,
  InvalidAction,
  keyCaseCloseRefusal,
  RejectedAction,
} from './rules';

const DISCOVERED = '2026-11-20T00:30:00.000Z'; // 08:30 in Shanghai
const NOW = Date.parse('2026-11-25T02:00:00.000Z'); // 2026-11-25 10:00 in Shanghai

function caseAt(over: Partial<OpinionCaseState> = {}): OpinionCaseState {
  return {
    caseId: 'c1', stage: 'follow_up', department: 'housing_urban_rural', ccDepartments: [], coHandlers: [], grade: 'significant',
    claimedBy: 'staff-1', claimedAt: DISCOVERED, discovery: { discoveredAt: DISCOVERED, source: 'channel', receivedAt: DISCOVERED }, history: [],
    policy: { jurisdiction: 'seed-city', version: 'v', effectiveFrom: '2026-01-01', resolvedBy: 'in_force', carried: true }, flags: {},
    riskLevel: 'medium', needsResponse: true, assessments: [], requiresConsultation: false, consultations: [], approvals: [], verification: null,
    responses: [], superiorReports: [], followUps: [], clocks: [], overdue: false, transfers: [], groupedReports: { count: 1, recent: [] },
    calendarUpdates: [], closure: null, evaluation: null, keyCase: null, accountabilityTalks: [], ...over,
  };
}
const keyCase = (over: Partial<KeyCaseRecord> = {}): KeyCaseRecord => ({
  reason: '涉及群众切身利益，持续发酵', markedBy: '网信办 研判员 陈某', markedAt: DISCOVERED, status: 'open', entries: [], resolutions: [], ...over,
});
const recorded = { summary: '供暖管网已改造，室温达标', recordedBy: '住建局 王科长', recordedAt: '2026-11-24T02:00:00.000Z' };
const close = { resolution: '已解决', closedBy: '住建局 王科长' };
const refusal = (f: () => void): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a refusal');
};
const escalation: CaseHistoryEntry = { sequence: 7, change: 'escalation', stage: 'routed', at: DISCOVERED, detail: { level: 1 } };

describe('close of a key case (重点舆情: on the ledger until fully resolved)', () => {
  it('closes an ordinary case after the response as before', () => {
    expect(() => checkClose(caseAt(), close)).not.toThrow();
  });

  it('refuses to close a key case without a resolution, saying what is missing', () => {
    const e = refusal(() => checkClose(caseAt({ keyCase: keyCase() }), close));
    expect(e).toBeInstanceOf(RejectedAction);
    expect(e).not.toBeInstanceOf(InvalidAction);
    expect(e.message).toMatch(/key case .*no resolution is recorded yet.*verify/);
  });

  it('refuses while the recorded resolution is not verified, and after it was returned', () => {
    const waiting = keyCase({ status: 'resolution_recorded', resolutions: [{ ...recorded, verification: null }] });
    expect(refusal(() => checkClose(caseAt({ keyCase: waiting }), close)).message).toMatch(/awaits a supervisor's verification/);
    const returned = keyCase({
      status: 'open',
      resolutions: [{ ...recorded, verification: { decision: 'returned', opinion: '回访仍有投诉', verifiedBy: '督查室 李某', at: NOW.toString() } }],
    });
    expect(refusal(() => checkClose(caseAt({ keyCase: returned }), close)).message).toMatch(/returned by 督查室 李某/);
  });

  it('closes once a supervisor confirmed the resolution', () => {
    const resolved = keyCase({
      status: 'resolved',
      resolutions: [{ ...recorded, verification: { decision: 'confirmed', opinion: '经核实已解决', verifiedBy: '督查室 李某', at: '2026-11-25T01:00:00.000Z' } }],
    });
    expect(keyCaseCloseRefusal({ keyCase: resolved })).toBeNull();
    expect(() => checkClose(caseAt({ keyCase: resolved }), close)).not.toThrow();
  });
});

describe('key-case actions', () => {
  it('marks a case once, with a reason, not after it ended', () => {
    expect(() => checkMarkKeyCase(caseAt(), { reason: '持续发酵', markedBy: '研判员 陈某' })).not.toThrow();
    expect(refusal(() => checkMarkKeyCase(caseAt(), { reason: ' ', markedBy: '研判员 陈某' }))).toBeInstanceOf(InvalidAction);
    expect(refusal(() => checkMarkKeyCase(caseAt({ keyCase: keyCase() }), { reason: 'x', markedBy: 'y' })).message).toMatch(/already a key case/);
    expect(refusal(() => checkMarkKeyCase(caseAt({ stage: 'closed' }), { reason: 'x', markedBy: 'y' })).message).toMatch(/closed/);
  });

  it('takes follow-up entries of a key case dated between discovery and today (Asia/Shanghai)', () => {
    const entry = { date: '2026-11-25', action: '入户回访 12 户', publicReaction: '网上讨论明显减少', recordedBy: '住建局 李四' };
    expect(() => checkKeyCaseEntry(caseAt({ keyCase: keyCase() }), entry, NOW, DISCOVERED)).not.toThrow();
    expect(refusal(() => checkKeyCaseEntry(caseAt(), entry, NOW, DISCOVERED)).message).toMatch(/not a key case/);
    expect(refusal(() => checkKeyCaseEntry(caseAt({ keyCase: keyCase() }), { ...entry, date: '2026-11-26' }, NOW, DISCOVERED)).message).toMatch(/future/);
    expect(refusal(() => checkKeyCaseEntry(caseAt({ keyCase: keyCase() }), { ...entry, date: '2026-11-19' }, NOW, DISCOVERED)).message).toMatch(/before the matter was discovered/);
    expect(refusal(() => checkKeyCaseEntry(caseAt({ keyCase: keyCase() }), { ...entry, date: '25/11/2026' }, NOW, DISCOVERED))).toBeInstanceOf(InvalidAction);
    expect(refusal(() => checkKeyCaseEntry(caseAt({ keyCase: keyCase({ status: 'resolved' }) }), entry, NOW, DISCOVERED)).message).toMatch(/fully resolved/);
  });

  it('records one resolution at a time', () => {
    expect(() => checkKeyCaseResolution(caseAt({ keyCase: keyCase() }), recorded)).not.toThrow();
    const waiting = keyCase({ status: 'resolution_recorded', resolutions: [{ ...recorded, verification: null }] });
    expect(refusal(() => checkKeyCaseResolution(caseAt({ keyCase: waiting }), recorded)).message).toMatch(/awaits verification/);
  });

  it('has the resolution verified by a different person from the one who recorded it', () => {
    const waiting = caseAt({ keyCase: keyCase({ status: 'resolution_recorded', resolutions: [{ ...recorded, verification: null }] }) });
    expect(() => checkVerifyResolution(waiting, { decision: 'confirmed', opinion: '经核实已解决', verifiedBy: '督查室 李某' })).not.toThrow();
    const same = refusal(() => checkVerifyResolution(waiting, { decision: 'confirmed', opinion: '已解决', verifiedBy: ' 住建局王科长 ' }));
    expect(same).toBeInstanceOf(InvalidAction);
    expect(same.message).toMatch(/different person .*住建局 王科长/);
    expect(refusal(() => checkVerifyResolution(caseAt({ keyCase: keyCase() }), { decision: 'confirmed', opinion: 'x', verifiedBy: 'y' })).message).toMatch(/no resolution awaits/);
    expect(refusal(() => checkVerifyResolution(waiting, { decision: 'maybe' as never, opinion: 'x', verifiedBy: 'y' }))).toBeInstanceOf(InvalidAction);
  });
});

describe('accountability talks (约谈)', () => {
  const talk = {
    date: '2026-11-24', department: 'housing_urban_rural', personRole: 'deputy_head_in_charge' as const, heldBy: '市政府办公室',
    outcome: '责令三日内完成整改并书面报告', recordedBy: '督查室 李某',
  };

  it('are recorded only on a case that was escalated (督办)', () => {
    expect(refusal(() => checkAccountabilityTalk(caseAt(), talk, NOW, DISCOVERED)).message).toMatch(/only on a case that was escalated/);
    expect(() => checkAccountabilityTalk(caseAt({ history: [escalation] }), talk, NOW, DISCOVERED)).not.toThrow();
  });

  it('name the person by role, never by name', () => {
    const e = refusal(() => checkAccountabilityTalk(caseAt({ history: [escalation] }), { ...talk, personRole: '王局长' as never }, NOW, DISCOVERED));
    expect(e).toBeInstanceOf(InvalidAction);
    expect(e.message).toMatch(/personRole must be one of principal_head/);
  });
});
