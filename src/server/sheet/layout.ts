/**
 * Where Kartoteka's columns are in a tab, from its header row: the one thing every targeted
 * read and write needs. Columns are found by header text (users reorder and add columns);
 * the layout says which cells a record occupies, so one range of a batched read or write
 * covers them.
 */
import type { EntitySpec, FieldSpec } from '../../domain/schema';
import { columnBlocks, mapColumns, HEADER_ROW } from './table';
import { UserFacingError } from '../spreadsheet';

export interface TabLayout {
  spec: EntitySpec;
  /** Header texts of row 1 as read, trailing empty cells left off. */
  header: string[];
  /** Field key → 0-based column, for the fields whose header was found. */
  columnOf: Map<string, number>;
  /** Kartoteka's columns in runs of adjacent columns (0-based start), left to right. */
  blocks: Array<{ start: number; fields: FieldSpec[] }>;
  /** The columns from the first to the last of Kartoteka's (0-based, inclusive). */
  first: number;
  last: number;
}

/** A layout from row 1's cells. Throws a user-facing error when the id column is missing. */
export function layoutOf(spec: EntitySpec, headerRow: readonly unknown[]): TabLayout {
  const header = headerRow.map((cell) => String(cell ?? ''));
  while (header.length && !header[header.length - 1].trim()) header.pop();
  const columnOf = mapColumns(spec, header);
  const id = spec.fields.find((f) => f.key === 'id');
  if (id && !columnOf.has('id')) {
    throw new UserFacingError(
      `The ${spec.tab} tab has no "${id.header}" column. Run Set up tabs to repair it.`,
    );
  }
  const placed = spec.fields.flatMap((field) => {
    const column = columnOf.get(field.key);
    return column === undefined ? [] : [{ column, field }];
  });
  const blocks = columnBlocks(placed);
  const columns = placed.map((p) => p.column);
  const first = columns.length ? Math.min(...columns) : 0;
  const last = columns.length ? Math.max(...columns) : 0;
  return {
    spec,
    header,
    columnOf,
    blocks,
    first,
    last,
  };
}

/** Whether two header rows map Kartoteka's fields to the same columns. */
export function sameColumns(a: TabLayout, b: TabLayout): boolean {
  if (a.columnOf.size !== b.columnOf.size) return false;
  for (const [key, column] of a.columnOf) if (b.columnOf.get(key) !== column) return false;
  return true;
}

/**
 * An exception's message, whatever realm it comes from: a service's exception is not always
 * an `instanceof Error` of the script's own realm (the local runtime's are the host's).
 */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** A range past the end of a tab's fixed grid (SpreadsheetApp's or the Sheets API's words). */
export const isPastGrid = (error: unknown) =>
  /outside the dimensions|exceeds grid limits/i.test(messageOf(error));

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** 'Customers' → "'Customers'": A1 notation quotes a tab's name, doubling its quotes. */
export function quoteTab(tab: string): string {
  return `'${tab.replace(/'/g, "''")}'`;
}

/** A1 of a rectangle on a tab, 1-based: `'Deals'!B7:F9`. */
export function rangeA1(
  tab: string,
  row: number,
  column: number,
  numRows = 1,
  numColumns = 1,
): string {
  const start = `${columnLetters(column)}${row}`;
  const end = `${columnLetters(column + numColumns - 1)}${row + numRows - 1}`;
  return `${quoteTab(tab)}!${start}:${end}`;
}

/** A1 of columns from a row down to the end of the grid: `'Deals'!B2:B`. */
export function columnsA1(tab: string, fromRow: number, column: number, numColumns = 1): string {
  return `${quoteTab(tab)}!${columnLetters(column)}${fromRow}:${columnLetters(column + numColumns - 1)}`;
}

/** A1 of the header row, the whole width of the grid: `'Deals'!1:1`. */
export function headerA1(tab: string): string {
  return `${quoteTab(tab)}!${HEADER_ROW}:${HEADER_ROW}`;
}
