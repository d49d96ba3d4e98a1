import { createHmac, hkdfSync } from 'node:crypto';
import type { IdDocumentType } from '@huiying/contracts';

/** Weights and check characters of the 18-digit resident identity number (GB 11643-1999). */
const ID18_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID18_CHECK = '10X98765432';

/**
 * One identity document written one way: full-width characters folded (NFKC), letters upper-case, spaces and dashes
 * dropped; a 15-digit resident identity number (issued before 1999) becomes its 18-digit form (19 inserted before the
 * year, check character appended), so a person is one applicant whichever card number they give. The type stays part
 * of the identity: a passport and an identity card of one person are two applicants to the system (it cannot know).
 * Pure.
 */
export function normalisedIdentity(type: IdDocumentType, number: string): string {
  let n = number.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  if (type === 'resident_id_card' && /^\d{15}$/.test(n)) {
    const body = `${n.slice(0, 6)}19${n.slice(6)}`;
    const sum = ID18_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
    n = `${body}${ID18_CHECK[sum % 11]}`;
  }
  return `${type}:${n}`;
}

/**
 * The applicant key: HMAC-SHA256 of the normalised identity document under a key derived (HKDF-SHA256) from
 * HUIYING_DATA_KEY. It lets the system count an applicant's applications in a calendar month (国办函〔2020〕109号 第四条:
 * 「同一申请人一个自然月内累计申请」) without storing the number in clear.
 *
 * It is not personal data only because it is keyed: identity numbers are few and structured (18 digits, most of them
 * a place, a birth date and a check digit), so a plain SHA-256 of one could be reversed by trying every number — the
 * key makes that impossible without HUIYING_DATA_KEY. Keep it out of logs and events all the same, and never hash
 * without the key. Changing HUIYING_DATA_KEY changes every applicant key: applications before and after the change no
 * longer count together (the `v1` in the derivation info leaves room for a rotation that keeps the old key).
 */
export class ApplicantKeyer {
  private readonly key: Buffer;

  constructor(dataKey: string) {
    if (!dataKey || dataKey.length < 16) throw new Error('the data key must be at least 16 characters');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(dataKey, 'utf8'), Buffer.alloc(0), Buffer.from('huiying/applicant-key/v1', 'utf8'), 32));
  }

  keyOf(document: { type: IdDocumentType; number: string }): string {
    return createHmac('sha256', this.key).update(normalisedIdentity(document.type, document.number), 'utf8').digest('hex');
  }
}

/** 'YYYY-MM' of a receipt date (a Shanghai calendar day): the calendar month an application counts in. */
export function applicantMonthOf(receivedOn: string): string {
  return receivedOn.slice(0, 7);
}
