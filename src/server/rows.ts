/**
 * Records by id and by reference, read through the Document's batched reads: a record's row
 * from its row hint when the row still holds the id, else from its tab's id column; the
 * rows that refer to a record from the referring column. Each step is one call whatever the
 * tab's size; where each record was seen is remembered for the next call.
 */
import type { EntityName } from '../domain/schema';
import type { Document } from './document';
import { HEADER_ROW, type RecordValues } from './sheet/table';
import type { RowRead, Tab } from './sheet/tab';
import type { ApiValue } from './sheet/values';
import { isPastGrid } from './sheet/layout';
import { duplicateIdMessage, duplicateIds } from '../domain/duplicate-ids';
import { ENTITIES } from '../domain/schema';
import { UserFacingError } from './spreadsheet';

/** Rows this close are read as one range: a few extra cells cost less than a range. */
const ROW_GAP = 3;

/** Cells of a one-column read, as trimmed strings (row i + 2 is entry i). */
export function columnTexts(values: readonly ApiValue[][] | undefined): string[] {
  return (values ?? []).map((line) => String(line?.[0] ?? '').trim());
}

/** Sheet rows whose cell in a one-column read equals `value`. */
export function rowsHolding(column: readonly string[], value: string): number[] {
  const rows: number[] = [];
  column.forEach((text, i) => {
    if (text === value) rows.push(i + HEADER_ROW + 1);
  });
  return rows;
}

/** Remembers every row of a full id-column read, and returns the row of `id` if it is there. */
export function learnIds(doc: Document, entity: EntityName, ids: readonly string[], id?: string) {
  doc.cache.replaceRows(
    entity,
    ids.map((text, i) => [text, i + HEADER_ROW + 1] as const),
  );
  const index = id === undefined ? -1 : ids.indexOf(id);
  return index === -1 ? undefined : index + HEADER_ROW + 1;
}

/**
 * The row of a record: its hint, else one read of the id column. Refused (a user-facing
 * error naming the rows) when the id column shows the id in more than one row.
 */
export function locate(doc: Document, entity: EntityName, id: string): number | undefined {
  const hint = doc.cache.rowHint(entity, id);
  if (hint !== undefined && hint > HEADER_ROW) return hint;
  return lookUpOne(doc, entity, id);
}

/** One read of a tab's id column, remembered: every record's row. */
function readIds(doc: Document, entity: EntityName): string[] {
  const tab = doc.tab(entity);
  const [column] = doc.read([entity], () => [tab.columnA1('id') as string]);
  const ids = columnTexts(column);
  learnIds(doc, entity, ids);
  return ids;
}

/** One read of a tab's id column: where `id` is (and where every other record is). */
export function lookUp(doc: Document, entity: EntityName, id: string): number | undefined {
  return rowsHolding(readIds(doc, entity), id)[0];
}

/** Two rows with one id: neither is the record, so nothing is read or written by that id. */
export function refuseDuplicate(entity: EntityName, id: string, rows: readonly number[]): never {
  throw new UserFacingError(duplicateIdMessage(ENTITIES[entity], id, rows));
}

/** Like lookUp, refused when the id is in more than one row. */
export function lookUpOne(doc: Document, entity: EntityName, id: string): number | undefined {
  const rows = rowsHolding(readIds(doc, entity), id);
  if (rows.length > 1) refuseDuplicate(entity, id, rows);
  return rows[0];
}

/**
 * A record's row read in one call with other ranges a step needs: at its row hint, else with
 * its tab's id column (a hint past the grid's end — rows deleted since — is dropped and the
 * call made again). `read`: the row, when the hint still held it; `row`: where the id column
 * says it is now (its cells still to read); neither when it is gone. An id in two rows is
 * refused (refuseDuplicate).
 */
export function readRecordWith(
  doc: Document,
  entity: EntityName,
  id: string,
  entities: readonly EntityName[],
  others: () => readonly string[],
): { read?: RowRead; row?: number; others: ApiValue[][][] } {
  const tab = doc.tab(entity);
  let hint = doc.cache.rowHint(entity, id);
  const readAll = () =>
    doc.read([entity, ...entities], () => [
      hint ? tab.rowsA1(hint) : (tab.columnA1('id') as string),
      ...others(),
    ]);
  let values: ApiValue[][][];
  try {
    values = readAll();
  } catch (error) {
    if (!hint || !isPastGrid(error)) throw error;
    hint = undefined;
    values = readAll();
  }
  const [first, ...rest] = values;
  if (hint) {
    const cells = tab.spanCells(first?.[0]);
    if (tab.idOf(cells) === id) return { read: { row: hint, cells }, others: rest };
    // A stale hint (rows sorted or deleted since): the ID column says where it is now.
    return { row: lookUpOne(doc, entity, id), others: rest };
  }
  const ids = columnTexts(first);
  const row = learnIds(doc, entity, ids, id);
  const held = rowsHolding(ids, id);
  if (held.length > 1) refuseDuplicate(entity, id, held);
  return { row, others: rest };
}

