import { chineseFontPath } from '@huiying/platform';
import type { FoldableEvent } from '../cases/case-fold';
import { buildSpecialReport, type ReportCase } from './special-report.content';
import { renderSpecialReportHtml, renderSpecialReportPdf } from './special-report.render';

const CASE = '7d0c0f5e-2f7e-4c3a-9a55-0c1f0e6d2b11';
const T0 = Date.parse('2026-11-20T00:30:00.000Z'); // 08:30 Shanghai
const min = (m: number) => new Date(T0 + m * 60_000);
let seq = 0;
const ev = (m: number, change: string, stage: string, detail: Record<string, unknown>): FoldableEvent => ({
  sequence: ++seq, change, stage, grade: 'significant', department: 'housing_urban_rural', occurredAt: min(m), detail,
});

function history(): FoldableEvent[] {
  seq = 0;
  return [
    ev(0, 'stage', 'collected', { reportId: 'r1', channel: 'weibo', discoveredAt: min(0).toISOString(), reporterName: '张三', phone: '13812345678' }),
    ev(1, 'stage', 'routed', {
      leadDepartment: 'housing_urban_rural', territory: '城关区/东风街道', grade: 'general',
      clocks: [{ id: 'claim#1', clock: 'claim', dueAt: min(121).toISOString(), status: 'pending' }, { id: 'response#1', clock: 'response', dueAt: null, status: 'awaiting_claim' }],
    }),
    ev(30, 'stage', 'claimed', { department: 'housing_urban_rural', claimedBy: '住建局 王科长', clockId: 'claim#1', late: false, startedClocks: [{ id: 'response#1', clock: 'response', dueAt: min(30 + 48 * 60).toISOString() }] }),
    ev(60, 'stage', 'assessed', { source: 'analyst', grade: 'significant', previousGrade: 'general', riskLevel: 'high', needsResponse: true, reason: '媒体已介入', clocks: [] }),
    ev(90, 'stage', 'handling', { result: 'true', findings: '供暖管网老化；住户电话 13812345678，身份证 110101199003071234', verifiedBy: '住建局 王科长' }),
    ev(50 * 60, 'escalation', 'handling', { clockId: 'response#1', clock: 'response', level: 1, to: 'general_office', note: '回应超时', dueAt: min(30 + 48 * 60).toISOString() }),
    ev(51 * 60, 'stage', 'responded', { form: 'remedy_progress', channel: 'weibo', publishedAt: min(51 * 60).toISOString(), met: [{ clockId: 'response#1', clock: 'response', dueAt: min(30 + 48 * 60).toISOString(), late: true }], late: true }),
    ev(52 * 60, 'key_case', 'responded', { reason: '涉及 300 户', markedBy: '网信办 研判员 陈某', markedAt: min(52 * 60).toISOString() }),
    ev(53 * 60, 'key_case_entry', 'responded', { date: '2026-11-22', action: '入户回访 12 户', publicReaction: '讨论减少', recordedBy: '住建局 李四' }),
    ev(54 * 60, 'accountability_talk', 'responded', { date: '2026-11-22', department: 'housing_urban_rural', personRole: 'deputy_head_in_charge', heldBy: '市政府办公室', outcome: '限期整改', recordedBy: '督查室 李某' }),
    ev(55 * 60, 'key_case_resolution', 'responded', { summary: '管网改造完成', recordedBy: '住建局 王科长' }),
  ];
}

const c: ReportCase = {
  caseId: CASE, kind: 'opinion', stage: 'responded', department: 'housing_urban_rural', ccDepartments: ['disclosure_office', 'press_office'], coDepartments: [],
  grade: 'significant', jurisdiction: 'seed-city', channel: 'weibo', category: 'housing', territory: '城关区/东风街道', discoveredAt: min(0), createdAt: min(0),
  reportCount: 3, overdue: false, overdueClocks: [], escalationLevel: 1, closedAt: null,
};
const generatedAt = new Date('2026-11-23T02:00:00.000Z');

