import { describe, expect, it } from 'vitest';
import { setup } from './helpers';

describe('inserting and deleting rows and columns', () => {
  it('insertRowsBefore/After shift data and validations down', () => {
    const { app, sheet } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    const rule = app.newDataValidation().requireCheckbox().build();
    sheet.getRange('B2').setDataValidation(rule);
    sheet.insertRowsBefore(2, 2);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([['a'], [''], [''], ['b'], ['c']]);
    expect(sheet.getRange('B2').getDataValidation()).toBeNull();
    expect(sheet.getRange('B4').getDataValidation()?.getCriteriaType()).toBe(
      app.DataValidationCriteria.CHECKBOX,
    );
    expect(sheet.getMaxRows()).toBe(1002);
    sheet.insertRowsAfter(5, 1);
    sheet.insertRows(1);
    expect(sheet.getRange('A6').getValue()).toBe('c');
    expect(sheet.getMaxRows()).toBe(1004);
  });

  it('deleteRow(s) shift data, validations and range protections up', () => {
    const { app, sheet } = setup();
    sheet.getRange('A1:A5').setValues([['1'], ['2'], ['3'], ['4'], ['5']]);
    sheet.getRange('B4').setDataValidation(app.newDataValidation().requireDate().build());
    sheet.getRange('B2').setDataValidation(app.newDataValidation().requireDate().build());
    const protection = sheet.getRange('A4:A5').protect().setDescription('totals');
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[1], [4], [5]]);
    expect(sheet.getRange('B2').getDataValidation()?.getCriteriaType()).toBe('DATE_IS_VALID_DATE');
    expect(sheet.getRange('B3').getDataValidation()).toBeNull();
    expect(protection.getRange().getA1Notation()).toBe('A2:A3');
    sheet.deleteRow(1);
    expect(sheet.getRange('A1').getValue()).toBe(4);
    expect(sheet.getMaxRows()).toBe(997);
    expect(() => sheet.deleteRows(1, 997)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
  });

  it('inserts and deletes columns, moving widths along', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.setColumnWidth(2, 250);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    expect(sheet.getColumnWidth(4)).toBe(250);
    expect(sheet.getColumnWidth(2)).toBe(100);
    sheet.deleteColumns(2, 2);
    sheet.deleteColumn(1);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['b', 'c']]);
    expect(sheet.getMaxColumns()).toBe(25);
  });
});

describe('workbook cell limit', () => {
  it('refuses an insertSheet or insertRows that passes 10,000,000 cells', () => {
    const { sheet, ss, state } = setup();
    // Sheet1 grows to 383,615 × 26 = 9,973,990 cells; a new 1000 × 26 sheet fits (9,999,990).
    sheet.insertRowsAfter(1000, 382_615);
    expect(state.sheets[0].maxRows * 26).toBe(9_973_990);
    expect(() => ss.insertSheet('Two')).not.toThrow();
    expect(() => sheet.insertRowsAfter(1, 1)).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    expect(() => ss.insertSheet('Three')).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    expect(ss.getSheets().length).toBe(2);
  });
});

describe('sheets of a spreadsheet', () => {
  it('inserts sheets by name and index, refusing duplicate names', () => {
    const { ss } = setup();
    const customers = ss.insertSheet('Customers');
    expect(ss.getActiveSheet().getName()).toBe('Customers');
    ss.insertSheet('First', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['First', 'Sheet1', 'Customers']);
    expect(customers.getIndex()).toBe(3);
    expect(() => ss.insertSheet('customers')).toThrow(
      'A sheet with the name "customers" already exists. Please enter another name.',
    );
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    expect(ss.getSheetByName('Customers')).toBe(customers);
    expect(ss.getSheetByName('Missing')).toBeNull();
  });

  it('renames and deletes sheets', () => {
    const { ss, sheet } = setup();
    const other = ss.insertSheet('Other');
    expect(() => other.setName('Sheet1')).toThrow('already exists');
    other.setName('Renamed');
    expect(ss.getSheetByName('Renamed')).toBe(other);
    ss.deleteSheet(other);
    expect(ss.getSheets()).toEqual([sheet]);
    expect(() => ss.deleteSheet(sheet)).toThrow();
  });

  it('appendRow writes after the last row with content and grows the grid', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('header');
    sheet.appendRow(['x', '00123', '2024-01-02']);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getRange('B2').getValue()).toBe(123);
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['beyond']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1).getValue()).toBe('beyond');
  });

  it('keeps frozen rows, ids, time zone, url and the active range', () => {
    const { ss, sheet, state } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(ss.getId()).toBe('sheet-id-1');
    expect(ss.getUrl()).toBe('https://docs.google.com/spreadsheets/d/sheet-id-1/edit');
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Warsaw');
    sheet.setActiveRange(sheet.getRange('B2:C3'));
    expect(state.activeCell).toBe('B2:C3');
    expect(ss.getActiveRange()!.getA1Notation()).toBe('B2:C3');
    expect(ss.getCurrentCell()!.getA1Notation()).toBe('B2');
    expect(sheet.getCurrentCell()!.getA1Notation()).toBe('B2');
    const other = ss.insertSheet('Other');
    expect(sheet.getCurrentCell()!.getA1Notation()).toBe('A1'); // no longer the active sheet
    sheet.activate();
    expect(ss.getActiveSheet()).toBe(sheet);
    ss.setActiveSheet(other);
    expect(state.activeSheetIndex).toBe(1);
  });

  it('clear() and clearContents() empty the whole sheet', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:B1')
      .setNumberFormat('0.0')
      .setValues([[1, 2]]);
    sheet.clearContents();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.0');
    sheet.clear();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
  });
});

describe('protections', () => {
  it('protects a sheet once and ranges many times, filtered by type', () => {
    const { app, sheet } = setup();
    const whole = sheet.protect().setDescription('locked').setWarningOnly(true);
    expect(sheet.protect().getDescription()).toBe('locked');
    expect(whole.isWarningOnly()).toBe(true);
    expect(whole.getRange().getA1Notation()).toBe('A1:Z1000');
    sheet.getRange('A1:C1').protect().setDescription('header');
    sheet.getRange('D1').protect();
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    const ranges = sheet.getProtections(app.ProtectionType.RANGE);
    expect(ranges.map((p) => p.getDescription())).toEqual(['header', '']);
    expect(ranges[0].getRange().getA1Notation()).toBe('A1:C1');
    ranges[1].remove();
    whole.remove();
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
  });
});

describe('performance', () => {
  it('writes and reads 20,000 rows and inserts rows among them quickly', () => {
    const { sheet } = setup();
    sheet.insertRowsAfter(1000, 19_000);
    const rows = Array.from({ length: 20_000 }, (_, i) => [`name ${i}`, String(i), '2024-01-02']);
    const started = Date.now();
    sheet.getRange(1, 1, 20_000, 3).setValues(rows);
    for (let i = 0; i < 50; i++) sheet.insertRowsBefore(2, 1);
    const values = sheet.getRange(1, 1, sheet.getLastRow(), 3).getValues();
    expect(values).toHaveLength(20_050);
    expect(values[20_049][1]).toBe(19_999);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
