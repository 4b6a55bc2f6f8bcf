/**
 * Cell values in and out of the Sheets API's ValueRange, on the emulated workbook. The
 * conversions of stored cells are the spreadsheet emulator's own (spreadsheet/values.ts):
 * what FORMATTED_VALUE shows is Range.getDisplayValues(), what USER_ENTERED stores is what
 * Range.setValue stores for a string.
 *
 * Reading, https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values
 * (ValueRange): "For output, empty trailing rows and columns will not be included", and a
 * range with no data has no `values` at all (measured: the key is absent, not `[]`; an
 * interior empty row is `[]`, each row stops at its last non-empty cell).
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueRenderOption and
 * https://developers.google.com/sheets/api/reference/rest/v4/DateTimeRenderOption: the
 * default FORMATTED_VALUE gives every value as the string the cell shows; UNFORMATTED_VALUE
 * numbers, booleans and strings; FORMULA the formula text; dates and times are serial numbers
 * (days since 1899-12-30) unless dateTimeRenderOption is FORMATTED_STRING, "ignored if
 * valueRenderOption is FORMATTED_VALUE".
 *
 * Writing, https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption: RAW
 * "will not be parsed and will be stored as-is", USER_ENTERED "will be parsed as if the user
 * typed them into the UI". ValueRange: "supported value types are: bool, string, and double.
 * Null values will be skipped. To set a cell to an empty value, set the string value to an
 * empty string."
 */
import type { CellState, SheetState } from '../state';
import { cellForWrite, getCell } from '../spreadsheet/grid';
import {
  CELL_TOO_LONG,
  MAX_CELL_CHARACTERS,
  UNEVALUATED_FORMULA_VALUE,
  displayValue,
  hasContent,
  isDateFormat,
  parseScriptValue,
  storeParsed,
  type ParsedInput,
} from '../spreadsheet/values';
import { SheetsApiError, type Rect } from './sheets-api-ranges';

export type ValueRender = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRender = 'SERIAL_NUMBER' | 'FORMATTED_STRING';
export type Dimension = 'ROWS' | 'COLUMNS';
export type ValueInput = 'RAW' | 'USER_ENTERED';

/**
 * An enum parameter, or Google's error for a value it does not know (message format
 * measured for `majorDimension=DIAGONAL`: "Invalid value at 'major_dimension'
 * (type.googleapis.com/google.apps.sheets.v4.Dimension), "DIAGONAL"").
 */
export function enumOption<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  field: string,
  type: string,
): T {
  if (value === undefined || value === null) return fallback;
  if (allowed.includes(value as T)) return value as T;
  throw new SheetsApiError(
    `Invalid value at '${field}' (type.googleapis.com/google.apps.sheets.v4.${type}), "${String(value)}"`,
  );
}

export const RENDERS = ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'] as const;
export const DATE_RENDERS = ['SERIAL_NUMBER', 'FORMATTED_STRING'] as const;
export const DIMENSIONS = ['ROWS', 'COLUMNS'] as const;

export interface ReadOptions {
  render: ValueRender;
  dateTime: DateTimeRender;
  dimension: Dimension;
  timeZone: string;
}

/** One stored cell as the API renders it ('' for an empty cell). */
function renderCell(cell: CellState | null, options: ReadOptions): unknown {
  if (!cell || !hasContent(cell)) return '';
  if (options.render === 'FORMATTED_VALUE') return displayValue(cell, options.timeZone);
  if (options.render === 'FORMULA' && cell.f !== undefined) return cell.f;
  if (cell.v === undefined) return UNEVALUATED_FORMULA_VALUE;
  if (
    options.dateTime === 'FORMATTED_STRING' &&
    typeof cell.v === 'number' &&
    isDateFormat(cell.nf)
  ) {
    return displayValue(cell, options.timeZone);
  }
  return cell.v;
}

/** Drops trailing empty lines; an interior empty line stays as []. */
function trimTrailingLines(lines: unknown[][]): unknown[][] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].length === 0) end--;
  lines.length = end;
  return lines;
}

/** Rows, each cut after its last cell with content. Rows past the stored ones are empty. */
function readRows(rect: Rect, options: ReadOptions): unknown[][] {
  const rows: unknown[][] = [];
  const lastStored = Math.min(rect.lastRow, rect.sheet.rows.length);
  for (let r = rect.row; r <= lastStored; r++) {
    const cells = rect.sheet.rows[r - 1];
    const line: unknown[] = [];
    let width = 0;
    const lastColumn = Math.min(rect.lastColumn, cells?.length ?? 0);
    for (let c = rect.column; c <= lastColumn; c++) {
      const cell = cells?.[c - 1] ?? null;
      line.push(renderCell(cell, options));
      if (hasContent(cell)) width = line.length;
    }
    line.length = width;
    rows.push(line);
  }
  return trimTrailingLines(rows);
}

