import { appendResultsRow, RESULTS_HEADING, tableRow } from './results-table';

const readme = [
  '# Benchmarks',
  '',
  RESULTS_HEADING,
  '',
  '| date | commit | rate |',
  '|---|---|---|',
  '| 2026-12-01 | abc | 1 |',
  '',
  'Reading: …',
].join('\n');

describe('results table', () => {
  it('appends a row after the last row of the table under the heading', () => {
    const out = appendResultsRow(readme, tableRow(['2026-12-03', 'def', '2']));
    expect(out.split('\n').slice(4, 9)).toEqual(['| date | commit | rate |', '|---|---|---|', '| 2026-12-01 | abc | 1 |', '| 2026-12-03 | def | 2 |', '']);
  });
  it('escapes pipes in cells', () => {
    expect(tableRow(['a|b', 'c'])).toBe('| a\\|b | c |');
    expect(() => appendResultsRow(readme, tableRow(['x', 'a|b', '3']))).not.toThrow();
  });
  it('refuses a row of another width, and a README without the section', () => {
    expect(() => appendResultsRow(readme, tableRow(['only', 'two']))).toThrow(/columns/);
    expect(() => appendResultsRow('# nothing', tableRow(['a', 'b', 'c']))).toThrow(/section/);
  });
});
