/**
 * The Sheets advanced service (`Sheets`, the Sheets API v4) on the emulated workbook: the
 * calls that read and write many ranges at once.
 * https://developers.google.com/apps-script/advanced/sheets — "the same objects, methods,
 * and parameters as the public API"; "version 4 ... is the only version of the Sheets API
 * currently available as an advanced service".
 *
 * Method signatures, https://developers.google.com/apps-script/guides/services/advanced#how_method_signatures_are_determined:
 * the request body first, then the path parameters in URL order, then an object of the
 * optional (query) parameters — `Values.update(valueRange, spreadsheetId, range, {valueInputOption})`,
 * `Values.get(spreadsheetId, range, {valueRenderOption})`.
 *
 * The body travels as JSON, as it does to the REST API: a Date in `values` arrives as its
 * ISO string, undefined as null (and null cells are skipped). A failed call throws
 * `GoogleJsonResponseException: API call to sheets.spreadsheets.values.get failed with
 * error: Unable to parse range: …`, the form scripts see (quoted in published error logs).
 * A spreadsheet other than this workbook is "Requested entity was not found." (404), what
 * the API answers for an id it does not know.
 *
 * Accounting: every call is ONE Spreadsheet-service call, counted as
 * `Sheets.Spreadsheets.Values.batchGet` etc.; reads count the cell values the response
 * carries (trailing empty cells are not sent), writes the cells written. Writes pass the
 * same strict-lock check as Range writes. AuthMode is SpreadsheetApp's (nothing in NONE).
 */
import type { ServiceHost } from '../execution';
import { apiObject } from '../guard';
import { columnLetters } from '../spreadsheet/a1';
import {
  MAX_WORKBOOK_CELLS,
  WORKBOOK_TOO_BIG,
  insertRowsAt,
  workbookCells,
} from '../spreadsheet/grid';
import {
  SheetsApiError,
  clampForRead,
  gridLimitError,
  rectA1,
  resolveRange,
  type ApiRange,
  type Rect,
} from './sheets-api-ranges';
import { getSpreadsheet, planBatchUpdate, spreadsheetResource } from './sheets-api-spreadsheet';
import { findTable } from './sheets-api-table';
import {
  DATE_RENDERS,
  DIMENSIONS,
  RENDERS,
  cellsToWrite,
  enumOption,
  planCellWrites,
  readValueRange,
  storeCellWrites,
  updateCounts,
  type DateTimeRender,
  type Dimension,
  type ReadOptions,
  type ValueInput,
  type ValueRender,
} from './sheets-api-values';

type Json = Record<string, unknown>;

/** What Apps Script throws when an advanced-service call fails. */
class GoogleJsonResponseException extends Error {
  override name = 'GoogleJsonResponseException';
  readonly details: { code: number; message: string };
  constructor(method: string, error: SheetsApiError) {
    // 'Spreadsheets.Values.batchGet' → 'sheets.spreadsheets.values.batchGet'
    const path = method.replace(
      /(^|\.)([A-Z])/g,
      (_m, dot: string, c: string) => dot + c.toLowerCase(),
    );
    super(`API call to sheets.${path} failed with error: ${error.message}`);
    this.details = { code: error.code, message: error.message };
  }
}

/** The body as the API receives it: JSON. */
function asJson(value: unknown): Json {
  if (value === undefined || value === null) return {};
  return JSON.parse(JSON.stringify(value)) as Json;
}

const VALUE_INPUTS = ['RAW', 'USER_ENTERED'] as const;
const INSERT_OPTIONS = ['OVERWRITE', 'INSERT_ROWS'] as const;

/** valueInputOption is required: https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/update */
function valueInput(value: unknown): ValueInput {
  if (value === undefined || value === null || value === 'INPUT_VALUE_OPTION_UNSPECIFIED') {
    throw new SheetsApiError("'valueInputOption' is required but not specified");
  }
  return enumOption(value, VALUE_INPUTS, 'RAW', 'value_input_option', 'ValueInputOption');
}

function readOptions(options: Json, timeZone: string, prefix = ''): ReadOptions {
  const key = (name: string) => (prefix ? prefix + name[0].toUpperCase() + name.slice(1) : name);
  const snake = (name: string) => key(name).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return {
    render: enumOption<ValueRender>(
      options[key('valueRenderOption')],
      RENDERS,
      'FORMATTED_VALUE',
      snake('valueRenderOption'),
      'ValueRenderOption',
    ),
    dateTime: enumOption<DateTimeRender>(
      options[key('dateTimeRenderOption')],
      DATE_RENDERS,
      'SERIAL_NUMBER',
      snake('dateTimeRenderOption'),
      'DateTimeRenderOption',
    ),
    dimension: enumOption<Dimension>(
      options.majorDimension,
      DIMENSIONS,
      'ROWS',
      'major_dimension',
      'Dimension',
    ),
    timeZone,
  };
}

