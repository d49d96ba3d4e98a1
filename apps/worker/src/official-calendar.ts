// The official calendar of the worker's deadline activity comes from routing, which owns it (the one source of the
// calendar: no service reads another context's tables). Each computation asks routing's
// GET /v1/calendar/official-years — a few small rows — so a year loaded a moment ago (and the calendar.updated signal
// that follows it) is always computed with the new data; the Calendar is rebuilt only when the version changes.
import type { Logger } from 'pino';
import { Calendar, validateYearCalendar, type YearCalendar } from '@huiying/calendar';
import type { OfficialCalendarYearsDto } from '@huiying/contracts';

export interface OfficialCalendarSource {
  current(): Promise<{ calendar: Calendar; version: string }>;
}

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

/** Routing could not answer: the activity fails and Temporal retries it (never computed on a guessed calendar). */
export class OfficialCalendarUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficialCalendarUnavailable';
  }
}

export class RoutingCalendarClient implements OfficialCalendarSource {
  private cached: { version: string; calendar: Calendar } | undefined;

  constructor(
    private readonly routingUrl: string,
    private readonly apiKey: string,
    private readonly logger: Pick<Logger, 'error' | 'info'>,
    private readonly fetchFn: FetchLike = fetch as unknown as FetchLike,
    private readonly timeoutMs = 5_000,
  ) {}

  async current(): Promise<{ calendar: Calendar; version: string }> {
    const url = `${this.routingUrl.replace(/\/+$/, '')}/v1/calendar/official-years`;
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await this.fetchFn(url, { headers: { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new OfficialCalendarUnavailable(`routing's official calendar (${url}) could not be reached: ${(e as Error).message}`);
    }
    if (!res.ok) throw new OfficialCalendarUnavailable(`routing's official calendar (${url}) answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as OfficialCalendarYearsDto;
    if (typeof body?.version !== 'string' || !Array.isArray(body.years)) throw new OfficialCalendarUnavailable(`routing's official calendar (${url}) answered an unexpected body`);
    if (this.cached?.version !== body.version) {
      const years: YearCalendar[] = [];
      for (const y of body.years) {
        try {
          years.push(validateYearCalendar(y));
        } catch (e) {
          // Never counted as official: answers touching that year stay provisional.
          this.logger.error({ year: (y as { year?: unknown }).year, version: body.version, err: (e as Error).message }, 'official calendar year from routing is invalid: ignored');
        }
      }
      this.cached = { version: body.version, calendar: Calendar.fromYears(years) };
      this.logger.info({ version: body.version, loadedYears: years.map((y) => y.year) }, 'official calendar taken from routing');
    }
    return { calendar: this.cached.calendar, version: this.cached.version };
  }
}
