/** A1 notation: 'B2', 'A1:C3', 'A:A', '2:2', "'My sheet'!A1:B2". */

export interface GridRect {
  /** 1-based, inclusive. */
  row: number;
  column: number;
  lastRow: number;
  lastColumn: number;
}

export function columnToLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let column = 0;
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return column;
}

export function toA1(rect: GridRect): string {
  const first = `${columnToLetters(rect.column)}${rect.row}`;
  if (rect.row === rect.lastRow && rect.column === rect.lastColumn) return first;
  return `${first}:${columnToLetters(rect.lastColumn)}${rect.lastRow}`;
}

const PART = /^(\$?([A-Za-z]{1,3}))?(\$?(\d+))?$/;

/** Splits "'Sheet 1'!A1:B2" into sheet name and range part. */
export function splitSheetName(a1: string): { sheetName?: string; range: string } {
  const bang = a1.lastIndexOf('!');
  if (bang === -1) return { range: a1.trim() };
  let name = a1.slice(0, bang).trim();
  if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, range: a1.slice(bang + 1).trim() };
}

/**
 * Parses the range part of A1 notation against a sheet's grid size. Open ranges take the
 * whole grid: 'A:B' are all rows, '2:3' all columns. Returns null when it is not A1.
 */
export function parseA1(range: string, maxRows: number, maxColumns: number): GridRect | null {
  const [startText, endText] = range.split(':');
  if (!startText || range.split(':').length > 2) return null;
  const start = PART.exec(startText);
  const end = endText === undefined ? start : PART.exec(endText);
  if (!start || !end || (!start[2] && !start[4]) || (!end[2] && !end[4])) return null;
  const column = start[2] ? lettersToColumn(start[2]) : 1;
  const row = start[4] ? Number(start[4]) : 1;
  const lastColumn = end[2] ? lettersToColumn(end[2]) : maxColumns;
  const lastRow = end[4] ? Number(end[4]) : maxRows;
  if (endText === undefined && (!start[2] || !start[4])) return null;
  return {
    row: Math.min(row, lastRow),
    column: Math.min(column, lastColumn),
    lastRow: Math.max(row, lastRow),
    lastColumn: Math.max(column, lastColumn),
  };
}

export function contains(outer: GridRect, row: number, column: number): boolean {
  return (
    row >= outer.row && row <= outer.lastRow && column >= outer.column && column <= outer.lastColumn
  );
}

export function intersects(a: GridRect, b: GridRect): boolean {
  return (
    a.row <= b.lastRow && b.row <= a.lastRow && a.column <= b.lastColumn && b.column <= a.lastColumn
  );
}

/** `a` minus `b`: up to four rectangles covering what of `a` lies outside `b`. */
export function subtract(a: GridRect, b: GridRect): GridRect[] {
  if (!intersects(a, b)) return [a];
  const out: GridRect[] = [];
  if (a.row < b.row) out.push({ ...a, lastRow: b.row - 1 });
  if (a.lastRow > b.lastRow) out.push({ ...a, row: b.lastRow + 1 });
  const row = Math.max(a.row, b.row);
  const lastRow = Math.min(a.lastRow, b.lastRow);
  if (a.column < b.column) out.push({ row, lastRow, column: a.column, lastColumn: b.column - 1 });
  if (a.lastColumn > b.lastColumn)
    out.push({ row, lastRow, column: b.lastColumn + 1, lastColumn: a.lastColumn });
  return out;
}
