import { monthsEndingWith, parseReportingPeriod, periodBefore, periodContaining, previousPeriod } from './reporting-period';

describe('reporting periods (月统计、季通报) in Asia/Shanghai', () => {
  it('a quarter is three Shanghai months: 2026-Q4 runs from 1 October 00:00 +08:00 to 1 January 00:00 +08:00', () => {
    expect(parseReportingPeriod('quarterly', '2026-Q4')).toEqual({
      kind: 'quarterly', period: '2026-Q4', from: '2026-09-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z', months: ['2026-10', '2026-11', '2026-12'],
    });
    expect(parseReportingPeriod('quarterly', '2026-Q1')?.months).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('a month: 2026-11 from 1 November to 1 December, Shanghai midnight; February of a leap year', () => {
    expect(parseReportingPeriod('monthly', '2026-11')).toMatchObject({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', months: ['2026-11'] });
    expect(parseReportingPeriod('monthly', '2028-02')).toMatchObject({ from: '2028-01-31T16:00:00.000Z', to: '2028-02-29T16:00:00.000Z' });
  });

  it.each([
    ['monthly', '2026-13'], ['monthly', '2026-1'], ['monthly', '2026-Q1'], ['quarterly', '2026-Q5'], ['quarterly', '2026-Q0'],
    ['quarterly', '2026-11'], ['monthly', '1900-01'], ['quarterly', '2199-Q1'], ['monthly', ' 2026-11'],
  ] as const)('refuses %s %j', (kind, code) => {
    expect(parseReportingPeriod(kind, code)).toBeNull();
  });

  it('the period before crosses the year: 2026-Q1 → 2025-Q4, 2026-01 → 2025-12', () => {
    expect(previousPeriod(parseReportingPeriod('quarterly', '2026-Q1')!).period).toBe('2025-Q4');
    expect(previousPeriod(parseReportingPeriod('monthly', '2026-01')!).period).toBe('2025-12');
    expect(previousPeriod(parseReportingPeriod('quarterly', '2026-Q3')!).months).toEqual(['2026-04', '2026-05', '2026-06']);
  });

  it('an instant belongs to its Shanghai period: 2026-09-30T16:00Z is 1 October 00:00 in Shanghai (Q4), a millisecond before is Q3', () => {
    expect(periodContaining('quarterly', '2026-09-30T16:00:00Z').period).toBe('2026-Q4');
    expect(periodContaining('quarterly', '2026-09-30T15:59:59.999Z').period).toBe('2026-Q3');
    expect(periodContaining('monthly', '2026-11-30T17:00:00Z').period).toBe('2026-12');
  });

  it('a scheduled run reports on the period that has just ended: 1 January 08:00 +08:00 → the fourth quarter / December', () => {
    expect(periodBefore('quarterly', '2027-01-01T08:00:00+08:00').period).toBe('2026-Q4');
    expect(periodBefore('monthly', '2027-01-01T08:00:00+08:00').period).toBe('2026-12');
    expect(periodBefore('quarterly', '2026-04-01T00:00:00Z').period).toBe('2026-Q1'); // 08:00 in Shanghai
    expect(periodBefore('monthly', '2026-12-01T00:30:00+08:00').period).toBe('2026-11');
  });

  it('a trend window of months ending with a month, across the year', () => {
    expect(monthsEndingWith('2027-02', 6)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02']);
  });
});
