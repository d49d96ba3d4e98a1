// Every clock of a disclosure case, from the case's state: what the deadline activity is asked, which timers the
// answer arms, and the clock views (query `clocks`, case state). Pure functions of the state; the dates themselves come
// from the computeDisclosureDeadlines activity (libs/policy disclosureClocks over the official calendar).
import type { Pause } from '@huiying/calendar';
import type {
  DisclosureCaseState,
  DisclosureClockName,
  DisclosureClockView,
  DisclosureDeadlineRequest,
  DisclosureDeadlines,
  DisclosureNoticeRecord,
} from '@huiying/contracts/workflow';
import type { DisclosurePolicy } from '@huiying/policy';
import type { Timed } from '../shared/timer-set';
import { answerOwed } from './state';

export interface DisclosureTimer extends Timed {
  clock: DisclosureClockName;
  kind: 'reminder' | 'due';
  /** Consultation id (consultation) or notice id (notice_receipt). */
  ref?: string;
  due: string;
  workingDaysBefore?: number;
}

/** A notice waits for its receipt while it matters: its period has not started, or it informs about a case still open. */
export function awaitingReceipt(state: DisclosureCaseState, n: DisclosureNoticeRecord): boolean {
  if (n.receivedOn !== null) return false;
  if (n.kind === 'correction_notice') return state.correction?.outcome === 'waiting';
  if (n.kind === 'consultation_request') return state.consultations.some((c) => c.noticeId === n.id && c.status === 'open');
  if (n.kind === 'fee_notice') return state.fee?.status === 'waiting';
  return answerOwed(state);
}

/** What the deadline activity is asked: the policy, the receipt, pauses, extension, and every period and its start. */
export function deadlineRequest(state: DisclosureCaseState, policy: DisclosurePolicy): DisclosureDeadlineRequest {
  const pauses: Pause[] = state.pauses.map((p) => ({ from: p.from, to: p.to, reason: p.reason }));
  const c = state.correction;
  return {
    policy,
    receivedOn: state.receivedOn,
    correctedOn: c?.correctedOn ?? null,
    pauses,
    extension: state.extension ? { workingDays: state.extension.workingDays, approvedBy: state.extension.approvedBy, approverRole: state.extension.approverRole } : null,
    correctionRequest: c?.outcome === 'waiting' ? { requestedOn: c.requestedOn, workingDays: c.respondWithinWorkingDays, noticeReceivedOn: c.noticeReceivedOn } : null,
    consultations: state.consultations.filter((x) => x.status === 'open').map((x) => ({ id: x.id, party: x.party, requestReceivedOn: x.requestReceivedOn })),
    feeNotice: state.fee?.status === 'waiting' ? { issuedOn: state.fee.issuedOn, receivedOn: state.fee.receivedOn } : null,
    excessivePeriodDue: state.excessive?.period?.due ?? null,
    noticesAwaitingReceipt: state.notices.filter((n) => awaitingReceipt(state, n)).map((n) => ({ id: n.id, issuedOn: n.issuedOn })),
  };
}

/** The timers the deadlines arm in the current state. */
export function timersOf(state: DisclosureCaseState, d: DisclosureDeadlines): DisclosureTimer[] {
  const timers: DisclosureTimer[] = [];
  if (answerOwed(state) && d.answer.status === 'running' && d.answer.dueAt && d.answer.due) {
    for (const r of d.answer.reminders) {
      timers.push({ key: `answer.reminder.${r.workingDaysBefore}.${r.date}`, at: Date.parse(r.at), clock: 'answer', kind: 'reminder', due: d.answer.due, workingDaysBefore: r.workingDaysBefore });
    }
    timers.push({ key: `answer.due.${d.answer.due}`, at: Date.parse(d.answer.dueAt), clock: 'answer', kind: 'due', due: d.answer.due });
  }
  if (state.stage === 'registered' && !state.correction) {
    const cw = d.correctionRequestBy;
    timers.push({ key: `correction_window.due.${cw.due}`, at: Date.parse(cw.dueAt), clock: 'correction_window', kind: 'due', due: cw.due });
  }
  if (d.correctionDueBy && state.correction?.outcome === 'waiting') {
    timers.push({ key: `correction_due.${d.correctionDueBy.due}`, at: Date.parse(d.correctionDueBy.dueAt), clock: 'correction_due', kind: 'due', due: d.correctionDueBy.due });
  }
  for (const c of d.consultations) {
    timers.push({ key: `consultation.${c.id}.${c.due}`, at: Date.parse(c.dueAt), clock: 'consultation', kind: 'due', ref: c.id, due: c.due });
  }
  if (d.feePaymentBy && state.fee?.status === 'waiting') {
    timers.push({ key: `fee_payment.${d.feePaymentBy.due}`, at: Date.parse(d.feePaymentBy.dueAt), clock: 'fee_payment', kind: 'due', due: d.feePaymentBy.due });
  }
  for (const r of d.noticeReceiptReminders ?? []) {
    timers.push({ key: `notice_receipt.${r.id}.${r.date}`, at: Date.parse(r.at), clock: 'notice_receipt', kind: 'reminder', ref: r.id, due: r.date });
  }
  return timers;
}

