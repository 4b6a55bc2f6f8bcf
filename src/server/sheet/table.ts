/**
 * A typed table over one tab. It reads the tab once (one getValues of the data range),
 * finds columns by header text — users reorder columns, add their own and rename nothing
 * we depend on without Setup telling them — and writes rows back in as few setValues calls
 * as the contiguous blocks of Kartoteka's columns allow. The number of Spreadsheet calls
 * of a read or a write does not depend on how many rows the tab has.
 */
import {
  ENTITIES,
  type EntityName,
  type EntitySpec,
  type FieldSpec,
  type FieldValue,
  type RecordOf,
} from '../../domain/schema';
import type { Problem } from '../../domain/api-types';
import { UserFacingError } from '../spreadsheet';
import { fromCell, toCell, type CellValue } from './cell-kinds';

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

function isBlankRow(row: unknown[]): boolean {
  return row.every((cell) => cell === '' || cell === null);
}

/**
 * The records of a snapshot. Cells that do not convert to their field's type (a date
 * column holding "next week") become problems naming the row and column; such a row is
 * left out of the records, never fixed or deleted.
 */
export function recordsOf(
  snapshot: Pick<TableSnapshot, 'spec' | 'columnOf' | 'rows' | 'timeZone'>,
): { rows: TableRow[]; problems: Problem[] } {
  const rows: TableRow[] = [];
  const problems: Problem[] = [];
  const { spec, columnOf } = snapshot;
  snapshot.rows.forEach((cells, index) => {
    if (isBlankRow(cells)) return;
    const row = index + HEADER_ROW + 1;
    const values: RecordValues = {};
    let valid = true;
    for (const field of spec.fields) {
      const column = columnOf.get(field.key);
      if (column === undefined) continue;
      const converted = fromCell(field, cells[column], snapshot.timeZone);
      if ('problem' in converted) {
        valid = false;
        problems.push({ tab: spec.tab, row, column: field.header, message: converted.problem });
      } else {
        values[field.key] = converted.value;
      }
    }
    if (!values.id) {
      valid = false;
      problems.push({
        tab: spec.tab,
        row,
        column: idField(spec).header,
        message: 'the row has no id (typed by hand?): run Set up tabs to give it one',
      });
    }
    if (valid) rows.push({ row, values });
  });
  return { rows, problems };
}

/** The sheet row of a record, found by id in the snapshot (no extra Spreadsheet call). */
export function findRow(snapshot: TableSnapshot, id: string): number | undefined {
  const column = snapshot.columnOf.get('id');
  if (column === undefined) return undefined;
  const index = snapshot.rows.findIndex((cells) => cells[column] === id);
  return index === -1 ? undefined : index + HEADER_ROW + 1;
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
  const sorted = [...placed].sort((a, b) => a.column - b.column);
  const blocks: Array<{ start: number; fields: FieldSpec[] }> = [];
  for (const { column, field } of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.start + last.fields.length === column) last.fields.push(field);
    else blocks.push({ start: column, fields: [field] });
  }
  return blocks;
}

/**
 * The columns a record write touches (0-based): Kartoteka's, except the computed ones, which
 * only the lifecycle job writes — so a save can never put back a value the job just replaced.
 */
function placedFields(snapshot: TableSnapshot): PlacedField[] {
  return snapshot.spec.fields.flatMap((field) => {
    if (field.computed) return [];
    const column = snapshot.columnOf.get(field.key);
    return column === undefined ? [] : [{ column, field }];
  });
}

/**
 * Writes one record's values into `row`: values and number formats of Kartoteka's columns
 * only, so a user's own columns in that row are never touched.
 */
export function writeRow(snapshot: TableSnapshot, row: number, values: RecordValues): void {
  for (const block of columnBlocks(placedFields(snapshot))) {
    const range = snapshot.sheet.getRange(row, block.start + 1, 1, block.fields.length);
    const cells: CellValue[] = block.fields.map((field) => toCell(field, values[field.key]));
    range.setNumberFormats([block.fields.map((field) => field.numberFormat)]);
    range.setValues([cells]);
  }
}

/** The row a new record goes to: after the last row with content, growing the grid if full. */
export function appendRowNumber(snapshot: TableSnapshot): number {
  const row = HEADER_ROW + snapshot.rows.length + 1;
  const sheet = snapshot.sheet;
  const maxRows = sheet.getMaxRows();
  if (row > maxRows) sheet.insertRowsAfter(maxRows, Math.max(100, row - maxRows));
  return row;
}

/** Records the write in the snapshot, so a second write in the same execution sees it. */
export function rememberRow(snapshot: TableSnapshot, row: number, values: RecordValues): void {
  const width = snapshot.header.length;
  const cells: unknown[] = snapshot.rows[row - HEADER_ROW - 1] ?? new Array(width).fill('');
  for (const [key, column] of snapshot.columnOf) {
    const field = snapshot.spec.fields.find((f) => f.key === key);
    if (field) cells[column] = toCell(field, values[key]);
  }
  snapshot.rows[row - HEADER_ROW - 1] = cells;
}

/** The valid records of an entity's tab (one read), typed from the schema. */
export function readRecords<E extends EntityName>(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  entity: E,
  timeZone?: string,
): Array<RecordOf<E>> {
  const { rows } = recordsOf(readTable(spreadsheet, ENTITIES[entity], timeZone));
  // fromCell converted each cell by its field's kind (cell-kinds.ts), which is exactly the
  // value type RecordOf<E> derives from the same schema: the one place records get typed.
  return rows.map((r) => r.values as RecordOf<E>);
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
    range.setValues(records.map((r) => block.fields.map((f) => toCell(f, r[f.key]))));
  }
}
