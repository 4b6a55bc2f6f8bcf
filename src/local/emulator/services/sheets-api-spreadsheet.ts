/**
 * spreadsheets.get and spreadsheets.batchUpdate of the Sheets API on the emulated workbook.
 *
 * get: https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/get — the
 * Spreadsheet resource (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets#Spreadsheet)
 * with each sheet's SheetProperties (sheetId, title, index, sheetType, gridProperties with
 * rowCount, columnCount, frozenRowCount, frozenColumnCount). Measured (brekkylab/backlot,
 * tests/test_google.py): a sheet's properties carry exactly sheetId, title, index, sheetType
 * and gridProperties, sheetId and index included when 0; the frozen counts appear here only
 * when a row or column is frozen (Google's JSON leaves unset fields out). `ranges` limits the sheets to those a range touches
 * (measured); `includeGridData` (cell data) is not emulated and says so.
 *
 * batchUpdate: https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate
 * — "The requests will be applied in the order they are specified. If any request is not
 * valid, no requests will be applied." One reply per request, empty for the dimension
 * requests. Emulated requests (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request):
 * appendDimension ("Appends rows or columns to the end of a sheet"), insertDimension
 * ("Inserts rows or columns in a sheet at a particular index"; inheritFromBefore "True to
 * inherit from the dimensions before (in which case the start index must be greater than
 * 0)") and deleteDimension. The emulator keeps no row or column formats, so there is
 * nothing to inherit.
 */
import type { SheetState, WorkbookState } from '../state';
import {
  MAX_WORKBOOK_CELLS,
  WORKBOOK_TOO_BIG,
  deleteColumnsAt,
  deleteRowsAt,
  insertColumnsAt,
  insertRowsAt,
  workbookCells,
} from '../spreadsheet/grid';
import { applyFields, parseFields } from './sheets-api-fields';
import { SheetsApiError, resolveRange } from './sheets-api-ranges';
import { DIMENSIONS, enumOption, type Dimension } from './sheets-api-values';

function sheetResource(state: WorkbookState, sheet: SheetState) {
  const grid: Record<string, number> = {
    rowCount: sheet.maxRows,
    columnCount: sheet.maxColumns,
  };
  if (sheet.frozenRows > 0) grid.frozenRowCount = sheet.frozenRows;
  if (sheet.frozenColumns > 0) grid.frozenColumnCount = sheet.frozenColumns;
  const properties: Record<string, unknown> = {
    sheetId: sheet.sheetId,
    title: sheet.name,
    index: state.sheets.indexOf(sheet),
    sheetType: 'GRID',
    gridProperties: grid,
  };
  return { properties };
}

