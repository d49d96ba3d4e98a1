import type { FoldableEvent } from '../cases/case-fold';
import { buildDailyLog, csvField, dailyLogCsv, dayBounds } from './daily-log.aggregate';

let seq = 0;
const ev = (change: string, stage: string, at: string, detail: Record<string, unknown> = {}, extra: Partial<FoldableEvent> = {}): FoldableEvent => ({
  sequence: ++seq, change, stage, grade: 'general', department: 'housing', occurredAt: new Date(at), detail, ...extra,
});

function fixture() {
  seq = 0;
  // A: collected 2026-11-20 09:00 (+08), weibo, housing, responded late the same day
  const a = [
    ev('stage', 'collected', '2026-11-20T01:00:00Z', { channel: 'weibo', discoveredAt: '2026-11-20T09:00:00+08:00' }),
    ev('stage', 'routed', '2026-11-20T01:00:01Z', { category: 'housing', territory: '城关区/东风街道' }),
    ev('report_grouped', 'routed', '2026-11-20T03:00:00Z', { channel: 'hotline_12345', groupSize: 2 }),
    ev('stage', 'responded', '2026-11-20T08:00:00Z', { form: 'clarification_rebuttal', channel: 'portal', late: true, met: [] }),
  ];
  seq = 0;
  // B: collected the day before, escalated on the day and still overdue at its end; a major case at the public security bureau
  const b = [
    ev('stage', 'collected', '2026-11-19T02:00:00Z', { channel: 'hotline_12345', discoveredAt: '2026-11-19T10:00:00+08:00' }, { department: 'public_security', grade: 'major' }),
    ev('stage', 'routed', '2026-11-19T02:00:01Z', { category: 'social_stability' }, { department: 'public_security', grade: 'major' }),
    ev('escalation', 'routed', '2026-11-20T02:00:00Z', { clockId: 'claim#1', level: 1, department: 'public_security' }, { department: 'public_security', grade: 'major' }),
  ];
  seq = 0;
  // C: collected 2026-11-20 23:30 (+08) — still the 20th in Shanghai although it is the 20th 15:30 UTC; closed the next day
  const c = [
    ev('stage', 'collected', '2026-11-20T15:30:00Z', { channel: 'wechat', discoveredAt: '2026-11-20T23:30:00+08:00' }),
    ev('stage', 'closed', '2026-11-21T01:00:00Z', { resolution: 'x' }),
  ];
  seq = 0;
  // D: nothing on the day, not overdue: not in the log
  const d = [ev('stage', 'collected', '2026-11-18T02:00:00Z', { channel: 'portal' })];
  return [
    { caseId: 'aaaaaaaa-0000-0000-0000-000000000001', events: a },
    { caseId: 'bbbbbbbb-0000-0000-0000-000000000002', events: b },
    { caseId: 'cccccccc-0000-0000-0000-000000000003', events: c },
    { caseId: 'dddddddd-0000-0000-0000-000000000004', events: d },
  ];
}

describe('daily log', () => {
  it('days are Asia/Shanghai days', () => {
    expect(dayBounds('2026-11-20')).toEqual({ from: new Date('2026-11-19T16:00:00Z'), to: new Date('2026-11-20T16:00:00Z') });
  });

  it('counts the cases collected that day by channel, category, department and grade; responses, escalations, overdue at the end of the day', () => {
    const log = buildDailyLog('2026-11-20', fixture());
    expect(log.entries.map((e) => e.caseId.slice(0, 1))).toEqual(['b', 'a', 'c']);
    expect(log.summary).toEqual({
      collected: 2,
      collectedByChannel: { weibo: 1, wechat: 1 },
      collectedByCategory: { housing: 1, unknown: 1 },
      collectedByDepartment: { housing: 2 },
      collectedByGrade: { general: 2 },
      groupedReports: 1,
      responses: 1,
      responsesByForm: { clarification_rebuttal: 1 },
      lateResponses: 1,
      followUps: 0,
      reminders: 0,
      escalations: 1,
      escalationsByDepartment: { public_security: 1 },
      overdueAtEndOfDay: 1,
      closed: 0,
    });
    const c = log.entries.find((e) => e.caseId.startsWith('c'));
    expect(c).toMatchObject({ collected: true, stage: 'collected', closed: false }); // closed only the next day
    expect(log.entries.find((e) => e.caseId.startsWith('b'))).toMatchObject({ collected: false, overdue: true, escalationLevel: 1, grade: 'major', department: 'public_security' });
  });

  it('the next day reads the closure and the overdue case again; yesterday still reads the same', () => {
    const next = buildDailyLog('2026-11-21', fixture());
    expect(next.summary).toMatchObject({ collected: 0, closed: 1, overdueAtEndOfDay: 1 });
    expect(buildDailyLog('2026-11-20', fixture()).summary.closed).toBe(0);
  });

  it('CSV: UTF-8 BOM, Chinese headings, CRLF, one row per case and a totals row; fields quoted and spreadsheet formulas defused', () => {
    const csv = dailyLogCsv(buildDailyLog('2026-11-20', fixture()));
    expect(csv.startsWith('\uFEFF日期(date),案件编号(caseId),发现时间(discoveredAt),来源渠道(channel)')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(1 + 3 + 1 + 1); // header, 3 cases, totals, trailing empty
    expect(lines[2]).toContain('2026-11-20,aaaaaaaa-0000-0000-0000-000000000001,2026-11-20T01:00:00.000Z,weibo,housing,城关区/东风街道,housing,general,responded,1,1,1,clarification_rebuttal,portal,1,0,0,0,0,0,0');
    expect(lines[4]).toBe('2026-11-20,合计(total),,,,,,,,2,1,1,,,1,0,0,1,,1,0');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-1)).toBe('-1');
  });
});
