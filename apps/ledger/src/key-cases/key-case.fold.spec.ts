import type { FoldableEvent } from '../cases/case-fold';
import { foldKeyCase } from './key-case.fold';

const T = Date.parse('2026-11-22T02:00:00.000Z');
let seq = 0;
const ev = (change: string, detail: Record<string, unknown>, minutes = seq * 10): FoldableEvent => ({
  sequence: ++seq, change, stage: 'follow_up', grade: 'significant', department: 'housing_urban_rural', occurredAt: new Date(T + minutes * 60_000), detail,
});

describe('foldKeyCase (重点舆情台账 from the case events)', () => {
  beforeEach(() => {
    seq = 0;
  });

  it('is null for a case never marked, and counts its accountability talks anyway', () => {
    const f = foldKeyCase([
      ev('stage', { channel: 'weibo' }),
      ev('escalation', { level: 1 }),
      ev('accountability_talk', { date: '2026-11-24', department: 'housing_urban_rural', personRole: 'principal_head', heldBy: '市政府办公室', outcome: '限期整改', recordedBy: '督查室 李某', recordedAt: '2026-11-24T03:00:00.000Z' }),
    ]);
    expect(f.keyCase).toBeNull();
    expect(f.accountabilityTalks).toEqual([
      { date: '2026-11-24', department: 'housing_urban_rural', personRole: 'principal_head', heldBy: '市政府办公室', outcome: '限期整改', recordedBy: '督查室 李某', recordedAt: '2026-11-24T03:00:00.000Z' },
    ]);
  });

  it('folds mark, entries, a returned and a confirmed resolution in sequence order, whatever order the events arrived in', () => {
    const events = [
      ev('key_case', { reason: '持续发酵', markedBy: '研判员 陈某', markedAt: '2026-11-22T02:10:00.000Z' }),
      ev('key_case_entry', { date: '2026-11-22', action: '入户回访', publicReaction: '讨论减少', recordedBy: '住建局 李四', recordedAt: '2026-11-22T02:20:00.000Z' }),
      ev('key_case_resolution', { summary: '管网改造完成', recordedBy: '住建局 王科长' }),
      ev('key_case_verification', { decision: 'returned', opinion: '仍有 3 户不达标', verifiedBy: '督查室 李某', verifiedAt: '2026-11-22T02:45:00.000Z' }),
      ev('key_case_entry', { date: '2026-11-23', action: '补装散热器', publicReaction: '无新增投诉', recordedBy: '住建局 李四' }),
      ev('key_case_resolution', { summary: '全部达标', recordedBy: '住建局 王科长' }),
    ];
    const open = foldKeyCase([...events].reverse());
    expect(open.keyCase).toMatchObject({ status: 'resolution_recorded', reason: '持续发酵', markedBy: '研判员 陈某', markedAt: '2026-11-22T02:10:00.000Z' });
    expect(open.keyCase?.entries.map((e) => [e.number, e.date, e.action])).toEqual([[1, '2026-11-22', '入户回访'], [2, '2026-11-23', '补装散热器']]);
    // an event without its own instant is dated by the event
    expect(open.keyCase?.resolutions[0]).toMatchObject({ number: 1, recordedAt: '2026-11-22T02:20:00.000Z', verification: { decision: 'returned', verifiedBy: '督查室 李某' } });
    expect(open.keyCase?.resolutions[1]?.verification).toBeNull();

    const resolved = foldKeyCase([...events, ev('key_case_verification', { decision: 'confirmed', opinion: '已完全解决', verifiedBy: '督查室 李某' })]);
    expect(resolved.keyCase?.status).toBe('resolved');
    expect(resolved.keyCase?.resolutions.map((r) => r.verification?.decision)).toEqual(['returned', 'confirmed']);
  });

  it('is open while no resolution is recorded, and ignores entries of a case never marked', () => {
    expect(foldKeyCase([ev('key_case_entry', { date: '2026-11-22', action: 'x', publicReaction: 'y', recordedBy: 'z' })]).keyCase).toBeNull();
    expect(foldKeyCase([ev('key_case', { reason: 'r', markedBy: 'm' })]).keyCase).toMatchObject({ status: 'open', entries: [], resolutions: [] });
  });
});
