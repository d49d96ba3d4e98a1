import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * Structural guarantee behind determinism: library code (not tests) never reads the clock, never uses the
 * local-time API of Date and never does I/O. Workflow code imports this library.
 */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/Date\.now\s*\(/, 'clock read'],
  [/new Date\s*\(/, 'Date object (local time, clock)'],
  [/\bDate\.(parse|UTC)\s*\(/, 'Date parsing'],
  [/\.(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getTimezoneOffset|setHours|toLocale\w*)\s*\(/, 'local-time API'],
  [/performance\.now|process\.hrtime|Math\.random/, 'non-determinism'],
  [/from ['"](fs|path|http|https|net|child_process|os)['"]|require\(/, 'I/O'],
  [/process\.env/, 'environment read'],
];

function libFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' || e.name === 'fixtures' ? [] : libFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

describe('calendar library purity', () => {
  const files = libFiles(__dirname);

  it('finds the library sources', () => expect(files.length).toBeGreaterThan(5));

  it.each(FORBIDDEN)('no %s (%s) in library code', (pattern) => {
    const offenders = files.filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
