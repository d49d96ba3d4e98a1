// The key-case ledger as CSV (重点舆情台账): UTF-8 with BOM (Excel opens the Chinese headings right), CRLF, one row
// per follow-up entry (a case without entries has one row with the entry columns empty); the case's columns repeat on
// each of its rows. Headings are Chinese with the JSON field in brackets, as in the daily log and monthly statistics.
import type { KeyCaseDto, KeyCaseEntryViewDto, KeyCaseStatus } from '@huiying/contracts';
import { SHANGHAI_OFFSET_MINUTES } from '@huiying/calendar';
import { csvField } from '../daily-log/daily-log.aggregate';

export const KEY_CASE_STATUS_LABELS: Record<KeyCaseStatus, string> = { open: '跟踪中', resolution_recorded: '待核验', resolved: '已解决' };

/** An instant as Asia/Shanghai wall time, `2026-11-25 10:00` ('' when none). */
export function shanghaiMinute(instant: string | null | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

const decisionLabel = (d: 'confirmed' | 'returned' | undefined): string => (d === 'confirmed' ? '确认解决' : d === 'returned' ? '退回' : '');

type Row = { c: KeyCaseDto; e: KeyCaseEntryViewDto | null };
const current = (c: KeyCaseDto) => c.keyCase.resolutions[c.keyCase.resolutions.length - 1] ?? null;

export const KEY_CASE_COLUMNS: readonly [string, (r: Row) => string | number][] = [
  ['案件编号(caseId)', (r) => r.c.caseId],
  ['主办单位(department)', (r) => r.c.department ?? ''],
  ['辖区(jurisdiction)', (r) => r.c.jurisdiction ?? ''],
  ['类别(category)', (r) => r.c.category ?? ''],
  ['等级(grade)', (r) => r.c.grade ?? ''],
  ['阶段(stage)', (r) => r.c.stage],
  ['台账状态(keyCase.status)', (r) => `${KEY_CASE_STATUS_LABELS[r.c.keyCase.status]}(${r.c.keyCase.status})`],
  ['列入理由(keyCase.reason)', (r) => r.c.keyCase.reason],
  ['列入人(keyCase.markedBy)', (r) => r.c.keyCase.markedBy],
  ['列入时间(keyCase.markedAt)', (r) => shanghaiMinute(r.c.keyCase.markedAt)],
  ['跟踪序号(entries.number)', (r) => r.e?.number ?? ''],
  ['跟踪日期(entries.date)', (r) => r.e?.date ?? ''],
  ['工作开展情况(entries.action)', (r) => r.e?.action ?? ''],
  ['舆论反应(entries.publicReaction)', (r) => r.e?.publicReaction ?? ''],
  ['跟踪记录人(entries.recordedBy)', (r) => r.e?.recordedBy ?? ''],
  ['问题解决情况(resolution.summary)', (r) => current(r.c)?.summary ?? ''],
  ['解决情况记录人(resolution.recordedBy)', (r) => current(r.c)?.recordedBy ?? ''],
  ['核验结果(resolution.verification.decision)', (r) => decisionLabel(current(r.c)?.verification?.decision)],
  ['核验人(resolution.verification.verifiedBy)', (r) => current(r.c)?.verification?.verifiedBy ?? ''],
  ['核验时间(resolution.verification.verifiedAt)', (r) => shanghaiMinute(current(r.c)?.verification?.verifiedAt)],
  ['督办级别(escalationLevel)', (r) => r.c.escalationLevel],
  ['约谈次数(accountabilityTalks)', (r) => r.c.accountabilityTalks.length],
  ['办结时间(closedAt)', (r) => shanghaiMinute(r.c.closedAt)],
];

export function keyCasesCsv(cases: readonly KeyCaseDto[]): string {
  const lines = [KEY_CASE_COLUMNS.map(([h]) => csvField(h)).join(',')];
  for (const c of cases) {
    const rows: Row[] = c.keyCase.entries.length ? c.keyCase.entries.map((e) => ({ c, e })) : [{ c, e: null }];
    for (const r of rows) lines.push(KEY_CASE_COLUMNS.map(([, get]) => csvField(get(r))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
