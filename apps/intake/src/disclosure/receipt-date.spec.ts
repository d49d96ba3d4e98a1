import { receivedOnFor } from './receipt-date';

describe('receivedOnFor (receipt date by channel)', () => {
  const now = new Date('2026-11-20T17:30:00Z'); // 2026-11-21 01:30 in Shanghai

  it('online: the day the system confirms it, in Asia/Shanghai', () => {
    expect(receivedOnFor('online', undefined, now)).toEqual({ receivedOn: '2026-11-21' });
  });

  it.each([
    ['in_person', 'handedInOn'],
    ['post_signed', 'signedForOn'],
    ['ordinary_letter', 'receivedOn'],
    ['fax', 'confirmedOn'],
  ] as const)('%s: the date of receipt.%s', (channel, field) => {
    expect(receivedOnFor(channel, { [field]: '2026-11-18' }, now)).toEqual({ receivedOn: '2026-11-18' });
    expect(receivedOnFor(channel, {}, now)).toEqual({ problem: { field: `receipt.${field}`, message: expect.stringContaining('required') } });
  });

  it('post: the day signed for counts, not the day handed in', () => {
    expect(receivedOnFor('post_signed', { handedInOn: '2026-11-16', signedForOn: '2026-11-19' }, now)).toEqual({ receivedOn: '2026-11-19' });
  });

  it('a receipt date after today is refused', () => {
    expect(receivedOnFor('in_person', { handedInOn: '2026-11-22' }, now)).toEqual({ problem: { field: 'receipt.handedInOn', message: expect.stringContaining('after today') } });
  });
});
