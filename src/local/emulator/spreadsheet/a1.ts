/**
 * A1 notation: 'B2', 'A1:C3', 'A:A', '2:2', 'A2:A', "'My sheet'!A1", '$A$1'.
 * Rows and columns are 1-based, as in Apps Script.
 */

export interface ParsedA1 {
  /** The sheet named before '!', unquoted ('' quotes inside a quoted name undone). */
  sheetName?: string;
  /** null where the notation leaves the bound open: 'A:A' has no rows, '2:2' no columns. */
  startRow: number | null;
  startColumn: number | null;
  endRow: number | null;
  endColumn: number | null;
}

/** Sheets' widest grid: 18,278 columns (ZZZ). */
export const MAX_COLUMNS = 18_278;

export function columnLetters(column: number): string {
  let letters = '';
  let n = column;
  while (n > 0) {
    const remainder = (n - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const ENDPOINT = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parseEndpoint(text: string): { row: number | null; column: number | null } | null {
  const match = ENDPOINT.exec(text);
  if (!match || (!match[1] && !match[2])) return null;
  const column = match[1] ? columnNumber(match[1]) : null;
  const row = match[2] ? Number(match[2]) : null;
  if (row === 0 || (column !== null && column > MAX_COLUMNS)) return null;
  return { row, column };
}

function splitSheetName(a1: string): { sheetName?: string; cells: string } | null {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { cells: a1 };
  let name = a1.slice(0, bang);
  if (name.startsWith("'")) {
    if (!name.endsWith("'") || name.length < 2) return null;
    name = name.slice(1, -1).replace(/''/g, "'");
  }
  return { sheetName: name, cells: a1.slice(bang + 1) };
}

/** Parses A1 notation; null when it is not valid A1 (Sheets then says "Range not found"). */
export function parseA1(a1: string): ParsedA1 | null {
  const split = splitSheetName(a1.trim());
  if (!split) return null;
  const [first, second, ...rest] = split.cells.split(':');
  if (rest.length > 0 || first === undefined) return null;
  const start = parseEndpoint(first);
  if (!start) return null;
  const end = second === undefined ? start : parseEndpoint(second);
  if (!end) return null;
  if (second === undefined && (start.row === null || start.column === null)) return null;
  // 'A:A' and '2:2' are whole columns/rows; 'A2:A' runs to the sheet's last row.
  if ((start.column === null) !== (end.column === null)) return null;
  if (start.row === null && end.row !== null) return null;
  const order = (a: number | null, b: number | null): [number | null, number | null] =>
    a !== null && b !== null && b < a ? [b, a] : [a, b];
  const [startRow, endRow] = order(start.row, end.row);
  const [startColumn, endColumn] = order(start.column, end.column);
  return { sheetName: split.sheetName, startRow, startColumn, endRow, endColumn };
}

/** 'B2' for one cell, 'B2:C4' for more. */
export function toA1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** A sheet name as a formula or A1 reference needs it: quoted unless plain. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
