// The calendar API on the real stack: routing service, Postgres (policy schema), Kafka (calendar.updated.v1).
//
// Test data and clean-up (the database must stay usable for re-runs and for other tests):
// - 2027 is used only by the first test, because the spec's example needs it (receivedOn 2026-12-15 + 20 working
//   days ends in January 2027). beforeAll saves any 2027 row already loaded and removes it, so the test starts from
//   "2027 unknown"; afterAll removes the current 2027 row this run loaded and puts the saved row back. Tests that
//   rely on 2027 being unknown (workflow/e2e) see it loaded only while this file runs.
// - 2099 is used for everything else (re-loads, the Kafka event, the 422): far from any real deadline; its current
//   row is removed the same way in afterAll.
// - The load history is append-only and is NOT purged: revisions come from it and are never reused (the event id is
//   calendar:<year>:<revision>), so every run just adds revisions. Those rows, the outbox rows and the Kafka
//   messages are marked source 'integration-test'. Nothing consumes calendar.updated.v1 yet (issues 4/5); a
//   consumer re-reads the calendar, which is back to its state before the run.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Consumer } from 'kafkajs';
import { Calendar, dueDate, workingDaysBetween, type YearCalendar } from '@huiying/calendar';
import { TOPICS } from '@huiying/contracts';
import { parseMessage } from '@huiying/messaging';
import { eventually, http, kafka, pg } from '../test/support';

const RUN = randomUUID().slice(0, 8);
const TEST_SOURCE = 'integration-test';
const LOADED_BY = `calendar.integration-spec:${RUN}`;

