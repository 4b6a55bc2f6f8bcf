import { describe, expect, it } from 'vitest';
import { clockEvent } from '../../../src/local/emulator/clock-event';

describe('the time-driven event object', () => {
  it.each([
    // [instant, week-of-year, day-of-week]: ISO weeks, Monday = 1 … Sunday = 7, in UTC
    ['2026-01-01T12:00:00Z', 1, 4],
    ['2025-12-29T00:00:00Z', 1, 1], // a Monday whose week belongs to 2026
    ['2027-01-01T00:00:00Z', 53, 5], // 2026 is a 53-week year
    ['2021-01-03T23:59:59Z', 53, 7], // a Sunday still in 2020's last week
  ])('%s is week %i, day %i', (iso, week, day) => {
    const event = clockEvent('uid', new Date(iso));
    expect(event['week-of-year']).toBe(week);
    expect(event['day-of-week']).toBe(day);
  });

  it('states the moment in UTC whatever the local zone', () => {
    expect(clockEvent('uid', new Date('2026-06-30T22:15:09Z'))).toEqual({
      authMode: 'FULL',
      triggerUid: 'uid',
      year: 2026,
      month: 6,
      'week-of-year': 27,
      'day-of-month': 30,
      'day-of-week': 2,
      hour: 22,
      minute: 15,
      second: 9,
      timezone: 'UTC',
    });
  });
});
