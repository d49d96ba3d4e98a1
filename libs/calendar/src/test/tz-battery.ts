import { Calendar } from '../calendar';
import { addHours, shanghaiDateOf } from '../instant';
import { dueDate, extend, workingDaysBetween } from '../working-days';
import { YEAR_2027_TEST_DATA } from './year-2027.fixture';

/** A fixed set of computations whose JSON must be byte-identical under any TZ. */
export function tzBattery(): string {
  const calendars = [Calendar.builtIn(), Calendar.builtIn().withYear(YEAR_2027_TEST_DATA)];
  const out: unknown[] = [];
  for (const receivedOn of ['2026-09-28', '2026-12-15', '2025-12-31', '2024-02-09', '2026-02-12', '2026-10-03']) {
    for (const cal of calendars) {
      out.push(
        dueDate({ receivedOn, workingDays: 20, calendar: cal }),
        extend({ receivedOn, workingDays: 20, calendar: cal }, 20), workingDaysBetween(receivedOn, '2027-02-01', cal),
      );
    }
  }
  out.push(addHours('2026-09-30T23:30:00+08:00', 48), shanghaiDateOf('2026-09-30T16:00:00Z'));
  return JSON.stringify(out);
}
