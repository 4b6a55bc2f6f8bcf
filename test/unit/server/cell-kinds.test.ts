/**
 * Reading a date or date-time cell that has lost its number format: SpreadsheetApp then gives
 * the serial number Sheets stores, and it is read as the Sheets API's SERIAL_NUMBER reads it
 * (https://developers.google.com/sheets/api/guides/formats#about_date_time_values), not as a
 * problem that would leave the whole record out.
 */
import { describe, expect, it } from 'vitest';
import { fromCell } from '../../../src/server/sheet/cell-kinds.ts';
import { ENTITIES } from '../../../src/domain/schema.ts';

const field = (key: string) => ENTITIES.customers.fields.find((f) => f.key === key)!;

describe('date cells without a date format', () => {
  it('a date column holding a serial number is that day', () => {
    expect(fromCell(field('firstPurchase'), 46082, 'Europe/Warsaw')).toEqual({
      value: '2026-03-01',
    });
    expect(fromCell(field('birthday'), 29_000.75, 'UTC')).toEqual({ value: '1979-05-25' });
  });

  it('a date-time column holding a serial number is that wall-clock time in the zone', () => {
    // 2026-03-01 10:00 in Warsaw (UTC+1) is 09:00 UTC.
    expect(fromCell(field('updated'), 46082 + 10 / 24, 'Europe/Warsaw')).toEqual({
      value: '2026-03-01T09:00:00.000Z',
    });
  });

  it('text that is not a date is still a problem', () => {
    expect(fromCell(field('birthday'), 'next week', 'UTC')).toMatchObject({
      problem: expect.stringMatching(/is not a date/),
    });
  });
});
