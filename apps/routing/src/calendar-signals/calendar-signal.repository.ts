import { Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { CalendarSignalEntity, CalendarSweepEntity } from '@huiying/persistence';

/** routing.calendar_sweeps (notices to pass on) and routing.calendar_signals (which case got which notice, once). */
@Injectable()
export class CalendarSignalRepository {
  constructor(private readonly ds: DataSource) {}

  /** Records a notice to sweep; a redelivered one changes nothing. */
  async addSweep(row: Pick<CalendarSweepEntity, 'eventId' | 'year' | 'revision' | 'source' | 'loadedAt'>): Promise<void> {
    await this.ds.createQueryBuilder().insert().into(CalendarSweepEntity).values({ ...row, receivedAt: new Date(), signalled: 0 }).orIgnore().execute();
  }

  /** Takes the oldest pending sweep for `leaseSeconds` (another instance skips it meanwhile); null when none. */
  async leaseNextSweep(leaseSeconds: number): Promise<CalendarSweepEntity | null> {
    const rows = (await this.ds.query(
      `UPDATE routing.calendar_sweeps SET leased_until = now() + make_interval(secs => $1)
       WHERE event_id = (
         SELECT event_id FROM routing.calendar_sweeps
         WHERE completed_at IS NULL AND (leased_until IS NULL OR leased_until < now())
         ORDER BY received_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING event_id, year, revision, source, loaded_at`,
      [leaseSeconds],
    )) as unknown[];
    // TypeORM answers an UPDATE … RETURNING with [rows, affected]
    type Row = { event_id: string; year: number; revision: number; source: string; loaded_at: Date };
    const r = (Array.isArray(rows[0]) ? (rows[0] as Row[]) : (rows as Row[]))[0];
    return r ? Object.assign(new CalendarSweepEntity(), { eventId: r.event_id, year: r.year, revision: r.revision, source: r.source, loadedAt: r.loaded_at }) : null;
  }

  /** A later revision of the same year's notice, if one was received (it supersedes this one). */
  async newerRevision(year: number, revision: number): Promise<string | null> {
    const row = await this.ds.manager.findOne(CalendarSweepEntity, { where: { year, revision: MoreThan(revision) }, order: { revision: 'DESC' } });
    return row?.eventId ?? null;
  }

  async completeSweep(eventId: string, signalled: number): Promise<void> {
    await this.ds.query(`UPDATE routing.calendar_sweeps SET completed_at = now(), leased_until = NULL, signalled = $2 WHERE event_id = $1`, [eventId, signalled]);
  }

  /** A failed sweep is retried after `afterSeconds`. */
  async retrySweepLater(eventId: string, afterSeconds: number): Promise<void> {
    await this.ds.query(`UPDATE routing.calendar_sweeps SET leased_until = now() + make_interval(secs => $2) WHERE event_id = $1`, [eventId, afterSeconds]);
  }

  async signalled(eventId: string): Promise<Set<string>> {
    const rows = await this.ds.manager.find(CalendarSignalEntity, { where: { eventId }, select: { caseId: true } });
    return new Set(rows.map((r) => r.caseId));
  }

  async record(eventId: string, caseId: string, caseKind: 'opinion' | 'disclosure'): Promise<void> {
    await this.ds.createQueryBuilder().insert().into(CalendarSignalEntity).values({ eventId, caseId, caseKind, signalledAt: new Date() }).orIgnore().execute();
  }
}
