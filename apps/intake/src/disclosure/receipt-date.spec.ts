import { arrivedOnOf, confirmationProblems, receiptAge, receiptFor, sameConfirmation } from './receipt-date';

describe('receiptFor (receipt by channel, 条例第三十一条)', () => {
  const now = new Date('2026-11-20T17:30:00Z'); // 2026-11-21 01:30 in Shanghai

  it.each([
    ['in_person', 'handedInOn', 'handed_in'],
    ['post_signed', 'signedForOn', 'signed_for'],
  ] as const)('%s: the date of receipt.%s, required', (channel, field, basis) => {
    expect(receiptFor(channel, { [field]: '2026-11-18' }, now)).toEqual({ status: 'received', receivedOn: '2026-11-18', basis, confirmation: null });
    expect(receiptFor(channel, {}, now)).toEqual({ problems: [{ field: `receipt.${field}`, message: expect.stringContaining('required') }] });
  });

  it('post: the day signed for counts, not the day handed in', () => {
    expect(receiptFor('post_signed', { handedInOn: '2026-11-16', signedForOn: '2026-11-19' }, now)).toMatchObject({ receivedOn: '2026-11-19' });
  });

  it.each(['ordinary_letter', 'online', 'fax'] as const)('%s without a confirmation date awaits confirmation (nothing refused, nothing started)', (channel) => {
    expect(receiptFor(channel, undefined, now)).toEqual({ status: 'awaiting_receipt_confirmation' });
    expect(receiptFor(channel, { receivedOn: '2026-11-19', reference: 'x' }, now)).toEqual({ status: 'awaiting_receipt_confirmation' });
  });

  it('ordinary letter: the day it arrived is not the receipt date; the confirmation date is', () => {
    expect(receiptFor('ordinary_letter', { receivedOn: '2026-11-18', confirmedOn: '2026-11-19', confirmedVia: 'phone', confirmedBy: '张科员' }, now)).toEqual({
      status: 'received',
      receivedOn: '2026-11-19',
      basis: 'confirmed',
      confirmation: { confirmedOn: '2026-11-19', via: 'phone', confirmedBy: '张科员' },
    });
  });

  it.each(['online', 'fax'] as const)('%s: the day both sides confirmed, given up front', (channel) => {
    expect(receiptFor(channel, { confirmedOn: '2026-11-20' }, now)).toEqual({
      status: 'received',
      receivedOn: '2026-11-20',
      basis: 'confirmed',
      confirmation: { confirmedOn: '2026-11-20', via: null, confirmedBy: null },
    });
  });

  it('today is the Shanghai day: 01:30 on the 21st in Shanghai allows the 21st', () => {
    expect(receiptFor('online', { confirmedOn: '2026-11-21' }, now)).toMatchObject({ status: 'received', receivedOn: '2026-11-21' });
  });

  it('a date after today is refused, field by field', () => {
    expect(receiptFor('in_person', { handedInOn: '2026-11-22' }, now)).toEqual({ problems: [{ field: 'receipt.handedInOn', message: expect.stringContaining('after today') }] });
    expect(receiptFor('fax', { confirmedOn: '2026-11-22', receivedOn: '2026-11-23' }, now)).toEqual({
      problems: [
        { field: 'receipt.receivedOn', message: expect.stringContaining('after today') },
        { field: 'receipt.confirmedOn', message: expect.stringContaining('after today') },
      ],
    });
  });

  it('a confirmation before the letter arrived is refused', () => {
    expect(receiptFor('ordinary_letter', { receivedOn: '2026-11-19', confirmedOn: '2026-11-18' }, now)).toEqual({
      problems: [{ field: 'receipt.confirmedOn', message: expect.stringContaining('before the day it arrived') }],
    });
  });

  it('how and by whom go with a confirmation date', () => {
    expect(receiptFor('online', { confirmedVia: 'sms', confirmedBy: '张科员' }, now)).toEqual({
      problems: [
        { field: 'receipt.confirmedVia', message: expect.stringContaining('confirmedOn') },
        { field: 'receipt.confirmedBy', message: expect.stringContaining('confirmedOn') },
      ],
    });
  });
});

