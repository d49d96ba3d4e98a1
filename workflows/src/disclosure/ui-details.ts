import type { DisclosureCaseState, DisclosureClockName } from '@huiying/contracts/workflow';
import { cstMinute, detailLines } from '../shared/ui-text';
import type { DisclosureTimer } from './clocks';

const CLOCK_NAMES: Record<DisclosureClockName, string> = {
  answer: 'answer 答复',
  correction_window: 'correction request window 补正告知',
  correction_due: 'correction 补正',
  consultation: 'third-party consultation 征求意见',
  fee_payment: 'fee payment 缴费',
  notice_receipt: 'notice receipt 送达',
};

/** The summary of the timer the case waits on, e.g. `reminder (3 working days before): answer 答复 … due 2026-12-24`. */
export function disclosureTimerSummary(t: DisclosureTimer): string {
  const name = CLOCK_NAMES[t.clock] ?? t.clock;
  const before = t.kind === 'reminder' && t.workingDaysBefore !== undefined ? ` (${t.workingDaysBefore} working days before)` : '';
  return `${t.kind === 'reminder' ? `reminder${before}` : 'deadline'}: ${name} due ${t.due}`;
}

/** The case's current details for the Temporal UI (Markdown): stage, department, the answer clock, overdue, escalations. */
export function disclosureCurrentDetails(state: DisclosureCaseState): string {
  const answer = state.clocks.find((c) => c.name === 'answer');
  const others = state.clocks.filter((c) => c.name !== 'answer' && (c.status === 'running' || c.status === 'overdue' || c.status === 'waiting_receipt'));
  return detailLines([
    ['Stage', state.stage],
    ['Department', state.department],
    ['Answer due', answer?.due ? `${answer.due}${answer.dueAt ? ` (${cstMinute(answer.dueAt)} UTC+8)` : ''} — ${answer.status}${answer.provisional ? ', provisional' : ''}` : answer ? answer.status : null],
    ['Other clocks', others.length ? others.map((c) => `${CLOCK_NAMES[c.name]}${c.due ? ` due ${c.due}` : ''} — ${c.status}`).join('; ') : null],
    ['Overdue', state.overdue ? 'yes' : 'no'],
    ['Escalations (督办)', state.escalations.length ? state.escalations.map((e) => `${CLOCK_NAMES[e.clock]} (due ${e.due})`).join('; ') : null],
  ]);
}
