import { shanghaiMonth } from './monthly-figures';
import type { FoldableEvent } from '../cases/case-fold';
import { buildMonthlyStatistics, monthBounds, nearestRank, summarizeDurations, type CaseHistoryForStatistics } from './monthly-statistics.fold';
import { monthlyStatisticsCsv } from './monthly-statistics.csv';

let seq = 0;
const ev = (change: string, stage: string, at: string, detail: Record<string, unknown> = {}, department = 'housing', grade: string | null = 'general'): FoldableEvent => ({
  sequence: ++seq, change, stage, grade, department, occurredAt: new Date(at), detail,
});
const opinion = (caseNo: number, events: () => FoldableEvent[], jurisdiction = 'city-a'): CaseHistoryForStatistics => {
  seq = 0;
  return { caseId: `00000000-0000-4000-8000-00000000000${caseNo}`, kind: 'opinion', jurisdiction, events: events() };
};
const disclosure = (caseNo: number, events: () => FoldableEvent[]): CaseHistoryForStatistics => ({ ...opinion(caseNo, events), kind: 'disclosure' });

const LATER = new Date('2027-03-01T00:00:00Z');
const ALL = { jurisdiction: null, department: null };

function fixture(): CaseHistoryForStatistics[] {
  return [
    // housing: claimed on time after 30 min, responded on time 6 h after discovery, closed
    opinion(1, () => [
      ev('stage', 'collected', '2026-11-10T02:00:00Z', { channel: 'weibo', discoveredAt: '2026-11-10T01:00:00Z' }),
      ev('stage', 'routed', '2026-11-10T02:00:01Z', { category: 'housing' }),
      ev('stage', 'claimed', '2026-11-10T02:30:01Z', { clockId: 'claim#1', late: false }),
      ev('stage', 'responded', '2026-11-10T07:00:00Z', { publishedAt: '2026-11-10T07:00:00Z', met: [{ clockId: 'response#1', clock: 'response', late: false }] }),
      ev('stage', 'closed', '2026-11-12T02:00:00Z', { unmetClocks: [] }),
    ]),
    // housing: claimed late after 2 h, escalated, responded late 60 h after discovery; open and not overdue at the end
    opinion(2, () => [
      ev('stage', 'collected', '2026-11-20T02:00:00Z', { channel: 'portal', discoveredAt: '2026-11-20T02:00:00Z' }),
      ev('stage', 'routed', '2026-11-20T02:00:00Z', { category: 'housing' }),
      ev('stage', 'claimed', '2026-11-20T04:00:00Z', { clockId: 'claim#1', late: true }),
      ev('escalation', 'claimed', '2026-11-22T02:00:00Z', { clockId: 'response#1', level: 1 }),
      ev('response', 'claimed', '2026-11-22T14:00:00Z', { publishedAt: '2026-11-22T14:00:00Z', met: [{ clockId: 'response#1', clock: 'response', late: true }] }),
    ]),
    // education, major: collected at 2026-11-30T17:00Z = 2026-12-01 01:00 in Shanghai → December, not November
    opinion(3, () => [ev('stage', 'collected', '2026-11-30T17:00:00Z', { channel: 'weibo' }, 'education', 'major')]),
    // education: escalated in November, still overdue at the end of it
    opinion(4, () => [
      ev('stage', 'collected', '2026-10-30T02:00:00Z', { channel: 'hotline_12345' }, 'education'),
      ev('stage', 'routed', '2026-10-30T02:00:01Z', { category: 'education' }, 'education'),
      ev('escalation', 'routed', '2026-11-02T02:00:00Z', { clockId: 'claim#1', level: 2 }, 'education'),
    ]),
    // education: a disclosure application answered on time after an extension, with a fee
    disclosure(5, () => [
      ev('stage', 'received', '2026-11-03T01:00:00Z', { channel: 'online' }, 'education', null),
      ev('stage', 'registered', '2026-11-03T01:00:01Z', {}, 'education', null),
      ev('extension', 'registered', '2026-11-20T01:00:00Z', { change: 'extension' }, 'education', null),
      ev('stage', 'fee_notice', '2026-11-21T01:00:00Z', { amountYuan: 100 }, 'education', null),
      ev('stage', 'decided', '2026-11-22T01:00:00Z', { fee: 'paid' }, 'education', null),
      ev('stage', 'reply_issued', '2026-11-25T01:00:00Z', { due: '2026-12-29', late: false, replyType: 'disclosed', resultCode: 'disclosed' }, 'education', null),
    ]),
    // another jurisdiction: never in city-a's figures
    opinion(6, () => [ev('stage', 'collected', '2026-11-15T02:00:00Z', { channel: 'weibo' })], 'city-b'),
  ];
}

