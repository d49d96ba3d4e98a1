import { CalendarErrorCode } from './calendar.exception';
import { addHours, addMinutes, endOfDayShanghai, normalizeInstant, shanghaiDateOf } from './instant';

describe('instants and hour deadlines', () => {
  it('adds natural hours across a holiday (1 h, 5 h, 24 h, 48 h)', () => {
    const discovered = '2026-09-30T23:30:00+08:00';
    expect(addHours(discovered, 1)).toBe('2026-09-30T16:30:00.000Z');
    expect(addHours(discovered, 5)).toBe('2026-09-30T20:30:00.000Z');
    expect(addHours(discovered, 24)).toBe('2026-10-01T15:30:00.000Z');
    expect(addHours(discovered, 48)).toBe('2026-10-02T15:30:00.000Z');
    expect(addMinutes('2026-10-01T00:00:00Z', 90)).toBe('2026-10-01T01:30:00.000Z');
  });

  it('accepts Z and numeric offsets, with or without seconds and fractions', () => {
    expect(normalizeInstant('2026-01-01T00:00Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(normalizeInstant('2026-01-01T08:00:00.5+08:00')).toBe('2026-01-01T00:00:00.500Z');
    expect(normalizeInstant('2025-12-31T19:00:00-05:00')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('rejects instants without an offset (they would mean the machine\'s local time)', () => {
    for (const bad of ['2026-01-01T08:00:00', '2026-01-01', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', 'now']) {
      expect(() => addHours(bad, 1)).toThrow(expect.objectContaining({ code: CalendarErrorCode.InvalidInstant }));
    }
  });

  it('rejects non-finite hours', () => {
    expect(() => addHours('2026-01-01T00:00:00Z', Number.NaN)).toThrow(expect.objectContaining({ code: CalendarErrorCode.InvalidHours }));
  });

  it('gives the Asia/Shanghai date of an instant and the end of a Shanghai day', () => {
    expect(shanghaiDateOf('2026-09-30T15:59:59.999Z')).toBe('2026-09-30');
    expect(shanghaiDateOf('2026-09-30T16:00:00Z')).toBe('2026-10-01');
    expect(endOfDayShanghai('2026-10-30')).toBe('2026-10-30T15:59:59.999Z');
  });
});
