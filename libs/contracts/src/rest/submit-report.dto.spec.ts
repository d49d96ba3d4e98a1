import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { SubmitReportDto } from './submit-report.dto';

const base = {
  channel: 'weibo',
  title: '某小区供暖不热',
  content: '网友反映小区暖气温度不达标',
  occurredAt: '2026-11-20T08:30:00+08:00',
  location: { district: '城关区' },
};
async function problems(extra: Record<string, unknown>): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(SubmitReportDto, { ...base, ...extra }), { whitelist: true, forbidNonWhitelisted: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

describe('SubmitReportDto: discoveredAt and jurisdiction', () => {
  it('accepts a report without them, and with a discovery between occurredAt and now', async () => {
    expect(await problems({})).toEqual({});
    expect(await problems({ discoveredAt: '2026-11-20T09:00:00+08:00', jurisdiction: 'seed-city' })).toEqual({});
  });
  it('refuses a discovery in the future, before occurredAt, or without an offset — on the discoveredAt field', async () => {
    expect(await problems({ discoveredAt: new Date(Date.now() + 3_600_000).toISOString() })).toEqual({ discoveredAt: [expect.stringMatching(/^discoveredAt is in the future/)] });
    expect(await problems({ discoveredAt: '2026-11-20T08:00:00+08:00' })).toEqual({
      discoveredAt: ['discoveredAt must not be before occurredAt (2026-11-20T08:00:00+08:00 is before 2026-11-20T08:30:00+08:00): a matter is found after it happened'],
    });
    expect(await problems({ discoveredAt: '2026-11-20 09:00' })).toEqual({ discoveredAt: [expect.stringMatching(/with an offset/)] });
  });
  it('refuses a jurisdiction that is not a code', async () => {
    expect(Object.keys(await problems({ jurisdiction: 'Seed City' }))).toEqual(['jurisdiction']);
  });
});