/** A planned values write: checked and parsed, not yet stored. */
interface ValueWrite {
  rect: Rect | null;
  counts: { rows: number; columns: number; cells: number };
  requested: ApiRange;
  store(): void;
}

/**
 * Plans writing a ValueRange at `range`. One cell is an anchor the data grows from; a wider
 * range bounds the data ("Requested writing within range [Sheet1!A1:B2], but tried writing
 * to row [3]", Google's message as published error logs quote it). Data past the grid is
 * refused with the grid-limits error: only append adds rows.
 */
function planValueWrite(
  range: ApiRange,
  body: Json,
  input: ValueInput,
  timeZone: string,
  at?: { row: number; column: number; blankCells: boolean },
): ValueWrite {
  const dimension = enumOption<Dimension>(
    body.majorDimension,
    DIMENSIONS,
    'ROWS',
    'major_dimension',
    'Dimension',
  );
  const { writes, height, width } = cellsToWrite(body.values, dimension);
  const row = at?.row ?? range.row;
  const column = at?.column ?? range.column;
  if (!at && !range.singleCell) {
    const bound = `[${rectA1(range)}]`;
    if (row + height - 1 > range.lastRow) {
      throw new SheetsApiError(
        `Requested writing within range ${bound}, but tried writing to row [${range.lastRow + 1}]`,
      );
    }
    if (column + width - 1 > range.lastColumn) {
      throw new SheetsApiError(
        `Requested writing within range ${bound}, but tried writing to column [${columnLetters(range.lastColumn + 1)}]`,
      );
    }
  }
  const rect =
    height > 0 && width > 0
      ? {
          sheet: range.sheet,
          row,
          column,
          lastRow: row + height - 1,
          lastColumn: column + width - 1,
        }
      : null;
  if (
    !at &&
    rect &&
    (rect.lastRow > range.sheet.maxRows || rect.lastColumn > range.sheet.maxColumns)
  ) {
    throw gridLimitError(rect);
  }
  const planned = planCellWrites(
    at?.blankCells ? { ...range.sheet, rows: [] } : range.sheet,
    row,
    column,
    writes,
    input,
    timeZone,
  );
  return {
    rect,
    requested: range,
    counts: updateCounts(writes, height, width),
    store: () => storeCellWrites(range.sheet, planned),
  };
}

/** An UpdateValuesResponse; Google's JSON leaves out counts of 0. */
function updateResponse(spreadsheetId: string, write: ValueWrite): Json {
  const response: Json = { spreadsheetId };
  if (write.rect) response.updatedRange = rectA1(write.rect);
  if (write.counts.rows) response.updatedRows = write.counts.rows;
  if (write.counts.columns) response.updatedColumns = write.counts.columns;
  if (write.counts.cells) response.updatedCells = write.counts.cells;
  return response;
}

class SheetsApi {
  constructor(private readonly host: ServiceHost) {}

  private get state() {
    return this.host.state;
  }

  private checkId(spreadsheetId: unknown): void {
    if (spreadsheetId !== this.state.id) {
      throw new SheetsApiError('Requested entity was not found.', 404);
    }
  }

