// The daily log (舆情日志 / 网络舆情日报告表, seeds 002 第五条 and 004): for one day, the opinion cases collected —
// by channel, category, lead department and grade — the responses made (late ones named), follow-ups, reminders,
// escalations (督办) and the cases overdue at the end of the day. Pure: folds each case's history up to the end of the
// day, so yesterday's log reads the same tomorrow.
import type { DailyLogDto, DailyLogEntryDto, DailyLogSummaryDto } from '@huiying/contracts';
import { foldCaseHistory, type FoldableEvent } from '../cases/case-fold';

export const DAILY_LOG_TIME_ZONE = 'Asia/Shanghai';

/** [start, end) of a day in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function dayBounds(date: string): { from: Date; to: Date } {
  const from = new Date(`${date}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 24 * 3600 * 1000) };
}

export interface CaseHistoryForLog {
  caseId: string;
  /** The case's events up to the end of the day, any order. */
  events: FoldableEvent[];
}

const inc = (m: Record<string, number>, k: string | null | undefined) => {
  const key = k ?? 'unknown';
  m[key] = (m[key] ?? 0) + 1;
};

const isResponse = (e: FoldableEvent) => e.change === 'response' || (e.change === 'stage' && e.stage === 'responded');
const isFollowUp = (e: FoldableEvent) => e.change === 'follow_up' || (e.change === 'stage' && e.stage === 'follow_up');

export function buildDailyLog(date: string, cases: readonly CaseHistoryForLog[]): DailyLogDto {
  const { from, to } = dayBounds(date);
  const within = (d: Date) => d >= from && d < to;
  const summary: DailyLogSummaryDto = {
    collected: 0, collectedByChannel: {}, collectedByCategory: {}, collectedByDepartment: {}, collectedByGrade: {},
    groupedReports: 0, responses: 0, responsesByForm: {}, lateResponses: 0, followUps: 0, reminders: 0, escalations: 0,
    escalationsByDepartment: {}, overdueAtEndOfDay: 0, closed: 0,
  };
  const entries: DailyLogEntryDto[] = [];
  for (const c of cases) {
    const events = c.events.filter((e) => e.occurredAt < to);
    if (!events.length) continue;
    const fold = foldCaseHistory(events, to);
    const today = events.filter((e) => within(e.occurredAt));
    const collected = fold.discoveredAt !== null && within(fold.discoveredAt);
    const responses = today.filter(isResponse);
    const entry: DailyLogEntryDto = {
      caseId: c.caseId,
      discoveredAt: fold.discoveredAt?.toISOString() ?? null,
      channel: fold.channel,
      category: fold.category,
      territory: fold.territory,
      department: fold.department,
      grade: fold.grade,
      stage: fold.stage,
      collected,
      groupedReports: today.filter((e) => e.change === 'report_grouped').length,
      responses: responses.length,
      responseForms: [...new Set(responses.map((e) => String(e.detail.form ?? 'unknown')))],
      responseChannels: [...new Set(responses.map((e) => String(e.detail.channel ?? 'unknown')))],
      lateResponses: responses.filter((e) => e.detail.late === true).length,
      followUps: today.filter(isFollowUp).length,
      reminders: today.filter((e) => e.change === 'reminder').length,
      escalations: today.filter((e) => e.change === 'escalation').length,
      escalationLevel: fold.escalationLevel,
      overdue: fold.overdue,
      closed: today.some((e) => e.change === 'stage' && (e.stage === 'closed' || e.stage === 'archived')),
    };
    if (!collected && !today.length && !entry.overdue) continue;
    entries.push(entry);
    if (collected) {
      summary.collected++;
      inc(summary.collectedByChannel, entry.channel);
      inc(summary.collectedByCategory, entry.category);
      inc(summary.collectedByDepartment, entry.department);
      inc(summary.collectedByGrade, entry.grade ?? 'ungraded');
    }
    summary.groupedReports += entry.groupedReports;
    summary.responses += entry.responses;
    for (const e of responses) inc(summary.responsesByForm, String(e.detail.form ?? 'unknown'));
    summary.lateResponses += entry.lateResponses;
    summary.followUps += entry.followUps;
    summary.reminders += entry.reminders;
    summary.escalations += entry.escalations;
    for (const e of today.filter((x) => x.change === 'escalation')) inc(summary.escalationsByDepartment, (e.detail.department as string | undefined) ?? e.department);
    if (entry.overdue) summary.overdueAtEndOfDay++;
    if (entry.closed) summary.closed++;
  }
  entries.sort((a, b) => (a.discoveredAt ?? '').localeCompare(b.discoveredAt ?? '') || a.caseId.localeCompare(b.caseId));
  return { date, timeZone: DAILY_LOG_TIME_ZONE, from: from.toISOString(), to: to.toISOString(), summary, entries };
}

/** Columns of the CSV (日报告表): Chinese heading with the JSON field in brackets. */
export const DAILY_LOG_COLUMNS: readonly [string, (e: DailyLogEntryDto, date: string) => string | number][] = [
  ['日期(date)', (_e, date) => date],
  ['案件编号(caseId)', (e) => e.caseId],
  ['发现时间(discoveredAt)', (e) => e.discoveredAt ?? ''],
  ['来源渠道(channel)', (e) => e.channel ?? ''],
  ['类别(category)', (e) => e.category ?? ''],
  ['属地(territory)', (e) => e.territory ?? ''],
  ['主办单位(department)', (e) => e.department ?? ''],
  ['等级(grade)', (e) => e.grade ?? ''],
  ['日终阶段(stage)', (e) => e.stage ?? ''],
  ['当日收集(collected)', (e) => (e.collected ? 1 : 0)],
  ['当日并入报告(groupedReports)', (e) => e.groupedReports],
  ['当日回应(responses)', (e) => e.responses],
  ['回应形式(responseForms)', (e) => e.responseForms.join(';')],
  ['回应渠道(responseChannels)', (e) => e.responseChannels.join(';')],
  ['迟回应(lateResponses)', (e) => e.lateResponses],
  ['动态更新(followUps)', (e) => e.followUps],
  ['提醒(reminders)', (e) => e.reminders],
  ['督办(escalations)', (e) => e.escalations],
  ['督办级别(escalationLevel)', (e) => e.escalationLevel],
  ['日终逾期(overdue)', (e) => (e.overdue ? 1 : 0)],
  ['当日办结(closed)', (e) => (e.closed ? 1 : 0)],
];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-looking text is defused for spreadsheets. */
export function csvField(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The log as CSV: UTF-8 with BOM (Excel opens Chinese headings right), CRLF, one row per case, a totals row (合计) last. */
export function dailyLogCsv(log: DailyLogDto): string {
  const lines = [DAILY_LOG_COLUMNS.map(([h]) => csvField(h)).join(',')];
  for (const e of log.entries) lines.push(DAILY_LOG_COLUMNS.map(([, get]) => csvField(get(e, log.date))).join(','));
  const s = log.summary;
  const totals: Record<string, string | number> = {
    '日期(date)': log.date, '案件编号(caseId)': '合计(total)', '当日收集(collected)': s.collected, '当日并入报告(groupedReports)': s.groupedReports,
    '当日回应(responses)': s.responses, '迟回应(lateResponses)': s.lateResponses, '动态更新(followUps)': s.followUps, '提醒(reminders)': s.reminders,
    '督办(escalations)': s.escalations, '日终逾期(overdue)': s.overdueAtEndOfDay, '当日办结(closed)': s.closed,
  };
  lines.push(DAILY_LOG_COLUMNS.map(([h]) => csvField(totals[h] ?? '')).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