/** Invented data in the shape of a notice: 元旦 on Friday 2027-01-01 and a Spring Festival week with a make-up Saturday. */
const YEAR_2027 = {
  holidays: [
    { date: '2027-01-01', name: '元旦', nameEn: "New Year's Day" },
    ...['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({ date, name: '春节' })),
  ],
  makeUpWorkdays: [{ date: '2027-02-13', name: '春节' }],
  source: TEST_SOURCE,
  reference: `TEST DATA (${RUN}) — not the State Council notice`,
  loadedBy: LOADED_BY,
};

const YEAR_2099 = {
  holidays: [{ date: '2099-01-01', name: '元旦' }],
  makeUpWorkdays: [{ date: '2099-01-03', name: '元旦' }],
  source: TEST_SOURCE,
  reference: `TEST DATA (${RUN})`,
  loadedBy: LOADED_BY,
};

describe('calendar API (routing) on the real stack', () => {
  let db: PgClient;
  let saved2027: Record<string, unknown> | undefined;

  /** The official calendar as the lib builds it from what is stored now: built-in years + loaded years. */
  async function libCalendar(): Promise<Calendar> {
    const rows = await db.query('SELECT data FROM policy.calendar_years ORDER BY year');
    return Calendar.fromYears(rows.rows.map((r) => r.data as YearCalendar));
  }

  async function counts(year: number) {
    const r = await db.query(
      `SELECT (SELECT count(*) FROM policy.calendar_years WHERE year = $1)::int AS current,
              (SELECT count(*) FROM policy.calendar_year_loads WHERE year = $1)::int AS history,
              (SELECT count(*) FROM policy.outbox WHERE message_key = 'calendar:' || $1)::int AS outbox`,
      [year],
    );
    return r.rows[0] as { current: number; history: number; outbox: number };
  }

  beforeAll(async () => {
    db = await pg();
    const existing = await db.query('SELECT * FROM policy.calendar_years WHERE year = 2027');
    saved2027 = existing.rows[0];
    await db.query('DELETE FROM policy.calendar_years WHERE year = 2027');
  });

  afterAll(async () => {
    if (db) {
      await db.query('DELETE FROM policy.calendar_years WHERE year IN (2027, 2099) AND loaded_by = $1', [LOADED_BY]);
      if (saved2027) {
        const s = saved2027;
        await db.query(
          `INSERT INTO policy.calendar_years (year, data, source, reference, revision, loaded_at, loaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (year) DO NOTHING`,
          [s.year, JSON.stringify(s.data), s.source, s.reference, s.revision, s.loaded_at, s.loaded_by],
        );
      }
      await db.end();
    }
  });

  it('loading 2027 turns GET due-date (2026-12-15 + 20 working days) from provisional to official at once, with the lib’s exact answer', async () => {
    const path = '/v1/calendar/due-date?receivedOn=2026-12-15&workingDays=20';
    const before = await http('GET', path);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ status: 'running', due: '2027-01-12', provisional: true });
    expect(before.body.explanation.yearsWithoutOfficialData).toEqual([2027]);
    expect(before.body).toEqual(JSON.parse(JSON.stringify(dueDate({ receivedOn: '2026-12-15', workingDays: 20, calendar: await libCalendar() }))));

    const load = await http('PUT', '/v1/admin/calendar/years/2027', YEAR_2027);
    expect(load.status).toBe(200);
    expect(load.body).toMatchObject({ year: 2027, revision: expect.any(Number), source: TEST_SOURCE, holidays: 8, makeUpWorkdays: 1, overridesBuiltIn: false });
    expect(load.body.eventId).toBe(`calendar:2027:${load.body.revision}`);

    // the very next request answers with 2027: 元旦 (Fri 2027-01-01) no longer counts
    const after = await http('GET', path);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'running', due: '2027-01-13', dueAt: '2027-01-13T15:59:59.999Z', provisional: false });
    expect(after.body.explanation.yearsWithoutOfficialData).toEqual([]);
    expect(after.body.explanation.skippedHolidays).toEqual([{ date: '2027-01-01', name: '元旦' }]);
    expect(after.body.explanation.calendarSources).toContainEqual({ year: 2027, source: TEST_SOURCE, reference: YEAR_2027.reference });
    const lib = dueDate({ receivedOn: '2026-12-15', workingDays: 20, calendar: await libCalendar() });
    expect(JSON.stringify(after.body)).toBe(JSON.stringify(lib));

    // the one source of the calendar for the worker: the loaded year with its revision, as the calendar is built from it
    const official = await http('GET', '/v1/calendar/official-years');
    expect(official.status).toBe(200);
    expect(official.body.version).toContain(`2027:${load.body.revision}`);
    expect(official.body.years).toContainEqual(expect.objectContaining({ year: 2027, source: TEST_SOURCE, reference: YEAR_2027.reference }));

    // a make-up Saturday counts, the Spring Festival week does not; pauses and extension go through too
    const withPause = await http(
      'GET',
      '/v1/calendar/due-date?receivedOn=2027-01-25&workingDays=20&pause=2027-01-27..2027-01-29:third_party_consultation&extensionWorkingDays=3',
    );
    const libPause = dueDate({
      receivedOn: '2027-01-25',
      workingDays: 20,
      pauses: [{ from: '2027-01-27', to: '2027-01-29', reason: 'third_party_consultation' }],
      extension: { workingDays: 3 },
      calendar: await libCalendar(),
    });
    expect(withPause.status).toBe(200);
    expect(JSON.stringify(withPause.body)).toBe(JSON.stringify(libPause));
    expect(withPause.body.explanation.makeUpWorkdaysCounted).toEqual([{ date: '2027-02-13', name: '春节' }]);

    const wd = await http('GET', '/v1/calendar/working-days?from=2027-02-01&to=2027-02-28');
    expect(wd.status).toBe(200);
    expect(wd.body).toEqual(JSON.parse(JSON.stringify(workingDaysBetween('2027-02-01', '2027-02-28', await libCalendar()))));
    expect(wd.body).toMatchObject({ count: 16, provisional: false });

    const years = await http('GET', '/v1/admin/calendar/years');
    expect(years.status).toBe(200);
    expect(years.body.builtIn.years).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(years.body.loaded).toContainEqual(expect.objectContaining({ year: 2027, revision: load.body.revision, loadedBy: LOADED_BY, overridesBuiltIn: false }));
    expect(years.body.officialYears).toEqual(expect.arrayContaining([2026, 2027]));

    const history = await db.query('SELECT revision, loaded_by FROM policy.calendar_year_loads WHERE year = 2027 AND revision = $1', [load.body.revision]);
    expect(history.rows).toEqual([{ revision: load.body.revision, loaded_by: LOADED_BY }]);
  });

  it('a re-load is a new revision with its own history row, and calendar.updated.v1 reaches Kafka with the right payload', async () => {
    let consumer: Consumer | undefined;
    const seen = new Map<string, { key: string; value: Buffer }>();
    try {
      const k = kafka(`calendar-it-${RUN}`);
      consumer = k.consumer({ groupId: `calendar-it-${randomUUID()}` });
      await consumer.connect();
      await consumer.subscribe({ topic: TOPICS.calendarUpdated, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          if (!message.value) return;
          const id = (JSON.parse(message.value.toString()) as { id?: string }).id;
          if (id) seen.set(id, { key: message.key?.toString() ?? '', value: message.value });
        },
      });

      const first = await http('PUT', '/v1/admin/calendar/years/2099', YEAR_2099);
      const second = await http('PUT', '/v1/admin/calendar/years/2099', { ...YEAR_2099, year: 2099 });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.body.revision).toBe(first.body.revision + 1);
      const history = await db.query('SELECT revision FROM policy.calendar_year_loads WHERE year = 2099 AND loaded_by = $1 ORDER BY revision', [LOADED_BY]);
      expect(history.rows.map((r) => r.revision)).toEqual([first.body.revision, second.body.revision]);
      const current = await db.query('SELECT revision FROM policy.calendar_years WHERE year = 2099');
      expect(current.rows[0].revision).toBe(second.body.revision);

      const eventId = `calendar:2099:${second.body.revision}`;
      const message = await eventually('calendar.updated.v1 on Kafka', async () => seen.get(eventId));
      expect(message.key).toBe('calendar:2099');
      const envelope = await parseMessage(TOPICS.calendarUpdated, message.key, message.value); // validates envelope + payload class
      expect(envelope).toMatchObject({ id: eventId, type: 'huiying.calendar.updated.v1', subject: 'calendar:2099', source: '/huiying/routing' });
      expect(envelope.data).toEqual({
        year: 2099,
        revision: second.body.revision,
        source: TEST_SOURCE,
        reference: YEAR_2099.reference,
        loadedAt: second.body.loadedAt,
      });
      const outbox = await db.query('SELECT sent_at FROM policy.outbox WHERE event_id = $1', [eventId]);
      expect(outbox.rows[0].sent_at).not.toBeNull();
    } finally {
      await consumer?.disconnect();
    }
  });

  it('a year that breaks the calendar rules gets 422 with every problem and stores nothing', async () => {
    const before = await counts(2099);
    const res = await http('PUT', '/v1/admin/calendar/years/2099', {
      ...YEAR_2099,
      year: 2098,
      holidays: [{ date: '2098-12-31', name: '除夕' }, { date: '2099-02-30', name: '春节' }],
      makeUpWorkdays: [{ date: '2099-01-05', name: '元旦' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CALENDAR_INVALID_YEAR_DATA');
    expect(res.body.problems).toEqual([
      'year in the body (2098) differs from the year in the path (2099)',
      expect.stringContaining('2098-12-31 is not in year 2099'),
      expect.stringContaining("holidays[1].date must be 'YYYY-MM-DD'"),
      expect.stringContaining('2099-01-05 is not a Saturday or Sunday'),
    ]);
    expect(await counts(2099)).toEqual(before);

    const typeErrors = await http('PUT', '/v1/admin/calendar/years/2099', { holidays: 'none', makeUpWorkdays: [{ date: 20990103 }], reference: '' });
    expect(typeErrors.status).toBe(400);
    expect(typeErrors.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['holidays', 'makeUpWorkdays.0.date', 'makeUpWorkdays.0.name', 'source', 'reference']),
    );
    const badYear = await http('PUT', '/v1/admin/calendar/years/27', YEAR_2099);
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors[0].field).toBe('year');
    expect(await counts(2099)).toEqual(before);
  });

  it('bad query parameters get 400 with field-level errors', async () => {
    const cases: [string, string[]][] = [
      ['/v1/calendar/due-date?receivedOn=2026-02-30&workingDays=twenty', ['receivedOn', 'workingDays']],
      ['/v1/calendar/due-date?workingDays=-1&color=red', ['receivedOn', 'workingDays', 'color']],
      ['/v1/calendar/due-date?receivedOn=2026-09-01&workingDays=20&extensionWorkingDays=21', ['extensionWorkingDays']],
      ['/v1/calendar/due-date?receivedOn=2026-09-10&workingDays=20&correctedOn=2026-09-01', ['correctedOn']],
      ['/v1/calendar/due-date?receivedOn=2026-09-01&workingDays=20&pauses=[{"from":"2026-09-05"}]', ['pauses[0]']],
      ['/v1/calendar/due-date?receivedOn=2026-09-01&workingDays=20&pause=soon', ['pause[0]']],
      ['/v1/calendar/working-days?from=2026-10-11&to=2026-10-01', ['to']],
      ['/v1/calendar/working-days?from=2026-10-01', ['to']],
    ];
    for (const [path, fields] of cases) {
      const res = await http('GET', encodeURI(path));
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect({ path, fields: res.body.errors.map((e: { field: string }) => e.field).sort() }).toEqual({ path, fields: [...fields].sort() });
    }
  });

  it('the load history is append-only in the database itself', async () => {
    await expect(db.query('UPDATE policy.calendar_year_loads SET loaded_by = loaded_by WHERE year = 2099')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM policy.calendar_year_loads WHERE year = 2099')).rejects.toThrow(/append-only/);
  });
});
