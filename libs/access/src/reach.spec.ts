import { NO_JURISDICTION, type CaseFacts } from './access.types';
import { canReach, reachesEverything, reachFilter } from './reach';

const facts: CaseFacts = { department: 'housing-bureau', coDepartments: ['urban-mgmt'], ccDepartments: ['district-office'], jurisdiction: 'seed-city' };
const dept = (d: string) => ({ kind: 'department' as const, department: d, jurisdiction: '*' });

describe('reach (属地管理, 谁主管谁负责)', () => {
  it('a department reads and acts on the cases it leads or co-handles', () => {
    for (const mode of ['read', 'act'] as const) {
      expect(canReach(dept('housing-bureau'), facts, mode)).toBe(true);
      expect(canReach(dept('urban-mgmt'), facts, mode)).toBe(true);
    }
  });

  it('a department copied on a case (抄送) reads it but does not act on it', () => {
    expect(canReach(dept('district-office'), facts, 'read')).toBe(true);
    expect(canReach(dept('district-office'), facts, 'act')).toBe(false);
  });

  it("another department neither reads nor acts, whatever its system's jurisdiction", () => {
    expect(canReach(dept('education-bureau'), facts, 'read')).toBe(false);
    expect(canReach(dept('education-bureau'), facts, 'act')).toBe(false);
    expect(canReach({ kind: 'department', department: null, jurisdiction: '*' }, facts, 'read')).toBe(false);
    expect(reachesEverything(dept('housing-bureau'))).toBe(false);
  });

  it('a supervisor or system reaches every case of its jurisdiction, or all with *', () => {
    expect(canReach({ kind: 'supervisor', department: null, jurisdiction: 'seed-city' }, facts, 'read')).toBe(true);
    expect(canReach({ kind: 'supervisor', department: null, jurisdiction: 'other-city' }, facts, 'read')).toBe(false);
    expect(canReach({ kind: 'system', department: null, jurisdiction: 'seed-city' }, { ...facts, jurisdiction: null }, 'act')).toBe(false);
    expect(canReach({ kind: 'system', department: null, jurisdiction: '*' }, { ...facts, jurisdiction: null }, 'act')).toBe(true);
    expect(reachesEverything({ kind: 'supervisor', jurisdiction: '*' })).toBe(true);
  });

  it('a supervisor or system created without a jurisdiction reaches no case: reach is granted explicitly', () => {
    for (const kind of ['supervisor', 'system'] as const) {
      const none = { kind, department: null, jurisdiction: NO_JURISDICTION };
      expect(canReach(none, facts, 'read')).toBe(false);
      expect(canReach(none, { ...facts, jurisdiction: null }, 'read')).toBe(false);
      expect(canReach(none, { ...facts, jurisdiction: '' }, 'act')).toBe(false);
      expect(reachesEverything(none)).toBe(false);
    }
  });

  it('lists are filtered by department, by jurisdiction, or not at all', () => {
    expect(reachFilter(dept('housing-bureau'))).toEqual({ department: 'housing-bureau' });
    expect(reachFilter({ kind: 'supervisor', department: null, jurisdiction: 'seed-city' })).toEqual({ jurisdiction: 'seed-city' });
    expect(reachFilter({ kind: 'system', department: null, jurisdiction: '*' })).toEqual({ all: true });
  });
});
