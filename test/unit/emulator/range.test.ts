import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import { parseA1, toA1 } from '../../../src/local/emulator/spreadsheet';

describe('A1 notation', () => {
  it('parses cells, rectangles, whole columns and rows, and sheet names', () => {
    expect(parseA1('B2')).toEqual({
      sheetName: undefined,
      startRow: 2,
      startColumn: 2,
      endRow: 2,
      endColumn: 2,
    });
    expect(parseA1('$A$1:C3')).toMatchObject({ startRow: 1, endRow: 3, endColumn: 3 });
    expect(parseA1('A:A')).toMatchObject({ startRow: null, endRow: null, startColumn: 1 });
    expect(parseA1('2:2')).toMatchObject({ startRow: 2, endRow: 2, startColumn: null });
    expect(parseA1("'My ''best'' sheet'!AA10")).toMatchObject({
      sheetName: "My 'best' sheet",
      startRow: 10,
      startColumn: 27,
    });
    expect(parseA1('nonsense')).toBeNull();
    expect(parseA1('A0')).toBeNull();
    expect(toA1(3, 28, 2, 2)).toBe('AB3:AC4');
  });

  it('gives ranges for every getRange form', () => {
    const { sheet, ss } = setup();
    expect(sheet.getRange(2, 3).getA1Notation()).toBe('C2');
    expect(sheet.getRange(2, 3, 4).getA1Notation()).toBe('C2:C5');
    expect(sheet.getRange(2, 3, 4, 2).getA1Notation()).toBe('C2:D5');
    expect(sheet.getRange('A1:C3').getNumRows()).toBe(3);
    const column = sheet.getRange('A:A');
    expect([column.getNumRows(), column.getNumColumns(), column.getA1Notation()]).toEqual([
      1000,
      1,
      'A:A',
    ]);
    const row = sheet.getRange('2:2');
    expect([row.getRow(), row.getNumColumns(), row.getA1Notation()]).toEqual([2, 26, '2:2']);
    expect(sheet.getRange('B2:B').getNumRows()).toBe(999);
    const other = ss.insertSheet('Other');
    expect(sheet.getRange('Other!B2').getSheet().getName()).toBe('Other');
    expect(ss.getRange("'Other'!A1:B2").getSheet().getSheetId()).toBe(other.getSheetId());
  });

  it('throws like Sheets for ranges outside the grid or unknown sheets', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0)).toThrow(
      'The number of rows in the range must be at least 1.',
    );
    expect(() => sheet.getRange('A2000')).toThrow('Range not found');
    expect(() => sheet.getRange('Nope!A1')).toThrow('Range not found');
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
  });

  it('offsets in all forms', () => {
    const { sheet } = setup();
    const base = sheet.getRange('B2:C3');
    expect(base.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(base.offset(0, 0, 1).getA1Notation()).toBe('B2:C2');
    expect(base.offset(-1, -1, 3, 1).getA1Notation()).toBe('A1:A3');
    expect(() => base.offset(-2, 0)).toThrow('The starting row of the range is too small.');
  });
});

describe('setValues', () => {
  it("throws Google's error when the rows do not match", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B3').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
  });

  it("throws Google's error when the columns do not match, writing nothing", () => {
    const { sheet } = setup();
    expect(() =>
      sheet.getRange('A1:B2').setValues([
        [1, 2],
        [3, 4, 5],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  it('refuses rows that are not arrays', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:A2');
    expect(() => range.setValues([1, 2] as unknown as unknown[][])).toThrow(
      "The parameters (number[]) don't match the method signature",
    );
  });

  it('refuses a cell over 50,000 characters and leaves the range unchanged', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50_000);
    expect(() => sheet.getRange('A2:B2').setValues([['ok', 'y'.repeat(50_001)]])).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(sheet.getRange('A2').getValue()).toBe('');
  });

  it('asks the host before writing and stops when a write is refused', () => {
    const { sheet, host } = setup();
    host.refuseWrites = 'not holding the document lock';
    expect(() => sheet.getRange('A1').setValue('x')).toThrow('not holding the document lock');
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(host.writes).toEqual(['Range.setValue Sheet1!A1']);
  });
});

describe('call accounting', () => {
  it('counts each call and the cells read and written', () => {
    const { sheet, host } = setup();
    host.resetCounts();
    const range = sheet.getRange(1, 1, 3, 4);
    range.setValues([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
    range.getValues();
    range.getDisplayValues();
    range.getFormulas();
    range.setNumberFormats([
      ['0', '0', '0', '0'],
      ['0', '0', '0', '0'],
      ['0', '0', '0', '0'],
    ]);
    expect(host.calls).toEqual([
      'Sheet.getRange',
      'Range.setValues',
      'Range.getValues',
      'Range.getDisplayValues',
      'Range.getFormulas',
      'Range.setNumberFormats',
    ]);
    expect(host.counts.cellsRead).toBe(36);
    expect(host.counts.cellsWritten).toBe(24);
  });
});

describe('sheet extent', () => {
  it('getLastRow/getLastColumn are the last with content, 0 when empty', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('A9').setNumberFormat('0.00'); // a format alone is not content
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
    sheet.getRange('C5').clearContent();
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('formats, notes and font weight', () => {
  it('reports the automatic format as Apps Script does and stores others', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
    sheet.getRange('A1:B1').setNumberFormats([['#,##0.00', '@']]);
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['#,##0.00', '@']]);
    sheet.getRange('A1').setValue(1234.5);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('1,234.50');
  });

  it('keeps notes and bold', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:B1')
      .setNotes([['first', null]])
      .setFontWeight('bold');
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['first', '']]);
    expect(sheet.getRange('B1').getFontWeight()).toBe('bold');
    sheet.getRange('A1').setNote('changed');
    expect(sheet.getRange('A1').getNote()).toBe('changed');
    sheet.getRange('B1').setFontWeight('normal');
    expect(sheet.getRange('B1').getFontWeight()).toBe('normal');
  });

  it('clear() removes contents and formats, clearContent() only contents', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:B1')
      .setNumberFormat('0.00')
      .setValues([[1, 2]]);
    sheet.getRange('A1').clearContent();
    sheet.getRange('B1').clear();
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['0.00', '0.###############']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', '']]);
  });
});
