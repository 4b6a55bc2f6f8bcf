/**
 * The "table" spreadsheets.values.append appends to.
 *
 * Google: "The input range is used to search for existing data and find a "table" within
 * that range. Values will be appended to the next row of the table, starting with the first
 * column of the table."
 * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/append).
 * The reference points to a guide for "specific details of how tables are detected", and the
 * guide gives none, so this is the emulator's reading, chosen to match what users report
 * (appending to `Sheet1!A1` or `Sheet1` lands after the last row of the data block there,
 * aligned with its first column; a block separated by an empty row is another table):
 * the first cell with content inside the range, scanning row by row, starts the table, and
 * the table is the block of cells connected to it — it grows by a row or column while the
 * row below/above or the column right/left of it (diagonals included) has content, as a
 * spreadsheet's "current region" does. The block may reach past the input range.
 */
import type { SheetState } from '../state';
import { getCell } from '../spreadsheet/grid';
import { hasContent } from '../spreadsheet/values';
import type { Rect } from './sheets-api-ranges';

function firstCellWithContent(rect: Rect): { row: number; column: number } | null {
  const lastStored = Math.min(rect.lastRow, rect.sheet.rows.length);
  for (let r = rect.row; r <= lastStored; r++) {
    const cells = rect.sheet.rows[r - 1];
    if (!cells) continue;
    const last = Math.min(rect.lastColumn, cells.length);
    for (let c = rect.column; c <= last; c++) {
      if (hasContent(cells[c - 1])) return { row: r, column: c };
    }
  }
  return null;
}

function rowHasContent(sheet: SheetState, row: number, from: number, to: number): boolean {
  if (row < 1 || row > sheet.maxRows) return false;
  const cells = sheet.rows[row - 1];
  if (!cells) return false;
  for (let c = Math.max(1, from); c <= Math.min(to, cells.length); c++) {
    if (hasContent(cells[c - 1])) return true;
  }
  return false;
}

function columnHasContent(sheet: SheetState, column: number, from: number, to: number): boolean {
  if (column < 1 || column > sheet.maxColumns) return false;
  for (let r = Math.max(1, from); r <= Math.min(to, sheet.rows.length); r++) {
    if (hasContent(getCell(sheet, r, column))) return true;
  }
  return false;
}

/** The table `range` finds, or null when the range holds no data. */
export function findTable(range: Rect): Rect | null {
  const start = firstCellWithContent(range);
  if (!start) return null;
  const { sheet } = range;
  const t = { row: start.row, column: start.column, lastRow: start.row, lastColumn: start.column };
  // Rows grow in tight loops (a table is tall), columns one at a time: each column test
  // scans the table's height, so the whole search stays linear in the rows.
  for (let grown = true; grown;) {
    grown = false;
    while (rowHasContent(sheet, t.lastRow + 1, t.column - 1, t.lastColumn + 1)) t.lastRow++;
    while (rowHasContent(sheet, t.row - 1, t.column - 1, t.lastColumn + 1)) t.row--;
    if (columnHasContent(sheet, t.lastColumn + 1, t.row - 1, t.lastRow + 1)) {
      t.lastColumn++;
      grown = true;
    }
    if (columnHasContent(sheet, t.column - 1, t.row - 1, t.lastRow + 1)) {
      t.column--;
      grown = true;
    }
  }
  return { sheet, ...t };
}