  /** Runs a call: API errors are counted calls that throw as Apps Script throws them. */
  private attempt<T>(method: string, run: () => T, count = true): T {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof SheetsApiError)) throw error;
      if (count) this.host.call('Sheets', method);
      throw new GoogleJsonResponseException(method, error);
    }
  }

  read<T>(method: string, run: () => { result: T; cells: number }): T {
    const { result, cells } = this.attempt(method, run);
    this.host.call('Sheets', method, { cellsRead: cells });
    return result;
  }

  /**
   * Plans (may throw API errors), counts the call, checks the lock, then applies. The plan
   * is made again after the call is counted: the request is carried out when it arrives,
   * and another execution may have changed the sheet at that moment (runtime.interleave).
   */
  write<T>(method: string, plan: () => { cells: number; what: string; apply: () => T }): T {
    const { cells } = this.attempt(method, plan);
    this.host.call('Sheets', method, { cellsWritten: cells });
    const { what, apply } = this.attempt(method, plan, false);
    this.host.assertMayWrite(`Sheets.${method} ${what}`);
    return apply();
  }

  private readRange(range: unknown, options: ReadOptions) {
    const rect = clampForRead(resolveRange(this.state, range));
    return readValueRange(rect, rectA1(rect), options);
  }

  /**
   * includeValuesInResponse: "If the range to write was larger than the range actually
   * written, the response includes all values in the requested range (excluding trailing
   * empty rows and columns)" (spreadsheets.values/batchUpdate reference). A one-cell range is
   * only where the data starts, so the written cells are what comes back; so for append.
   */
  private updatedData(write: ValueWrite, body: Json, appended = false): Json | undefined {
    if (body.includeValuesInResponse !== true) return undefined;
    const options = readOptions(body, this.state.timeZone, 'response');
    const requested = write.requested;
    const rect = appended || requested.singleCell ? (write.rect ?? requested) : requested;
    return this.readRange(rectA1(clampForRead({ ...requested, ...rect })), options).valueRange;
  }

  valuesGet(spreadsheetId: unknown, range: unknown, optionalArgs?: unknown) {
    return this.read('Spreadsheets.Values.get', () => {
      this.checkId(spreadsheetId);
      const options = readOptions(asJson(optionalArgs), this.state.timeZone);
      const { valueRange, cells } = this.readRange(range, options);
      return { result: valueRange, cells };
    });
  }

  valuesBatchGet(spreadsheetId: unknown, optionalArgs?: unknown) {
    return this.read('Spreadsheets.Values.batchGet', () => {
      this.checkId(spreadsheetId);
      const args = asJson(optionalArgs);
      const options = readOptions(args, this.state.timeZone);
      const ranges = args.ranges === undefined ? [] : [args.ranges].flat();
      const read = ranges.map((range) => this.readRange(range, options));
      const result: Json = { spreadsheetId };
      if (read.length > 0) result.valueRanges = read.map((r) => r.valueRange);
      return { result, cells: read.reduce((sum, r) => sum + r.cells, 0) };
    });
  }

  valuesUpdate(resource: unknown, spreadsheetId: unknown, range: unknown, optionalArgs?: unknown) {
    return this.write('Spreadsheets.Values.update', () => {
      this.checkId(spreadsheetId);
      const args = asJson(optionalArgs);
      const input = valueInput(args.valueInputOption);
      const target = resolveRange(this.state, range);
      const body = asJson(resource);
      const write = planValueWrite(target, body, input, this.state.timeZone);
      return {
        cells: write.counts.cells,
        what: rectA1(write.rect ?? target),
        apply: () => {
          write.store();
          const response = updateResponse(this.state.id, write);
          const data = this.updatedData(write, args);
          return data ? { ...response, updatedData: data } : response;
        },
      };
    });
  }

  valuesBatchUpdate(resource: unknown, spreadsheetId: unknown) {
    return this.write('Spreadsheets.Values.batchUpdate', () => {
      this.checkId(spreadsheetId);
      const body = asJson(resource);
      const input = valueInput(body.valueInputOption);
      const data = Array.isArray(body.data) ? (body.data as Json[]) : [];
      const writes = data.map((valueRange, i) => {
        try {
          const target = resolveRange(this.state, valueRange.range);
          return planValueWrite(target, valueRange, input, this.state.timeZone);
        } catch (error) {
          if (error instanceof SheetsApiError) throw error.within(`Invalid data[${i}]`);
          throw error;
        }
      });
      const cells = writes.reduce((sum, w) => sum + w.counts.cells, 0);
      return {
        cells,
        what: writes.map((w) => rectA1(w.rect ?? w.requested)).join(', '),
        apply: () => this.applyBatch(writes, body, cells),
      };
    });
  }

  /** Stores a values.batchUpdate in order (a later range wins) and builds its response. */
  private applyBatch(writes: ValueWrite[], body: Json, cells: number): Json {
    writes.forEach((w) => w.store());
    const responses = writes.map((w) => {
      const response = updateResponse(this.state.id, w);
      const data = this.updatedData(w, body);
      return data ? { ...response, updatedData: data } : response;
    });
    const result: Json = { spreadsheetId: this.state.id };
    const rows = writes.reduce((sum, w) => sum + w.counts.rows, 0);
    const columns = writes.reduce((sum, w) => sum + w.counts.columns, 0);
    const sheets = new Set(writes.filter((w) => w.counts.cells > 0).map((w) => w.requested.sheet));
    if (rows) result.totalUpdatedRows = rows;
    if (columns) result.totalUpdatedColumns = columns;
    if (cells) result.totalUpdatedCells = cells;
    if (sheets.size) result.totalUpdatedSheets = sheets.size;
    if (responses.length) result.responses = responses;
    return result;
  }

  valuesAppend(resource: unknown, spreadsheetId: unknown, range: unknown, optionalArgs?: unknown) {
    return this.write('Spreadsheets.Values.append', () => {
      this.checkId(spreadsheetId);
      const args = asJson(optionalArgs);
      const input = valueInput(args.valueInputOption);
      const insert = enumOption(
        args.insertDataOption,
        INSERT_OPTIONS,
        'OVERWRITE',
        'insert_data_option',
        'InsertDataOption',
      );
      const target = resolveRange(this.state, range);
      const table = findTable(clampForRead(target));
      const at = {
        row: table ? table.lastRow + 1 : target.row,
        column: table ? table.column : target.column,
        blankCells: insert === 'INSERT_ROWS',
      };
      const write = planValueWrite(target, asJson(resource), input, this.state.timeZone, at);
      const grow = this.growthForAppend(write, insert === 'INSERT_ROWS');
      return {
        cells: write.counts.cells,
        what: rectA1(write.rect ?? target),
        apply: () => {
          grow();
          write.store();
          const updates = updateResponse(this.state.id, write);
          const data = this.updatedData(write, args, true);
          const result: Json = { spreadsheetId: this.state.id };
          if (table) result.tableRange = rectA1(table);
          result.updates = data ? { ...updates, updatedData: data } : updates;
          return result;
        },
      };
    });
  }

  /**
   * What append does to the grid: INSERT_ROWS "Rows are inserted for the new data"; with
   * OVERWRITE "adding data to the end of the sheet will still insert new rows or columns so
   * the data can be written" (InsertDataOption, spreadsheets.values/append reference).
   */
  private growthForAppend(write: ValueWrite, insertRows: boolean): () => void {
    const rect = write.rect;
    if (!rect) return () => undefined;
    const sheet = rect.sheet;
    const height = rect.lastRow - rect.row + 1;
    const insertAt = insertRows && rect.row <= sheet.maxRows ? rect.row : null;
    const extraRows = insertAt !== null ? height : Math.max(0, rect.lastRow - sheet.maxRows);
    const extraColumns = Math.max(0, rect.lastColumn - sheet.maxColumns);
    const added = extraRows * sheet.maxColumns + extraColumns * (sheet.maxRows + extraRows);
    if (added > 0 && workbookCells(this.state) + added > MAX_WORKBOOK_CELLS) {
      throw new SheetsApiError(WORKBOOK_TOO_BIG);
    }
    return () => {
      if (insertAt !== null) insertRowsAt(this.state, sheet, insertAt, extraRows);
      else sheet.maxRows += extraRows;
      sheet.maxColumns += extraColumns;
    };
  }

  spreadsheetsGet(spreadsheetId: unknown, optionalArgs?: unknown) {
    return this.read('Spreadsheets.get', () => {
      this.checkId(spreadsheetId);
      return { result: getSpreadsheet(this.state, asJson(optionalArgs)), cells: 0 };
    });
  }

  spreadsheetsBatchUpdate(resource: unknown, spreadsheetId: unknown) {
    return this.write('Spreadsheets.batchUpdate', () => {
      this.checkId(spreadsheetId);
      const body = asJson(resource);
      const run = planBatchUpdate(this.state, body);
      return {
        cells: 0,
        what: 'requests',
        apply: () => {
          const result: Json = { spreadsheetId: this.state.id, replies: run() };
          if (body.includeSpreadsheetInResponse === true) {
            result.updatedSpreadsheet = spreadsheetResource(this.state);
          }
          return result;
        },
      };
    });
  }
}

/**
 * The `Sheets` global. Each level is an Apps Script object for the guard (guard.ts): a
 * method the emulator lacks (`Sheets.Spreadsheets.Values.clear`) names itself.
 */
export function createSheetsService(host: ServiceHost): object {
  const api = new SheetsApi(host);
  const Values = apiObject('Sheets.Spreadsheets.Values', {
    get: (id: unknown, range: unknown, args?: unknown) => api.valuesGet(id, range, args),
    batchGet: (id: unknown, args?: unknown) => api.valuesBatchGet(id, args),
    update: (body: unknown, id: unknown, range: unknown, args?: unknown) =>
      api.valuesUpdate(body, id, range, args),
    append: (body: unknown, id: unknown, range: unknown, args?: unknown) =>
      api.valuesAppend(body, id, range, args),
    batchUpdate: (body: unknown, id: unknown) => api.valuesBatchUpdate(body, id),
  });
  const Spreadsheets = apiObject('Sheets.Spreadsheets', {
    Values,
    get: (id: unknown, args?: unknown) => api.spreadsheetsGet(id, args),
    batchUpdate: (body: unknown, id: unknown) => api.spreadsheetsBatchUpdate(body, id),
  });
  return { Spreadsheets };
}
