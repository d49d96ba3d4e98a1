import { isWorkingDay } from '@huiying/calendar';
import { OfficialCalendarUnavailable, RoutingCalendarClient, type FetchLike } from './official-calendar';

const YEAR_2027 = {
  year: 2027,
  holidays: [{ date: '2027-01-01', name: '元旦' }],
  makeUpWorkdays: [{ date: '2027-01-02', name: '元旦调休' }],
  source: 'State Council',
  reference: '国办发明电〔2026〕X号',
};

function fakeRouting(answers: { status: number; body: unknown }[]) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetchFn: FetchLike = async (url, init) => {
    calls.push({ url, headers: init.headers });
    const a = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return { ok: a.status < 300, status: a.status, json: async () => a.body, text: async () => JSON.stringify(a.body) };
  };
  return { calls, fetchFn };
}
const logger = { error: jest.fn(), info: jest.fn() };

describe('the worker takes the official calendar from routing', () => {
  it('asks routing with its key for every computation and builds the calendar from the loaded years', async () => {
    const { calls, fetchFn } = fakeRouting([
      { status: 200, body: { version: 'built-in', builtInYears: [2026], years: [] } },
      { status: 200, body: { version: '2027:1', builtInYears: [2026], years: [YEAR_2027] } },
    ]);
    const client = new RoutingCalendarClient('http://routing:3002/', 'hy_abc_secret', logger, fetchFn);
    const before = await client.current();
    expect(before.version).toBe('built-in');
    expect(before.calendar.hasYear(2027)).toBe(false);
    const after = await client.current(); // a year loaded in between: the very next computation uses it
    expect(after.version).toBe('2027:1');
    expect(isWorkingDay('2027-01-01', after.calendar)).toBe(false);
    expect(isWorkingDay('2027-01-02', after.calendar)).toBe(true); // a Saturday made a working day
    expect(calls.map((c) => [c.url, c.headers.authorization])).toEqual([
      ['http://routing:3002/v1/calendar/official-years', 'Bearer hy_abc_secret'],
      ['http://routing:3002/v1/calendar/official-years', 'Bearer hy_abc_secret'],
    ]);
  });

  it('rebuilds only when the version changes', async () => {
    const { fetchFn } = fakeRouting([{ status: 200, body: { version: '2027:1', builtInYears: [], years: [YEAR_2027] } }]);
    const client = new RoutingCalendarClient('http://routing:3002', 'k', logger, fetchFn);
    const a = await client.current();
    const b = await client.current();
    expect(b.calendar).toBe(a.calendar);
  });

  it('fails (so Temporal retries the activity) when routing refuses or is unreachable — never a guessed calendar', async () => {
    const refused = new RoutingCalendarClient('http://routing:3002', 'k', logger, fakeRouting([{ status: 401, body: { code: 'INVALID_CREDENTIALS' } }]).fetchFn);
    await expect(refused.current()).rejects.toThrow(OfficialCalendarUnavailable);
    await expect(refused.current()).rejects.toThrow(/401/);
    const down = new RoutingCalendarClient('http://routing:3002', 'k', logger, async () => {
      throw new Error('connect ECONNREFUSED');
    });
    await expect(down.current()).rejects.toThrow(/could not be reached: connect ECONNREFUSED/);
  });

  it('ignores an invalid year (it stays provisional) and says so', async () => {
    const bad = { ...YEAR_2027, makeUpWorkdays: [{ date: '2027-01-04', name: 'a Monday' }] };
    const client = new RoutingCalendarClient('http://r', 'k', logger, fakeRouting([{ status: 200, body: { version: '2027:2', builtInYears: [], years: [bad] } }]).fetchFn);
    expect((await client.current()).calendar.hasYear(2027)).toBe(false);
    expect(logger.error).toHaveBeenCalled();
  });
});
