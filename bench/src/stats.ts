// Percentiles and small summaries for the benchmarks (pure; unit-tested).

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN for an empty array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  if (p <= 0) return sorted[0] as number;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** p50 and p99 of unsorted values (the input is not modified). */
export function p50p99(values: readonly number[]): { p50: number; p99: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

/** A number for a table cell: '–' when not measured, else rounded to `digits`, with thousands separators. */
export function fmt(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio as a percentage ('–' when either side is missing or the denominator is 0). */
export function ratioPct(numerator: number | null | undefined, denominator: number | null | undefined): string {
  if (!numerator || !denominator || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return '–';
  return `${Math.round((numerator / denominator) * 100)} %`;
}
