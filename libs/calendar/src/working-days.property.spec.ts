import { execFileSync } from 'child_process';
import fc from 'fast-check';
import { join } from 'path';
import { Calendar } from './calendar';
import { daysFromCivil, fromEpochDay } from './iso-date';
import { addHours, shanghaiDateOf } from './instant';
import { tzBattery } from './test/tz-battery';
import { YEAR_2027_TEST_DATA } from './test/year-2027.fixture';
import { addWorkingDays, dueDate, DueDateResult, extend, Pause, PauseReason, workingDaysBetween } from './working-days';

const calendars = [Calendar.builtIn(), Calendar.builtIn().withYear(YEAR_2027_TEST_DATA)];

/** Dates from 2023 to 2028: official years, their boundaries, and years without data. */
const isoDate = fc.integer({ min: daysFromCivil(2023, 1, 1), max: daysFromCivil(2028, 12, 31) }).map(fromEpochDay);
const workingDays = fc.integer({ min: 0, max: 60 });
const reason = fc.constantFrom<PauseReason>('third_party_consultation', 'co_producing_agency', 'fee_notice', 'correction');
const calendar = fc.constantFrom(...calendars);

function due(r: DueDateResult): string {
  if (r.due === null) throw new Error('paused');
  return r.due;
}

describe('working-day arithmetic — properties', () => {
  it('adding N then M working days equals adding N + M', () => {
    fc.assert(
      fc.property(isoDate, workingDays, workingDays, calendar, (receivedOn, n, m, cal) => {
        const first = due(dueDate({ receivedOn, workingDays: n, calendar: cal }));
        const then = due(dueDate({ receivedOn: first, workingDays: m, calendar: cal }));
        expect(then).toBe(due(dueDate({ receivedOn, workingDays: n + m, calendar: cal })));
        expect(addWorkingDays(addWorkingDays(receivedOn, n, cal), m, cal)).toBe(addWorkingDays(receivedOn, n + m, cal));
      }),
      { numRuns: 300 },
    );
  });

  it('a due date is always a working day, after the receipt', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 60 }), calendar, (receivedOn, n, cal) => {
        const d = due(dueDate({ receivedOn, workingDays: n, calendar: cal }));
        expect(cal.isWorkingDay(d)).toBe(true);
        expect(d > receivedOn).toBe(true);
        // Exactly n working days lie strictly after the effective start, up to and including the due date.
        const start = dueDate({ receivedOn, workingDays: 0, calendar: cal }).explanation.effectiveStart;
        expect(workingDaysBetween(start, d, cal).count).toBe(n + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('a pause never makes a deadline earlier, and costs exactly the working days it covers', () => {
    const pause = fc.tuple(isoDate, fc.integer({ min: 0, max: 40 }), reason).map(
      ([from, length, r]): Pause => ({ from, to: fromEpochDay(daysFromCivil(+from.slice(0, 4), +from.slice(5, 7), +from.slice(8)) + length), reason: r }),
    );
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 40 }), fc.array(pause, { maxLength: 3 }), calendar, (receivedOn, n, pauses, cal) => {
        const without = dueDate({ receivedOn, workingDays: n, calendar: cal });
        const withPauses = dueDate({ receivedOn, workingDays: n, pauses, calendar: cal });
        expect(due(withPauses) >= due(without)).toBe(true);
        const lost = withPauses.explanation.pausedDays.filter((d) => d.wouldHaveCounted).length;
        expect(due(withPauses)).toBe(addWorkingDays(due(without), lost, cal));
        expect(withPauses.provisional || !without.provisional).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('an extension of N equals counting N more from the original due date', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), calendar, (receivedOn, n, ext, cal) => {
        const original = dueDate({ receivedOn, workingDays: n, calendar: cal });
        expect(due(extend(original, ext, { calendar: cal }))).toBe(addWorkingDays(due(original), ext, cal));
      }),
      { numRuns: 200 },
    );
  });

  it('provisional exactly when the range receipt … due touches a year without data', () => {
    fc.assert(
      fc.property(isoDate, workingDays, calendar, (receivedOn, n, cal) => {
        const r = dueDate({ receivedOn, workingDays: n, calendar: cal });
        const years: number[] = [];
        for (let y = +receivedOn.slice(0, 4); y <= +due(r).slice(0, 4); y++) years.push(y);
        expect(r.provisional).toBe(years.some((y) => !cal.hasYear(y)));
      }),
      { numRuns: 300 },
    );
  });

  it('natural hours: adding h then k hours equals adding h + k; Shanghai date is consistent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (ms, h, k) => {
          const instant = new Date(ms).toISOString();
          expect(addHours(addHours(instant, h), k)).toBe(addHours(instant, h + k));
          expect(shanghaiDateOf(instant)).toBe(new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('results do not depend on the machine\'s time zone', () => {
  // Jest sandboxes process.env, so each zone runs in its own Node process with TZ set.
  const zones = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

  it('gives byte-identical answers under very different TZ settings', () => {
    const runs = zones.map((tz) => {
      const out = execFileSync(process.execPath, [join(__dirname, 'test', 'run-tz-battery.js')], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      return JSON.parse(out) as { offset: number; result: string };
    });
    expect(new Set(runs.map((r) => r.offset)).size).toBe(zones.length); // the TZ setting really took effect
    expect(new Set(runs.map((r) => r.result)).size).toBe(1);
    expect(runs[0]?.result).toBe(tzBattery()); // and the same as in this process
  }, 60_000);
});
