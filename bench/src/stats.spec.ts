import { fmt, p50p99, percentile, ratioPct } from './stats';

describe('percentile (nearest rank)', () => {
  it('picks the value at rank ceil(p·n)', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });
  it('takes the maximum for p99 of a small sample and handles one value and none', () => {
    expect(percentile([1, 2, 3], 99)).toBe(3);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
  it('p50p99 sorts a copy', () => {
    const values = [30, 10, 20];
    expect(p50p99(values)).toEqual({ p50: 20, p99: 30, n: 3 });
    expect(values).toEqual([30, 10, 20]);
  });
});

describe('formatting', () => {
  it('formats numbers and missing values', () => {
    expect(fmt(1234.5)).toBe('1,235');
    expect(fmt(0.456, 2)).toBe('0.46');
    expect(fmt(NaN)).toBe('–');
    expect(fmt(null)).toBe('–');
  });
  it('gives ratios as percentages', () => {
    expect(ratioPct(20, 80)).toBe('25 %');
    expect(ratioPct(20, 0)).toBe('–');
    expect(ratioPct(undefined, 10)).toBe('–');
  });
});
