import { Calendar, CalendarErrorCode, CalendarException, dueDate } from '@huiying/calendar';
import type { DueDateQueryDto, LoadCalendarYearDto } from '@huiying/contracts';
import {
  answerQuery,
  DUE_DATE_ERROR_FIELDS,
  parsePauseParams,
  parsePausesJson,
  splitYearProblems,
  toDueDateInput,
  toYearCalendar,
} from './calendar-query';
import { CalendarApiException } from './calendar.exception';

function responseOf(e: unknown): Record<string, unknown> {
  expect(e).toBeInstanceOf(CalendarApiException);
  return (e as CalendarApiException).getResponse() as Record<string, unknown>;
}

function thrown(fn: () => unknown): CalendarApiException {
  try {
    fn();
  } catch (e) {
    return e as CalendarApiException;
  }
  throw new Error('expected an exception');
}

describe('due-date query → lib input', () => {
  it('sets only the fields the caller gave, so the request echo equals the lib call', () => {
    const input = toDueDateInput({ receivedOn: '2026-12-15', workingDays: 20 } as DueDateQueryDto);
    expect(input).toEqual({ receivedOn: '2026-12-15', workingDays: 20 });
    expect(dueDate(input).request).toEqual({ receivedOn: '2026-12-15', workingDays: 20 });
  });

  it('combines JSON pauses, repeated pause params, extension and correction', () => {
    const input = toDueDateInput({
      receivedOn: '2026-09-01',
      workingDays: 20,
      pauses: JSON.stringify([{ from: '2026-09-10', to: '2026-09-12', reason: 'fee_notice' }]),
      pause: ['2026-09-20..2026-09-22:third_party_consultation', '2026-10-20..:co_producing_agency'],
      extensionWorkingDays: 5,
      correctedOn: '2026-09-03',
    } as DueDateQueryDto);
    expect(input).toEqual({
      receivedOn: '2026-09-01',
      workingDays: 20,
      pauses: [
        { from: '2026-09-10', to: '2026-09-12', reason: 'fee_notice' },
        { from: '2026-09-20', to: '2026-09-22', reason: 'third_party_consultation' },
        { from: '2026-10-20', reason: 'co_producing_agency' },
      ],
      extension: { workingDays: 5 },
      correctedOn: '2026-09-03',
    });
  });

  it('names the offending pause in a field-level 400', () => {
    const e = thrown(() =>
      toDueDateInput({
        receivedOn: '2026-09-01',
        workingDays: 20,
        pauses: JSON.stringify([{ from: '2026-09-10', reason: 'fee_notice' }, { from: '2026-02-30', to: '2026-01-01', reason: 'nap', x: 1 }]),
        pause: ['yesterday'],
      } as DueDateQueryDto),
    );
    expect(e.getStatus()).toBe(400);
    const errors = responseOf(e).errors as { field: string; messages: string[] }[];
    expect(errors.map((x) => x.field)).toEqual(['pauses[1]', 'pause[0]']);
    expect(errors[0]?.messages).toEqual(
      expect.arrayContaining([expect.stringMatching(/unknown field/), expect.stringMatching(/^from/), expect.stringMatching(/^reason/)]),
    );
  });

  it('refuses pauses that are not a JSON array', () => {
    for (const raw of ['{', '{"from":"2026-01-05"}', '"x"']) {
      const parsed = parsePausesJson(raw);
      expect(parsed).toEqual({ ok: false, errors: [{ field: 'pauses', messages: [expect.stringMatching(/JSON array/)] }] });
    }
    expect(parsePausesJson(undefined)).toEqual({ ok: true, value: [] });
  });

  it("parses 'from..to:reason' and 'from..:reason' (still paused), refuses an end before the start", () => {
    expect(parsePauseParams(['2026-01-05..2026-01-09:correction'])).toEqual({
      ok: true,
      value: [{ from: '2026-01-05', to: '2026-01-09', reason: 'correction' }],
    });
    expect(parsePauseParams(['2026-01-05..:fee_notice'])).toEqual({ ok: true, value: [{ from: '2026-01-05', reason: 'fee_notice' }] });
    expect(parsePauseParams(['2026-01-09..2026-01-05:correction'])).toEqual({
      ok: false,
      errors: [{ field: 'pause[0]', messages: ['to is before from'] }],
    });
  });
});

describe('lib errors → field-level 400', () => {
  it('maps a CalendarException to the field its code concerns', () => {
    const e = thrown(() =>
      answerQuery(() => dueDate({ receivedOn: '2026-09-10', workingDays: 5, correctedOn: '2026-09-01' }), DUE_DATE_ERROR_FIELDS),
    );
    expect(e.getStatus()).toBe(400);
    expect(responseOf(e)).toMatchObject({ code: 'CALENDAR_INVALID_QUERY', errors: [{ field: 'correctedOn', messages: [expect.stringMatching(/before/)] }] });
  });

  it('lets other errors through unchanged', () => {
    const boom = new Error('boom');
    expect(() =>
      answerQuery(() => {
        throw boom;
      }, {}),
    ).toThrow(boom);
    const e = thrown(() =>
      answerQuery(() => {
        throw new CalendarException(CalendarErrorCode.InvalidHours, 'x');
      }, {}),
    );
    expect(responseOf(e).errors).toEqual([{ field: 'query', messages: ['x'] }]);
  });
});

describe('year body → YearCalendar (validateYearCalendar → 422)', () => {
  const good: LoadCalendarYearDto = {
    holidays: [{ date: '2099-01-01', name: '元旦', nameEn: "New Year's Day" }],
    makeUpWorkdays: [{ date: '2099-01-03', name: '元旦' }],
    source: 'test',
    reference: 'test notice',
  };

  it('accepts a valid year and builds exactly the lib record', () => {
    const y = toYearCalendar(2099, { ...good, year: 2099, loadedBy: 'someone' });
    expect(y).toEqual({ year: 2099, holidays: good.holidays, makeUpWorkdays: good.makeUpWorkdays, source: 'test', reference: 'test notice' });
    expect(Calendar.builtIn().withYear(y).dayInfo('2099-01-03')).toMatchObject({ working: true, kind: 'make_up_workday', official: true });
  });

  it('lists every problem, including a body year that differs from the path', () => {
    const e = thrown(() =>
      toYearCalendar(2099, {
        ...good,
        year: 2098,
        holidays: [{ date: '2098-12-31', name: 'x' }, { date: '2099-02-30', name: 'y' }],
        makeUpWorkdays: [{ date: '2099-01-05', name: '' }],
      }),
    );
    expect(e.getStatus()).toBe(422);
    const problems = responseOf(e).problems as string[];
    expect(problems).toEqual([
      'year in the body (2098) differs from the year in the path (2099)',
      expect.stringMatching(/2098-12-31 is not in year 2099/),
      expect.stringMatching(/holidays\[1\]\.date must be 'YYYY-MM-DD'/),
      expect.stringMatching(/makeUpWorkdays\[0\]\.name/),
      expect.stringMatching(/2099-01-05 is not a Saturday or Sunday/),
    ]);
  });

  it('splits the lib message into its problems', () => {
    expect(splitYearProblems('invalid year data: a; b; c')).toEqual(['a', 'b', 'c']);
    expect(splitYearProblems('something else')).toEqual(['something else']);
  });
});