/** Overdue: the answer is owed, its clock runs, and its due instant has passed. */
export function isOverdue(state: DisclosureCaseState, now: number): boolean {
  const a = state.deadlines?.answer;
  return answerOwed(state) && !!a && a.status === 'running' && !!a.dueAt && now > Date.parse(a.dueAt);
}

/** The clock views of the case (query `clocks`). */
export function clockViews(state: DisclosureCaseState): DisclosureClockView[] {
  const d = state.deadlines;
  if (!d) return [];
  const clocks: DisclosureClockView[] = [];
  const a = d.answer;
  const answerStatus: DisclosureClockView['status'] = state.reply
    ? state.reply.late
      ? 'late'
      : 'met'
    : !answerOwed(state)
      ? 'closed'
      : a.status === 'paused'
        ? 'paused'
        : state.overdue
          ? 'overdue'
          : 'running';
  clocks.push({ name: 'answer', due: state.reply ? state.reply.due : a.due, dueAt: a.dueAt, provisional: a.provisional, status: answerStatus });
  const cw = d.correctionRequestBy;
  // passed while still only registered: overdue (escalated, as the ledger shows it); acted on after that: late
  const windowLapsed = state.escalations.some((e) => e.clock === 'correction_window');
  const windowStatus = state.correction ? (windowLapsed ? 'late' : 'met') : state.stage === 'registered' ? (windowLapsed ? 'overdue' : 'running') : windowLapsed ? 'late' : 'closed';
  clocks.push({ name: 'correction_window', due: cw.due, dueAt: cw.dueAt, provisional: cw.provisional, status: windowStatus });
  const c = state.correction;
  if (c) {
    clocks.push({
      name: 'correction_due',
      due: d.correctionDueBy?.due ?? null,
      dueAt: d.correctionDueBy?.dueAt ?? null,
      provisional: d.correctionDueBy?.provisional ?? false,
      status: c.outcome === 'waiting' ? (c.noticeReceivedOn ? 'running' : 'waiting_receipt') : c.outcome === 'corrected' ? (c.late ? 'late' : 'met') : 'late',
    });
  }
  for (const x of state.consultations) {
    const live = d.consultations.find((y) => y.id === x.id);
    clocks.push({
      name: 'consultation',
      ref: x.id,
      due: x.due,
      dueAt: live?.dueAt ?? null,
      provisional: live?.provisional ?? false,
      status: x.status === 'open' ? (x.requestReceivedOn ? 'running' : 'waiting_receipt') : x.status === 'answered' ? 'met' : 'closed',
    });
  }
  const fee = state.fee;
  if (fee && fee.fee.chargeable) {
    clocks.push({
      name: 'fee_payment',
      due: d.feePaymentBy?.due ?? null,
      dueAt: d.feePaymentBy?.dueAt ?? null,
      provisional: d.feePaymentBy?.provisional ?? false,
      status: fee.status === 'waiting' ? (fee.receivedOn ? 'running' : 'waiting_receipt') : fee.status === 'unpaid' ? 'late' : 'met',
    });
  }
  return clocks;
}
