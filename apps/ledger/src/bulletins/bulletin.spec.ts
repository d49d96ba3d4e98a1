import { inflateSync } from 'node:zlib';
import { parseReportingPeriod, type ReportingPeriod } from '@huiying/calendar';
import { chineseFontPath, DOCUMENT_FONT_FAMILY } from '@huiying/platform';
import type { FoldableEvent } from '../cases/case-fold';
import { buildMonthlyStatistics, type CaseHistoryForStatistics } from '../statistics/monthly-statistics.fold';
import { gradeChartData, onTimeChartData, renderBulletinCharts, volumeChartData } from './bulletin-charts';
import { buildBulletinDocument, lateness, periodName } from './bulletin-document';
import { buildBulletinFigures, rankDepartments } from './bulletin-figures';
import { renderBulletinHtml } from './bulletin.html';
import { renderBulletinPdf } from './bulletin.pdf';

let seq = 0;
const ev = (change: string, stage: string, at: string, detail: Record<string, unknown>, department: string, grade: string | null = 'general'): FoldableEvent => ({
  sequence: ++seq, change, stage, grade, department, occurredAt: new Date(at), detail,
});
const opinion = (n: number, events: () => FoldableEvent[], jurisdiction = 'city-a'): CaseHistoryForStatistics => {
  seq = 0;
  return { caseId: `00000000-0000-4000-8000-00000000000${n}`, kind: 'opinion', jurisdiction, events: events() };
};
const H = 'housing_urban_rural';
const E = 'education_bureau';
const M = 'market_regulation';
const period = (kind: ReportingPeriod['kind'], code: string) => parseReportingPeriod(kind, code) as ReportingPeriod;

function fixture(): CaseHistoryForStatistics[] {
  return [
    // 住建局, November: claimed and answered on time, closed
    opinion(1, () => [
      ev('stage', 'collected', '2026-11-10T02:00:00Z', { channel: 'weibo' }, H),
      ev('stage', 'routed', '2026-11-10T02:00:01Z', { category: 'housing' }, H),
      ev('stage', 'claimed', '2026-11-10T02:30:00Z', { clockId: 'claim#1', late: false }, H),
      ev('stage', 'responded', '2026-11-10T07:00:00Z', { met: [{ clockId: 'response#1', clock: 'response', late: false }] }, H),
      ev('stage', 'closed', '2026-11-12T02:00:00Z', { unmetClocks: [] }, H),
    ]),
    // 教育局, November, major: claimed late, the response escalated and met 30 h late
    opinion(2, () => [
      ev('stage', 'collected', '2026-11-20T02:00:00Z', { channel: 'portal' }, E, 'major'),
      ev('stage', 'routed', '2026-11-20T02:00:00Z', { category: 'education' }, E, 'major'),
      ev('stage', 'claimed', '2026-11-20T05:00:00Z', { clockId: 'claim#1', late: true }, E, 'major'),
      ev('escalation', 'claimed', '2026-11-22T05:00:00Z', { clockId: 'response#1', clock: 'response', level: 1, dueAt: '2026-11-22T05:00:00.000Z' }, E, 'major'),
      ev('response', 'claimed', '2026-11-23T11:00:00Z', { met: [{ clockId: 'response#1', clock: 'response', late: true }] }, E, 'major'),
      // a key case with a follow-up entry, and an accountability talk (约谈) with the department
      ev('key_case', 'claimed', '2026-11-23T12:00:00Z', { reason: '持续发酵', markedBy: '网信办' }, E, 'major'),
      ev('key_case_entry', 'claimed', '2026-11-24T03:00:00Z', { date: '2026-11-24', action: '召开家长座谈会，公布整改时间表', publicReaction: '讨论减少', recordedBy: '教育局' }, E, 'major'),
      ev('accountability_talk', 'claimed', '2026-11-25T02:00:00Z', { date: '2026-11-25', department: E, personRole: 'deputy_head_in_charge', heldBy: '市政府办公室', outcome: '限期整改，十日内报送整改情况', recordedBy: '督查室' }, E, 'major'),
    ]),
    // 市场监管局, October (previous month): escalated on the claim, still overdue at the end of November
    opinion(3, () => [
      ev('stage', 'collected', '2026-10-30T02:00:00Z', { channel: 'hotline_12345' }, M),
      ev('stage', 'routed', '2026-10-30T02:00:01Z', { category: 'prices', clocks: [{ id: 'claim#1', clock: 'claim', status: 'pending', dueAt: '2026-10-30T04:00:01.000Z' }] }, M),
      ev('escalation', 'routed', '2026-10-30T04:00:01Z', { clockId: 'claim#1', clock: 'claim', level: 1, dueAt: '2026-10-30T04:00:01.000Z' }, M),
      ev('escalation', 'routed', '2026-10-30T06:00:01Z', { clockId: 'claim#1', clock: 'claim', level: 2, dueAt: '2026-10-30T04:00:01.000Z' }, M),
      // a key case resolved and verified in October: no longer on November's ledger
      ev('key_case', 'routed', '2026-10-30T07:00:00Z', { reason: '价格投诉集中', markedBy: '网信办' }, M),
      ev('key_case_resolution', 'routed', '2026-10-30T08:00:00Z', { summary: '已查处', recordedBy: '市场监管局' }, M),
      ev('key_case_verification', 'routed', '2026-10-30T09:00:00Z', { decision: 'confirmed', opinion: '属实', verifiedBy: '督查室' }, M),
    ]),
    // another jurisdiction: never in city-a's bulletin
    opinion(4, () => [ev('stage', 'collected', '2026-11-15T02:00:00Z', { channel: 'weibo' }, H)], 'city-b'),
  ];
}

