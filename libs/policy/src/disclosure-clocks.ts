import { addWorkingDays, Calendar, dueDate, fromEpochMs, IsoDate, IsoInstant, Pause, toEpochMs, type DueDateResult } from '@huiying/calendar';
import { correctionRequestDeadline, consultationDeadline, disclosureAnswerDeadline, disclosureReminderDates, disclosureRules, type DisclosurePolicy, type ApproverRole } from './disclosure';

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
  /**
   * A correction request waiting for the applicant: the period it gave runs from the applicant's receipt of the
   * 补正告知书 (`noticeReceivedOn`); no due date until that receipt is recorded.
   */
  readonly correctionRequest?: { readonly requestedOn: IsoDate; readonly workingDays: number; readonly noticeReceivedOn: IsoDate | null } | null;
  /**
   * Open consultations. Each has its own clock of 15 working days from the day the consulted party received the
   * 征求意见书 (条例第三十二条、第三十四条); while that receipt is not recorded it has no due date, so the consequence
   * of silence can never apply early.
   */
  readonly consultations?: readonly { readonly id: string; readonly party: 'third_party' | 'co_producing_agency'; readonly requestReceivedOn: IsoDate | null }[];
  /** An unpaid fee notice: the payment window runs from the applicant's receipt of it (国办函〔2020〕109号); none before. */
  readonly feeNotice?: { readonly issuedOn: IsoDate; readonly receivedOn: IsoDate | null } | null;
  /** 第三十五条: a longer reasonable period was set and the applicant told; the answer is due on this day instead. */
  readonly excessivePeriodDue?: IsoDate | null;
  /** Notices whose receipt is not recorded yet: each gets a reminder date (policy noticeReceipt). */
  readonly noticesAwaitingReceipt?: readonly { readonly id: string; readonly issuedOn: IsoDate }[];
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
  /** statutory: 第三十三条 (20 working days, extension, pauses); excessive_period: the 第三十五条 period set by the office. */
  readonly basis: 'statutory' | 'excessive_period';
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
  /** The payment window of an unpaid fee notice (109号), once the applicant's receipt of the notice is recorded. */
  readonly feePaymentBy: ClockDate | null;
  /** When to remind that a notice's receipt is still not recorded (09:00 Shanghai on the date). */
  readonly noticeReceiptReminders: readonly { readonly id: string; readonly date: IsoDate; readonly at: IsoInstant }[];
  /** True when any clock touches a year whose official notice is not loaded. */
  readonly provisional: boolean;
  readonly yearsWithoutOfficialData: readonly number[];
}

function clockDate(r: DueDateResult): ClockDate {
  if (r.status !== 'running') throw new Error('a clock without pauses is always running');
  return { due: r.due, dueAt: r.dueAt, provisional: r.provisional };
}

/** End of a date in Asia/Shanghai (23:59:59.999), as a UTC instant. */
function endOfDay(date: IsoDate): IsoInstant {
  return fromEpochMs(toEpochMs(`${date}T23:59:59.999+08:00`));
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
  const correctionDueBy = request.correctionRequest?.noticeReceivedOn
    ? clockDate(dueDate({ receivedOn: request.correctionRequest.noticeReceivedOn, workingDays: request.correctionRequest.workingDays, calendar }))
    : null;
  const consultations = (request.consultations ?? []).flatMap((c) =>
    c.requestReceivedOn ? [{ id: c.id, party: c.party, ...clockDate(consultationDeadline(policy, c.party, c.requestReceivedOn, calendar)) }] : [],
  );
  const feePaymentBy = request.feeNotice?.receivedOn
    ? clockDate(dueDate({ receivedOn: request.feeNotice.receivedOn, workingDays: policy.feePayment.payWithinWorkingDays, calendar }))
    : null;
  const reminderAfter = disclosureRules(policy).noticeReceipt.reminderAfterWorkingDays;
  const noticeReceiptReminders = (request.noticesAwaitingReceipt ?? []).map((n) => {
    const date = addWorkingDays(n.issuedOn, reminderAfter, calendar);
    return { id: n.id, date, at: reminderInstant(date) };
  });
  // 第三十五条: the reasonable period the office set and told the applicant replaces the statutory due date
  const excessive = request.excessivePeriodDue ?? null;

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
      status: excessive ? 'running' : answer.status,
      basis: excessive ? 'excessive_period' : 'statutory',
      due: excessive ?? answer.due,
      dueAt: excessive ? endOfDay(excessive) : answer.dueAt,
      dueWithoutExtension: answer.explanation.extensionWorkingDays > 0 ? answer.explanation.dueWithoutExtension : null,
      provisional: excessive ? !calendar.hasYear(Number(excessive.slice(0, 4))) : answer.provisional,
      remainingWorkingDays: answer.status === 'paused' && !excessive ? answer.remainingWorkingDays : null,
      pausedWorkingDays: answer.explanation.pausedDays.filter((d) => d.wouldHaveCounted).length,
      effectiveStart: answer.explanation.effectiveStart,
      restartedOn: answer.explanation.restartedOn,
      reminders: excessive ? [] : reminders,
      yearsWithoutOfficialData: answer.explanation.yearsWithoutOfficialData,
    },
    correctionRequestBy,
    correctionDueBy,
    consultations,
    feePaymentBy,
    noticeReceiptReminders,
    provisional: answer.provisional || others.some((c) => c.provisional),
    yearsWithoutOfficialData,
  };
}

function calendarYearsWithoutData(from: IsoDate, to: IsoDate, calendar: Calendar): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!calendar.hasYear(y)) out.push(y);
  return out;
}
