import { addCalendarDays, Calendar, shanghaiDateOf, workingDaysBetween, type IsoDate } from '@huiying/calendar';
import type { ConfirmReceiptDto, DisclosureChannel, DisclosureReceiptDto, ReceiptConfirmationVia } from '@huiying/contracts';

export interface ReceiptProblem {
  field: string;
  message: string;
}

/** Which event made the receipt date. */
export type ReceiptBasis = 'handed_in' | 'signed_for' | 'confirmed';

/**
 * The receipt of an application as decided at submission (条例第三十一条):
 * - `received`: the receipt date is known;
 * - `awaiting_receipt_confirmation`: ordinary letter, online or fax without a confirmation date — stored, acknowledged,
 *   its case not started until staff record the confirmation.
 */
export type ReceiptDecision =
  | { status: 'received'; receivedOn: IsoDate; basis: ReceiptBasis; confirmation: UpFrontConfirmation | null }
  | { status: 'awaiting_receipt_confirmation' };

/** A confirmation the caller made before submitting (receipt.confirmedOn, with how and by whom when it says). */
export interface UpFrontConfirmation {
  confirmedOn: IsoDate;
  via: ReceiptConfirmationVia | null;
  confirmedBy: string | null;
}

/** The channels whose receipt date is the day receipt is confirmed with the applicant (第三十一条（二）后段、（三）). */
export const CONFIRMATION_CHANNELS: readonly DisclosureChannel[] = ['ordinary_letter', 'online', 'fax'];

export function needsConfirmation(channel: DisclosureChannel): boolean {
  return CONFIRMATION_CHANNELS.includes(channel);
}

const EVIDENCE_FIELD = { in_person: 'handedInOn', post_signed: 'signedForOn' } as const;
const EVIDENCE_BASIS = { in_person: 'handed_in', post_signed: 'signed_for' } as const;

function notAfterToday(field: string, value: string, today: IsoDate): ReceiptProblem | null {
  return value > today ? { field, message: `${field} ${value} is after today (${today})` } : null;
}

/**
 * The receipt of an application by channel (条例第三十一条; legal-findings §1): in person — the day handed in; post that
 * needs a signature — the day the agency signed for it; ordinary letter (平常信函) — the day the disclosure office
 * confirmed receipt with the applicant (it must do so on the day the letter arrives); online and fax — the day both
 * sides confirmed (双方确认之日). Without a confirmation date those three await confirmation. No date may be after today;
 * a confirmation may not precede the letter's or fax's arrival (receipt.receivedOn). Pure.
 */
export function receiptFor(channel: DisclosureChannel, receipt: DisclosureReceiptDto | undefined, now: Date): ReceiptDecision | { problems: ReceiptProblem[] } {
  const today = shanghaiDateOf(now.toISOString());
  const problems: ReceiptProblem[] = [];
  const check = (field: string, value: string | undefined) => {
    const p = value === undefined ? null : notAfterToday(`receipt.${field}`, value, today);
    if (p) problems.push(p);
  };
  if (channel === 'in_person' || channel === 'post_signed') {
    const field = EVIDENCE_FIELD[channel];
    const value = receipt?.[field];
    if (typeof value !== 'string') {
      return { problems: [{ field: `receipt.${field}`, message: `receipt.${field} is required for channel ${channel}: it is the receipt date` }] };
    }
    check(field, value);
    return problems.length ? { problems } : { status: 'received', receivedOn: value, basis: EVIDENCE_BASIS[channel], confirmation: null };
  }
  const arrivedOn = receipt?.receivedOn;
  const confirmedOn = receipt?.confirmedOn;
  check('receivedOn', arrivedOn);
  check('confirmedOn', confirmedOn);
  if (!problems.length && confirmedOn !== undefined && arrivedOn !== undefined && confirmedOn < arrivedOn) {
    problems.push({ field: 'receipt.confirmedOn', message: `receipt.confirmedOn ${confirmedOn} is before the day it arrived (receipt.receivedOn ${arrivedOn})` });
  }
  if (confirmedOn === undefined) {
    for (const field of ['confirmedVia', 'confirmedBy'] as const) {
      if (receipt?.[field] !== undefined) problems.push({ field: `receipt.${field}`, message: `receipt.${field} goes with receipt.confirmedOn, the day receipt was confirmed` });
    }
  }
  if (problems.length) return { problems };
  if (confirmedOn === undefined) return { status: 'awaiting_receipt_confirmation' };
  return { status: 'received', receivedOn: confirmedOn, basis: 'confirmed', confirmation: { confirmedOn, via: receipt?.confirmedVia ?? null, confirmedBy: receipt?.confirmedBy ?? null } };
}

/** The day an application reached the office: a letter's or fax's receipt.receivedOn when given, else the day intake stored it. */
export function arrivedOnOf(receipt: DisclosureReceiptDto | Record<string, unknown>, storedAt: Date): IsoDate {
  const given = (receipt as DisclosureReceiptDto).receivedOn;
  return typeof given === 'string' ? given : shanghaiDateOf(storedAt.toISOString());
}

/** A later confirmation (the REST action): not after today, not before the application arrived. Pure. */
export function confirmationProblems(dto: Pick<ConfirmReceiptDto, 'confirmedOn'>, arrivedOn: IsoDate, now: Date): ReceiptProblem[] {
  const today = shanghaiDateOf(now.toISOString());
  if (dto.confirmedOn > today) return [{ field: 'confirmedOn', message: `confirmedOn ${dto.confirmedOn} is after today (${today})` }];
  if (dto.confirmedOn < arrivedOn) return [{ field: 'confirmedOn', message: `confirmedOn ${dto.confirmedOn} is before the application arrived (${arrivedOn})` }];
  return [];
}

/** A confirmation as stored: the same content again is a no-op, different content a conflict. */
export interface RecordedConfirmation {
  confirmedOn: IsoDate;
  via: ReceiptConfirmationVia | null;
  confirmedBy: string | null;
  note: string | null;
}

export function sameConfirmation(recorded: RecordedConfirmation, dto: ConfirmReceiptDto): boolean {
  return recorded.confirmedOn === dto.confirmedOn && recorded.via === dto.via && recorded.confirmedBy === dto.confirmedBy && recorded.note === (dto.note ?? null);
}

/**
 * How long an unconfirmed receipt has waited: whole hours since intake stored it, and official working days after the
 * day it arrived up to and including today (Asia/Shanghai). Provisional when the span reaches a year whose holiday
 * notice the calendar does not carry. Pure.
 */
export function receiptAge(arrivedOn: IsoDate, storedAt: Date, now: Date, calendar: Calendar = Calendar.builtIn()): { ageHours: number; ageWorkingDays: number; provisional: boolean } {
  const ageHours = Math.max(0, Math.floor((now.getTime() - storedAt.getTime()) / 3_600_000));
  const today = shanghaiDateOf(now.toISOString());
  if (today <= arrivedOn) return { ageHours, ageWorkingDays: 0, provisional: false };
  // the calendar counts at most 3660 days at once: a receipt older than ten years counts its last ten
  const from = [addCalendarDays(arrivedOn, 1), addCalendarDays(today, -3600)].sort()[1];
  const span = workingDaysBetween(from, today, calendar);
  return { ageHours, ageWorkingDays: span.count, provisional: span.provisional };
}
