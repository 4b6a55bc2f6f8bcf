/**
 * The Sheets advanced service (Sheets API v4) on the emulated workbook: what Google
 * documents and what measurements of the live API show (see the sources cited in
 * src/local/emulator/services/sheets-api*.ts), and round trips with SpreadsheetApp.
 */
import { describe, expect, it } from 'vitest';
import { createAdvancedServices } from '../../../src/local/emulator/services/advanced-services';
import { dateToSerial } from '../../../src/local/emulator/spreadsheet';
import { FakeHost } from './fake-host';
import { setup } from './helpers';

// The service's objects are typed loosely on purpose: scripts call it with JSON-shaped
// arguments and read JSON-shaped answers, and the tests do the same.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Loose = any;

function sheetsSetup(options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup(options);
  const globals = createAdvancedServices(ctx.host, [
    { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' },
  ]);
  const Sheets = globals.Sheets as Loose;
  const id = ctx.state.id;
  ctx.sheet.setName('Customers');
  const deals = ctx.ss.insertSheet('Deal list');
  ctx.host.resetCounts();
  return { ...ctx, Sheets, id, deals };
}

/** Error thrown by fn, for asserting name and message together. */
function thrown(fn: () => unknown): { name: string; message: string; details?: unknown } {
  try {
    fn();
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected a throw');
}

describe('Sheets.Spreadsheets.Values.get', () => {
  it('gives displayed strings by default, trailing empties cut, interior empty rows as []', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    sheet.getRange('A1:C1').setValues([['Name', 'Spent', 'Active']]);
    sheet.getRange('A2:C2').setValues([['Anna', 1234.5, true]]);
    sheet.getRange('A4').setValue('Ola');
    sheet.getRange('B2').setNumberFormat('#,##0.00');
    const got = Sheets.Spreadsheets.Values.get(id, 'Customers!A1:E10');
    expect(got).toEqual({
      range: 'Customers!A1:E10',
      majorDimension: 'ROWS',
      values: [['Name', 'Spent', 'Active'], ['Anna', '1,234.50', 'TRUE'], [], ['Ola']],
    });
  });

  it('leaves values out for a range with no data', () => {
    const { Sheets, id } = sheetsSetup();
    const got = Sheets.Spreadsheets.Values.get(id, 'Customers!D1:E2');
    expect(got).toEqual({ range: 'Customers!D1:E2', majorDimension: 'ROWS' });
    expect('values' in got).toBe(false);
  });

  it('reports open and oversized ranges bounded by the grid, a 1×1 range as one cell', () => {
    const { Sheets, id } = sheetsSetup();
    const range = (a1: string) => Sheets.Spreadsheets.Values.get(id, a1).range;
    expect(range('Customers')).toBe('Customers!A1:Z1000');
    expect(range("'Customers'")).toBe('Customers!A1:Z1000');
    expect(range('Customers!A:Z')).toBe('Customers!A1:Z1000');
    expect(range('Customers!A2:C')).toBe('Customers!A2:C1000');
    expect(range('Customers!1:1')).toBe('Customers!A1:Z1');
    expect(range('Customers!A1:A1')).toBe('Customers!A1');
    expect(range('Customers!A1:AA5')).toBe('Customers!A1:Z5');
    expect(range('A1:B2')).toBe('Customers!A1:B2'); // no sheet: the first sheet
    expect(range("'Deal list'!B2:A1")).toBe("'Deal list'!A1:B2");
    // Google's own quickstart reads 'Class Data!A2:E': a name with a space works unquoted too
    expect(range('Deal list!A1:B2')).toBe("'Deal list'!A1:B2");
    expect(range('Deal list')).toBe("'Deal list'!A1:Z1000");
  });

  it('renders UNFORMATTED_VALUE as numbers and booleans, dates as serials or strings', () => {
    const { Sheets, id, sheet, state } = sheetsSetup();
    const day = new Date('2026-03-04T00:00:00+01:00');
    sheet.getRange('A1:D1').setValues([['x', 0.15, false, day]]);
    sheet.getRange('B1').setNumberFormat('0%');
    sheet.getRange('D1').setNumberFormat('yyyy-mm-dd');
    sheet.getRange('E1').setFormula('=B1*2');
    const get = (opts: object) =>
      Sheets.Spreadsheets.Values.get(id, 'Customers!A1:E1', opts).values;
    const serial = dateToSerial(day, state.timeZone);
    expect(get({})).toEqual([['x', '15%', 'FALSE', '2026-03-04', '#ERROR!']]);
    expect(get({ valueRenderOption: 'UNFORMATTED_VALUE' })).toEqual([
      ['x', 0.15, false, serial, '#ERROR!'],
    ]);
    expect(
      get({ valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' }),
    ).toEqual([['x', 0.15, false, '2026-03-04', '#ERROR!']]);
    expect(get({ valueRenderOption: 'FORMULA' })).toEqual([['x', 0.15, false, serial, '=B1*2']]);
  });

  it('reads by columns with majorDimension COLUMNS, each column cut after its last value', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, ''],
    ]);
    const got = Sheets.Spreadsheets.Values.get(id, 'Customers!A1:C3', {
      majorDimension: 'COLUMNS',
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(got).toMatchObject({ majorDimension: 'COLUMNS', values: [[1, 3], [2]] });
  });

  it('is one Spreadsheet-service call counting the values it returns', () => {
    const { Sheets, id, sheet, host } = sheetsSetup();
    sheet.getRange('A1:B2').setValues([
      ['a', 'b'],
      ['c', ''],
    ]);
    host.resetCounts();
    Sheets.Spreadsheets.Values.get(id, 'Customers');
    expect(host.calls).toEqual(['Sheets.Spreadsheets.Values.get']);
    expect(host.counts.cellsRead).toBe(3);
    expect(host.counts.spreadsheetCalls).toBe(1);
  });
});

describe('errors, as Apps Script throws them', () => {
  it("fails an unknown sheet or a non-range with Google's parse error", () => {
    const { Sheets, id } = sheetsSetup();
    const error = thrown(() => Sheets.Spreadsheets.Values.get(id, 'Nope!A1:B2'));
    expect(error.name).toBe('GoogleJsonResponseException');
    expect(error.message).toBe(
      'API call to sheets.spreadsheets.values.get failed with error: Unable to parse range: Nope!A1:B2',
    );
    expect(thrown(() => Sheets.Spreadsheets.Values.get(id, 'not a range')).message).toContain(
      'Unable to parse range: not a range',
    );
    // quotes make a sheet name: there is no sheet called A1
    expect(thrown(() => Sheets.Spreadsheets.Values.get(id, "'A1'")).message).toContain(
      "Unable to parse range: 'A1'",
    );
  });

  it('refuses a range starting outside the grid, naming the grid', () => {
    const { Sheets, id } = sheetsSetup();
    expect(thrown(() => Sheets.Spreadsheets.Values.get(id, 'Customers!AA1:AB5')).message).toBe(
      'API call to sheets.spreadsheets.values.get failed with error: Range (Customers!AA1:AB5) ' +
        'exceeds grid limits. Max rows: 1000, max columns: 26',
    );
  });

  it('answers another spreadsheet id with "Requested entity was not found." (404)', () => {
    const { Sheets } = sheetsSetup();
    const error = thrown(() => Sheets.Spreadsheets.Values.batchGet('other-id', { ranges: ['A1'] }));
    expect(error.message).toBe(
      'API call to sheets.spreadsheets.values.batchGet failed with error: Requested entity was not found.',
    );
    expect(error.details).toEqual({ code: 404, message: 'Requested entity was not found.' });
  });

  it('names a bad enum value the way the API does', () => {
    const { Sheets, id } = sheetsSetup();
    expect(
      thrown(() => Sheets.Spreadsheets.Values.get(id, 'A1', { majorDimension: 'DIAGONAL' }))
        .message,
    ).toContain(
      `Invalid value at 'major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "DIAGONAL"`,
    );
  });

  it('counts a failed call, and R1C1 or unknown members say they are not emulated', () => {
    const { Sheets, id, host } = sheetsSetup();
    thrown(() => Sheets.Spreadsheets.Values.get(id, 'Nope!A1'));
    expect(host.calls).toEqual(['Sheets.Spreadsheets.Values.get']);
    expect(thrown(() => Sheets.Spreadsheets.Values.get(id, 'R1C1:R2C2')).message).toContain(
      'not implemented in the local runtime',
    );
    expect(thrown(() => Sheets.Spreadsheets.Values.clear).message).toBe(
      'Sheets.Spreadsheets.Values.clear is not implemented in the local runtime',
    );
  });

  it('needs authorisation: nothing runs in AuthMode.NONE', () => {
    const { host, id } = sheetsSetup();
    const none = new FakeHost(host.world, { authMode: 'NONE' });
    const Sheets = createAdvancedServices(none, [
      { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' },
    ]).Sheets as Loose;
    expect(() => Sheets.Spreadsheets.Values.get(id, 'A1')).toThrow(
      'You do not have permission to call Sheets.Spreadsheets.Values.get',
    );
  });
});

describe('Sheets.Spreadsheets.Values.batchGet', () => {
  it('reads several ranges of several tabs in one call', () => {
    const { Sheets, id, sheet, deals, host } = sheetsSetup();
    sheet.getRange('A1:B1').setValues([['Name', 'Email']]);
    deals.getRange('A1:A2').setValues([['Deal'], [250]]);
    host.resetCounts();
    const got = Sheets.Spreadsheets.Values.batchGet(id, {
      ranges: ['Customers', "'Deal list'!A:A"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(got).toEqual({
      spreadsheetId: id,
      valueRanges: [
        { range: 'Customers!A1:Z1000', majorDimension: 'ROWS', values: [['Name', 'Email']] },
        { range: "'Deal list'!A1:A1000", majorDimension: 'ROWS', values: [['Deal'], [250]] },
      ],
    });
    expect(host.calls).toEqual(['Sheets.Spreadsheets.Values.batchGet']);
    expect(host.counts.cellsRead).toBe(4);
  });

  it('fails as a whole when one range is bad', () => {
    const { Sheets, id } = sheetsSetup();
    expect(() =>
      Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['Customers!A1', 'Gone!A1'] }),
    ).toThrow('Unable to parse range: Gone!A1');
  });
});

describe('Sheets.Spreadsheets.Values.update', () => {
  it('stores RAW strings as given and parses USER_ENTERED ones as typed', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    const row = ['00123', '=1+1', '2026-03-04', "'x", 42, true];
    Sheets.Spreadsheets.Values.update({ values: [row] }, id, 'Customers!A1', {
      valueInputOption: 'RAW',
    });
    Sheets.Spreadsheets.Values.update({ values: [row] }, id, 'Customers!A2', {
      valueInputOption: 'USER_ENTERED',
    });
    const values = sheet.getRange('A1:F2').getValues();
    expect(values[0]).toEqual(['00123', '=1+1', '2026-03-04', "'x", 42, true]);
    expect(values[1].slice(0, 2)).toEqual([123, '#ERROR!']);
    expect(values[1][2]).toBeInstanceOf(Date);
    expect(values[1].slice(3)).toEqual(['x', 42, true]);
    expect(sheet.getRange('B2').getFormula()).toBe('=1+1');
  });

  it('skips null cells and empties a cell given ""', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    sheet.getRange('A1:C1').setValues([['keep', 'clear', 'old']]);
    Sheets.Spreadsheets.Values.update({ values: [[null, '', 'new']] }, id, 'Customers!A1:C1', {
      valueInputOption: 'RAW',
    });
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['keep', '', 'new']]);
  });

  it('answers with the range and counts written, grown from a one-cell anchor', () => {
    const { Sheets, id, host } = sheetsSetup();
    const answer = Sheets.Spreadsheets.Values.update(
      { values: [['a', 'b', 'c'], ['d']] },
      id,
      'Customers!B2',
      { valueInputOption: 'RAW', includeValuesInResponse: true },
    );
    expect(answer).toEqual({
      spreadsheetId: id,
      updatedRange: 'Customers!B2:D3',
      updatedRows: 2,
      updatedColumns: 3,
      updatedCells: 4,
      updatedData: {
        range: 'Customers!B2:D3',
        majorDimension: 'ROWS',
        values: [['a', 'b', 'c'], ['d']],
      },
    });
    expect(host.calls).toEqual(['Sheets.Spreadsheets.Values.update']);
    expect(host.counts.cellsWritten).toBe(4);
    expect(host.writes.at(-1)).toBe('Sheets.Spreadsheets.Values.update Customers!B2:D3');
  });

  it("takes one cell of a sheet whose name has ':' as an anchor too", () => {
    const { Sheets, id, ss } = sheetsSetup();
    const q1 = ss.insertSheet('Q1: deals');
    const answer = Sheets.Spreadsheets.Values.update({ values: [[1, 2]] }, id, "'Q1: deals'!A1", {
      valueInputOption: 'RAW',
    });
    expect(answer.updatedRange).toBe("'Q1: deals'!A1:B1");
    expect(q1.getRange('B1').getValue()).toBe(2);
  });

  it('writes by columns with majorDimension COLUMNS', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    Sheets.Spreadsheets.Values.update(
      {
        majorDimension: 'COLUMNS',
        values: [
          [1, 2],
          [3, 4],
        ],
      },
      id,
      'Customers!A1:B2',
      { valueInputOption: 'RAW' },
    );
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('refuses data larger than the range, and data past the grid (update adds no rows)', () => {
    const { Sheets, id, sheet, state } = sheetsSetup();
    const update = (values: unknown[][], range: string) =>
      thrown(() =>
        Sheets.Spreadsheets.Values.update({ values }, id, range, { valueInputOption: 'RAW' }),
      ).message;
    expect(update([[1], [2], [3]], 'Customers!A1:B2')).toContain(
      'Requested writing within range [Customers!A1:B2], but tried writing to row [3]',
    );
    expect(update([[1, 2, 3]], 'Customers!A1:B2')).toContain(
      'Requested writing within range [Customers!A1:B2], but tried writing to column [C]',
    );
    expect(update([[1], [2]], 'Customers!A1000')).toContain(
      'Range (Customers!A1000:A1001) exceeds grid limits. Max rows: 1000, max columns: 26',
    );
    expect(state.sheets[0].maxRows).toBe(1000);
    expect(sheet.getRange('A1000').getValue()).toBe('');
  });

  it('requires valueInputOption', () => {
    const { Sheets, id } = sheetsSetup();
    expect(() => Sheets.Spreadsheets.Values.update({ values: [[1]] }, id, 'A1')).toThrow(
      "'valueInputOption' is required but not specified",
    );
  });

  it('is checked by the strict-lock guard before anything is written', () => {
    const { Sheets, id, sheet, host } = sheetsSetup();
    host.refuseWrites = 'Strict-lock mode: no lock';
    expect(() =>
      Sheets.Spreadsheets.Values.update({ values: [['x']] }, id, 'A1', { valueInputOption: 'RAW' }),
    ).toThrow('Strict-lock mode: no lock');
    expect(sheet.getRange('A1').getValue()).toBe('');
  });

  it('takes the body as JSON: a Date arrives as its ISO string', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    const day = new Date('2026-03-04T09:00:00Z');
    Sheets.Spreadsheets.Values.update({ values: [[day]] }, id, 'A1', { valueInputOption: 'RAW' });
    expect(sheet.getRange('A1').getValue()).toBe('2026-03-04T09:00:00.000Z');
  });
});