describe('bulletin figures (from the monthly statistics fold)', () => {
  it('ranks departments best on-time rate first, equal rates by name, those with nothing due last', () => {
    const row = (department: string, name: string, onTime: number, late: number) => ({
      department, name, onTime, late, onTimeRate: onTime + late ? onTime / (onTime + late) : null, received: 0, closed: 0, escalations: 0, openAtEnd: 0, overdueAtEnd: 0,
    });
    const ranked = rankDepartments([row('d', '信访局', 0, 0), row('a', '住建局', 1, 1), row('b', '教育局', 2, 0), row('c', '公安局', 1, 1), row('e', '发改委', 0, 0)]);
    expect(ranked.map((r) => [r.rank, r.name])).toEqual([[1, '教育局'], [2, '公安局'], [3, '住建局'], [null, '发改委'], [null, '信访局']]);
  });

  it('a monthly bulletin: totals, the previous month, ranking, named cases with how late, the channel window', () => {
    const f = buildBulletinFigures(period('monthly', '2026-11'), 'city-a', fixture());
    expect(f).toMatchObject({ kind: 'monthly', period: '2026-11', jurisdiction: 'city-a', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(f.keyCases).toEqual({
      cases: [{
        caseId: '00000000-0000-4000-8000-000000000002', department: E, category: 'education', markedAt: '2026-11-23T12:00:00.000Z', status: 'open',
        entriesInPeriod: 1, lastEntry: { date: '2026-11-24', action: '召开家长座谈会，公布整改时间表' },
      }],
      talks: [{ caseId: '00000000-0000-4000-8000-000000000002', date: '2026-11-25', department: E, personRole: 'deputy_head_in_charge', outcome: '限期整改，十日内报送整改情况' }],
    });
    // October's bulletin has the case resolved in October, not yet the November one
    expect(buildBulletinFigures(period('monthly', '2026-10'), 'city-a', fixture()).keyCases.cases.map((c) => [c.caseId.slice(-1), c.status])).toEqual([['3', 'resolved']]);
    expect(f.totals).toEqual({ received: 2, closed: 1, onTime: 2, late: 2, onTimeRate: 0.5, escalations: 1, openAtEnd: 2, overdueAtEnd: 1 });
    expect(f.previous).toEqual({ period: '2026-10', received: 1, closed: 0, onTime: 0, late: 0, onTimeRate: null, escalations: 2, openAtEnd: 1, overdueAtEnd: 1 });
    expect(f.trend).toEqual({ receivedChange: 1, receivedChangeRate: 1, onTimeRateChange: null });
    expect(f.departments.map((d) => [d.rank, d.name, d.onTime, d.late, d.overdueAtEnd])).toEqual([
      [1, '住建局', 2, 0, 0], [2, '教育局', 0, 2, 0], [null, '市场监管局', 0, 0, 1],
    ]);
    // the claim escalated in October and never met: late until the period's end; the response met 30 h late
    expect(f.namedCases.map((c) => [c.departmentName, c.clock, c.escalationLevel, c.metAt, c.lateSeconds])).toEqual([
      ['市场监管局', 'claim', 2, null, Date.parse('2026-11-30T16:00:00Z') / 1000 - Date.parse('2026-10-30T04:00:01Z') / 1000],
      ['教育局', 'response', 1, '2026-11-23T11:00:00.000Z', 30 * 3600],
    ]);
    expect(f.volumeByChannel.months).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(f.volumeByChannel.series).toEqual([
      { channel: 'hotline_12345', counts: [0, 0, 0, 0, 1, 0] }, { channel: 'portal', counts: [0, 0, 0, 0, 0, 1] }, { channel: 'weibo', counts: [0, 0, 0, 0, 0, 1] },
    ]);
    expect(f.gradesByDepartment).toEqual({
      departments: [H, E, M], series: [{ grade: 'general', counts: [1, 0, 0] }, { grade: 'major', counts: [0, 1, 0] }],
    });
  });

  it('a quarter sums its three months as the monthly fold counts them; open and overdue are those at its end', () => {
    const f = buildBulletinFigures(period('quarterly', '2026-Q4'), 'city-a', fixture());
    const months = ['2026-10', '2026-11', '2026-12'].map((m) => buildMonthlyStatistics(m, fixture(), { jurisdiction: 'city-a', department: null }, new Date('2026-12-31T16:00:00Z')));
    expect(f.totals.received).toBe(months.reduce((n, m) => n + m.opinion.received + m.disclosure.received, 0));
    expect(f.totals.escalations).toBe(3);
    expect(f.totals.overdueAtEnd).toBe(months[2]?.opinion.overdueAtMonthEnd);
    expect(f.previous.period).toBe('2026-Q3');
    expect(f.namedCases).toHaveLength(2);
  });

  it('the same histories give the same figures, whatever arrives after the period', () => {
    const later = [...fixture(), opinion(5, () => [ev('stage', 'collected', '2026-12-02T02:00:00Z', { channel: 'weibo' }, H)])];
    expect(buildBulletinFigures(period('monthly', '2026-11'), 'city-a', later)).toEqual(buildBulletinFigures(period('monthly', '2026-11'), 'city-a', fixture()));
  });
});

/** The decompressed content streams of a PDF (pdfkit writes them FlateDecode). */
function pageStreams(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  for (let at = raw.indexOf('stream\n'); at >= 0; at = raw.indexOf('stream\n', at + 1)) {
    const end = raw.indexOf('\nendstream', at);
    try {
      out.push(inflateSync(pdf.subarray(at + 7, end)).toString('latin1'));
    } catch {
      // not a deflated stream (the font program)
    }
  }
  return out.join('\n');
}

describe('bulletin charts and document', () => {
  const figures = buildBulletinFigures(period('monthly', '2026-11'), 'city-a', fixture());
  const charts = renderBulletinCharts(figures);
  const doc = buildBulletinDocument(figures, charts, '2026-12-01T00:00:00.000Z');

  it('chart data comes from the figures: rates in percent for ranked departments, channels and grades in Chinese', () => {
    expect(onTimeChartData(figures)).toEqual({ title: '各单位按时办理率（%）', categories: ['住建局', '教育局'], values: [100, 0] });
    expect(volumeChartData(figures).months).toEqual(['2026年6月', '2026年7月', '2026年8月', '2026年9月', '2026年10月', '2026年11月']);
    expect(volumeChartData(figures).series.map((s) => s.name)).toEqual(['12345热线', '政府网站', '微博']);
    expect(gradeChartData(figures)).toEqual({ title: '各单位收案分级（舆情）', categories: ['住建局', '教育局', '市场监管局'], series: [{ name: '一般', values: [1, 0, 0] }, { name: '重大', values: [0, 1, 0] }] });
  });

  it('the SVG charts name the departments and are set in the font family the PDF embeds', () => {
    expect(charts.onTimeByDepartment.startsWith('<svg')).toBe(true);
    expect(charts.onTimeByDepartment).toContain('住建局');
    expect(charts.onTimeByDepartment).toContain('教育局');
    expect(charts.gradesByDepartment).toContain('市场监管局');
    expect(charts.volumeByChannel).toContain('12345热线');
    expect(charts.onTimeByDepartment).toContain(DOCUMENT_FONT_FAMILY);
  });

  it('the HTML has every section, the inline charts, the named cases, the key-case ledger and the accountability talks', () => {
    const html = renderBulletinHtml(doc);
    expect(doc.title).toBe('2026年11月政务舆情回应和依申请公开办理情况月报');
    for (const id of ['overview', 'trend', 'ranking', 'grades', 'named-cases', 'key-cases', 'accountability-talks']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('<td>跟踪处置中</td>');
    expect(html).toContain('<td>分管负责人</td>');
    expect(html).toContain('限期整改，十日内报送整改情况');
    expect(html).not.toContain('市政府办公室'); // who held the talk is not printed: department, role and outcome are
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).toContain('<td>住建局</td>');
    expect(html).toContain('<td>1天6小时</td>'); // the response 30 h late
    expect(html).toContain('期末未办结');
    expect(periodName('quarterly', '2026-Q4')).toBe('2026年第四季度');
    expect(lateness(59)).toBe('0分');
  });

  it('the PDF is a PDF with the Chinese font embedded and the charts as vector paths, the same bytes each time', async () => {
    const a = await renderBulletinPdf(doc, chineseFontPath(), new Date('2026-12-01T00:00:00Z'));
    const b = await renderBulletinPdf(doc, chineseFontPath(), new Date('2026-12-01T00:00:00Z'));
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = a.toString('latin1');
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text).toContain('/FontFile3');
    expect(b.equals(a)).toBe(true);
    // the page content: the bars are filled paths (x y w h re … f), the line chart strokes line segments (x y l … S)
    const content = pageStreams(a);
    expect(content.match(/[\d.]+ [\d.]+ [\d.]+ [\d.]+ re/g)?.length).toBeGreaterThan(10);
    expect(content.match(/[\d.]+ [\d.]+ l/g)?.length).toBeGreaterThan(20);
    expect(a.length).toBeLessThan(1_000_000);
  });
});
