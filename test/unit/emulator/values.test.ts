import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import {
  cellValue,
  dateToSerial,
  displayValue,
  formatNumber,
  serialToDate,
} from '../../../src/local/emulator/spreadsheet';

describe('values written by a script are parsed as typed input', () => {
  it('stores numeric strings as numbers, dropping leading zeros', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['00123', '-4.5', '1,234.5']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[123, -4.5, 1234.5]]);
  });

  it('keeps malformed thousands groups as text', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('1,23');
    expect(sheet.getRange('A1').getValue()).toBe('1,23');
  });

  it('stores TRUE/FALSE in any case as booleans', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['TRUE', 'false', 'True']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[true, false, true]]);
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['TRUE', 'FALSE', 'TRUE']]);
  });

  it('stores =… as a formula whose unevaluated value is #ERROR!', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('=SUM(B1:B3)');
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(B1:B3)');
    expect(sheet.getRange('A1').getValue()).toBe('#ERROR!');
    expect(sheet.getRange('B1').getFormula()).toBe('');
  });

  it('takes a phone number with a leading + as a formula attempt', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('+48 600 100 200');
    expect(sheet.getRange('A1').getFormula()).toBe('=+48 600 100 200');
    expect(sheet.getRange('A1').getValue()).toBe('#ERROR!');
  });

  it('keeps text after a leading apostrophe, without the apostrophe', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([["'+48 600 100 200", "'00123"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['+48 600 100 200', '00123']]);
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });

  it("keeps any string as text in a cell formatted '@'", () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:D1');
    range.setNumberFormat('@');
    range.setValues([['00123', 'TRUE', '2024-01-02', '=1+1']]);
    expect(range.getValues()).toEqual([['00123', 'TRUE', '2024-01-02', '=1+1']]);
    expect(range.getFormulas()).toEqual([['', '', '', '']]);
  });

  it('recognises ISO and US dates (with times) and gives them a date format', () => {
    const { sheet } = setup({ timeZone: 'UTC' });
    sheet.getRange('A1:C1').setValues([['2024-01-02', '1/2/2024', '2024-01-02 13:45']]);
    const [[iso, us, withTime]] = sheet.getRange('A1:C1').getValues() as Date[][];
    expect(iso).toBeInstanceOf(Date);
    expect(iso.toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect(us.toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect(withTime.toISOString()).toBe('2024-01-02T13:45:00.000Z');
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([
      ['2024-01-02', '1/2/2024', '2024-01-02 13:45'],
    ]);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('yyyy-mm-dd');
  });

  it('keeps dd.mm.yyyy and impossible dates as text (en_US locale)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['02.01.2024', '2024-02-30']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['02.01.2024', '2024-02-30']]);
  });

  it('stores percentages as fractions with a percent format', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('15%');
    expect(sheet.getRange('A1').getValue()).toBeCloseTo(0.15);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('15%');
  });

  it('writes numbers and booleans as they are, null and undefined as empty', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([[42, true, null, undefined]]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[42, true, '', '']]);
  });

  it('returns empty strings for empty cells', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
  });
});

describe('dates', () => {
  it('round-trips a Date through a sheet in a non-UTC time zone', () => {
    const { sheet, state } = setup({ timeZone: 'America/New_York' });
    const instant = new Date('2026-07-01T15:30:00Z'); // 11:30 in New York (EDT)
    sheet.getRange('A1').setValue(instant);
    const stored = state.sheets[0].rows[0]![0]!;
    // The serial is the New York wall-clock time: 2026-07-01 11:30.
    expect(stored.v).toBeCloseTo(46204 + 11.5 / 24, 8);
    expect(stored.nf).toBe('M/d/yyyy H:mm:ss');
    expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(instant.getTime());
    expect(sheet.getRange('A1').getDisplayValue()).toBe('7/1/2026 11:30:00');
  });

  it('reads a typed date as midnight in the spreadsheet time zone', () => {
    const { sheet } = setup({ timeZone: 'Europe/Warsaw' });
    sheet.getRange('A1').setValue('2026-01-15');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2026-01-14T23:00:00.000Z',
    );
  });

  it('changing the spreadsheet time zone changes the Dates read, not the serial', () => {
    const { sheet, ss } = setup({ timeZone: 'UTC' });
    sheet.getRange('A1').setValue('2026-01-15');
    ss.setSpreadsheetTimeZone('Asia/Tokyo');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2026-01-14T15:00:00.000Z',
    );
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2026-01-15');
  });

  it('keeps a date format the cell already has when a Date is written', () => {
    const { sheet } = setup({ timeZone: 'UTC' });
    sheet.getRange('A1').setNumberFormat('dd.mm.yyyy');
    sheet.getRange('A1').setValue(new Date('2026-03-04T00:00:00Z'));
    expect(sheet.getRange('A1').getDisplayValue()).toBe('04.03.2026');
  });

  it('converts serials and Dates across a DST change', () => {
    const serial = dateToSerial(new Date('2026-03-29T01:30:00Z'), 'Europe/Warsaw');
    expect(serialToDate(serial, 'Europe/Warsaw').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('display formatting', () => {
  const cases: Array<[number, string, string]> = [
    [1234.5, '', '1234.5'],
    [1234.5, '0', '1235'],
    [1234.5, '0.00', '1234.50'],
    [1234567.891, '#,##0', '1,234,568'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [-1234.5, '#,##0.00', '-1,234.50'],
    [0.256, '0%', '26%'],
    [0.256, '0.00%', '25.60%'],
    [46085, 'yyyy-mm-dd', '2026-03-04'],
    [46085.5625, 'yyyy-mm-dd hh:mm', '2026-03-04 13:30'],
    [46085, 'dd.mm.yyyy', '04.03.2026'],
    [46085, 'M/d/yyyy', '3/4/2026'],
    [1 / 3, '', '0.3333333333'],
    [12, '@', '12'],
  ];
  for (const [value, format, shown] of cases) {
    it(`shows ${value} with '${format}' as ${shown}`, () => {
      expect(formatNumber(value, format)).toBe(shown);
    });
  }

  it('shows booleans as TRUE/FALSE and text as is', () => {
    expect(displayValue({ v: false }, 'UTC')).toBe('FALSE');
    expect(displayValue({ v: 'x' }, 'UTC')).toBe('x');
    expect(displayValue(null, 'UTC')).toBe('');
    expect(cellValue(undefined, 'UTC')).toBe('');
  });
});

describe('currency input', () => {
  it("stores '$1,234.50' as a number shown as currency", () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['$1,234.50', '-$5']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[1234.5, -5]]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['$1,234.50', '-$5']]);
  });
});
