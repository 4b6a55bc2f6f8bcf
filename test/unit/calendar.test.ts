import { describe, expect, it } from 'vitest';
import { addDays, calendarDateIn, daysBetween, isIsoDate } from '../../src/domain/calendar.ts';

describe('calendar dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-1')).toBe(false);
  });

  it('finds the date an instant falls on in the given time zone', () => {
    const lateEveningUtc = new Date('2026-03-04T23:30:00Z');
    expect(calendarDateIn(lateEveningUtc, 'UTC')).toBe('2026-03-04');
    expect(calendarDateIn(lateEveningUtc, 'Europe/Warsaw')).toBe('2026-03-05');
    expect(calendarDateIn(lateEveningUtc, 'America/New_York')).toBe('2026-03-04');
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2026-01-01', '2026-04-05')).toBe(94);
    expect(daysBetween('2026-04-05', '2026-01-01')).toBe(-94);
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(/Not a calendar date/);
  });
});