describe('Sheets.Spreadsheets.Values.batchUpdate', () => {
  it('writes many ranges of many tabs in one call and totals the counts', () => {
    const { Sheets, id, sheet, deals, host } = sheetsSetup();
    const answer = Sheets.Spreadsheets.Values.batchUpdate(
      {
        valueInputOption: 'RAW',
        data: [
          {
            range: 'Customers!A1:B2',
            values: [
              ['a', 'b'],
              ['c', 'd'],
            ],
          },
          { range: "'Deal list'!C5", values: [[1], [2], [3]] },
        ],
      },
      id,
    );
    expect(answer).toEqual({
      spreadsheetId: id,
      totalUpdatedRows: 5,
      totalUpdatedColumns: 3,
      totalUpdatedCells: 7,
      totalUpdatedSheets: 2,
      responses: [
        {
          spreadsheetId: id,
          updatedRange: 'Customers!A1:B2',
          updatedRows: 2,
          updatedColumns: 2,
          updatedCells: 4,
        },
        {
          spreadsheetId: id,
          updatedRange: "'Deal list'!C5:C7",
          updatedRows: 3,
          updatedColumns: 1,
          updatedCells: 3,
        },
      ],
    });
    expect(host.calls).toEqual(['Sheets.Spreadsheets.Values.batchUpdate']);
    expect(host.counts.cellsWritten).toBe(7);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([['c', 'd']]);
    expect(deals.getRange('C7').getValue()).toBe(3);
  });

  it('writes nothing when one range is bad, naming its index', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    const error = thrown(() =>
      Sheets.Spreadsheets.Values.batchUpdate(
        {
          valueInputOption: 'USER_ENTERED',
          data: [
            { range: 'Customers!A1', values: [['written?']] },
            { range: 'Missing!A1', values: [['x']] },
          ],
        },
        id,
      ),
    );
    expect(error.message).toBe(
      'API call to sheets.spreadsheets.values.batchUpdate failed with error: ' +
        'Invalid data[1]: Unable to parse range: Missing!A1',
    );
    expect(sheet.getRange('A1').getValue()).toBe('');
  });
});

