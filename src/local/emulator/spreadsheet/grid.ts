/**
 * Operations on a sheet's stored grid shared by scripts (Sheet/Range) and user edits:
 * cell access, row and column insertion/deletion with everything that moves with them
 * (cells, validations, protections, widths), and the workbook's cell budget.
 */
import type { CellState, DataValidationState, SheetState, WorkbookState } from '../state';
import { contains, parseA1, subtract, toA1, type GridRect } from './a1';
import { SheetsError } from './values';

export const WORKBOOK_CELL_LIMIT = 10_000_000;

export function cellAt(sheet: SheetState, row: number, column: number): CellState | null {
  return sheet.rows[row - 1]?.[column - 1] ?? null;
}

function isEmptyCell(cell: CellState): boolean {
  return (
    cell.v === undefined &&
    cell.f === undefined &&
    cell.nf === undefined &&
    cell.bold === undefined &&
    cell.note === undefined
  );
}

/** Changes one cell; an empty result is stored as a blank (keeps the file sparse). */
export function updateCell(
  sheet: SheetState,
  row: number,
  column: number,
  change: (cell: CellState) => CellState,
): void {
  const current = cellAt(sheet, row, column) ?? {};
  const next = change({ ...current });
  for (const key of Object.keys(next) as Array<keyof CellState>) {
    if (next[key] === undefined) delete next[key];
  }
  let cells = sheet.rows[row - 1];
  if (isEmptyCell(next)) {
    if (cells && cells[column - 1]) cells[column - 1] = null;
    return;
  }
  if (!cells) {
    for (let r = sheet.rows.length; r < row - 1; r++) sheet.rows[r] = sheet.rows[r] ?? null;
    cells = sheet.rows[row - 1] = [];
  }
  for (let c = cells.length; c < column - 1; c++) cells[c] = cells[c] ?? null;
  cells[column - 1] = next;
}

export function hasContent(cell: CellState | null | undefined): boolean {
  return Boolean(cell && (cell.v !== undefined || cell.f !== undefined));
}

