/**
 * TextFinder per https://developers.google.com/apps-script/reference/spreadsheet/text-finder
 * (and the choices documented in src/local/emulator/spreadsheet/text-finder.ts).
 */
import { describe, expect, it } from 'vitest';
import { CallCounts } from '../../../src/local/emulator/execution';
import { setup } from './helpers';

type Range = GoogleAppsScript.Spreadsheet.Range;
const a1 = (ranges: Array<Range | null>) => ranges.map((r) => (r ? r.getA1Notation() : null));

/** Customers-like tab: ids as plain text, names, an amount formatted 0.00, a formula. */
function customers() {
  const env = setup();
  const { sheet } = env;
  sheet.getRange('A1:A4').setNumberFormat('@');
  sheet.getRange('C1:C4').setNumberFormat('0.00');
  sheet.getRange('A1:C4').setValues([
    ['K-001', 'Anna Kowalska', 5],
    ['K-002', 'Kraków Sp. z o.o.', 12.5],
    ['K-010', 'Łódź Trade', 0.25],
    ['k-001b', 'ANNA nowak', 3],
  ]);
  sheet.getRange('D1').setFormula('=SUM(C1:C4)');
  return env;
}

describe('TextFinder matching', () => {
  it('defaults to case-insensitive partial matches, row by row, left to right', () => {
    const { sheet } = customers();
    expect(a1(sheet.createTextFinder('anna').findAll())).toEqual(['B1', 'B4']);
    expect(a1(sheet.createTextFinder('k-00').findAll())).toEqual(['A1', 'A2', 'A4']);
  });

  it('matchCase and matchEntireCell narrow it', () => {
    const { sheet } = customers();
    expect(a1(sheet.createTextFinder('ANNA').matchCase(true).findAll())).toEqual(['B4']);
    expect(a1(sheet.createTextFinder('k-001').matchEntireCell(true).findAll())).toEqual(['A1']);
  });

  it('matches the displayed value, and formula text only with matchFormulaText', () => {
    const { sheet } = customers();
    expect(a1(sheet.createTextFinder('12.50').findAll())).toEqual(['C2']);
    expect(a1(sheet.createTextFinder('0.25').matchEntireCell(true).findAll())).toEqual(['C3']);
    expect(sheet.createTextFinder('SUM').findAll()).toEqual([]);
    expect(a1(sheet.createTextFinder('SUM').matchFormulaText(true).findAll())).toEqual(['D1']);
  });

  it('useRegularExpression, with matchEntireCell anchoring the whole cell', () => {
    const { sheet } = customers();
    const finder = sheet.createTextFinder('K-0\\d+').useRegularExpression(true);
    expect(a1(finder.findAll())).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(a1(finder.matchEntireCell(true).findAll())).toEqual(['A1', 'A2', 'A3']);
    expect(a1(sheet.createTextFinder('.').findAll())).toEqual(['C1', 'B2', 'C2', 'C3', 'C4']);
    expect(() => sheet.createTextFinder('(').useRegularExpression(true).findAll()).toThrow(
      /Invalid regular expression/,
    );
  });

  it('ignoreDiacritics ignores accents but not letters of their own like Ł', () => {
    const { sheet } = customers();
    expect(sheet.createTextFinder('krakow').findAll()).toEqual([]);
    expect(a1(sheet.createTextFinder('krakow').ignoreDiacritics(true).findAll())).toEqual(['B2']);
    expect(sheet.createTextFinder('lodz').ignoreDiacritics(true).findAll()).toEqual([]);
    expect(a1(sheet.createTextFinder('łodz').ignoreDiacritics(true).findAll())).toEqual(['B3']);
  });

  it('searches only its scope: a range, a sheet, or every sheet in tab order', () => {
    const { ss, sheet } = customers();
    ss.insertSheet('Deals').getRange('B2').setValue('Deal for anna');
    expect(a1(sheet.getRange('B2:B4').createTextFinder('anna').findAll())).toEqual(['B4']);
    const everywhere = ss.createTextFinder('anna').findAll();
    expect(everywhere.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual([
      'Sheet1!B1',
      'Sheet1!B4',
      'Deals!B2',
    ]);
  });
});

describe('TextFinder navigation', () => {
  it('findNext walks the matches, then returns null without wrapping', () => {
    const { sheet } = customers();
    const finder = sheet.createTextFinder('k-0');
    expect(finder.getCurrentMatch()).toBeNull();
    expect(finder.findPrevious()).toBeNull();
    const seen = [finder.findNext(), finder.findNext(), finder.findNext(), finder.findNext()];
    expect(a1(seen)).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(a1([finder.getCurrentMatch()])).toEqual(['A4']);
    expect(finder.findNext()).toBeNull();
    expect(finder.getCurrentMatch()).toBeNull();
    expect(a1([finder.findPrevious(), finder.findPrevious()])).toEqual(['A3', 'A2']);
  });

  it('startFrom begins immediately after the given range', () => {
    const { sheet } = customers();
    const finder = sheet.createTextFinder('k-0').startFrom(sheet.getRange('A2'));
    expect(a1([finder.findNext()])).toEqual(['A3']);
    const back = sheet.createTextFinder('k-0').startFrom(sheet.getRange('A3'));
    expect(a1([back.findPrevious()])).toEqual(['A2']);
  });
});

describe('TextFinder replacing', () => {
  it('replaceAllWith counts occurrences, not cells, and stores text as typed', () => {
    const { sheet } = customers();
    expect(sheet.createTextFinder('a').matchCase(true).replaceAllWith('a')).toBe(6);
    expect(sheet.getRange('C1').getValue()).toBe(5);
    expect(sheet.createTextFinder('5.00').replaceAllWith('7.00')).toBe(1);
    expect(sheet.getRange('C1').getValue()).toBe(7);
    // Text cells (format @) stay text; '$' in plain replacement text is literal.
    expect(sheet.createTextFinder('K-').matchCase(true).replaceAllWith('$K-')).toBe(3);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['$K-001'], ['$K-002'], ['$K-010']]);
  });

  it('leaves formula cells alone unless matchFormulaText is on', () => {
    const { sheet } = customers();
    expect(sheet.createTextFinder('#ERROR!').replaceAllWith('x')).toBe(0);
    expect(sheet.createTextFinder('C4').matchFormulaText(true).replaceAllWith('C3')).toBe(1);
    expect(sheet.getRange('D1').getFormula()).toBe('=SUM(C1:C3)');
  });

  it('replaceWith changes only the current match; regular expressions may use groups', () => {
    const { sheet } = customers();
    const finder = sheet.createTextFinder('K-(\\d+)').useRegularExpression(true);
    expect(finder.replaceWith('x')).toBe(0);
    finder.findNext();
    finder.findNext();
    expect(finder.replaceWith('ID $1')).toBe(1);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['K-001'], ['ID 002']]);
    expect(
      sheet
        .getRange('B2')
        .createTextFinder('krakow')
        .ignoreDiacritics(true)
        .replaceAllWith('Gdańsk'),
    ).toBe(1);
    expect(sheet.getRange('B2').getValue()).toBe('Gdańsk Sp. z o.o.');
  });
});

describe('TextFinder cost accounting', () => {
  it('every method is a Spreadsheet call of its own; a search reads no cells', () => {
    const { sheet, host } = customers();
    const before = host.counts.cellsRead;
    const finder = sheet.createTextFinder('k-0').matchCase(false);
    finder.findAll();
    finder.findNext();
    expect(host.counts.cellsRead).toBe(before);
    expect(host.calls.slice(-4)).toEqual([
      'Sheet.createTextFinder',
      'TextFinder.matchCase',
      'TextFinder.findAll',
      'TextFinder.findNext',
    ]);
    const counts = new CallCounts();
    counts.byMethod['TextFinder.findAll'] = 1;
    expect(counts.spreadsheetCalls).toBe(1);
  });

  it('replacements count the cells they change as written', () => {
    const { sheet, host } = customers();
    const before = host.counts.cellsWritten;
    sheet.createTextFinder('anna').replaceAllWith('Ann');
    expect(host.counts.cellsWritten - before).toBe(2);
    expect(host.writes.at(-1)).toBe('TextFinder.replaceAllWith');
  });
});