/** Whether a record exists: a row hint says it was seen; else its tab's id column is read. */
export function exists(doc: Document, entity: EntityName, id: string): boolean {
  return doc.cache.known(entity, id) || lookUp(doc, entity, id) !== undefined;
}

/** Reads one row over the layout's span; null when the grid no longer reaches it. */
export function readRow(doc: Document, tab: Tab, row: number): RowRead | null {
  try {
    const [values] = doc.read([tab.entity], () => [tab.rowsA1(row)]);
    return { row, cells: tab.spanCells(values?.[0]) };
  } catch (error) {
    if (isPastGrid(error)) return null;
    throw error;
  }
}

/**
 * The row under a user's cursor, read with its tab's id column in the same call: a row
 * whose id another row holds too is refused, like any use of that id.
 */
export function readSelectedRow(doc: Document, tab: Tab, row: number): RowRead | null {
  let values: ApiValue[][][];
  try {
    values = doc.read([tab.entity], () => [tab.rowsA1(row), tab.columnA1('id') as string]);
  } catch (error) {
    if (isPastGrid(error)) return null;
    throw error;
  }
  const read = { row, cells: tab.spanCells(values[0]?.[0]) };
  const ids = columnTexts(values[1]);
  learnIds(doc, tab.entity, ids);
  const id = tab.idOf(read.cells);
  const rows = id ? rowsHolding(ids, id) : [];
  if (rows.length > 1) refuseDuplicate(tab.entity, id, rows);
  return read;
}

/**
 * The row that holds the record: where it was a moment ago (`row`), or — someone sorted or
 * deleted rows since — where its id is now (refused if that is more than one row).
 */
export function rowHolding(doc: Document, tab: Tab, id: string, row: number): RowRead | null {
  const read = readRow(doc, tab, row);
  if (read && tab.idOf(read.cells) === id) return read;
  const moved = lookUpOne(doc, tab.entity, id);
  if (moved === undefined) return null;
  const again = readRow(doc, tab, moved);
  return again && tab.idOf(again.cells) === id ? again : null;
}

/** A record found by id and read: one call with a hint, two without. */
export function findRecordRow(doc: Document, entity: EntityName, id: string): RowRead | null {
  const row = locate(doc, entity, id);
  return row === undefined ? null : rowHolding(doc, doc.tab(entity), id, row);
}

/** Runs of nearby rows, each read as one range. */
export function rowRuns(rows: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const row of [...new Set(rows)].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && row - run[run.length - 1] <= ROW_GAP) run.push(row);
    else runs.push([row]);
  }
  return runs;
}

/** The rows of `runs` out of the values read for them (one range per run). */
export function rowsOfRuns(
  tab: Tab,
  runs: readonly number[][],
  values: ReadonlyArray<readonly ApiValue[][] | undefined>,
): RowRead[] {
  return runs.flatMap((run, i) =>
    run.map((row) => ({ row, cells: tab.spanCells(values[i]?.[row - run[0]]) })),
  );
}

/**
 * Valid records of rows read, remembered where they are; an id the rows show twice is
 * remembered as such (the next open or save of it looks it up, and is refused).
 */
export function recordsOfRows(
  doc: Document,
  tab: Tab,
  reads: readonly RowRead[],
  timeZone: string,
): Array<{ row: number; values: RecordValues }> {
  const duplicates = duplicateIds(
    reads.map((read) => ({ id: tab.idOf(read.cells), row: read.row })),
  );
  if (duplicates.size) doc.cache.rememberDuplicates(tab.entity, duplicates);
  // A record with a hand-typed bad cell stays findable, that field left out (Check the tabs
  // names the cell); only a row without an id is not a record.
  const found = reads.flatMap((read) => {
    const values = tab.record(read, timeZone, true).values;
    return values ? [{ row: read.row, values }] : [];
  });
  doc.cache.rememberRows(
    tab.entity,
    found.map((r) => [String(r.values.id), r.row] as const),
  );
  return found;
}

/**
 * The records of a tab that refer to a customer: one read of its Customer ID column, one of
 * the rows it names (runs of nearby rows as one range).
 */
export function recordsReferring(
  doc: Document,
  entity: EntityName,
  customerId: string,
  timeZone: string,
): RecordValues[] {
  const tab = doc.tab(entity);
  const key = tab.layout().columnOf.has('customerId') ? 'customerId' : undefined;
  if (!key) return [];
  const [column] = doc.read([entity], () => [tab.columnA1(key) as string]);
  const runs = rowRuns(rowsHolding(columnTexts(column), customerId));
  if (!runs.length) return [];
  const values = doc.read([entity], () =>
    runs.map((run) => tab.rowsA1(run[0], run[run.length - 1] - run[0] + 1)),
  );
  return recordsOfRows(doc, tab, rowsOfRuns(tab, runs, values), timeZone).map((r) => r.values);
}