describe('monthly statistics', () => {
  it('months are Asia/Shanghai months, December rolling into the next year', () => {
    expect(monthBounds('2026-11')).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') });
    expect(monthBounds('2026-12')).toEqual({ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
  });

  it('median and p90 are nearest-rank: a value that occurred, the lower middle one for an even count', () => {
    expect(nearestRank([], 50)).toBeNull();
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([4, 1, 3, 2], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(summarizeDurations([3600, 60])).toEqual({ count: 2, medianSeconds: 60, p90Seconds: 3600 });
  });

  it('counts a jurisdiction\'s month exactly: received, closed, clocks, durations, open, overdue, escalations, disclosure steps', () => {
    const s = buildMonthlyStatistics('2026-11', fixture(), { jurisdiction: 'city-a', department: null }, LATER);
    expect(s).toMatchObject({ month: '2026-11', timeZone: 'Asia/Shanghai', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', asOf: '2026-11-30T16:00:00.000Z' });
    expect(s.opinion).toEqual({
      received: 2,
      receivedByChannel: { weibo: 1, portal: 1 },
      receivedByCategory: { housing: 2 },
      receivedByGrade: { general: 2 },
      closed: 1,
      clocks: {
        claim: { onTime: 1, late: 1, onTimeRate: 0.5 },
        first_release: { onTime: 0, late: 0, onTimeRate: null },
        press_conference: { onTime: 0, late: 0, onTimeRate: null },
        response: { onTime: 1, late: 1, onTimeRate: 0.5 },
      },
      allClocks: { onTime: 2, late: 2, onTimeRate: 0.5 },
      timeToClaim: { count: 2, medianSeconds: 1800, p90Seconds: 7200 },
      timeToRespond: { count: 2, medianSeconds: 6 * 3600, p90Seconds: 60 * 3600 },
      openAtMonthEnd: 2,
      overdueAtMonthEnd: 1,
      escalations: 2,
      escalationsByLevel: { 1: 1, 2: 1 },
    });
    expect(s.disclosure).toMatchObject({
      received: 1, receivedByChannel: { online: 1 }, closed: 1, clocks: { answer: { onTime: 1, late: 0, onTimeRate: 1 } },
      timeToRespond: { count: 1, medianSeconds: 22 * 86400, p90Seconds: 22 * 86400 }, openAtMonthEnd: 0,
      closedByResultCode: { disclosed: 1 }, closedByReplyType: { disclosed: 1 }, extensions: 1, consultations: 0, feeNotices: 1, feesNoticedYuan: 100, feesPaid: 1, feesWaived: 0, correctionRequests: 0,
    });
    expect(s.departments.map((d) => [d.department, d.opinion.received, d.opinion.overdueAtMonthEnd, d.disclosure.received])).toEqual([
      ['education', 0, 1, 1],
      ['housing', 2, 0, 0],
    ]);
  });

  it('a case counts in the month of its event in Shanghai: collected at 2026-11-30T17:00Z is December\'s', () => {
    const dec = buildMonthlyStatistics('2026-12', fixture(), { jurisdiction: 'city-a', department: 'education' }, LATER);
    expect(dec.opinion.receivedByGrade).toEqual({ major: 1 });
    expect(dec.departments).toHaveLength(1);
  });

  it('a department scope counts only that department; the month in progress reads open and overdue now', () => {
    const housing = buildMonthlyStatistics('2026-11', fixture(), { jurisdiction: null, department: 'housing' }, LATER);
    expect(housing.opinion.received).toBe(3); // both jurisdictions
    expect(housing.departments.map((d) => d.department)).toEqual(['housing']);
    const midMonth = buildMonthlyStatistics('2026-11', fixture(), ALL, new Date('2026-11-11T00:00:00Z'));
    expect(midMonth.asOf).toBe('2026-11-11T00:00:00.000Z');
    expect(midMonth.opinion.openAtMonthEnd).toBe(2); // case 1 (closed on the 12th) and case 4; case 2 not received yet
  });

  it('CSV: UTF-8 BOM, Chinese headings, a row per department and kind, totals last', () => {
    const csv = monthlyStatisticsCsv(buildMonthlyStatistics('2026-11', fixture(), { jurisdiction: 'city-a', department: null }, LATER));
    expect(csv.startsWith('\uFEFF月份(month),辖区(jurisdiction),主办单位(department),类型(kind),收案(received),来源渠道(receivedByChannel)')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(1 + 4 + 2 + 1);
    expect(lines[3]).toMatch(/^2026-11,city-a,housing,舆情\(opinion\),2,portal:1;weibo:1,housing:2,general:2,1,1,1,0,0,0,0,1,1,,,2,2,50\.0%,0\.50,2\.00,6\.00,60\.00,1,0,1,1:1,,,,,,$/);
    expect(lines[6]).toMatch(/^2026-11,city-a,合计\(total\),依申请公开\(disclosure\),1,online:1,unknown:1,ungraded:1,1,,,,,,,,,1,0,1,0,100\.0%,,,528\.00,528\.00,0,0,0,,disclosed:1,1,0,1,100,0$/);
  });
});

describe('the month of an instant for stored statistics (Asia/Shanghai)', () => {
  it('is the Shanghai month: 2026-11-30T16:00Z is December, a millisecond before is November', () => {
    expect(shanghaiMonth(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12');
    expect(shanghaiMonth(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11');
    expect(shanghaiMonth(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01');
  });
});