describe('special report content (舆情专报)', () => {
  const r = buildSpecialReport(c, history(), 2, generatedAt);

  it('has the facts, and the timeline of every event with who and when (Asia/Shanghai)', () => {
    expect(r).toMatchObject({ caseId: CASE, version: 2, lastSequence: 11, generatedAt: '2026-11-23T02:00:00.000Z', title: '舆情专报' });
    expect(r.facts).toContainEqual(['主办单位', 'housing_urban_rural']);
    expect(r.facts).toContainEqual(['发现时间', '2026-11-20 08:30']);
    expect(r.facts).toContainEqual(['同一事项报告数', '3']);
    expect(r.timeline).toHaveLength(11);
    expect(r.timeline[2]).toEqual({ sequence: 3, at: '2026-11-20 09:00', stage: '认领', what: '进入认领', who: '住建局 王科长', summary: 'housing_urban_rural 认领' });
    expect(r.timeline[3]).toMatchObject({ who: '研判人员', summary: expect.stringContaining('风险：高') });
    expect(r.timeline[5]).toMatchObject({ what: '督办', who: '系统' });
    expect(r.timeline[7]).toMatchObject({ what: '列为重点舆情', who: '网信办 研判员 陈某' });
  });

  it('lists every clock with its due and met time and how it ended', () => {
    expect(r.clocks).toEqual([
      { id: 'claim#1', clock: '认领', dueAt: '2026-11-20 10:31', metAt: '2026-11-20 09:00', status: '按时完成' },
      { id: 'response#1', clock: '回应', dueAt: '2026-11-22 09:00', metAt: '2026-11-22 11:30', status: '超时完成' },
    ]);
  });

  it('has the responses, the grade history, the key-case ledger, the talks and the current risk', () => {
    expect(r.responses).toEqual([{ at: '2026-11-22 11:30', form: '整改进展', channel: '微博', late: true }]);
    expect(r.grades).toEqual([
      { at: '2026-11-20 08:31', grade: '一般', previousGrade: '—', source: '收案时', riskLevel: '—', reason: '' },
      { at: '2026-11-20 09:30', grade: '较大', previousGrade: '一般', source: '研判人员', riskLevel: '高', reason: '媒体已介入' },
    ]);
    expect(r.keyCase).toMatchObject({ status: 'resolution_recorded', entries: [{ action: '入户回访 12 户' }], resolutions: [{ summary: '管网改造完成', verification: null }] });
    expect(r.accountabilityTalks).toEqual([expect.objectContaining({ personRole: 'deputy_head_in_charge', outcome: '限期整改' })]);
    expect(r.risk).toContainEqual(['重点舆情', '待核验']);
    expect(r.risk).toContainEqual(['督办级别', '第 1 级']);
    expect(r.risk).toContainEqual(['风险等级', '高']);
  });

  it('never carries personal data: unread fields stay out, phone and ID numbers in free text are masked', () => {
    const all = JSON.stringify(r) + renderSpecialReportHtml(r);
    expect(all).not.toContain('张三');
    expect(all).not.toContain('13812345678');
    expect(all).not.toContain('110101199003071234');
    expect(all).toContain('138****5678');
  });

  it('renders HTML with every section and its text escaped', () => {
    const html = renderSpecialReportHtml(buildSpecialReport({ ...c, category: '<script>x</script>' }, history(), 1, generatedAt));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const h of ['一、基本情况', '二、处置时间线', '三、时限执行情况', '四、回应发布情况', '五、等级变化', '六、重点舆情台账', '七、约谈情况', '八、当前风险']) expect(html).toContain(h);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('renders a PDF with the Chinese font embedded, the same bytes for the same content', async () => {
    const a = await renderSpecialReportPdf(r, chineseFontPath());
    const b = await renderSpecialReportPdf(r, chineseFontPath());
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = a.toString('latin1');
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text).toContain('/FontFile3');
    expect(b.equals(a)).toBe(true);
    await expect(renderSpecialReportPdf(r, '/nonexistent/font.otf')).rejects.toThrow();
  });
});
