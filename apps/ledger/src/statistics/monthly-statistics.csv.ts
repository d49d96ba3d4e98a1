// The monthly statistics as CSV (月统计表): UTF-8 with BOM (Excel opens the Chinese headings right), CRLF, one row per
// lead department and case kind, then a totals row (合计) per case kind. Headings are Chinese with the JSON field in
// brackets, as in the daily log.
import type { DisclosureMonthlyFiguresDto, DurationSummaryDto, MonthlyFiguresDto, MonthlyStatisticsDto } from '@huiying/contracts';
import { csvField } from '../daily-log/daily-log.aggregate';

type Row = { department: string; kind: 'opinion' | 'disclosure'; f: MonthlyFiguresDto };

/** A ratio as a percentage with one decimal ('' when there is nothing to rate). */
export const percent = (r: number | null): string => (r === null ? '' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
/** Seconds as hours with two decimals ('' when none). */
export const hours = (s: number | null): string => (s === null ? '' : (s / 3600).toFixed(2));
/** A count map as `key:n;key:n`, keys in order. */
export const counts = (m: Record<string, number>): string =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}:${m[k]}`)
    .join(';');

const clock = (name: string, which: 'onTime' | 'late') => (r: Row) => {
  const c = r.f.clocks[name];
  return c ? c[which] : '';
};
const duration = (pick: (f: MonthlyFiguresDto) => DurationSummaryDto, which: 'medianSeconds' | 'p90Seconds') => (r: Row) => hours(pick(r.f)[which]);
const disclosureOnly = (get: (f: DisclosureMonthlyFiguresDto) => string | number) => (r: Row) => (r.kind === 'disclosure' ? get(r.f as DisclosureMonthlyFiguresDto) : '');

export const MONTHLY_STATISTICS_COLUMNS: readonly [string, (r: Row, s: MonthlyStatisticsDto) => string | number][] = [
  ['月份(month)', (_r, s) => s.month],
  ['辖区(jurisdiction)', (_r, s) => s.jurisdiction ?? '全部'],
  ['主办单位(department)', (r) => r.department],
  ['类型(kind)', (r) => (r.kind === 'opinion' ? '舆情(opinion)' : '依申请公开(disclosure)')],
  ['收案(received)', (r) => r.f.received],
  ['来源渠道(receivedByChannel)', (r) => counts(r.f.receivedByChannel)],
  ['类别(receivedByCategory)', (r) => counts(r.f.receivedByCategory)],
  ['等级(receivedByGrade)', (r) => counts(r.f.receivedByGrade)],
  ['办结(closed)', (r) => r.f.closed],
  ['认领按时(claim.onTime)', clock('claim', 'onTime')],
  ['认领超时(claim.late)', clock('claim', 'late')],
  ['首发按时(first_release.onTime)', clock('first_release', 'onTime')],
  ['首发超时(first_release.late)', clock('first_release', 'late')],
  ['发布会按时(press_conference.onTime)', clock('press_conference', 'onTime')],
  ['发布会超时(press_conference.late)', clock('press_conference', 'late')],
  ['回应按时(response.onTime)', clock('response', 'onTime')],
  ['回应超时(response.late)', clock('response', 'late')],
  ['答复按时(answer.onTime)', clock('answer', 'onTime')],
  ['答复超时(answer.late)', clock('answer', 'late')],
  ['按时(allClocks.onTime)', (r) => r.f.allClocks.onTime],
  ['超时(allClocks.late)', (r) => r.f.allClocks.late],
  ['按时率(allClocks.onTimeRate)', (r) => percent(r.f.allClocks.onTimeRate)],
  ['认领用时中位数_小时(timeToClaim.median)', duration((f) => f.timeToClaim, 'medianSeconds')],
  ['认领用时P90_小时(timeToClaim.p90)', duration((f) => f.timeToClaim, 'p90Seconds')],
  ['回应用时中位数_小时(timeToRespond.median)', duration((f) => f.timeToRespond, 'medianSeconds')],
  ['回应用时P90_小时(timeToRespond.p90)', duration((f) => f.timeToRespond, 'p90Seconds')],
  ['月末未办结(openAtMonthEnd)', (r) => r.f.openAtMonthEnd],
  ['逾期(overdueAtMonthEnd)', (r) => r.f.overdueAtMonthEnd],
  ['督办(escalations)', (r) => r.f.escalations],
  ['督办级别(escalationsByLevel)', (r) => counts(r.f.escalationsByLevel)],
  ['答复类型(closedByResultCode)', disclosureOnly((f) => counts(f.closedByResultCode))],
  ['延期答复(extensions)', disclosureOnly((f) => f.extensions)],
  ['征求意见(consultations)', disclosureOnly((f) => f.consultations)],
  ['收费通知(feeNotices)', disclosureOnly((f) => f.feeNotices)],
  ['收费金额_元(feesNoticedYuan)', disclosureOnly((f) => f.feesNoticedYuan)],
  ['补正告知(correctionRequests)', disclosureOnly((f) => f.correctionRequests)],
];

/** The statistics as CSV: a row per department and kind, then 合计 rows (opinion, disclosure). */
export function monthlyStatisticsCsv(s: MonthlyStatisticsDto): string {
  const rows: Row[] = [];
  for (const d of s.departments) {
    rows.push({ department: d.department ?? '未指定(unknown)', kind: 'opinion', f: d.opinion });
    rows.push({ department: d.department ?? '未指定(unknown)', kind: 'disclosure', f: d.disclosure });
  }
  rows.push({ department: '合计(total)', kind: 'opinion', f: s.opinion }, { department: '合计(total)', kind: 'disclosure', f: s.disclosure });
  const lines = [MONTHLY_STATISTICS_COLUMNS.map(([h]) => csvField(h)).join(',')];
  for (const r of rows) lines.push(MONTHLY_STATISTICS_COLUMNS.map(([, get]) => csvField(get(r, s))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