describe('Sheets.Spreadsheets.Values.append', () => {
  it('appends after the table the range finds, from its first column', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    sheet.getRange('B1:C3').setValues([
      ['Name', 'Email'],
      ['Anna', 'a@x.pl'],
      ['Ola', 'o@x.pl'],
    ]);
    sheet.getRange('B6').setValue('another table');
    const answer = Sheets.Spreadsheets.Values.append(
      { values: [['Ewa', 'e@x.pl']] },
      id,
      'Customers!A1:C2',
      { valueInputOption: 'RAW' },
    );
    expect(answer).toEqual({
      spreadsheetId: id,
      tableRange: 'Customers!B1:C3',
      updates: {
        spreadsheetId: id,
        updatedRange: 'Customers!B4:C4',
        updatedRows: 1,
        updatedColumns: 2,
        updatedCells: 2,
      },
    });
    expect(sheet.getRange('B4:C4').getValues()).toEqual([['Ewa', 'e@x.pl']]);
  });

  it('writes at the range when it holds no table, with no tableRange', () => {
    const { Sheets, id } = sheetsSetup();
    const answer = Sheets.Spreadsheets.Values.append({ values: [[1]] }, id, "'Deal list'", {
      valueInputOption: 'RAW',
    });
    expect(answer.tableRange).toBeUndefined();
    expect(answer.updates.updatedRange).toBe("'Deal list'!A1");
  });

  it('adds rows when the data runs past the grid (update would refuse)', () => {
    const { Sheets, id, sheet, state } = sheetsSetup();
    sheet.getRange('A999:A1000').setValues([['x'], ['y']]);
    const answer = Sheets.Spreadsheets.Values.append({ values: [['z'], ['w']] }, id, 'Customers', {
      valueInputOption: 'RAW',
    });
    expect(answer.updates.updatedRange).toBe('Customers!A1001:A1002');
    expect(state.sheets[0].maxRows).toBe(1002);
    expect(sheet.getRange('A1002').getValue()).toBe('w');
  });

  it('inserts rows with INSERT_ROWS, moving what is below down', () => {
    const { Sheets, id, sheet, state } = sheetsSetup();
    sheet.getRange('A1:A2').setValues([['h'], ['1']]);
    sheet.getRange('A4').setValue('below');
    Sheets.Spreadsheets.Values.append({ values: [['2']] }, id, 'Customers!A1', {
      valueInputOption: 'USER_ENTERED',
      insertDataOption: 'INSERT_ROWS',
    });
    expect(sheet.getRange('A1:A5').getValues()).toEqual([['h'], [1], [2], [''], ['below']]);
    expect(state.sheets[0].maxRows).toBe(1001);
  });
});

