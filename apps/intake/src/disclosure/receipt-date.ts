import { shanghaiDateOf, type IsoDate } from '@huiying/calendar';
import type { DisclosureChannel, DisclosureReceiptDto } from '@huiying/contracts';

export interface ReceiptProblem {
  field: string;
  message: string;
}

/** Which receipt field makes the receipt date, per channel (条例第三十一条; DOMAIN.md case kind 2 §1). */
export const RECEIPT_FIELD: Record<Exclude<DisclosureChannel, 'online'>, keyof DisclosureReceiptDto> = {
  in_person: 'handedInOn',
  post_signed: 'signedForOn',
  ordinary_letter: 'receivedOn',
  fax: 'confirmedOn',
};

/**
 * The receipt date of an application: in person — the day handed in; post with signature — the day signed for;
 * ordinary letter — the day the disclosure office received it; fax — the day both sides confirmed; online — the day
 * the system confirms it, i.e. now in Asia/Shanghai. A date after today is refused. Pure.
 */
export function receivedOnFor(channel: DisclosureChannel, receipt: DisclosureReceiptDto | undefined, now: Date): { receivedOn: IsoDate } | { problem: ReceiptProblem } {
  const today = shanghaiDateOf(now.toISOString());
  if (channel === 'online') return { receivedOn: today };
  const field = RECEIPT_FIELD[channel];
  const value = receipt?.[field];
  if (typeof value !== 'string') {
    return { problem: { field: `receipt.${field}`, message: `receipt.${field} is required for channel ${channel}: it is the receipt date` } };
  }
  if (value > today) return { problem: { field: `receipt.${field}`, message: `receipt.${field} ${value} is after today (${today})` } };
  return { receivedOn: value };
}
