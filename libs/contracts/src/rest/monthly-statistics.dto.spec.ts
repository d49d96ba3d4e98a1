import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { MonthlyStatisticsQueryDto } from './monthly-statistics.dto';

async function errorsOf(query: Record<string, unknown>): Promise<[string, string[]][]> {
  const errors = await validate(plainToInstance(MonthlyStatisticsQueryDto, query), { whitelist: true, forbidNonWhitelisted: true });
  return errors.map((e) => [e.property, Object.values(e.constraints ?? {})]);
}

describe('GET /v1/statistics/monthly query', () => {
  it('takes a month YYYY-MM, an optional jurisdiction, department and format', async () => {
    expect(await errorsOf({ month: '2026-11' })).toEqual([]);
    expect(await errorsOf({ month: '2026-12', jurisdiction: 'seed-city', department: 'housing_urban_rural', format: 'csv' })).toEqual([]);
  });

  it('refuses a month that is not YYYY-MM and an unknown format, each on its field', async () => {
    for (const month of ['2026-13', '2026-1', '2026-11-01', 'november', '']) {
      expect(await errorsOf({ month })).toEqual([['month', ['month must be a month YYYY-MM, e.g. 2026-11']]]);
    }
    expect(await errorsOf({ month: '2026-11', format: 'xlsx' })).toEqual([['format', ['format must be json or csv']]]);
    expect((await errorsOf({})).map(([f]) => f)).toEqual(['month']);
    expect((await errorsOf({ month: '2026-11', department: 'Housing Bureau', jurisdiction: '../x' })).map(([f]) => f).sort()).toEqual(['department', 'jurisdiction']);
  });
});
