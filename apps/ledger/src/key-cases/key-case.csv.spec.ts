import type { KeyCaseDto } from '@huiying/contracts';
import { keyCasesCsv, shanghaiMinute } from './key-case.csv';

const base: KeyCaseDto = {
  caseId: '7d0c0f5e-2f7e-4c3a-9a55-0c1f0e6d2b11', stage: 'closed', department: 'housing_urban_rural', jurisdiction: 'seed-city', category: 'housing',
  territory: '城关区', grade: 'significant', overdue: false, escalationLevel: 1, closedAt: '2026-11-25T04:00:00.000Z',
  keyCase: {
    status: 'resolved', reason: '持续发酵, "媒体"介入', markedBy: '研判员 陈某', markedAt: '2026-11-22T02:10:00.000Z',
    entries: [
      { number: 1, date: '2026-11-22', action: '入户回访', publicReaction: '讨论减少', recordedBy: '住建局 李四', recordedAt: '2026-11-22T02:20:00.000Z' },
      { number: 2, date: '2026-11-23', action: '=补装散热器', publicReaction: '无新增投诉\n个别转发', recordedBy: '住建局 李四', recordedAt: '2026-11-23T02:20:00.000Z' },
    ],
    resolutions: [{ number: 1, summary: '全部达标', recordedBy: '住建局 王科长', recordedAt: '2026-11-24T02:00:00.000Z', verification: { decision: 'confirmed', opinion: '已解决', verifiedBy: '督查室 李某', verifiedAt: '2026-11-24T08:30:00.000Z' } }],
  },
  accountabilityTalks: [],
};

describe('keyCasesCsv (重点舆情台账 as CSV)', () => {
  it('is UTF-8 text with a BOM, CRLF lines, Chinese headings with the JSON field, one row per follow-up entry', () => {
    const csv = keyCasesCsv([base, { ...base, caseId: '00000000-0000-4000-8000-000000000002', keyCase: { ...base.keyCase, status: 'open', entries: [], resolutions: [] }, closedAt: null }]);
    expect(csv.startsWith('\uFEFF案件编号(caseId),主办单位(department),')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    const header = lines[0]!.split(',');
    expect(header).toContain('跟踪日期(entries.date)');
    expect(header).toContain('核验人(resolution.verification.verifiedBy)');
    // quoted fields keep their commas, quotes and line breaks; formula-looking text is defused
    expect(csv).toContain('"持续发酵, ""媒体""介入"');
    expect(csv).toContain(`'=补装散热器`);
    expect(csv).toContain('"无新增投诉\n个别转发"');
    expect(csv).toContain('已解决(resolved),');
    expect(csv).toContain(',确认解决,督查室 李某,2026-11-24 16:30,1,0,2026-11-25 12:00');
    // two entries of the first case, one row for the case without entries
    const rows = csv.slice(1).split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain('跟踪中(open)');
  });

  it('writes instants as Asia/Shanghai wall time to the minute', () => {
    expect(shanghaiMinute('2026-11-30T17:00:00.000Z')).toBe('2026-12-01 01:00');
    expect(shanghaiMinute(null)).toBe('');
  });
});
