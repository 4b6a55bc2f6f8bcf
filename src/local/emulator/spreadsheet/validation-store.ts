/**
 * Where data validation rules are kept: per rectangle (keyed by its A1, e.g. "C2:C1000"),
 * no two overlapping, as Sheets keeps them. One rule over a 999-row column is one entry,
 * not 999, so a set-up workbook file stays small. Setting a rule on part of a rectangle
 * splits the old one around it.
 */
import type { DataValidationState, SheetState } from '../state';
import { parseA1, toA1 } from './a1';
import { shiftA1Range } from './grid';

interface Rect {
  row: number;
  column: number;
  lastRow: number;
  lastColumn: number;
}

/** A stored key ('C2' or 'C2:C1000', always closed) as a rectangle. */
function parseKey(key: string): Rect | null {
  const parsed = parseA1(key);
  if (!parsed || parsed.startRow === null || parsed.startColumn === null) return null;
  if (parsed.endRow === null || parsed.endColumn === null) return null;
  return {
    row: parsed.startRow,
    column: parsed.startColumn,
    lastRow: parsed.endRow,
    lastColumn: parsed.endColumn,
  };
}

function keyOf(rect: Rect): string {
  return toA1(
    rect.row,
    rect.column,
    rect.lastRow - rect.row + 1,
    rect.lastColumn - rect.column + 1,
  );
}

function intersects(a: Rect, b: Rect): boolean {
  return (
    a.row <= b.lastRow && b.row <= a.lastRow && a.column <= b.lastColumn && b.column <= a.lastColumn
  );
}

/** `a` minus `b`: up to four rectangles covering what of `a` lies outside `b`. */
function subtract(a: Rect, b: Rect): Rect[] {
  if (!intersects(a, b)) return [a];
  const out: Rect[] = [];
  if (a.row < b.row) out.push({ ...a, lastRow: b.row - 1 });
  if (a.lastRow > b.lastRow) out.push({ ...a, row: b.lastRow + 1 });
  const row = Math.max(a.row, b.row);
  const lastRow = Math.min(a.lastRow, b.lastRow);
  if (a.column < b.column) out.push({ row, lastRow, column: a.column, lastColumn: b.column - 1 });
  if (a.lastColumn > b.lastColumn) {
    out.push({ row, lastRow, column: b.lastColumn + 1, lastColumn: a.lastColumn });
  }
  return out;
}

function entries(sheet: SheetState): Array<{ rect: Rect; rule: DataValidationState }> {
  return Object.entries(sheet.validations).flatMap(([key, rule]) => {
    const rect = parseKey(key);
    return rect ? [{ rect, rule }] : [];
  });
}

function store(sheet: SheetState, rules: Array<{ rect: Rect; rule: DataValidationState }>): void {
  sheet.validations = {};
  for (const { rect, rule } of rules) sheet.validations[keyOf(rect)] = rule;
}

/** Sets (or with null clears) the rule of every cell of the rectangle. */
export function setValidation(
  sheet: SheetState,
  rect: Rect,
  rule: DataValidationState | null,
): void {
  const kept = entries(sheet).flatMap(({ rect: old, rule: oldRule }) =>
    subtract(old, rect).map((piece) => ({ rect: piece, rule: oldRule })),
  );
  if (rule) kept.push({ rect, rule: structuredClone(rule) });
  store(sheet, kept);
}

export function validationAt(
  sheet: SheetState,
  row: number,
  column: number,
): DataValidationState | null {
  for (const { rect, rule } of entries(sheet)) {
    if (
      row >= rect.row &&
      row <= rect.lastRow &&
      column >= rect.column &&
      column <= rect.lastColumn
    ) {
      return rule;
    }
  }
  return null;
}

/** Moves the rules with the rows/columns inserted or deleted (see grid.ts shiftA1Range). */
export function shiftValidations(
  sheet: SheetState,
  axis: 'row' | 'column',
  at: number,
  count: number,
  insert: boolean,
): void {
  const moved = entries(sheet).flatMap(({ rect, rule }) => {
    const shifted = shiftA1Range(keyOf(rect), axis, at, count, insert);
    const next = shifted === null ? null : parseKey(shifted);
    return next ? [{ rect: next, rule }] : [];
  });
  store(sheet, moved);
}
