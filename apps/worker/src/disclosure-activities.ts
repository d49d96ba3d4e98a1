import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { Calendar, validateYearCalendar, type YearCalendar } from '@huiying/calendar';
import type { DisclosureDeadlineRequest, DisclosureDeadlines } from '@huiying/contracts';
import { disclosureClocks } from '@huiying/policy';

interface StoredYear {
  year: number;
  revision: number;
  data: unknown;
}

/**
 * Reads the official calendar years loaded by administrators (policy.calendar_years, owned by routing; read only
 * here). One small query per computation; the Calendar is rebuilt only when a year:revision changed.
 */
export class CalendarYearsReader {
  private cached: { fingerprint: string; calendar: Calendar } | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly logger: Logger,
  ) {}

  async current(): Promise<{ calendar: Calendar; version: string }> {
    const rows: StoredYear[] = await this.ds.query('SELECT year, revision, data FROM policy.calendar_years ORDER BY year');
    const fingerprint = rows.map((r) => `${r.year}:${r.revision}`).join(',') || 'built-in';
    if (this.cached?.fingerprint !== fingerprint) {
      const years: YearCalendar[] = [];
      for (const r of rows) {
        try {
          years.push(validateYearCalendar(r.data));
        } catch (e) {
          // Never counted as official: answers touching that year stay provisional.
          this.logger.error({ year: r.year, revision: r.revision, err: (e as Error).message }, 'stored calendar year is invalid: ignored');
        }
      }
      this.cached = { fingerprint, calendar: Calendar.fromYears(years) };
    }
    return { calendar: this.cached.calendar, version: fingerprint };
  }
}

/** The disclosure workflow's deadline activity: the official calendar from Postgres + the policy's pure rules. */
export function createDisclosureActivities(
  years: { current(): Promise<{ calendar: Calendar; version: string }> },
  logger: Logger,
): { computeDisclosureDeadlines(request: DisclosureDeadlineRequest): Promise<DisclosureDeadlines> } {
  return {
    async computeDisclosureDeadlines(request: DisclosureDeadlineRequest): Promise<DisclosureDeadlines> {
      const { calendar, version } = await years.current();
      const clocks = disclosureClocks(request, calendar);
      logger.debug({ answerDue: clocks.answer.due, provisional: clocks.provisional, calendarVersion: version }, 'disclosure deadlines computed');
      return { ...clocks, calendarVersion: version };
    },
  };
}