/** Columns, each cut after its last cell with content. */
function readColumns(rect: Rect, options: ReadOptions): unknown[][] {
  const columns: unknown[][] = [];
  const lastStored = Math.min(rect.lastRow, rect.sheet.rows.length);
  for (let c = rect.column; c <= rect.lastColumn; c++) {
    const line: unknown[] = [];
    let height = 0;
    for (let r = rect.row; r <= lastStored; r++) {
      const cell = getCell(rect.sheet, r, c);
      line.push(renderCell(cell, options));
      if (hasContent(cell)) height = line.length;
    }
    line.length = height;
    columns.push(line);
  }
  return trimTrailingLines(columns);
}

/** A ValueRange of the rectangle, and how many cell values it carries. */
export function readValueRange(
  rect: Rect,
  range: string,
  options: ReadOptions,
): {
  valueRange: { range: string; majorDimension: Dimension; values?: unknown[][] };
  cells: number;
} {
  const values =
    options.dimension === 'ROWS' ? readRows(rect, options) : readColumns(rect, options);
  const cells = values.reduce((sum, line) => sum + line.length, 0);
  const valueRange: { range: string; majorDimension: Dimension; values?: unknown[][] } = {
    range,
    majorDimension: options.dimension,
  };
  if (values.length > 0) valueRange.values = values;
  return { valueRange, cells };
}

// ---------------------------------------------------------------- writing

/** One cell to write, relative to the write's anchor. */
export interface CellWrite {
  r: number;
  c: number;
  value: string | number | boolean;
}

/** The cells of a ValueRange's `values`, null entries skipped; its height and width. */
export function cellsToWrite(
  values: unknown,
  dimension: Dimension,
): { writes: CellWrite[]; height: number; width: number } {
  if (values === undefined || values === null) return { writes: [], height: 0, width: 0 };
  if (!Array.isArray(values))
    throw new SheetsApiError('Invalid values: a list of lists is required');
  const writes: CellWrite[] = [];
  let height = 0;
  let width = 0;
  values.forEach((line: unknown, major) => {
    if (!Array.isArray(line)) {
      throw new SheetsApiError(`Invalid values[${major}]: a list of cell values is required`);
    }
    line.forEach((value: unknown, minor) => {
      if (value === null || value === undefined) return;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new SheetsApiError(
          `Invalid values[${major}][${minor}]: ${JSON.stringify(value)} is not a bool, string or number`,
        );
      }
      const [r, c] = dimension === 'ROWS' ? [major, minor] : [minor, major];
      writes.push({ r, c, value });
    });
    if (dimension === 'ROWS') {
      height = major + 1;
      width = Math.max(width, line.length);
    } else {
      width = major + 1;
      height = Math.max(height, line.length);
    }
  });
  return { writes, height, width };
}

/** What a written value stores: RAW as given ('' empties the cell), USER_ENTERED as typed. */
export function parseInput(
  value: string | number | boolean,
  input: ValueInput,
  cellFormat: string | undefined,
  timeZone: string,
): ParsedInput {
  if (input === 'USER_ENTERED') return parseScriptValue(value, cellFormat, timeZone);
  if (typeof value !== 'string') return { v: value };
  if (value.length > MAX_CELL_CHARACTERS) throw new SheetsApiError(CELL_TOO_LONG);
  return value === '' ? {} : { v: value };
}

/** Parses every cell before anything is stored, so a bad cell leaves the sheet unchanged. */
export function planCellWrites(
  sheet: SheetState,
  row: number,
  column: number,
  writes: CellWrite[],
  input: ValueInput,
  timeZone: string,
): Array<{ row: number; column: number; parsed: ParsedInput }> {
  return writes.map(({ r, c, value }) => {
    const at = { row: row + r, column: column + c };
    const format = getCell(sheet, at.row, at.column)?.nf;
    try {
      return { ...at, parsed: parseInput(value, input, format, timeZone) };
    } catch (error) {
      if (error instanceof SheetsApiError) throw error;
      throw new SheetsApiError((error as Error).message);
    }
  });
}

export function storeCellWrites(
  sheet: SheetState,
  planned: Array<{ row: number; column: number; parsed: ParsedInput }>,
): void {
  for (const { row, column, parsed } of planned) {
    storeParsed(cellForWrite(sheet, row, column), parsed);
  }
}

/** updatedRows / updatedColumns / updatedCells of an UpdateValuesResponse. */
export function updateCounts(
  writes: CellWrite[],
  height: number,
  width: number,
): { rows: number; columns: number; cells: number } {
  // Flags, not Sets: a whole-sheet write is hundreds of thousands of cells.
  const rows = new Uint8Array(height);
  const columns = new Uint8Array(width);
  for (const w of writes) {
    rows[w.r] = 1;
    columns[w.c] = 1;
  }
  const count = (flags: Uint8Array) => flags.reduce((sum, f) => sum + f, 0);
  return { rows: count(rows), columns: count(columns), cells: writes.length };
}