describe('a later receipt confirmation', () => {
  const now = new Date('2026-11-20T02:00:00Z'); // 10:00 in Shanghai

  it('arrived: the letter\'s own date when given, else the Shanghai day intake stored it', () => {
    expect(arrivedOnOf({ receivedOn: '2026-11-17' }, new Date('2026-11-19T20:00:00Z'))).toBe('2026-11-17');
    expect(arrivedOnOf({}, new Date('2026-11-19T20:00:00Z'))).toBe('2026-11-20');
  });

  it('is neither after today nor before the application arrived', () => {
    expect(confirmationProblems({ confirmedOn: '2026-11-20' }, '2026-11-18', now)).toEqual([]);
    expect(confirmationProblems({ confirmedOn: '2026-11-18' }, '2026-11-18', now)).toEqual([]);
    expect(confirmationProblems({ confirmedOn: '2026-11-21' }, '2026-11-18', now)).toEqual([{ field: 'confirmedOn', message: expect.stringContaining('after today') }]);
    expect(confirmationProblems({ confirmedOn: '2026-11-17' }, '2026-11-18', now)).toEqual([{ field: 'confirmedOn', message: expect.stringContaining('before the application arrived') }]);
  });

  it('the same content is the same confirmation (an absent note is no note); anything else differs', () => {
    const recorded = { confirmedOn: '2026-11-19', via: 'phone' as const, confirmedBy: '张科员', note: null };
    expect(sameConfirmation(recorded, { confirmedOn: '2026-11-19', via: 'phone', confirmedBy: '张科员' })).toBe(true);
    expect(sameConfirmation(recorded, { confirmedOn: '2026-11-20', via: 'phone', confirmedBy: '张科员' })).toBe(false);
    expect(sameConfirmation(recorded, { confirmedOn: '2026-11-19', via: 'sms', confirmedBy: '张科员' })).toBe(false);
    expect(sameConfirmation(recorded, { confirmedOn: '2026-11-19', via: 'phone', confirmedBy: '李科员' })).toBe(false);
    expect(sameConfirmation(recorded, { confirmedOn: '2026-11-19', via: 'phone', confirmedBy: '张科员', note: '已电话确认' })).toBe(false);
  });
});

describe('receiptAge (the queue of unconfirmed receipts)', () => {
  it('hours since stored; working days after the day it arrived: weekends and the National Day holiday skipped, the make-up Saturday counted', () => {
    // arrived Friday 2026-09-25; 国庆 2026-10-01..07 off, Saturday 2026-10-10 a make-up working day (chinese-days 2026)
    const storedAt = new Date('2026-09-25T01:00:00Z');
    expect(receiptAge('2026-09-25', storedAt, new Date('2026-09-25T07:30:00Z'))).toEqual({ ageHours: 6, ageWorkingDays: 0, provisional: false });
    expect(receiptAge('2026-09-25', storedAt, new Date('2026-09-27T01:00:00Z'))).toEqual({ ageHours: 48, ageWorkingDays: 0, provisional: false });
    // 9-28, 9-29, 9-30, 10-08, 10-09, 10-10 (Saturday, make-up), 10-12
    expect(receiptAge('2026-09-25', storedAt, new Date('2026-10-12T02:00:00Z'))).toEqual({ ageHours: 17 * 24 + 1, ageWorkingDays: 7, provisional: false });
  });

  it('Friday to Monday is one working day', () => {
    expect(receiptAge('2026-11-20', new Date('2026-11-20T01:00:00Z'), new Date('2026-11-23T01:00:00Z'))).toEqual({ ageHours: 72, ageWorkingDays: 1, provisional: false });
  });

  it('a span into a year without an official notice is provisional', () => {
    expect(receiptAge('2030-11-20', new Date('2030-11-20T01:00:00Z'), new Date('2030-11-27T01:00:00Z'))).toMatchObject({ ageWorkingDays: 5, provisional: true });
  });
});
