/**
 * Range.clear(options) and the single-purpose clears, per
 * https://developers.google.com/apps-script/reference/spreadsheet/range#clearoptions.
 */
import { describe, expect, it } from 'vitest';
import { setup } from './helpers';

/** A1:B2 with values, a number format, bold, notes and a list rule on every cell. */
function filled() {
  const env = setup();
  const { app, sheet } = env;
  const range = sheet.getRange('A1:B2');
  range.setNumberFormat('0.00').setValues([
    [1, 2],
    [3, 4],
  ]);
  range.setFontWeight('bold').setNote('why');
  range.setDataValidation(app.newDataValidation().requireValueInList(['1', '2']).build());
  const snapshot = () => ({
    values: range.getValues(),
    formats: range.getNumberFormats()[0][0],
    bold: range.getFontWeights()[0][0],
    notes: range.getNotes()[0][0],
    rules: range
      .getDataValidations()
      .flat()
      .filter((rule) => rule !== null).length,
  });
  return { ...env, range, snapshot };
}

const EMPTY = [
  ['', ''],
  ['', ''],
];
const VALUES = [
  [1, 2],
  [3, 4],
];
const AUTOMATIC = '0.###############';

describe('Range.clear', () => {
  it('with no options clears contents, formats, validation rules and notes', () => {
    const { range, snapshot } = filled();
    range.clear();
    expect(snapshot()).toEqual({
      values: EMPTY,
      formats: AUTOMATIC,
      bold: 'normal',
      notes: '',
      rules: 0,
    });
  });

  it('with an empty options object clears everything too ("by default all data")', () => {
    const { range, snapshot } = filled();
    range.clear({});
    expect(snapshot()).toMatchObject({ values: EMPTY, notes: '', rules: 0 });
  });

  it('contentsOnly keeps format, rules and notes', () => {
    const { range, snapshot } = filled();
    range.clear({ contentsOnly: true });
    expect(snapshot()).toEqual({
      values: EMPTY,
      formats: '0.00',
      bold: 'bold',
      notes: 'why',
      rules: 4,
    });
  });

  it('formatOnly clears format and, as documented, the validation rules', () => {
    const { range, snapshot } = filled();
    range.clear({ formatOnly: true });
    expect(snapshot()).toEqual({
      values: VALUES,
      formats: AUTOMATIC,
      bold: 'normal',
      notes: 'why',
      rules: 0,
    });
  });

  it('validationsOnly and commentsOnly clear only rules, only notes', () => {
    const a = filled();
    a.range.clear({ validationsOnly: true });
    expect(a.snapshot()).toEqual({
      values: VALUES,
      formats: '0.00',
      bold: 'bold',
      notes: 'why',
      rules: 0,
    });
    const b = filled();
    b.range.clear({ commentsOnly: true });
    expect(b.snapshot()).toMatchObject({ values: VALUES, notes: '', rules: 4 });
  });

  it('several options clear each of them; skipFilteredRows has no filter to skip', () => {
    const { range, snapshot } = filled();
    range.clear({ contentsOnly: true, commentsOnly: true, skipFilteredRows: true });
    expect(snapshot()).toEqual({
      values: EMPTY,
      formats: '0.00',
      bold: 'bold',
      notes: '',
      rules: 4,
    });
  });

  it('touches only its own cells and counts one Range.clear call', () => {
    const { sheet, host, range } = filled();
    sheet.getRange('C1').setValue('kept');
    const before = host.count('Range.clear');
    range.clear();
    expect(host.count('Range.clear')).toBe(before + 1);
    expect(sheet.getRange('C1').getValue()).toBe('kept');
  });
});

describe('clearFormat, clearNote, clearContent, clearDataValidations', () => {
  it('clearFormat removes text formatting but keeps number formats and rules', () => {
    const { range, snapshot } = filled();
    range.clearFormat();
    expect(snapshot()).toEqual({
      values: VALUES,
      formats: '0.00',
      bold: 'normal',
      notes: 'why',
      rules: 4,
    });
  });

  it('clearNote, clearContent and clearDataValidations each clear one thing', () => {
    const { range, snapshot } = filled();
    range.clearNote();
    expect(snapshot()).toMatchObject({ values: VALUES, notes: '', rules: 4 });
    range.clearContent();
    expect(snapshot()).toMatchObject({ values: EMPTY, formats: '0.00', rules: 4 });
    range.clearDataValidations();
    expect(snapshot()).toMatchObject({ formats: '0.00', bold: 'bold', rules: 0 });
  });
});
