import { Calendar, dueDate, fromEpochMs, IsoDate, IsoInstant, Pause, toEpochMs, type DueDateResult } from '@huiying/calendar';
import { correctionRequestDeadline, consultationDeadline, disclosureAnswerDeadline, disclosureReminderDates, type DisclosurePolicy, type ApproverRole } from './disclosure';

/**
 * Every clock of one disclosure application (依申请公开), computed at once from plain inputs — what the workflow's
 * deadline activity returns. Pure: the caller passes the calendar (built-in years + years loaded by administrators).
 */
export interface DisclosureClockRequest {
  /** The policy version the case runs under (kept by the case from its start). */
  readonly policy: DisclosurePolicy;
  readonly receivedOn: IsoDate;
  /** Receipt of the corrected application (补正): the answer count restarts from it. */
  readonly correctedOn?: IsoDate | null;
  /** Tolling intervals of the answer clock (consultation, fee notice, correction); an open one has no `to`. */
  readonly pauses?: readonly Pause[];
  readonly extension?: { readonly workingDays: number; readonly approvedBy: string; readonly approverRole: ApproverRole } | null;
  /** A correction request waiting for the applicant: the date it was sent and the period it gave. */
  readonly correctionRequest?: { readonly requestedOn: IsoDate; readonly workingDays: number } | null;
  /** Open consultations, each with its own clock from the day the consulted party received the request. */
  readonly consultations?: readonly { readonly id: string; readonly party: 'third_party' | 'co_producing_agency'; readonly requestReceivedOn: IsoDate }[];
  /** An unpaid fee notice: the day it was issued (the payment window runs from it). */
  readonly feeNoticeOn?: IsoDate | null;
}

export interface ClockDate {
  readonly due: IsoDate;
  /** End of the due day in Asia/Shanghai, UTC. */
  readonly dueAt: IsoInstant;
  readonly provisional: boolean;
}

export interface DisclosureReminder {
  readonly workingDaysBefore: number;
  readonly date: IsoDate;
  /** 09:00 Asia/Shanghai on the reminder day, UTC. */
  readonly at: IsoInstant;
}

export interface DisclosureAnswerClock {
  /** paused: an open pause (consultation, fee notice, correction) stops the clock; no due date until it resumes. */
  readonly status: 'running' | 'paused';
  readonly due: IsoDate | null;
  readonly dueAt: IsoInstant | null;
  /** The due date before the extension (null while paused or when no extension). */
  readonly dueWithoutExtension: IsoDate | null;
  readonly provisional: boolean;
  /** Working days still to run while paused. */
  readonly remainingWorkingDays: number | null;
  /** Working days that did not count because the clock was paused. */
  readonly pausedWorkingDays: number;
  readonly effectiveStart: IsoDate;
  readonly restartedOn: IsoDate | null;
  readonly reminders: readonly DisclosureReminder[];
  readonly yearsWithoutOfficialData: readonly number[];
}

export interface DisclosureClocks {
  readonly policyVersion: string;
  readonly answer: DisclosureAnswerClock;
  /** 第三十条: the agency may ask for a correction until this day (7 working days after receipt). */
  readonly correctionRequestBy: ClockDate;
  /** The applicant's correction period, while a correction request is open. */
  readonly correctionDueBy: ClockDate | null;
  readonly consultations: readonly (ClockDate & { readonly id: string; readonly party: 'third_party' | 'co_producing_agency' })[];
  /** The payment window of an unpaid fee notice (109号). */
  readonly feePaymentBy: ClockDate | null;
  /** True when any clock touches a year whose official notice is not loaded. */
  readonly provisional: boolean;
  readonly yearsWithoutOfficialData: readonly number[];
}

function clockDate(r: DueDateResult): ClockDate {
  if (r.status !== 'running') throw new Error('a clock without pauses is always running');
  return { due: r.due, dueAt: r.dueAt, provisional: r.provisional };
}

/** 09:00 Asia/Shanghai of a date, as a UTC instant. */
export function reminderInstant(date: IsoDate): IsoInstant {
  return fromEpochMs(toEpochMs(`${date}T09:00:00+08:00`));
}

export function disclosureClocks(request: DisclosureClockRequest, calendar: Calendar = Calendar.builtIn()): DisclosureClocks {
  const { policy } = request;
  const answer = disclosureAnswerDeadline(policy, {
    receivedOn: request.receivedOn,
    pauses: request.pauses ?? [],
    extension: request.extension ?? null,
    correctedOn: request.correctedOn ?? null,
    calendar,
  });
  const reminders =
    answer.status === 'running'
      ? disclosureReminderDates(policy, answer.due, calendar).map((date, i) => ({
          workingDaysBefore: policy.reminderWorkingDaysBeforeDue[i],
          date,
          at: reminderInstant(date),
        }))
      : [];
  const correctionRequestBy = clockDate(correctionRequestDeadline(policy, request.receivedOn, calendar));
  const correctionDueBy = request.correctionRequest
    ? clockDate(dueDate({ receivedOn: request.correctionRequest.requestedOn, workingDays: request.correctionRequest.workingDays, calendar }))
    : null;
  const consultations = (request.consultations ?? []).map((c) => ({
    id: c.id,
    party: c.party,
    ...clockDate(consultationDeadline(policy, c.party, c.requestReceivedOn, calendar)),
  }));
  const feePaymentBy = request.feeNoticeOn
    ? clockDate(dueDate({ receivedOn: request.feeNoticeOn, workingDays: policy.feePayment.payWithinWorkingDays, calendar }))
    : null;

  const years = new Set<number>(answer.explanation.yearsWithoutOfficialData);
  const others = [correctionRequestBy, correctionDueBy, feePaymentBy, ...consultations].filter((c): c is ClockDate => c !== null);
  for (const c of others) {
    if (!c.provisional) continue;
    for (const y of calendarYearsWithoutData(request.receivedOn, c.due, calendar)) years.add(y);
  }
  const yearsWithoutOfficialData = [...years].sort((a, b) => a - b);
  return {
    policyVersion: policy.version,
    answer: {
      status: answer.status,
      due: answer.due,
      dueAt: answer.dueAt,
      dueWithoutExtension: answer.explanation.extensionWorkingDays > 0 ? answer.explanation.dueWithoutExtension : null,
      provisional: answer.provisional,
      remainingWorkingDays: answer.status === 'paused' ? answer.remainingWorkingDays : null,
      pausedWorkingDays: answer.explanation.pausedDays.filter((d) => d.wouldHaveCounted).length,
      effectiveStart: answer.explanation.effectiveStart,
      restartedOn: answer.explanation.restartedOn,
      reminders,
      yearsWithoutOfficialData: answer.explanation.yearsWithoutOfficialData,
    },
    correctionRequestBy,
    correctionDueBy,
    consultations,
    feePaymentBy,
    provisional: answer.provisional || others.some((c) => c.provisional),
    yearsWithoutOfficialData,
  };
}

function calendarYearsWithoutData(from: IsoDate, to: IsoDate, calendar: Calendar): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!calendar.hasYear(y)) out.push(y);
  return out;
}
