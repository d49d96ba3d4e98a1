import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { YearCalendar } from '@huiying/calendar';
import { CalendarYearEntity, CalendarYearLoadEntity, PolicyOutboxEntity } from '@huiying/persistence';
import { traceCarrierOf } from '@huiying/platform';

export interface YearRevision {
  year: number;
  revision: number;
}

export type OutboxRow = Pick<PolicyOutboxEntity, 'eventId' | 'topic' | 'messageKey' | 'payload'>;

/** The only place the calendar feature touches the database (policy.calendar_years, its history, policy.outbox). */
@Injectable()
export class CalendarRepository {
  constructor(private readonly ds: DataSource) {}

  /** year:revision of every loaded year — the cache fingerprint, read on every calendar request (a tiny table). */
  async revisions(): Promise<YearRevision[]> {
    const rows: { year: number; revision: number }[] = await this.ds.query('SELECT year, revision FROM policy.calendar_years ORDER BY year');
    return rows.map((r) => ({ year: Number(r.year), revision: Number(r.revision) }));
  }

  listYears(): Promise<CalendarYearEntity[]> {
    return this.ds.manager.find(CalendarYearEntity, { order: { year: 'ASC' } });
  }

  /**
   * Stores a load: the next revision of the year (from the append-only history, so revisions are never reused),
   * the history row, the current row, and the outbox row built by `event` — all in one transaction. Concurrent
   * loads of the same year are serialised by a transaction-scoped advisory lock.
   */
  async storeLoad(
    data: YearCalendar,
    loadedBy: string,
    loadedAt: Date,
    event: (revision: number) => OutboxRow,
  ): Promise<{ revision: number; eventId: string }> {
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('policy.calendar_years'), $1)`, [data.year]);
      const [{ next }] = (await em.query('SELECT COALESCE(MAX(revision), 0) + 1 AS next FROM policy.calendar_year_loads WHERE year = $1', [
        data.year,
      ])) as { next: number }[];
      const revision = Number(next);
      const row = {
        year: data.year,
        revision,
        data: data as never,
        source: data.source,
        reference: data.reference,
        loadedAt,
        loadedBy,
      };
      await em.insert(CalendarYearLoadEntity, row);
      await em.upsert(CalendarYearEntity, row, ['year']);
      const outbox = event(revision);
      await em.insert(PolicyOutboxEntity, { ...outbox, payload: outbox.payload as never, sentAt: null, attempts: 0, lastError: null, ...traceCarrierOf() });
      return { revision, eventId: outbox.eventId };
    });
  }
}
