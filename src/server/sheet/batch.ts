/**
 * Whole-sheet jobs read and write through the Sheets advanced service: one
 * `Values.batchGet` reads the header rows of every tab a job needs, a second one only the
 * columns it uses, and one `Values.batchUpdate` writes every block it changes — a handful of
 * calls at any size, where SpreadsheetApp needs three per tab read and two per block written.
 * tanaikech's published benchmarks also find the advanced service's reads ~35 % cheaper
 * (apps-script-limits.md). Values are unformatted, dates as serial numbers
 * (https://developers.google.com/sheets/api/reference/rest/v4/DateTimeRenderOption), and
 * writes are RAW, so no text is ever parsed as a formula or a number
 * (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption).
 */
import { ENTITIES, type EntityName, type EntitySpec, type FieldSpec } from '../../domain/schema';
import type { FieldValue } from '../../domain/schema';
import { UserFacingError } from '../spreadsheet';
import {
  columnBlocks,
  HEADER_ROW,
  mapColumns,
  missingTabError,
  recordsOf,
  type PlacedField,
  type RecordValues,
  type TableRow,
} from './table';
import type { Problem } from '../../domain/api-types';
import { columnLetters, quoteTab } from './layout';
import { instantToSerial } from '../../domain/serial-time';
import { cellFromApi } from './values';

export { columnLetters, quoteTab };

/** The spreadsheet's id, asked once per execution (every getId is a counted call). */
export interface SheetsTarget {
  id: string;
}

const DAY_MS = 86_400_000;
/** Sheets' day 0 (https://developers.google.com/sheets/api/guides/formats#about_date_time_values). */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

function sheetsApi(): GoogleAppsScript.Sheets {
  if (!Sheets) {
    throw new Error(
      'The Sheets advanced service is not enabled: appsscript.json must list it under dependencies.enabledAdvancedServices.',
    );
  }
  return Sheets;
}

/**
 * A value for a RAW write: dates as serial numbers, date-times as serial numbers on the
 * spreadsheet's wall clock (`timeZone`, see serial-time.ts), lists joined, empty as ''.
 */
export function toRawValue(
  field: FieldSpec,
  value: FieldValue | undefined,
  timeZone: string,
): string | number | boolean {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.join(', ');
  if (field.kind === 'date' && typeof value === 'string') {
    return (Date.parse(`${value}T00:00:00Z`) - SERIAL_EPOCH_MS) / DAY_MS;
  }
  if (field.kind === 'datetime' && typeof value === 'string') {
    const instant = Date.parse(value);
    return Number.isNaN(instant) ? value : instantToSerial(instant, timeZone);
  }
  return value;
}

export interface BatchTable {
  spec: EntitySpec;
  /** Field key → 0-based sheet column, for every field whose header was found. */
  columnOf: Map<string, number>;
  rows: TableRow[];
  problems: Problem[];
  /** The id cell of every data row, by position (row HEADER_ROW + 1 + index). */
  ids: string[];
  /** Every data row's cells as read, at their sheet columns (only the columns read). */
  cells: unknown[][];
}

/**
 * Reads the fields `keys` (all fields when absent) of each entity's tab in two calls in all:
 * the header rows, then the needed columns. Rows are converted and checked as readTable's
 * are (recordsOf): bad hand-typed cells become problems and their rows are left out.
 */