export function lastRowWithContent(sheet: SheetState): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--) {
    if (sheet.rows[r]?.some(hasContent)) return r + 1;
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

export function totalCells(state: WorkbookState): number {
  return state.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
}

/** Throws Sheets' error when growing the workbook by `extra` cells would pass the limit. */
export function assertCellBudget(state: WorkbookState, extra: number): void {
  if (totalCells(state) + extra > WORKBOOK_CELL_LIMIT) {
    throw new SheetsError(
      `This action would increase the number of cells in the workbook above the limit of ${WORKBOOK_CELL_LIMIT} cells.`,
    );
  }
}

// --- data validation rules: stored per rectangle, no two overlapping ---------------------

export function validationRects(
  sheet: SheetState,
): Array<{ rect: GridRect; rule: DataValidationState }> {
  return Object.entries(sheet.validations).map(([a1, rule]) => ({
    rect: parseA1(a1, sheet.maxRows, sheet.maxColumns) as GridRect,
    rule,
  }));
}

function storeValidations(
  sheet: SheetState,
  rules: Array<{ rect: GridRect; rule: DataValidationState }>,
): void {
  sheet.validations = {};
  for (const { rect, rule } of rules) sheet.validations[toA1(rect)] = rule;
}

/** Sets (or with null clears) the rule of every cell in `rect`. */
export function setValidation(
  sheet: SheetState,
  rect: GridRect,
  rule: DataValidationState | null,
): void {
  const kept = validationRects(sheet).flatMap(({ rect: existing, rule: old }) =>
    subtract(existing, rect).map((piece) => ({ rect: piece, rule: old })),
  );
  if (rule) kept.push({ rect, rule });
  storeValidations(sheet, kept);
}

export function validationAt(
  sheet: SheetState,
  row: number,
  column: number,
): DataValidationState | null {
  return validationRects(sheet).find(({ rect }) => contains(rect, row, column))?.rule ?? null;
}

// --- inserting and deleting rows and columns ----------------------------------------------

type Axis = 'row' | 'column';

/** Moves a rectangle for `count` lines inserted before line `at` (count < 0: deleted from `at`). */
function shiftRect(rect: GridRect, axis: Axis, at: number, count: number): GridRect | null {
  const [start, end] = axis === 'row' ? [rect.row, rect.lastRow] : [rect.column, rect.lastColumn];
  let newStart = start;
  let newEnd = end;
  if (count > 0) {
    if (start >= at) newStart += count;
    if (end >= at) newEnd += count;
  } else {
    const deleted = -count;
    const lastDeleted = at + deleted - 1;
    const shrink = (line: number) => (line > lastDeleted ? line - deleted : line >= at ? at : line);
    newStart = shrink(start);
    newEnd = end > lastDeleted ? end - deleted : end >= at ? at - 1 : end;
    if (newEnd < newStart) return null;
  }
  return axis === 'row'
    ? { ...rect, row: newStart, lastRow: newEnd }
    : { ...rect, column: newStart, lastColumn: newEnd };
}

function shiftRanges(
  sheet: SheetState,
  axis: Axis,
  at: number,
  count: number,
  oldRows: number,
  oldColumns: number,
) {
  const rules = Object.entries(sheet.validations).flatMap(([a1, rule]) => {
    const rect = parseA1(a1, oldRows, oldColumns);
    const moved = rect && shiftRect(rect, axis, at, count);
    return moved ? [{ rect: moved, rule }] : [];
  });
  storeValidations(sheet, rules);
  sheet.protections = sheet.protections.flatMap((protection) => {
    if (protection.range === 'SHEET') return [protection];
    const rect = parseA1(protection.range, oldRows, oldColumns);
    const moved = rect && shiftRect(rect, axis, at, count);
    return moved ? [{ ...protection, range: toA1(moved) }] : [];
  });
}

/** Inserts `count` blank rows before row `at` (1-based); rows at and below move down. */
export function insertRows(
  state: WorkbookState,
  sheet: SheetState,
  at: number,
  count: number,
): void {
  assertCellBudget(state, count * sheet.maxColumns);
  const [oldRows, oldColumns] = [sheet.maxRows, sheet.maxColumns];
  if (at - 1 < sheet.rows.length)
    sheet.rows.splice(at - 1, 0, ...new Array<null>(count).fill(null));
  sheet.maxRows += count;
  shiftRanges(sheet, 'row', at, count, oldRows, oldColumns);
}

export function deleteRows(sheet: SheetState, at: number, count: number): void {
  if (count >= sheet.maxRows - sheet.frozenRows && at > sheet.frozenRows) {
    throw new SheetsError('Sorry, it is not possible to delete all non-frozen rows.');
  }
  const [oldRows, oldColumns] = [sheet.maxRows, sheet.maxColumns];
  sheet.rows.splice(at - 1, count);
  sheet.maxRows -= count;
  shiftRanges(sheet, 'row', at, -count, oldRows, oldColumns);
}

export function insertColumns(
  state: WorkbookState,
  sheet: SheetState,
  at: number,
  count: number,
): void {
  assertCellBudget(state, count * sheet.maxRows);
  const [oldRows, oldColumns] = [sheet.maxRows, sheet.maxColumns];
  for (const cells of sheet.rows) {
    if (cells && at - 1 < cells.length)
      cells.splice(at - 1, 0, ...new Array<null>(count).fill(null));
  }
  sheet.maxColumns += count;
  const widths: Record<number, number> = {};
  for (const [column, width] of Object.entries(sheet.columnWidths)) {
    const c = Number(column);
    widths[c >= at ? c + count : c] = width;
  }
  sheet.columnWidths = widths;
  shiftRanges(sheet, 'column', at, count, oldRows, oldColumns);
}

export function deleteColumns(sheet: SheetState, at: number, count: number): void {
  if (count >= sheet.maxColumns - sheet.frozenColumns && at > sheet.frozenColumns) {
    throw new SheetsError('Sorry, it is not possible to delete all non-frozen columns.');
  }
  const [oldRows, oldColumns] = [sheet.maxRows, sheet.maxColumns];
  for (const cells of sheet.rows) cells?.splice(at - 1, count);
  sheet.maxColumns -= count;
  const widths: Record<number, number> = {};
  for (const [column, width] of Object.entries(sheet.columnWidths)) {
    const c = Number(column);
    if (c < at) widths[c] = width;
    else if (c >= at + count) widths[c - count] = width;
  }
  sheet.columnWidths = widths;
  shiftRanges(sheet, 'column', at, -count, oldRows, oldColumns);
}
