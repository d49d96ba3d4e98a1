import type { CaseClock, OpinionCaseState } from '@huiying/contracts/workflow';
import { cstMinute, detailLines, minutesText } from '../shared/ui-text';
import { earliestDue, isActive, type DueItem } from './clocks';

const CLOCK_NAMES: Record<string, string> = {
  claim: 'claim 认领',
  first_release: 'first release 首次发布',
  press_conference: 'press conference 新闻发布会',
  response: 'response 回应',
  superior_report: 'report to superiors 报告',
  follow_up: 'follow-up 跟踪',
};

/** `response 回应 (48 h)` */
export function clockName(c: Pick<CaseClock, 'clock' | 'withinMinutes'>): string {
  return `${CLOCK_NAMES[c.clock] ?? c.clock} (${minutesText(c.withinMinutes)})`;
}

/** The summary of the timer the case waits on, e.g. `escalation 1 → 督办: response 回应 (48 h) due 2026-12-04 15:00`. */
export function opinionTimerSummary(item: DueItem): string {
  const c = item.clock;
  const due = c.dueAt ? ` due ${cstMinute(c.dueAt)}` : '';
  if (item.type === 'reminder') return `reminder: ${clockName(c)}${due}`;
  const e = c.escalations[item.index];
  return `escalation ${e?.level ?? ''}${e?.to ? ` → ${e.to}` : ''}: ${clockName(c)}${due}`;
}

/** The highest escalation level fired on the case's clocks (0: none). */
export function escalationLevel(clocks: readonly CaseClock[]): number {
  return clocks.reduce((max, c) => Math.max(max, ...c.escalations.filter((e) => e.firedAt).map((e) => e.level)), 0);
}

/**
 * The case's current details for the Temporal UI (Markdown): stage, grade, department, the next clock and its due
 * time, what is overdue, the escalation level. No personal data.
 */
export function opinionCurrentDetails(state: OpinionCaseState): string {
  const running = state.closure ? [] : state.clocks.filter((c) => isActive(c));
  const due = earliestDue(running);
  const next = running.filter((c) => c.dueAt !== null).sort((a, b) => Date.parse(a.dueAt as string) - Date.parse(b.dueAt as string))[0];
  const waitingClaim = running.filter((c) => c.dueAt === null).map((c) => clockName(c));
  const overdue = state.clocks.filter((c) => c.status === 'escalated').map((c) => `${clockName(c)} was due ${cstMinute(c.dueAt ?? '')}`);
  const level = escalationLevel(state.clocks);
  return detailLines([
    ['Stage', state.stage],
    ['Grade', state.grade],
    ['Department', state.department],
    ['Next clock', next && due ? `${clockName(next)} due ${cstMinute(due)} (UTC+8)` : state.closure ? 'none (closed)' : 'none'],
    ['Waiting to start', waitingClaim.length ? waitingClaim.join(', ') : null],
    ['Overdue', overdue.length ? overdue.join('; ') : 'no'],
    ['Escalation (督办) level', level ? String(level) : null],
  ]);
}
