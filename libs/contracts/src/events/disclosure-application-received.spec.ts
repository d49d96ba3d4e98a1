import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DisclosureApplicationReceivedV1 } from './disclosure-application-received.event';

const event = {
  applicationId: '6f1c1d7e-2c55-4c1e-9a53-3d1b8c1f0a01',
  caseId: '0b7e3f55-9a0c-4d8e-8f43-2a6c51e7a002',
  channel: 'online',
  receivedOn: '2026-11-30',
  receivedAt: '2026-11-28T02:00:00.000Z',
  applicant: { type: 'natural_person' },
  filedAs: 'disclosure_application',
  deliveryForm: 'electronic',
};

async function problems(plain: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(DisclosureApplicationReceivedV1, plain), { whitelist: true, forbidNonWhitelisted: true });
  const flat = (es: typeof errors, parent = ''): string[] =>
    es.flatMap((e) => [...Object.keys(e.constraints ?? {}).map((c) => `${parent}${e.property}:${c}`), ...flat(e.children ?? [], `${parent}${e.property}.`)]);
  return flat(errors);
}

describe('DisclosureApplicationReceivedV1.applicantMonth (the applicant\'s count for the month, 国办函〔2020〕109号 第四条)', () => {
  it('is valid with the month of the receipt date and a positive ordinal, and optional (older producers, complaints)', async () => {
    expect(await problems({ ...event, applicantMonth: { month: '2026-11', ordinal: 11 } })).toEqual([]);
    expect(await problems(event)).toEqual([]);
    expect(await problems({ ...event, applicantMonth: null })).toEqual([]);
  });

  it('refuses a month that is not the receipt date\'s, a malformed month, an ordinal below 1 or not whole', async () => {
    expect(await problems({ ...event, applicantMonth: { month: '2026-12', ordinal: 1 } })).toEqual(['applicantMonth:isMonthOfReceipt']);
    expect(await problems({ ...event, applicantMonth: { month: '2026-13', ordinal: 1 } })).toEqual(expect.arrayContaining(['applicantMonth.month:matches']));
    expect(await problems({ ...event, applicantMonth: { month: '2026-11', ordinal: 0 } })).toEqual(['applicantMonth.ordinal:min']);
    expect(await problems({ ...event, applicantMonth: { month: '2026-11', ordinal: 1.5 } })).toEqual(['applicantMonth.ordinal:isInt']);
    expect(await problems({ ...event, applicantMonth: { month: '2026-11' } })).toEqual(expect.arrayContaining(['applicantMonth.ordinal:isInt']));
  });
});