/** The Spreadsheet resource (without grid data). */
export function spreadsheetResource(state: WorkbookState, sheets = state.sheets) {
  return {
    spreadsheetId: state.id,
    properties: {
      title: state.name,
      // The workbook's locale, as Spreadsheet.getSpreadsheetLocale() gives it (the emulator
      // still parses and formats values as Sheets does in en_US, spreadsheet/values.ts).
      locale: state.locale ?? 'en_US',
      autoRecalc: 'ON_CHANGE',
      timeZone: state.timeZone,
    },
    sheets: sheets.map((sheet) => sheetResource(state, sheet)),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${state.id}/edit`,
  };
}

export interface GetOptions {
  fields?: unknown;
  ranges?: unknown;
  includeGridData?: unknown;
}

export function getSpreadsheet(state: WorkbookState, options: GetOptions): unknown {
  if (options.includeGridData === true || options.includeGridData === 'true') {
    throw new Error(
      'Sheets.Spreadsheets.get with includeGridData is not implemented in the local runtime',
    );
  }
  let sheets = state.sheets;
  if (options.ranges !== undefined) {
    const ranges = Array.isArray(options.ranges) ? options.ranges : [options.ranges];
    const touched = new Set(ranges.map((range) => resolveRange(state, range).sheet));
    sheets = sheets.filter((sheet) => touched.has(sheet));
  }
  const resource = spreadsheetResource(state, sheets);
  if (typeof options.fields !== 'string' || options.fields === '') return resource;
  let mask;
  try {
    mask = parseFields(options.fields);
  } catch (error) {
    throw new SheetsApiError((error as Error).message);
  }
  return applyFields(resource, mask);
}

// ---------------------------------------------------------------- batchUpdate

/** Grid sizes as the requests so far left them: requests are checked before any runs. */
type Sizes = Map<SheetState, { rows: number; columns: number }>;

interface PlannedRequest {
  apply(): void;
  /** Cells the request adds to the workbook (negative when it deletes). */
  addedCells: number;
}

function gridById(state: WorkbookState, sheetId: unknown): SheetState {
  const sheet = state.sheets.find((s) => s.sheetId === Number(sheetId ?? 0));
  if (!sheet) throw new SheetsApiError(`No grid with id: ${String(sheetId ?? 0)}`);
  return sheet;
}

function sizeOf(sizes: Sizes, sheet: SheetState) {
  let size = sizes.get(sheet);
  if (!size) {
    size = { rows: sheet.maxRows, columns: sheet.maxColumns };
    sizes.set(sheet, size);
  }
  return size;
}

function positiveInteger(value: unknown, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new SheetsApiError(`${what} must be at least 1`);
  return n;
}

type Request = Record<string, unknown>;

function appendDimension(state: WorkbookState, sizes: Sizes, req: Request): PlannedRequest {
  const sheet = gridById(state, req.sheetId);
  const dimension = enumOption<Dimension>(
    req.dimension,
    DIMENSIONS,
    'ROWS',
    'dimension',
    'Dimension',
  );
  const length = positiveInteger(req.length, 'length');
  const rows = dimension === 'ROWS';
  const size = sizeOf(sizes, sheet);
  // Appended after the last row or column as the sheet is when the request runs.
  return plannedInsert(
    state,
    size,
    sheet,
    rows,
    () => (rows ? sheet.maxRows : sheet.maxColumns),
    length,
  );
}

/**
 * Rows or columns inserted after `before()` (0: at the start): the size the next requests
 * are checked against grows now, the grid when the batch is applied.
 */
function plannedInsert(
  state: WorkbookState,
  size: { rows: number; columns: number },
  sheet: SheetState,
  rows: boolean,
  before: () => number,
  length: number,
): PlannedRequest {
  const addedCells = length * (rows ? size.columns : size.rows);
  if (rows) size.rows += length;
  else size.columns += length;
  return {
    addedCells,
    apply: () =>
      rows
        ? insertRowsAt(state, sheet, before() + 1, length)
        : insertColumnsAt(state, sheet, before() + 1, length),
  };
}

function dimensionRange(state: WorkbookState, sizes: Sizes, range: unknown) {
  const r = (range ?? {}) as Request;
  const sheet = gridById(state, r.sheetId);
  const dimension = enumOption<Dimension>(
    r.dimension,
    DIMENSIONS,
    'ROWS',
    'dimension',
    'Dimension',
  );
  const start = Number(r.startIndex ?? 0);
  const end = Number(r.endIndex);
  const size = sizeOf(sizes, sheet);
  const count = dimension === 'ROWS' ? size.rows : size.columns;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    throw new SheetsApiError('range.startIndex must be less than range.endIndex');
  }
  return { sheet, rows: dimension === 'ROWS', start, length: end - start, size, count };
}

function insertDimension(state: WorkbookState, sizes: Sizes, req: Request): PlannedRequest {
  const { sheet, rows, start, length, size, count } = dimensionRange(state, sizes, req.range);
  if (start > count) {
    throw new SheetsApiError(
      `range.startIndex (${start}) is past the end of the sheet (${count} ${rows ? 'rows' : 'columns'})`,
    );
  }
  if (req.inheritFromBefore === true && start === 0) {
    throw new SheetsApiError('Cannot inherit from before when inserting at the start index 0');
  }
  return plannedInsert(state, size, sheet, rows, () => start, length);
}

function deleteDimension(state: WorkbookState, sizes: Sizes, req: Request): PlannedRequest {
  const { sheet, rows, start, length, size, count } = dimensionRange(state, sizes, req.range);
  if (start + length > count) {
    throw new SheetsApiError(
      `range.endIndex (${start + length}) is past the end of the sheet (${count} ${rows ? 'rows' : 'columns'})`,
    );
  }
  if (length >= count) {
    throw new SheetsApiError(`You can't delete all the ${rows ? 'rows' : 'columns'} on the sheet.`);
  }
  const removedCells = length * (rows ? size.columns : size.rows);
  if (rows) size.rows -= length;
  else size.columns -= length;
  return {
    addedCells: -removedCells,
    apply: () =>
      rows ? deleteRowsAt(sheet, start + 1, length) : deleteColumnsAt(sheet, start + 1, length),
  };
}

const REQUESTS: Record<
  string,
  (state: WorkbookState, sizes: Sizes, req: Request) => PlannedRequest
> = { appendDimension, insertDimension, deleteDimension };

/**
 * Checks every request against the grid sizes the earlier ones leave, then returns what
 * applies them all: nothing is applied unless every request is valid.
 */
export function planBatchUpdate(state: WorkbookState, body: unknown): () => unknown[] {
  const requests = ((body ?? {}) as Request).requests;
  if (!Array.isArray(requests)) throw new SheetsApiError('Invalid requests: a list is required');
  const sizes: Sizes = new Map();
  let added = 0;
  const planned = requests.map((request: unknown, i) => {
    const kinds = Object.keys((request ?? {}) as Request);
    if (kinds.length !== 1) {
      throw new SheetsApiError(`Invalid requests[${i}]: exactly one kind of request is required`);
    }
    const kind = kinds[0];
    const plan = REQUESTS[kind];
    if (!plan) {
      throw new Error(
        `Sheets.Spreadsheets.batchUpdate request ${kind} is not implemented in the local runtime`,
      );
    }
    try {
      const step = plan(state, sizes, (request as Request)[kind] as Request);
      added += step.addedCells;
      return step;
    } catch (error) {
      if (error instanceof SheetsApiError) throw error.within(`Invalid requests[${i}].${kind}`);
      throw error;
    }
  });
  if (added > 0 && workbookCells(state) + added > MAX_WORKBOOK_CELLS) {
    throw new SheetsApiError(WORKBOOK_TOO_BIG);
  }
  return () =>
    planned.map((step) => {
      step.apply();
      return {};
    });
}
