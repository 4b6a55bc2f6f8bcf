import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import { applyUserEdit } from '../../../src/local/emulator/spreadsheet';

describe('data validation rules', () => {
  it('builds list, range, checkbox, date and number rules with their criteria values', () => {
    const { app, sheet } = setup();
    const list = app
      .newDataValidation()
      .requireValueInList(['New', 'Won'], false)
      .setAllowInvalid(false)
      .setHelpText('Pick a stage')
      .build();
    expect(list.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(list.getCriteriaValues()).toEqual([['New', 'Won'], false]);
    expect(list.getAllowInvalid()).toBe(false);
    expect(list.getHelpText()).toBe('Pick a stage');

    const source = sheet.getRange('Z1:Z5');
    const inRange = app.newDataValidation().requireValueInRange(source).build();
    const [range, dropdown] = inRange.getCriteriaValues();
    expect((range as GoogleAppsScript.Spreadsheet.Range).getA1Notation()).toBe('Z1:Z5');
    expect(dropdown).toBe(true);

    expect(app.newDataValidation().requireCheckbox().build().getCriteriaValues()).toEqual([]);
    expect(app.newDataValidation().requireDate().build().getCriteriaType()).toBe(
      app.DataValidationCriteria.DATE_IS_VALID_DATE,
    );
    const atLeast = app.newDataValidation().requireNumberGreaterThanOrEqualTo(0).build();
    expect(atLeast.getCriteriaValues()).toEqual([0]);
    expect(atLeast.getAllowInvalid()).toBe(true);
    expect(atLeast.getHelpText()).toBeNull();
    const between = app.newDataValidation().requireNumberBetween(1, 5).build();
    expect([between.getCriteriaType(), ...between.getCriteriaValues()]).toEqual([
      'NUMBER_BETWEEN',
      1,
      5,
    ]);
  });

  it('copies a rule into a new builder', () => {
    const { app } = setup();
    const rule = app.newDataValidation().requireValueInList(['a']).setHelpText('h').build();
    const changed = rule.copy().setAllowInvalid(false).build();
    expect(changed.getCriteriaValues()).toEqual([['a'], true]);
    expect(changed.getHelpText()).toBe('h');
    expect(changed.getAllowInvalid()).toBe(false);
    expect(rule.getAllowInvalid()).toBe(true);
  });

  it('throws when built without criteria', () => {
    const { app } = setup();
    expect(() => app.newDataValidation().build()).toThrow();
  });

  it('sets, reads and clears rules per cell, counting cells written', () => {
    const { app, sheet, host } = setup();
    const rule = app.newDataValidation().requireCheckbox().build();
    const other = app.newDataValidation().requireDate().build();
    host.resetCounts();
    sheet.getRange('A2:A4').setDataValidation(rule);
    sheet.getRange('B2:B3').setDataValidations([[other], [null]]);
    expect(host.counts.cellsWritten).toBe(5);
    const rules = sheet.getRange('A2:B3').getDataValidations();
    expect(rules.map((row) => row.map((r) => r?.getCriteriaType() ?? null))).toEqual([
      ['CHECKBOX', 'DATE_IS_VALID_DATE'],
      ['CHECKBOX', null],
    ]);
    sheet.getRange('A3:A4').clearDataValidations();
    expect(sheet.getRange('A3').getDataValidation()).toBeNull();
    expect(sheet.getRange('A2').getDataValidation()).not.toBeNull();
  });

  it('does not stop scripts from writing invalid values', () => {
    const { app, sheet } = setup();
    sheet
      .getRange('A1')
      .setDataValidation(app.newDataValidation().requireCheckbox().setAllowInvalid(false).build());
    sheet.getRange('A1').setValue('not a checkbox');
    expect(sheet.getRange('A1').getValue()).toBe('not a checkbox');
  });
});

describe('user edits', () => {
  it('parse typed input like script writes', () => {
    const { state, sheet } = setup();
    applyUserEdit(state, 'Sheet1', 'A1', '00123');
    applyUserEdit(state, 'Sheet1', 'B1', "'00123");
    applyUserEdit(state, 'Sheet1', 'C1', '2026-03-04');
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[123, '00123']]);
    expect(sheet.getRange('C1').getDisplayValue()).toBe('2026-03-04');
  });

  it('are rejected by a rule that does not allow invalid data', () => {
    const { app, state, sheet } = setup();
    sheet.getRange('A1:A3').setValues([['New'], ['Won'], ['Lost']]);
    const reject = app.newDataValidation().setAllowInvalid(false);
    sheet.getRange('B2').setDataValidation(reject.requireValueInList(['Yes', 'No']).build());
    sheet
      .getRange('C2')
      .setDataValidation(
        reject.requireValueInRange(sheet.getRange('A1:A3')).setHelpText('A stage').build(),
      );
    sheet.getRange('D2').setDataValidation(reject.requireNumberBetween(1, 5).build());
    sheet.getRange('E2').setDataValidation(reject.requireCheckbox().build());
    sheet.getRange('F2').setDataValidation(reject.requireDate().build());

    expect(() => applyUserEdit(state, 'Sheet1', 'B2', 'Maybe')).toThrow(
      'The data you entered in cell B2 violates the data validation rules set on this cell.',
    );
    expect(() => applyUserEdit(state, 'Sheet1', 'C2', 'Pending')).toThrow(/C2[\s\S]*A stage/);
    expect(() => applyUserEdit(state, 'Sheet1', 'D2', '7')).toThrow('cell D2');
    expect(() => applyUserEdit(state, 'Sheet1', 'E2', 'yes')).toThrow('cell E2');
    expect(() => applyUserEdit(state, 'Sheet1', 'F2', 'soon')).toThrow('cell F2');
    expect(sheet.getRange('B2:F2').getValues()).toEqual([['', '', '', '', '']]);

    applyUserEdit(state, 'Sheet1', 'B2', 'Yes');
    applyUserEdit(state, 'Sheet1', 'C2', 'Won');
    applyUserEdit(state, 'Sheet1', 'D2', '5');
    applyUserEdit(state, 'Sheet1', 'E2', 'true');
    applyUserEdit(state, 'Sheet1', 'F2', '2026-03-04');
    applyUserEdit(state, 'Sheet1', 'B2', ''); // clearing is always allowed
    expect(sheet.getRange('B2:E2').getValues()).toEqual([['', 'Won', 5, true]]);
  });

  it('are accepted with a warning-only rule, and refuse unknown cells', () => {
    const { app, state, sheet } = setup();
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireCheckbox().build());
    applyUserEdit(state, 'Sheet1', 'A1', 'anything');
    expect(sheet.getRange('A1').getValue()).toBe('anything');
    expect(() => applyUserEdit(state, 'Nope', 'A1', 'x')).toThrow('Range not found');
    expect(() => applyUserEdit(state, 'Sheet1', 'A1001', 'x')).toThrow('Range not found');
    expect(() => applyUserEdit(state, 'Sheet1', 'A2', 'x'.repeat(50_001))).toThrow(
      'maximum of 50000 characters',
    );
  });
});

describe('validation storage', () => {
  it('keeps one entry per rectangle and splits it when part of it changes', () => {
    const { app, sheet, state } = setup();
    const rule = app.newDataValidation().requireCheckbox().build();
    sheet.getRange('C2:C1000').setDataValidation(rule);
    expect(Object.keys(state.sheets[0].validations)).toEqual(['C2:C1000']);
    sheet.getRange('C10').setDataValidation(null);
    expect(Object.keys(state.sheets[0].validations).sort()).toEqual(['C11:C1000', 'C2:C9']);
    expect(sheet.getRange('C10').getDataValidation()).toBeNull();
    expect(sheet.getRange('C11').getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
  });

  it('grows a rule when rows are inserted inside it and shrinks it when rows are deleted', () => {
    const { app, sheet, state } = setup();
    sheet.getRange('B2:B5').setDataValidation(app.newDataValidation().requireDate().build());
    sheet.insertRowsAfter(3, 2);
    expect(Object.keys(state.sheets[0].validations)).toEqual(['B2:B7']);
    sheet.deleteRows(2, 3);
    expect(Object.keys(state.sheets[0].validations)).toEqual(['B2:B4']);
  });
});