describe('round trips with SpreadsheetApp', () => {
  it('batchUpdate RAW → Range.getValues: text stays text, serials in date cells are dates', () => {
    const { Sheets, id, sheet, state } = sheetsSetup();
    sheet.getRange('B1').setNumberFormat('yyyy-mm-dd');
    sheet.getRange('C1').setNumberFormat('@');
    const day = new Date('2026-03-04T00:00:00+01:00');
    Sheets.Spreadsheets.Values.batchUpdate(
      {
        valueInputOption: 'RAW',
        data: [
          {
            range: 'Customers!A1:D1',
            values: [['+48 600 100 200', dateToSerial(day, state.timeZone), '007', 'TRUE']],
          },
        ],
      },
      id,
    );
    const [row] = sheet.getRange('A1:D1').getValues();
    expect(row[0]).toBe('+48 600 100 200');
    expect((row[1] as Date).getTime()).toBe(day.getTime());
    expect(row.slice(2)).toEqual(['007', 'TRUE']);
    expect(sheet.getRange('B1').getDisplayValue()).toBe('2026-03-04');
  });

  it('Range.setValues → batchGet: dates, plain-text cells and numbers as the API renders them', () => {
    const { Sheets, id, sheet, state } = sheetsSetup();
    const day = new Date('2026-03-04T10:30:00+01:00');
    sheet.getRange('C1').setNumberFormat('@');
    sheet.getRange('A1:D1').setValues([['Anna', day, '00123', 19.5]]);
    const [formatted, unformatted] = Sheets.Spreadsheets.Values.batchGet(id, {
      ranges: ['Customers!A1:D1'],
    }).valueRanges.concat(
      Sheets.Spreadsheets.Values.batchGet(id, {
        ranges: ['Customers!A1:D1'],
        valueRenderOption: 'UNFORMATTED_VALUE',
      }).valueRanges,
    );
    expect(formatted.values).toEqual([['Anna', '3/4/2026 10:30:00', '00123', '19.5']]);
    expect(unformatted.values).toEqual([
      ['Anna', dateToSerial(day, state.timeZone), '00123', 19.5],
    ]);
  });

  it('USER_ENTERED stores what Range.setValue stores for the same strings', () => {
    const { Sheets, id, sheet } = sheetsSetup();
    const typed = ['1,234.5', '15%', '1/2/2024', '-x', 'TRUE', "'007"];
    Sheets.Spreadsheets.Values.update({ values: [typed] }, id, 'Customers!A1', {
      valueInputOption: 'USER_ENTERED',
    });
    typed.forEach((text, c) => sheet.getRange(2, c + 1).setValue(text));
    expect(sheet.getRange('A1:F1').getValues()).toEqual(sheet.getRange('A2:F2').getValues());
    expect(sheet.getRange('A1:F1').getNumberFormats()).toEqual(
      sheet.getRange('A2:F2').getNumberFormats(),
    );
  });
});

