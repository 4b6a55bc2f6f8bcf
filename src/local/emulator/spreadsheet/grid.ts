/**
 * Sparse cell storage and grid-shape changes (insert/delete rows and columns) shared by
 * Sheet, Range and user edits. Rows and columns are 1-based here, as in Apps Script.
 */
import { shiftValidations } from './validation-store';
import type { CellState, SheetState, WorkbookState } from '../state';
import { parseA1, columnLetters } from './a1';
import { hasContent } from './values';

export const MAX_WORKBOOK_CELLS = 10_000_000;
export const WORKBOOK_TOO_BIG =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

export function getCell(sheet: SheetState, row: number, column: number): CellState | null {
  return sheet.rows[row - 1]?.[column - 1] ?? null;
}

/** The cell at (row, column), created when absent, for writing. */
export function cellForWrite(sheet: SheetState, row: number, column: number): CellState {
  let cells = sheet.rows[row - 1];
  if (!cells) {
    // JSON has no holes: fill skipped rows with null so the array stays dense-but-cheap.
    while (sheet.rows.length < row - 1) sheet.rows.push(null);
    cells = [];
    sheet.rows[row - 1] = cells;
  }
  let cell = cells[column - 1];
  if (!cell) {
    while (cells.length < column - 1) cells.push(null);
    cell = {};
    cells[column - 1] = cell;
  }
  return cell;
}

/** Last row with a value or formula; 0 for an empty sheet (formats alone do not count). */
export function lastRowWithContent(sheet: SheetState): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--) {
    const cells = sheet.rows[r];
    if (cells && cells.some(hasContent)) return r + 1;
  }
  return 0;
}

export function lastColumnWithContent(sheet: SheetState): number {
  let last = 0;
  for (const cells of sheet.rows) {
    if (!cells) continue;
    for (let c = cells.length - 1; c >= last; c--) {
      if (hasContent(cells[c])) {
        last = c + 1;
        break;
      }
    }
  }
  return last;
}

export function workbookCells(state: WorkbookState): number {
  return state.sheets.reduce((sum, sheet) => sum + sheet.maxRows * sheet.maxColumns, 0);
}

export function assertWorkbookGrowth(state: WorkbookState, addedCells: number): void {
  if (workbookCells(state) + addedCells > MAX_WORKBOOK_CELLS) throw new Error(WORKBOOK_TOO_BIG);
}

type Shift = (index: number) => number | null;

/** A shift for inserting `count` rows/columns before `at`, or deleting from `at`. */
function insertShift(at: number, count: number): Shift {
  return (index) => (index >= at ? index + count : index);
}
function deleteShift(at: number, count: number): Shift {
  return (index) => (index < at ? index : index < at + count ? null : index - count);
}

/**
 * Moves a range's bounds (a protection's, a validation rule's) for rows/columns inserted
 * before `at` or deleted from `at`; null when every row/column of it was deleted.
 */
export function shiftA1Range(
  a1: string,
  axis: 'row' | 'column',
  at: number,
  count: number,
  insert: boolean,
) {
  const parsed = parseA1(a1);
  if (!parsed) return a1;
  const start = axis === 'row' ? parsed.startRow : parsed.startColumn;
  const end = axis === 'row' ? parsed.endRow : parsed.endColumn;
  if (start === null || end === null) return a1;
  let newStart: number;
  let newEnd: number;
  if (insert) {
    newStart = start >= at ? start + count : start;
    newEnd = end >= at ? end + count : end;
  } else {
    const removedInside = Math.max(0, Math.min(end, at + count - 1) - Math.max(start, at) + 1);
    if (removedInside === end - start + 1) return null;
    newStart = start >= at + count ? start - count : Math.min(start, at);
    newEnd = newStart + (end - start + 1 - removedInside) - 1;
  }
  const rows = axis === 'row' ? [newStart, newEnd] : [parsed.startRow, parsed.endRow];
  const columns = axis === 'column' ? [newStart, newEnd] : [parsed.startColumn, parsed.endColumn];
  const point = (row: number | null, column: number | null) =>
    `${column === null ? '' : columnLetters(column)}${row === null ? '' : row}`;
  return `${point(rows[0], columns[0])}:${point(rows[1], columns[1])}`;
}

function shiftSheetMetadata(
  sheet: SheetState,
  axis: 'row' | 'column',
  at: number,
  count: number,
  insert: boolean,
): void {
  const shift = insert ? insertShift(at, count) : deleteShift(at, count);
  shiftValidations(sheet, axis, at, count, insert);
  // Mutated in place: Protection objects of the running script hold these very states.
  sheet.protections = sheet.protections.filter((protection) => {
    if (protection.range === 'SHEET') return true;
    const moved = shiftA1Range(protection.range, axis, at, count, insert);
    if (moved !== null) protection.range = moved;
    return moved !== null;
  });
  if (axis === 'column') {
    const widths: Record<number, number> = {};
    for (const [column, width] of Object.entries(sheet.columnWidths)) {
      const moved = shift(Number(column));
      if (moved !== null) widths[moved] = width;
    }
    sheet.columnWidths = widths;
  }
}

/** Inserts blank rows before row `at` (1-based), moving content and validations down. */
export function insertRowsAt(state: WorkbookState, sheet: SheetState, at: number, count: number) {
  assertWorkbookGrowth(state, count * sheet.maxColumns);
  if (at - 1 < sheet.rows.length) {
    // concat, not splice(...spread): inserting 100,000 rows must not overflow the stack.
    const blank = new Array<null>(count).fill(null);
    sheet.rows = sheet.rows.slice(0, at - 1).concat(blank, sheet.rows.slice(at - 1));
  }
  sheet.maxRows += count;
  shiftSheetMetadata(sheet, 'row', at, count, true);
}

export function deleteRowsAt(sheet: SheetState, at: number, count: number): void {
  sheet.rows.splice(at - 1, count);
  sheet.maxRows -= count;
  shiftSheetMetadata(sheet, 'row', at, count, false);
}

export function insertColumnsAt(
  state: WorkbookState,
  sheet: SheetState,
  at: number,
  count: number,
): void {
  assertWorkbookGrowth(state, count * sheet.maxRows);
  for (const cells of sheet.rows) {
    if (cells && at - 1 < cells.length) {
      const blank = new Array<CellState | null>(count).fill(null);
      cells.splice(at - 1, cells.length, ...blank.concat(cells.slice(at - 1)));
    }
  }
  sheet.maxColumns += count;
  shiftSheetMetadata(sheet, 'column', at, count, true);
}

export function deleteColumnsAt(sheet: SheetState, at: number, count: number): void {
  for (const cells of sheet.rows) cells?.splice(at - 1, count);
  sheet.maxColumns -= count;
  shiftSheetMetadata(sheet, 'column', at, count, false);
}
