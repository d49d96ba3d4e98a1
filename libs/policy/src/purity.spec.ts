import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/** Policy code is pure: no clock, no local-time Date API, no I/O, no environment (workflows import it). */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/Date\.now\s*\(|new Date\s*\(|\bDate\.(parse|UTC)\s*\(/, 'clock / Date'],
  [/performance\.now|process\.hrtime|Math\.random/, 'non-determinism'],
  [/from ['"](fs|path|http|https|net|child_process|os)['"]|require\(/, 'I/O'],
  [/process\.env/, 'environment read'],
  [/structuredClone\s*\(/, 'not available in every sandbox'],
];

describe('policy library purity', () => {
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => join(__dirname, f));

  it('finds the library sources', () => expect(files.length).toBeGreaterThan(4));

  it.each(FORBIDDEN)('no %s (%s) in library code', (pattern) => {
    expect(files.filter((f) => pattern.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
