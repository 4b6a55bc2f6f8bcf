/**
 * Date-time serial numbers on a spreadsheet's wall clock (src/domain/serial-time.ts): the
 * figures Google documents, the zone's offset in and out of summer time, milliseconds kept,
 * and the two DST edges (a skipped and a repeated hour).
 */
import { describe, expect, it } from 'vitest';
import { instantToSerial, serialToInstant, zoneOffsetMs } from '../../../src/domain/serial-time';

const HOUR = 3_600_000;

describe('serial numbers', () => {
  it('are the days since 1899-12-30 on the wall clock, as Google documents', () => {
    // "January 1st 1900 at noon would be 2.5"; "February 1st 1900 at 3pm would be 33.625"
    // (https://developers.google.com/sheets/api/reference/rest/v4/DateTimeRenderOption).
    expect(instantToSerial(Date.UTC(1900, 0, 1, 12), 'UTC')).toBeCloseTo(2.5, 12);
    expect(instantToSerial(Date.UTC(1900, 1, 1, 15), 'UTC')).toBeCloseTo(33.625, 12);
    expect(serialToInstant(33.625, 'UTC').toISOString()).toBe('1900-02-01T15:00:00.000Z');
  });

  it('follow the zone: Warsaw is UTC+1 in winter and UTC+2 in summer', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'Europe/Warsaw')).toBe(HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'Europe/Warsaw')).toBe(2 * HOUR);
    const winter = Date.UTC(2026, 0, 15, 9);
    expect(instantToSerial(winter, 'Europe/Warsaw')).toBeCloseTo(
      instantToSerial(winter + HOUR, 'UTC'),
      12,
    );
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
  });

  it('give back the instant written, to the millisecond, all year round', () => {
    for (const zone of ['Europe/Warsaw', 'America/New_York', 'Asia/Kathmandu', 'UTC']) {
      for (let day = 0; day < 366; day += 7) {
        const instant = Date.UTC(2026, 0, 1) + day * 24 * HOUR + 13 * HOUR + 44_020 + day;
        const back = serialToInstant(instantToSerial(instant, zone), zone).getTime();
        expect(back, `${zone} ${new Date(instant).toISOString()}`).toBe(instant);
      }
    }
  });

  it('read a wall-clock time the autumn change repeats as the earlier instant', () => {
    // 2026-10-25 in Warsaw: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    const first = Date.UTC(2026, 9, 25, 0, 30); // 02:30 CEST
    const second = Date.UTC(2026, 9, 25, 1, 30); // 02:30 CET
    const serial = instantToSerial(first, 'Europe/Warsaw');
    expect(instantToSerial(second, 'Europe/Warsaw')).toBe(serial);
    expect(serialToInstant(serial, 'Europe/Warsaw').getTime()).toBe(first);
    // Either side of the repeated hour round-trips exactly.
    for (const instant of [first - HOUR, second + HOUR]) {
      expect(
        serialToInstant(instantToSerial(instant, 'Europe/Warsaw'), 'Europe/Warsaw').getTime(),
      ).toBe(instant);
    }
  });

  it('read a wall-clock time the spring change skips with the offset before it', () => {
    // 2026-03-29 in Warsaw: 02:00 CET becomes 03:00 CEST; 02:30 never happens.
    const skipped = instantToSerial(Date.UTC(2026, 2, 29, 2, 30), 'UTC');
    expect(serialToInstant(skipped, 'Europe/Warsaw').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });
});
