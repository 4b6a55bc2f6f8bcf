/**
 * Tables over tabs: columns found by header text — users reorder columns, add their own and
 * rename nothing we depend on without Setup telling them — and rows turned into records by
 * their fields' kinds, bad hand-typed cells reported rather than guessed. The interactive
 * calls read and write through sheet/tab.ts and the Document (targeted, batched); a tab
 * read whole with SpreadsheetApp (readTable) serves the jobs that need every row.
 */
import type { EntitySpec, FieldSpec, FieldValue } from '../../domain/schema';
import type { Problem } from '../../domain/api-types';
import { UserFacingError } from '../spreadsheet';
import { fromCell, toCell } from './cell-kinds';
import { asTypedCell } from './typed-text';

export const HEADER_ROW = 1;

/** A record as read from or written to a row: field key → value. */
export type RecordValues = Record<string, FieldValue>;

export interface TableRow {
  /** 1-based sheet row number. */
  row: number;
  values: RecordValues;
}

export interface TableSnapshot {
  spec: EntitySpec;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  timeZone: string;
  /** Header texts as they are in the sheet, one per column of the data range. */
  header: string[];
  /** Field key → 0-based column index, for the fields whose header was found. */
  columnOf: Map<string, number>;
  /** Data rows below the header, as getValues returned them. */
  rows: unknown[][];
}

/** Header text as matched: case, surrounding spaces and the required marker do not matter. */
export function normaliseHeader(text: unknown): string {
  return String(text ?? '')
    .replace(/\s*\*\s*$/, '')
    .trim()
    .toLowerCase();
}

export function mapColumns(spec: EntitySpec, header: unknown[]): Map<string, number> {
  const byHeader = new Map<string, number>();
  header.forEach((text, index) => {
    const key = normaliseHeader(text);
    if (key && !byHeader.has(key)) byHeader.set(key, index);
  });
  const columnOf = new Map<string, number>();
  for (const field of spec.fields) {
    const index = byHeader.get(normaliseHeader(field.header));
    if (index !== undefined) columnOf.set(field.key, index);
  }
  return columnOf;
}

export function missingTabError(spec: EntitySpec): UserFacingError {
  return new UserFacingError(
    `The ${spec.tab} tab is missing. Run Extensions ▸ Kartoteka ▸ Set up tabs to create it.`,
  );
}

/** Reads a tab once. Throws a user-facing error when the tab or its id column is missing. */
export function readTable(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: EntitySpec,
  /** Pass it when known: each getSpreadsheetTimeZone is a counted call. */
  timeZone?: string,
): TableSnapshot {
  const sheet = spreadsheet.getSheetByName(spec.tab);
  if (!sheet) throw missingTabError(spec);
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map((text) => String(text));
  const columnOf = mapColumns(spec, header);
  if (!columnOf.has('id')) {
    throw new UserFacingError(
      `The ${spec.tab} tab has no "${idField(spec).header}" column. Run Set up tabs to repair it.`,
    );
  }
  return {
    spec,
    sheet,
    timeZone: timeZone ?? spreadsheet.getSpreadsheetTimeZone(),
    header,
    columnOf,
    rows: values.slice(HEADER_ROW),
  };
}

function idField(spec: EntitySpec): FieldSpec {
  const field = spec.fields.find((f) => f.key === 'id');
  if (!field) throw new Error(`${spec.name} has no id field`);
  return field;
}

export function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((cell) => cell === '' || cell === null);
}

/**
 * One row's record: cells indexed from `offset` (0 for a row read from column A). A cell
 * that does not convert to its field's type (a date column holding "next week") is a
 * problem naming the row and column, and the row gives no record: never fixed or deleted.
 */