describe('Sheets.Spreadsheets.get', () => {
  it("gives every tab's id, title, index and grid size in one call", () => {
    const { Sheets, id, sheet, host } = sheetsSetup();
    sheet.setFrozenRows(1);
    host.resetCounts();
    const got = Sheets.Spreadsheets.get(id, {
      fields: 'sheets.properties(sheetId,title,index,gridProperties)',
    });
    expect(got).toEqual({
      sheets: [
        {
          properties: {
            sheetId: 0,
            title: 'Customers',
            index: 0,
            gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 1 },
          },
        },
        {
          properties: {
            sheetId: expect.any(Number),
            title: 'Deal list',
            index: 1,
            gridProperties: { rowCount: 1000, columnCount: 26 },
          },
        },
      ],
    });
    expect(host.calls).toEqual(['Sheets.Spreadsheets.get']);
  });

  it('keeps only the sheets the ranges touch, and takes snake_case field names', () => {
    const { Sheets, id, state } = sheetsSetup();
    const got = Sheets.Spreadsheets.get(id, {
      ranges: ["'Deal list'!A1:B2"],
      fields: 'spreadsheet_id,sheets.properties.title,properties.time_zone',
    });
    expect(got).toEqual({
      spreadsheetId: id,
      properties: { timeZone: state.timeZone },
      sheets: [{ properties: { title: 'Deal list' } }],
    });
  });

  it('says includeGridData is not emulated', () => {
    const { Sheets, id } = sheetsSetup();
    expect(() => Sheets.Spreadsheets.get(id, { includeGridData: true })).toThrow(
      'not implemented in the local runtime',
    );
  });
});