export function readTables(
  target: SheetsTarget,
  /** `keys: []` reads the header only (to know where to append). */
  reads: ReadonlyArray<{ entity: EntityName; keys?: readonly string[] }>,
  timeZone: string,
): Map<EntityName, BatchTable> {
  const api = sheetsApi();
  const { id } = target;
  const specs = reads.map((r) => ENTITIES[r.entity]);
  let headers: unknown[][];
  try {
    const response = api.Spreadsheets!.Values!.batchGet(id, {
      ranges: specs.map((spec) => `${quoteTab(spec.tab)}!${HEADER_ROW}:${HEADER_ROW}`),
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    headers = (response.valueRanges ?? []).map((v) => v.values?.[0] ?? []);
  } catch (error) {
    const missing = specs.find((spec) => String(error).includes(spec.tab));
    throw missing ? missingTabError(missing) : error;
  }
  const plans = reads.map((read, i) => {
    const spec = specs[i];
    const allColumns = mapColumns(spec, headers[i] ?? []);
    if (spec.fields.some((f) => f.key === 'id') && !allColumns.has('id')) {
      throw new UserFacingError(
        `The ${spec.tab} tab has no "ID" column. Run Set up tabs to repair it.`,
      );
    }
    const keys = read.keys ?? spec.fields.map((f) => f.key);
    const wanted = new Set(keys.length ? [...keys, 'id'] : []);
    const placed: PlacedField[] = spec.fields.flatMap((field) => {
      const column = allColumns.get(field.key);
      return column === undefined || !wanted.has(field.key) ? [] : [{ column, field }];
    });
    const blocks = columnBlocks(placed);
    const ranges = blocks.map(
      (b) =>
        `${quoteTab(spec.tab)}!${columnLetters(b.start + 1)}${HEADER_ROW + 1}:${columnLetters(b.start + b.fields.length)}`,
    );
    return { spec, allColumns, placed, blocks, ranges };
  });
  const response = api.Spreadsheets!.Values!.batchGet(id, {
    ranges: plans.flatMap((p) => p.ranges),
    valueRenderOption: 'UNFORMATTED_VALUE',
    dateTimeRenderOption: 'SERIAL_NUMBER',
  });
  const valueRanges = response.valueRanges ?? [];
  let next = 0;
  const tables = new Map<EntityName, BatchTable>();
  for (const plan of plans) {
    const blockValues = plan.blocks.map(() => valueRanges[next++]?.values ?? []);
    const height = Math.max(0, ...blockValues.map((v) => v.length));
    const rows: unknown[][] = Array.from({ length: height }, (_, r) => {
      const cells: unknown[] = [];
      plan.blocks.forEach((block, b) => {
        block.fields.forEach((field, f) => {
          cells[block.start + f] = cellFromApi(field, blockValues[b][r]?.[f], timeZone);
        });
      });
      return cells;
    });
    const columnOf = new Map(plan.placed.map((p) => [p.field.key, p.column]));
    // Settings rows have no id: their cells are all the caller needs.
    const hasId = columnOf.has('id');
    const { rows: records, problems } = hasId
      ? recordsOf({ spec: plan.spec, columnOf, rows, timeZone })
      : { rows: [], problems: [] };
    const idColumn = columnOf.get('id') ?? 0;
    tables.set(plan.spec.name, {
      spec: plan.spec,
      columnOf: plan.allColumns,
      rows: records,
      problems,
      cells: rows,
      ids: hasId ? rows.map((cells) => String(cells[idColumn] ?? '')) : [],
    });
  }
  return tables;
}

export interface RangeWrite {
  range: string;
  values: unknown[][];
}

/** Writes every range in one RAW batchUpdate (nothing parsed as a formula or number). */
export function writeRanges(target: SheetsTarget, writes: readonly RangeWrite[]): void {
  if (!writes.length) return;
  sheetsApi().Spreadsheets!.Values!.batchUpdate(
    { valueInputOption: 'RAW', data: writes.map((w) => ({ range: w.range, values: w.values })) },
    target.id,
  );
}

/**
 * Appends records after the tab's last row in one call. Values.append finds the end of the
 * table on Google's side, so it never lands on a row another writer just filled
 * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/append).
 */
export function appendRows(
  target: SheetsTarget,
  table: Pick<BatchTable, 'spec' | 'columnOf'>,
  records: readonly RecordValues[],
  timeZone: string,
): void {
  if (!records.length) return;
  const width = Math.max(...table.columnOf.values()) + 1;
  const byColumn = new Map<number, FieldSpec>();
  for (const field of table.spec.fields) {
    const column = table.columnOf.get(field.key);
    if (column !== undefined) byColumn.set(column, field);
  }
  const values = records.map((record) =>
    Array.from({ length: width }, (_, column) => {
      const field = byColumn.get(column);
      // null leaves a column that is not Kartoteka's untouched.
      return field ? toRawValue(field, record[field.key], timeZone) : null;
    }),
  );
  sheetsApi().Spreadsheets!.Values!.append(
    { values },
    target.id,
    `${quoteTab(table.spec.tab)}!A${HEADER_ROW}:${columnLetters(width)}`,
    { valueInputOption: 'RAW', insertDataOption: 'INSERT_ROWS' },
  );
}

/** The id column of a tab as it is now (one call): has a row moved since it was read? */
export function readIds(target: SheetsTarget, table: BatchTable): string[] {
  const column = columnLetters((table.columnOf.get('id') ?? 0) + 1);
  const response = sheetsApi().Spreadsheets!.Values!.get(
    target.id,
    `${quoteTab(table.spec.tab)}!${column}${HEADER_ROW + 1}:${column}`,
    { valueRenderOption: 'UNFORMATTED_VALUE' },
  );
  return (response.values ?? []).map((row) => String(row[0] ?? ''));
}
