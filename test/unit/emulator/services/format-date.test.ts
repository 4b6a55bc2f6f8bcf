/**
 * Utilities.formatDate as Java's SimpleDateFormat with java.util.TimeZone ids (see
 * src/local/emulator/services/java-date-format.ts for the sources).
 */
import { describe, expect, it } from 'vitest';
import { createUtilities } from '../../../../src/local/emulator/services/utilities';
import { FakeHost, newWorld } from '../fake-host';

const utilities = createUtilities(new FakeHost(newWorld()));
const format = (iso: string, zone: string, pattern: string) =>
  utilities.formatDate(new Date(iso), zone, pattern);

describe('Utilities.formatDate time zone ids', () => {
  const instant = '2026-01-09T08:03:04.000Z';

  it('takes Java custom ids GMT+h, GMT-hh:mm, GMT+hhmm and names them GMT+hh:mm', () => {
    expect(format(instant, 'GMT+2', 'HH:mm Z z zzzz')).toBe('10:03 +0200 GMT+02:00 GMT+02:00');
    expect(format(instant, 'GMT-05:30', 'HH:mm XXX')).toBe('02:33 -05:30');
    expect(format(instant, 'GMT+0010', 'HH:mm Z')).toBe('08:13 +0010');
    expect(format(instant, 'GMT+10', 'HH:mm Z')).toBe('18:03 +1000');
  });

  it('takes GMT and UTC with their Java names', () => {
    expect(format(instant, 'GMT', 'HH:mm z zzzz X')).toBe('08:03 GMT Greenwich Mean Time Z');
    expect(format(instant, 'UTC', 'HH:mm z zzzz')).toBe('08:03 UTC Coordinated Universal Time');
  });

  it('falls back to GMT for an id Java cannot understand, as TimeZone.getTimeZone does', () => {
    for (const zone of ['Nowhere/Atlantis', 'GMT+24', 'GMT+1:75', '+02:00', 'UTC+2', '']) {
      expect(format(instant, zone, 'HH:mm z')).toBe('08:03 GMT');
    }
  });

  it('uses the zone database for region ids, DST included', () => {
    expect(format(instant, 'America/New_York', 'HH:mm z zzzz')).toBe(
      '03:03 EST Eastern Standard Time',
    );
    expect(format('2026-07-04T12:00:00Z', 'America/New_York', 'HH:mm z')).toBe('08:00 EDT');
  });
});

describe('Utilities.formatDate pattern letters', () => {
  it('Y is the week year (US weeks: Sunday first, week 1 contains 1 January), y the year', () => {
    // Sunday 29 December 2024 starts the week of 1 January 2025.
    expect(format('2024-12-29T12:00:00Z', 'UTC', 'yyyy YYYY YY w')).toBe('2024 2025 25 1');
    expect(format('2024-12-28T12:00:00Z', 'UTC', 'yyyy YYYY w')).toBe('2024 2024 52');
    // Friday 1 January 2021 is week 1 of 2021 (ISO would say 2020-W53); Sunday the 3rd week 2.
    expect(format('2021-01-01T12:00:00Z', 'UTC', 'YYYY-ww')).toBe('2021-01');
    expect(format('2021-01-03T12:00:00Z', 'UTC', 'YYYY-w')).toBe('2021-2');
  });

  it('D is the day in year, W the week in month, F the day of week in month, G the era', () => {
    expect(format('2024-12-31T12:00:00Z', 'UTC', 'D')).toBe('366');
    expect(format('2024-02-01T12:00:00Z', 'UTC', 'DDD')).toBe('032');
    // March 2024 starts on a Friday: the 31st is in its sixth week, its fifth Sunday.
    expect(format('2024-03-31T12:00:00Z', 'UTC', 'W F E u G')).toBe('6 5 Sun 7 AD');
  });

  it('u, E, a, k, K, h, S as numbers and text', () => {
    expect(format('2026-03-02T00:05:09.007Z', 'UTC', 'u EEE EEEE a k K h S SS SSS')).toBe(
      '1 Mon Monday AM 24 0 12 7 07 007',
    );
    expect(format('2026-03-02T12:30:00Z', 'UTC', 'a k K h')).toBe('PM 12 0 12');
  });

  it('X keeps hours only with one letter and refuses four', () => {
    expect(format('2026-01-09T08:03:04Z', 'Asia/Kolkata', 'X XX XXX Z')).toBe(
      '+05 +0530 +05:30 +0530',
    );
    expect(() => format('2026-01-09T08:03:04Z', 'UTC', 'XXXX')).toThrow(
      'invalid ISO 8601 format: length=4',
    );
  });

  it('rejects letters SimpleDateFormat does not define', () => {
    for (const letter of ['b', 'q', 'A', 'T']) {
      expect(() => format('2026-01-09T08:03:04Z', 'UTC', `yyyy ${letter}`)).toThrow(
        `Illegal pattern character '${letter}'`,
      );
    }
  });
});