describe('Sheets.Spreadsheets.batchUpdate', () => {
  it('appends and inserts rows and columns, one reply each', () => {
    const { Sheets, id, sheet, state } = sheetsSetup();
    sheet.getRange('A1:A2').setValues([['h'], ['1']]);
    const answer = Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 500 } },
          { appendDimension: { sheetId: 0, dimension: 'COLUMNS', length: 4 } },
          {
            insertDimension: {
              range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 3 },
              inheritFromBefore: true,
            },
          },
        ],
      },
      id,
    );
    expect(answer).toEqual({ spreadsheetId: id, replies: [{}, {}, {}] });
    expect([state.sheets[0].maxRows, state.sheets[0].maxColumns]).toEqual([1502, 30]);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['h'], [''], [''], [1]]);
  });

  it('applies nothing when one request is invalid', () => {
    const { Sheets, id, state } = sheetsSetup();
    const error = thrown(() =>
      Sheets.Spreadsheets.batchUpdate(
        {
          requests: [
            { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 10 } },
            { appendDimension: { sheetId: 999, dimension: 'ROWS', length: 10 } },
          ],
        },
        id,
      ),
    );
    expect(error.message).toBe(
      'API call to sheets.spreadsheets.batchUpdate failed with error: ' +
        'Invalid requests[1].appendDimension: No grid with id: 999',
    );
    expect(state.sheets[0].maxRows).toBe(1000);
  });

  it('names a request kind the emulator lacks', () => {
    const { Sheets, id } = sheetsSetup();
    expect(() => Sheets.Spreadsheets.batchUpdate({ requests: [{ repeatCell: {} }] }, id)).toThrow(
      'Sheets.Spreadsheets.batchUpdate request repeatCell is not implemented in the local runtime',
    );
  });
});
