import { AccessException } from '@huiying/access';
import { statisticsScope } from './statistics-scope';

const department = { kind: 'department' as const, department: 'housing', jurisdiction: '*', systemId: 'dept-housing' };
const supervisor = { kind: 'supervisor' as const, department: null, jurisdiction: 'seed-city', systemId: 'gov-office' };
const everywhere = { kind: 'system' as const, department: null, jurisdiction: '*', systemId: 'portal' };

describe('statistics scope (reach)', () => {
  it('a department reads its own figures, by default and when it names itself; another department is refused (403)', () => {
    expect(statisticsScope(department, {})).toEqual({ jurisdiction: null, department: 'housing' });
    expect(statisticsScope(department, { department: 'housing', jurisdiction: 'seed-city' })).toEqual({ jurisdiction: 'seed-city', department: 'housing' });
    const other = () => statisticsScope(department, { department: 'education' });
    expect(other).toThrow(AccessException);
    let status = 0;
    try {
      other();
    } catch (e) {
      status = (e as AccessException).getStatus();
    }
    expect(status).toBe(403);
  });

  it('a supervisor reads its jurisdiction, any department in it; another jurisdiction is refused', () => {
    expect(statisticsScope(supervisor, {})).toEqual({ jurisdiction: 'seed-city', department: null });
    expect(statisticsScope(supervisor, { department: 'education' })).toEqual({ jurisdiction: 'seed-city', department: 'education' });
    expect(() => statisticsScope(supervisor, { jurisdiction: 'another-city' })).toThrow(/only the statistics of jurisdiction seed-city/);
  });

  it('a caller reaching every jurisdiction reads all of them, or the one it names', () => {
    expect(statisticsScope(everywhere, {})).toEqual({ jurisdiction: null, department: null });
    expect(statisticsScope(everywhere, { jurisdiction: 'another-city' })).toEqual({ jurisdiction: 'another-city', department: null });
  });
});
