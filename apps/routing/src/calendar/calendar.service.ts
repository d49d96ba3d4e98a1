import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  Calendar,
  CHINESE_DAYS_SOURCE,
  dueDate,
  validateYearCalendar,
  workingDaysBetween,
  type DueDateResult,
  type WorkingDaysBetween,
  type YearCalendar,
} from '@huiying/calendar';
import {
  EVENT_TYPES,
  makeEnvelope,
  TOPICS,
  type CalendarUpdatedV1,
  type CalendarYearLoadedDto,
  type CalendarYearsDto,
  type DueDateQueryDto,
  type LoadCalendarYearDto,
  type OfficialCalendarYearsDto,
  type WorkingDaysQueryDto,
} from '@huiying/contracts';
import { OutboxRelay } from '@huiying/messaging';
import { LOGGER, POLICY_OUTBOX_RELAY } from '../infrastructure.module';
import { answerQuery, DUE_DATE_ERROR_FIELDS, toDueDateInput, toYearCalendar, WORKING_DAYS_ERROR_FIELDS } from './calendar-query';
import { CalendarRepository, type YearRevision } from './calendar.repository';

function fingerprintOf(rows: readonly YearRevision[]): string {
  return rows.map((r) => `${r.year}:${r.revision}`).join(',');
}

/**
 * The official calendar = built-in years (chinese-days) + every year loaded by an administrator (loaded years
 * replace built-in ones).
 *
 * Caching: the built Calendar is kept in memory with the fingerprint (year:revision of every loaded year) it was
 * built from. Every request re-reads that fingerprint (one indexed query on a table of a few rows) and rebuilds
 * only when it changed. So a load through any routing instance — or a row removed by hand — changes the answers
 * of every instance on the very next request, with no TTL window and no cross-instance messaging.
 */
@Injectable()
export class CalendarService {
  private cached?: { fingerprint: string; calendar: Calendar; years: YearCalendar[] };

  constructor(
    private readonly repo: CalendarRepository,
    @Inject(POLICY_OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async calendar(): Promise<Calendar> {
    return (await this.current()).calendar;
  }

  /** The loaded years the calendar is built from and their fingerprint (the worker's deadline activity asks for it). */
  async officialYears(): Promise<OfficialCalendarYearsDto> {
    const { fingerprint, years } = await this.current();
    return { version: fingerprint || 'built-in', builtInYears: [...Calendar.builtIn().years()], years: years.map((y) => ({ ...y })) };
  }

  private async current(): Promise<{ fingerprint: string; calendar: Calendar; years: YearCalendar[] }> {
    const fingerprint = fingerprintOf(await this.repo.revisions());
    if (this.cached?.fingerprint === fingerprint) return this.cached;
    const rows = await this.repo.listYears();
    const years: YearCalendar[] = [];
    for (const row of rows) {
      try {
        years.push(validateYearCalendar(row.data));
      } catch (e) {
        // Never silently Mon–Fri: a skipped year makes every answer touching it provisional, and we say why.
        this.logger.error({ year: row.year, revision: row.revision, err: e }, 'stored calendar year is invalid; ignored (answers for it are provisional)');
      }
    }
    const calendar = Calendar.fromYears(years);
    this.cached = { fingerprint: fingerprintOf(rows), calendar, years };
    this.logger.info({ loadedYears: rows.map((r) => `${r.year}@${r.revision}`) }, 'calendar rebuilt');
    return this.cached;
  }

  async dueDate(query: DueDateQueryDto): Promise<DueDateResult> {
    const input = toDueDateInput(query);
    const calendar = await this.calendar();
    return answerQuery(() => dueDate({ ...input, calendar }), DUE_DATE_ERROR_FIELDS);
  }

  async workingDays(query: WorkingDaysQueryDto): Promise<WorkingDaysBetween> {
    const calendar = await this.calendar();
    return answerQuery(() => workingDaysBetween(query.from, query.to, calendar), WORKING_DAYS_ERROR_FIELDS);
  }

  /** Loads (or re-loads) a year: new revision, history row and calendar.updated.v1 in one transaction. */
  async loadYear(year: number, dto: LoadCalendarYearDto): Promise<CalendarYearLoadedDto> {
    const data = toYearCalendar(year, dto);
    const loadedBy = dto.loadedBy ?? 'admin-api';
    const loadedAt = new Date();
    const { revision, eventId } = await this.repo.storeLoad(data, loadedBy, loadedAt, (revision) => {
      const payload: CalendarUpdatedV1 = { year, revision, source: data.source, reference: data.reference, loadedAt: loadedAt.toISOString() };
      const envelope = makeEnvelope({
        id: `calendar:${year}:${revision}`,
        type: EVENT_TYPES.calendarUpdated,
        source: '/huiying/routing',
        time: loadedAt.toISOString(),
        subject: `calendar:${year}`,
        data: payload,
      });
      return { eventId: envelope.id, topic: TOPICS.calendarUpdated, messageKey: envelope.subject, payload: envelope as unknown as Record<string, unknown> };
    });
    this.cached = undefined;
    this.relay.nudge();
    this.logger.info({ year, revision, source: data.source, reference: data.reference, loadedBy, eventId }, 'calendar year loaded');
    return {
      year,
      revision,
      source: data.source,
      reference: data.reference,
      loadedAt: loadedAt.toISOString(),
      loadedBy,
      holidays: data.holidays.length,
      makeUpWorkdays: data.makeUpWorkdays.length,
      eventId,
      overridesBuiltIn: Calendar.builtIn().hasYear(year),
    };
  }

  async listYears(): Promise<CalendarYearsDto> {
    const builtIn = Calendar.builtIn();
    const rows = await this.repo.listYears();
    const loaded = rows.map((r) => {
      const data = r.data as unknown as YearCalendar;
      return {
        year: r.year,
        revision: r.revision,
        source: r.source,
        reference: r.reference,
        loadedAt: r.loadedAt.toISOString(),
        loadedBy: r.loadedBy,
        holidays: Array.isArray(data.holidays) ? data.holidays.length : 0,
        makeUpWorkdays: Array.isArray(data.makeUpWorkdays) ? data.makeUpWorkdays.length : 0,
        overridesBuiltIn: builtIn.hasYear(r.year),
      };
    });
    const officialYears = [...new Set([...builtIn.years(), ...rows.map((r) => r.year)])].sort((a, b) => a - b);
    return { builtIn: { source: CHINESE_DAYS_SOURCE, years: [...builtIn.years()] }, loaded, officialYears };
  }
}