export function recordFromRow(
  spec: EntitySpec,
  columnOf: Map<string, number>,
  cells: readonly unknown[],
  row: number,
  timeZone: string,
  offset = 0,
  /** Keep a row with an id whose other cells are partly unreadable: those fields left out. */
  partial = false,
): { values?: RecordValues; problems: Problem[] } {
  const values: RecordValues = {};
  const problems: Problem[] = [];
  for (const field of spec.fields) {
    const column = columnOf.get(field.key);
    if (column === undefined) continue;
    const converted = fromCell(field, cells[column - offset], timeZone);
    if ('problem' in converted) {
      problems.push({ tab: spec.tab, row, column: field.header, message: converted.problem });
    } else {
      values[field.key] = converted.value;
    }
  }
  if (!values.id) {
    problems.push({
      tab: spec.tab,
      row,
      column: idField(spec).header,
      message: 'the row has no id (typed by hand?): run Set up tabs to give it one',
    });
  }
  if (partial && values.id) return { values, problems };
  return problems.length ? { problems } : { values, problems };
}

/** The records of a snapshot; rows with problems are reported and left out. */
export function recordsOf(
  snapshot: Pick<TableSnapshot, 'spec' | 'columnOf' | 'rows' | 'timeZone'>,
): { rows: TableRow[]; problems: Problem[] } {
  const rows: TableRow[] = [];
  const problems: Problem[] = [];
  const { spec, columnOf } = snapshot;
  snapshot.rows.forEach((cells, index) => {
    // Content only in the user's own columns: not a record (and not a problem).
    if (isBlankRow([...columnOf.values()].map((column) => cells[column] ?? ''))) return;
    const row = index + HEADER_ROW + 1;
    const result = recordFromRow(spec, columnOf, cells, row, snapshot.timeZone);
    problems.push(...result.problems);
    if (result.values) rows.push({ row, values: result.values });
  });
  return { rows, problems };
}
export interface PlacedField {
  column: number;
  field: FieldSpec;
}

/**
 * Runs of adjacent columns, each with its fields, left to right (columns in whatever base
 * the caller uses): each run is one Range call instead of one per column.
 */
export function columnBlocks(
  placed: readonly PlacedField[],
): Array<{ start: number; fields: FieldSpec[] }> {
  return adjacentRuns(placed).map((run) => ({
    start: run[0].column,
    fields: run.map((p) => p.field),
  }));
}

/** Items sorted by column and cut into runs of adjacent columns: one Range call per run. */
export function adjacentRuns<T extends { column: number }>(items: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const item of [...items].sort((a, b) => a.column - b.column)) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].column + 1 === item.column) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

/** The header of a tab (one read of row 1), mapped to the spec's fields. */
function readHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet, spec: EntitySpec) {
  const lastColumn = sheet.getLastColumn();
  const header = lastColumn ? sheet.getRange(HEADER_ROW, 1, 1, lastColumn).getValues()[0] : [];
  return mapColumns(spec, header);
}

/**
 * Appends records below the last row without reading the tab's data: the header row to find
 * the columns, then one setValues per block of adjacent Kartoteka columns for all records.
 */
export function appendRecords(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: EntitySpec,
  records: readonly RecordValues[],
): void {
  if (!records.length) return;
  const sheet = spreadsheet.getSheetByName(spec.tab);
  if (!sheet) throw missingTabError(spec);
  const columnOf = readHeader(sheet, spec);
  const placed = spec.fields.flatMap((field) => {
    const column = columnOf.get(field.key);
    return column === undefined ? [] : [{ column, field }];
  });
  const first = Math.max(sheet.getLastRow(), HEADER_ROW) + 1;
  const last = first + records.length - 1;
  const maxRows = sheet.getMaxRows();
  if (last > maxRows) sheet.insertRowsAfter(maxRows, Math.max(100, last - maxRows));
  for (const block of columnBlocks(placed)) {
    const range = sheet.getRange(first, block.start + 1, records.length, block.fields.length);
    range.setNumberFormats(records.map(() => block.fields.map((f) => f.numberFormat)));
    range.setValues(records.map((r) => block.fields.map((f) => asTypedCell(toCell(f, r[f.key])))));
  }
}
