/**
 * A1 ranges as the Sheets API (v4) reads them, and the errors it gives for them.
 *
 * Google documents the forms in https://developers.google.com/sheets/api/guides/concepts
 * ("A1 notation"): `Sheet1!A1:B2`, `Sheet1!A:A`, `Sheet1!1:2`, `Sheet1!A5:A`, `A1:B2` (the
 * first visible sheet), `Sheet1` (every cell of the sheet), `'My Custom Sheet'!A:A`, and
 * "single quotes are required for sheet names with spaces or special characters". What the
 * API answers is documented only in part ("For output, this range indicates the entire
 * requested range", https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values),
 * so the rest follows published measurements against the live API (the test suite of
 * github.com/brekkylab/backlot, tests/test_google.py, "MEASURED_ECHO"):
 * - an open bound resolves against the grid, not the data: `Sheet1` → `Sheet1!A1:Z1000`,
 *   `A:A` → `Sheet1!A1:A1000`, `1:1` → `Sheet1!A1:Z1`; a 1×1 range echoes as one cell;
 * - a read whose END lies past the grid is clamped (`A1:AA5` → `Sheet1!A1:Z5`), one whose
 *   START lies outside fails: `Range (Sheet1!AA1:AB5) exceeds grid limits. Max rows: 1000,
 *   max columns: 26`;
 * - a sheet that does not exist, or text that is no range, fails with
 *   `Unable to parse range: <the range as sent>`; bare `A1` is the cell, `'A1'` a sheet;
 * - the token is read as A1 first, then as a sheet name.
 * R1C1 notation, which the API also accepts, is not emulated and says so.
 */
import type { SheetState, WorkbookState } from '../state';
import { parseA1, quoteSheetName, toA1 } from '../spreadsheet/a1';

/** A Sheets API error: the HTTP status and Google's message for it. */
export class SheetsApiError extends Error {
  constructor(
    message: string,
    readonly code: 400 | 404 = 400,
  ) {
    super(message);
  }

  /** The same error for one entry of a batch ("Invalid data[1]: …"). */
  within(prefix: string): SheetsApiError {
    return new SheetsApiError(`${prefix}: ${this.message}`, this.code);
  }
}

export const unableToParse = (range: string) =>
  new SheetsApiError(`Unable to parse range: ${range}`);

/** A rectangle of one sheet, 1-based and inclusive. */
export interface Rect {
  sheet: SheetState;
  row: number;
  column: number;
  lastRow: number;
  lastColumn: number;
}

/** A parsed range: its rectangle (open bounds run to the grid) and how it was written. */
export interface ApiRange extends Rect {
  /** One cell written as such (`A1`): for writes only an anchor, the data sets the size. */
  singleCell: boolean;
  /** The range as the caller sent it, for error messages. */
  text: string;
}

const CELL_LIKE = /^\$?[A-Za-z]{1,3}\$?\d+$/;
const R1C1_LIKE = /^R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(:R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?)?$/i;

/**
 * A sheet name as the API writes it in the ranges it returns: quoted unless plain ASCII
 * (measured answers quote `'Лист1'` and `'SỐ MỚI KS'`, not `Sheet1`). A name that reads as
 * a cell reference must be quoted too, or `A1` would name the cell, not the sheet.
 */
export function apiSheetName(name: string): string {
  if (CELL_LIKE.test(name) || R1C1_LIKE.test(name)) return `'${name.replace(/'/g, "''")}'`;
  return quoteSheetName(name);
}

/** The canonical A1 of a rectangle, sheet included: `Customers!A1:Z1000`, `Deals!B2`. */
export function rectA1(rect: Rect): string {
  const cells = toA1(
    rect.row,
    rect.column,
    rect.lastRow - rect.row + 1,
    rect.lastColumn - rect.column + 1,
  );
  return `${apiSheetName(rect.sheet.name)}!${cells}`;
}

export function gridLimitError(rect: Rect): SheetsApiError {
  return new SheetsApiError(
    `Range (${rectA1(rect)}) exceeds grid limits. Max rows: ${rect.sheet.maxRows}, ` +
      `max columns: ${rect.sheet.maxColumns}`,
  );
}

function unquote(name: string): string | null {
  if (!name.startsWith("'")) return name;
  if (name.length < 2 || !name.endsWith("'")) return null;
  return name.slice(1, -1).replace(/''/g, "'");
}

function sheetNamed(state: WorkbookState, name: string): SheetState | undefined {
  return state.sheets.find((s) => s.name === name);
}

/**
 * Resolves a range the caller sent; throws Google's errors for text that is no range or
 * names no sheet. Open bounds run to the grid's edge; the rectangle is not yet checked
 * against the grid (reads clamp, writes refuse: see clampForRead / checkWrite).
 */
export function resolveRange(state: WorkbookState, text: unknown): ApiRange {
  if (typeof text !== 'string' || text === '') throw unableToParse(String(text ?? ''));
  const cellsPart = text.slice(text.lastIndexOf('!') + 1);
  if (R1C1_LIKE.test(cellsPart) && !CELL_LIKE.test(cellsPart)) {
    throw new Error('Sheets API ranges in R1C1 notation are not implemented in the local runtime');
  }
  const parsed = parseA1(text);
  if (parsed) {
    const sheet =
      parsed.sheetName === undefined ? state.sheets[0] : sheetNamed(state, parsed.sheetName);
    if (!sheet) throw unableToParse(text);
    return {
      sheet,
      row: parsed.startRow ?? 1,
      column: parsed.startColumn ?? 1,
      lastRow: parsed.endRow ?? sheet.maxRows,
      lastColumn: parsed.endColumn ?? sheet.maxColumns,
      singleCell:
        !cellsPart.includes(':') && parsed.startRow !== null && parsed.startColumn !== null,
      text,
    };
  }
  // Not A1: the whole of a sheet, named bare or quoted.
  const name = unquote(text);
  const sheet = name === null ? undefined : sheetNamed(state, name);
  if (!sheet) throw unableToParse(text);
  return {
    sheet,
    row: 1,
    column: 1,
    lastRow: sheet.maxRows,
    lastColumn: sheet.maxColumns,
    singleCell: false,
    text,
  };
}

/** What a read covers: the end clamped to the grid; a start outside it is an error. */
export function clampForRead(range: ApiRange): Rect {
  const { sheet } = range;
  if (range.row > sheet.maxRows || range.column > sheet.maxColumns) throw gridLimitError(range);
  return {
    sheet,
    row: range.row,
    column: range.column,
    lastRow: Math.min(range.lastRow, sheet.maxRows),
    lastColumn: Math.min(range.lastColumn, sheet.maxColumns),
  };
}
