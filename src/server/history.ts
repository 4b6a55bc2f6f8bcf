/**
 * The History tab and Undo, shared by imports and merges. Every change an operation makes to
 * a record is journaled before it is written (an added record's id; an updated record's
 * fields before and after), so Undo can remove exactly the rows it added and put back
 * exactly the values it changed — and refuse, naming them, when someone has changed those
 * fields since. Operation states (running, finished, undone) live in document properties.
 */
import { refreshAfterBulkChange } from './jobs/ref-titles';
import { asTypedCell } from './sheet/typed-text';
import {
  ENTITIES,
  RECORD_ENTITIES,
  recordTitle,
  type AnyRecord,
  type EntityName,
  type EntitySpec,
  type FieldValue,
} from '../domain/schema';
import type { CommitProgress, UndoConflict, UndoResult } from '../domain/import/types';
import { OWN_COLUMN_PREFIX } from '../domain/import/plan';
import { requestContext, type RequestContext, type Spreadsheet } from './request';
import { UserFacingError, withDocumentLock } from './spreadsheet';
import {
  adjacentRuns,
  appendRecords,
  columnBlocks,
  HEADER_ROW,
  readTable,
  recordsOf,
  type RecordValues,
  type TableRow,
  type TableSnapshot,
} from './sheet/table';
import { toCell, type CellValue } from './sheet/cell-kinds';

export type OperationKind = 'import' | 'merge';

/** Import progress, as the sidebar is told it (merges leave the counts 0). */
type OperationCounts = Omit<CommitProgress, 'importId' | 'finished'>;

export interface OperationState extends OperationCounts {
  id: string;
  kind: OperationKind;
  entity: EntityName;
  status: 'running' | 'finished' | 'undone';
  started: string;
  /** The stamp of the records it wrote ('updated' of each): an edit since changes it. */
  stamp: string;
  user: string;
  summary: string;
  /** Grid size of each tab before the operation first grew it, so Undo can shrink it back. */
  maxRowsBefore: Partial<Record<EntityName, number>>;
  /** Own columns an import added to a tab's header (Undo clears them when empty again). */
  addedColumns: Partial<Record<EntityName, string[]>>;
  /** Grid width of each tab before the import added columns to it. */
  maxColumnsBefore?: Partial<Record<EntityName, number>>;
  /** The batch being written: set before its first write, cleared once it is all written. */
  pending?: string;
  /** Batches started so far (each journals under `id#n`). */
  batches?: number;
  /** The imported file's name (imports only). */
  fileName?: string;
}

const PREFIX = 'kartoteka.operation.';

export function readOperation(id: string): OperationState | null {
  const text = PropertiesService.getDocumentProperties()?.getProperty(PREFIX + id);
  return text ? (JSON.parse(text) as OperationState) : null;
}

export function saveOperation(state: OperationState): void {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) throw new UserFacingError('Kartoteka cannot reach this document’s settings.');
  properties.setProperty(PREFIX + state.id, JSON.stringify(state));
}

export function listOperations(): OperationState[] {
  const all = PropertiesService.getDocumentProperties()?.getProperties() ?? {};
  return Object.entries(all)
    .filter(([key]) => key.startsWith(PREFIX))
    .map(([, text]) => JSON.parse(text) as OperationState)
    .sort((a, b) => b.started.localeCompare(a.started));
}

export interface HistoryEntry {
  entity: EntityName;
  recordId: string;
  change: 'added' | 'updated' | 'archived';
  before: Record<string, FieldValue>;
  after: Record<string, FieldValue>;
}

/** Journals entries (one setValues per block of the History tab's columns). */
export function journal(
  request: RequestContext,
  operationId: string,
  entries: readonly HistoryEntry[],
): void {
  const stamp = request.now.toISOString();
  appendRecords(
    request.spreadsheet,
    ENTITIES.history,
    entries.map((entry) => ({
      id: Utilities.getUuid(),
      operation: operationId,
      entity: entry.entity,
      recordId: entry.recordId,
      change: entry.change,
      before: Object.keys(entry.before).length ? JSON.stringify(entry.before) : null,
      after: Object.keys(entry.after).length ? JSON.stringify(entry.after) : null,
      created: stamp,
      createdBy: request.user,
    })),
  );
}

function parseJson(value: FieldValue | undefined): Record<string, FieldValue> {
  return typeof value === 'string' && value
    ? (JSON.parse(value) as Record<string, FieldValue>)
    : {};
}

/**
 * The entries of an operation, in order. An import journals each batch as `id#n`: the
 * operation's entries are all its batches', unless `exact` asks for one batch.
 */
export function readJournal(
  spreadsheet: Spreadsheet,
  operationId: string,
  exact = false,
): HistoryEntry[] {
  const { rows } = recordsOf(readTable(spreadsheet, ENTITIES.history));
  const batchPrefix = `${operationId}#`;
  return rows
    .filter((r) => {
      const operation = String(r.values.operation ?? '');
      return operation === operationId || (!exact && operation.startsWith(batchPrefix));
    })
    .map(({ values }) => ({
      entity: values.entity as EntityName,
      recordId: String(values.recordId),
      change: values.change as HistoryEntry['change'],
      before: parseJson(values.before),
      after: parseJson(values.after),
    }));
}

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const empty = (v: FieldValue | undefined) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/**
 * Writes new values into rows already in the tab, batched: for each block of adjacent
 * columns that changes, one setValues over the rows from the first to the last changed one.
 * Rows in between get back the values just read under the lock, so nothing else changes.
 */
export function writeRows(
  snapshot: TableSnapshot,
  updates: ReadonlyMap<number, RecordValues>,
): void {
  if (!updates.size) return;
  const keys = new Set<string>();
  for (const values of updates.values()) for (const key of Object.keys(values)) keys.add(key);
  const placed = snapshot.spec.fields.flatMap((field) => {
    const column = snapshot.columnOf.get(field.key);
    return keys.has(field.key) && column !== undefined ? [{ column, field }] : [];
  });
  const rowNumbers = [...updates.keys()];
  const first = Math.min(...rowNumbers);
  const last = Math.max(...rowNumbers);
  for (const block of columnBlocks(placed)) {
    const matrix: CellValue[][] = [];
    for (let row = first; row <= last; row++) {
      const values = updates.get(row);
      const cells = snapshot.rows[row - HEADER_ROW - 1] ?? [];
      matrix.push(
        block.fields.map((field, i) =>
          values && field.key in values
            ? toCell(field, values[field.key])
            : ((cells[block.start + i] ?? '') as CellValue),
        ),
      );
      if (values) {
        // Keep the in-memory snapshot true for a later write in the same execution.
        block.fields.forEach((field, i) => {
          if (field.key in values) cells[block.start + i] = toCell(field, values[field.key]);
        });
        snapshot.rows[row - HEADER_ROW - 1] = cells;
      }
    }
    const range = snapshot.sheet.getRange(
      first,
      block.start + 1,
      matrix.length,
      block.fields.length,
    );
    range.setNumberFormats(matrix.map(() => block.fields.map((f) => f.numberFormat)));
    range.setValues(matrix.map((cells) => cells.map(asTypedCell)));
  }
}

/** Fields that undo does not treat as someone's edit: the stamps every write changes. */
const STAMPS = new Set(['updated', 'updatedBy']);

function label(spec: EntitySpec, key: string): string {
  return spec.fields.find((f) => f.key === key)?.label ?? key;
}

interface TabState {
  spec: EntitySpec;
  snapshot: TableSnapshot;
  byId: Map<string, TableRow>;
}

function tabState(spreadsheet: Spreadsheet, entity: EntityName, timeZone: string): TabState {
  const spec = ENTITIES[entity];
  const snapshot = readTable(spreadsheet, spec, timeZone);
  const byId = new Map(recordsOf(snapshot).rows.map((r) => [String(r.values.id), r]));
  return { spec, snapshot, byId };
}

/** Records outside `removed` that still point at a removed record: removing it would orphan them. */
function orphans(
  spreadsheet: Spreadsheet,
  tabs: Map<EntityName, TabState>,
  removed: Map<EntityName, Set<string>>,
  timeZone: string,
): UndoConflict[] {
  const conflicts: UndoConflict[] = [];
  for (const entity of RECORD_ENTITIES) {
    const spec = ENTITIES[entity];
    const refs = spec.fields.filter((f) => f.ref && removed.get(f.ref)?.size);
    if (!refs.length) continue;
    let tab = tabs.get(entity);
    if (!tab) tabs.set(entity, (tab = tabState(spreadsheet, entity, timeZone)));
    for (const { values } of tab.byId.values()) {
      if (removed.get(entity)?.has(String(values.id))) continue;
      const fields = refs
        .filter((f) => removed.get(f.ref as EntityName)?.has(String(values[f.key] ?? '')))
        .map((f) => `${f.label} (points to a record this would remove)`);
      if (fields.length) {
        conflicts.push({ entity, id: String(values.id), title: recordTitle(spec, values), fields });
      }
    }
  }
  return conflicts;
}

/** Conflicts of one journaled change with the record as it is now. */
function entryConflict(tab: TabState, entry: HistoryEntry, stamp: string): UndoConflict | null {
  const current = tab.byId.get(entry.recordId);
  if (!current) return null;
  const title = recordTitle(tab.spec, current.values);
  if (entry.change === 'added') {
    if (current.values.updated === stamp) return null;
    return {
      entity: entry.entity,
      id: entry.recordId,
      title,
      fields: [
        `edited since (updated ${String(current.values.updated)} by ${String(current.values.updatedBy ?? 'someone')})`,
      ],
    };
  }
  const now = (key: string) =>
    key.startsWith(OWN_COLUMN_PREFIX)
      ? ownValue(tab.snapshot, current.row, key.slice(OWN_COLUMN_PREFIX.length))
      : current.values[key];
  const fields = Object.keys(entry.after)
    .filter((key) => !STAMPS.has(key))
    .filter(
      (key) => !sameValue(now(key), entry.after[key]) && !sameValue(now(key), entry.before[key]),
    )
    .map((key) =>
      key.startsWith(OWN_COLUMN_PREFIX)
        ? key.slice(OWN_COLUMN_PREFIX.length)
        : label(tab.spec, key),
    );
  return fields.length ? { entity: entry.entity, id: entry.recordId, title, fields } : null;
}

/** Removes rows: a run at the end of the data is cleared, one in the middle deleted. */
function removeRows(tab: TabState, rows: number[], maxRowsBefore?: number): void {
  const sheet = tab.snapshot.sheet;
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === row) last[1]++;
    else runs.push([row, 1]);
  }
  let lastRow = sheet.getLastRow();
  const width = sheet.getMaxColumns();
  for (const [start, count] of runs.reverse()) {
    if (start + count - 1 >= lastRow) {
      sheet.getRange(start, 1, count, width).clearContent();
      lastRow = start - 1;
    } else {
      sheet.deleteRows(start, count);
      lastRow -= count;
    }
  }
  // Rows the operation inserted to make room, now empty again: the grid as it was.
  const maxRows = sheet.getMaxRows();
  if (maxRowsBefore && maxRows > maxRowsBefore && lastRow <= maxRowsBefore) {
    sheet.deleteRows(maxRowsBefore + 1, maxRows - maxRowsBefore);
  }
}

/**
 * Own columns an import added to the header, once nothing below them is left: the columns it
 * inserted into the grid are deleted, a header written into an empty column is cleared.
 */
function removeAddedColumns(
  tab: TabState,
  headers: readonly string[],
  maxColumnsBefore?: number,
): void {
  if (!headers.length) return;
  const sheet = tab.snapshot.sheet;
  const lastColumn = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  if (!lastColumn) return;
  const values = sheet
    .getRange(HEADER_ROW, 1, Math.max(lastRow, HEADER_ROW), lastColumn)
    .getValues();
  const empty = headers
    .map((header) => values[0].findIndex((text) => String(text) === header))
    .filter((column) => column !== -1 && values.slice(1).every((row) => row[column] === ''))
    .sort((a, b) => b - a);
  for (const column of empty) {
    if (maxColumnsBefore !== undefined && column + 1 > maxColumnsBefore) {
      sheet.deleteColumn(column + 1);
    } else {
      sheet.getRange(HEADER_ROW, column + 1).clearContent();
    }
  }
}

/** Undo import / Undo merge: the operation of that kind, under the document lock. */
export function undoOperationOf(kind: OperationKind, id: string): UndoResult {
  const request = requestContext();
  return withDocumentLock(() => {
    const state = readOperation(String(id));
    if (!state || state.kind !== kind) {
      return { ok: false, error: `That ${kind} does not exist.`, conflicts: [] };
    }
    return undoOperation(request, state);
  });
}

/**
 * Undoes an operation, or refuses with the records and fields someone changed since (then
 * nothing is written). Runs inside the caller's document lock.
 */
export function undoOperation(request: RequestContext, state: OperationState): UndoResult {
  if (state.status === 'undone') {
    return { ok: false, error: 'This was already undone.', conflicts: [] };
  }
  const { spreadsheet, timeZone } = request;
  const entries = readJournal(spreadsheet, state.id);
  const tabs = new Map<EntityName, TabState>();
  const tabOf = (entity: EntityName) => {
    let tab = tabs.get(entity);
    if (!tab) tabs.set(entity, (tab = tabState(spreadsheet, entity, timeZone)));
    return tab;
  };
  const conflicts: UndoConflict[] = [];
  const removed = new Map<EntityName, Set<string>>();
  for (const entry of entries) {
    const conflict = entryConflict(tabOf(entry.entity), entry, state.stamp);
    if (conflict) conflicts.push(conflict);
    if (entry.change === 'added') {
      if (!removed.has(entry.entity)) removed.set(entry.entity, new Set());
      removed.get(entry.entity)?.add(entry.recordId);
    }
  }
  conflicts.push(...orphans(spreadsheet, tabs, removed, timeZone));
  if (conflicts.length) {
    return {
      ok: false,
      error: `Nothing was undone: ${conflicts.length} record(s) changed since. Put those fields back, or keep the ${state.kind}.`,
      conflicts,
    };
  }
  const { restored, removed: removedCount } = applyEntries(tabOf, entries, state, false);
  for (const [entity, headers] of Object.entries(state.addedColumns)) {
    const name = entity as EntityName;
    removeAddedColumns(tabOf(name), headers ?? [], state.maxColumnsBefore?.[name]);
  }
  saveOperation({ ...state, status: 'undone' });
  appendRecords(spreadsheet, ENTITIES.log, [
    logEntry(request, state.kind, `Undone: ${state.summary} (${state.kind} ${state.id})`, state.id),
  ]);
  refreshAfterBulkChange(request);
  return { ok: true, removed: removedCount, restored };
}

/**
 * Puts back what journaled entries changed: restores the fields of updated records and
 * removes the rows of added ones. `force` (rolling back a batch that died half-way, under
 * the lock that batch never released to anyone else) also resets stamps without asking.
 */
function applyEntries(
  tabOf: (entity: EntityName) => TabState,
  entries: readonly HistoryEntry[],
  state: OperationState,
  force: boolean,
): { restored: number; removed: number } {
  let restored = 0;
  let removed = 0;
  const writes = new Map<EntityName, Map<number, RecordValues>>();
  const ownWrites = new Map<EntityName, Map<number, Record<string, string>>>();
  const rowsToRemove = new Map<EntityName, number[]>();
  for (const entry of entries) {
    const tab = tabOf(entry.entity);
    const current = tab.byId.get(entry.recordId);
    if (!current) continue;
    if (entry.change === 'added') {
      rowsToRemove.set(entry.entity, [...(rowsToRemove.get(entry.entity) ?? []), current.row]);
      removed++;
      continue;
    }
    const own: Record<string, string> = {};
    for (const key of Object.keys(entry.before).filter((k) => k.startsWith(OWN_COLUMN_PREFIX))) {
      const header = key.slice(OWN_COLUMN_PREFIX.length);
      const before = String(entry.before[key] ?? '');
      if (ownValue(tab.snapshot, current.row, header) !== before) own[header] = before;
    }
    if (Object.keys(own).length) {
      if (!ownWrites.has(entry.entity)) ownWrites.set(entry.entity, new Map());
      ownWrites.get(entry.entity)?.set(current.row, own);
    }
    const values: RecordValues = {};
    for (const key of Object.keys(entry.before).filter((k) => !k.startsWith(OWN_COLUMN_PREFIX))) {
      // A stamp someone has moved on since stays; a field equal to its old value needs nothing.
      if (!force && STAMPS.has(key) && !sameValue(current.values[key], entry.after[key])) continue;
      if (!sameValue(current.values[key], entry.before[key])) values[key] = entry.before[key];
    }
    if (!Object.keys(values).length && !Object.keys(own).length) continue;
    restored++;
    if (!Object.keys(values).length) continue;
    if (!writes.has(entry.entity)) writes.set(entry.entity, new Map());
    writes.get(entry.entity)?.set(current.row, values);
  }
  for (const [entity, updates] of writes) writeRows(tabOf(entity).snapshot, updates);
  for (const [entity, updates] of ownWrites) writeOwnColumns(tabOf(entity).snapshot, updates);
  for (const [entity, rows] of rowsToRemove) {
    removeRows(tabOf(entity), rows, state.maxRowsBefore[entity]);
  }
  return { restored, removed };
}

/**
 * Rolls back one batch of an import whose execution died half-way through writing it (the
 * batch's journal says what it meant to write): the client sends those rows again, and they
 * are written once, not twice.
 */
export function rollBackBatch(request: RequestContext, state: OperationState, batch: string): void {
  const { spreadsheet, timeZone } = request;
  const entries = readJournal(spreadsheet, batch, true);
  const tabs = new Map<EntityName, TabState>();
  const tabOf = (entity: EntityName) => {
    let tab = tabs.get(entity);
    if (!tab) tabs.set(entity, (tab = tabState(spreadsheet, entity, timeZone)));
    return tab;
  };
  applyEntries(tabOf, entries, state, true);
}

export function logEntry(
  request: RequestContext,
  kind: OperationKind,
  summary: string,
  operationId: string,
  customerId?: string,
): RecordValues {
  return {
    id: Utilities.getUuid(),
    date: request.today,
    kind,
    customerId: customerId ?? null,
    summary: summary.slice(0, 500),
    key: operationId,
    created: request.now.toISOString(),
    createdBy: request.user,
  };
}

/** A record's values as JSON for the journal (a full snapshot, or some fields). */
export function pick(values: AnyRecord, keys: Iterable<string>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const key of keys) out[key] = values[key] ?? null;
  return out;
}

/** The column (0-based) of a header in a snapshot, for the user's own columns. */
export function ownColumnIndex(snapshot: TableSnapshot, header: string): number {
  return snapshot.header.findIndex((text) => text.trim() === header);
}

/** A user's own cell as text, the way imports compare it. */
export function ownValue(snapshot: TableSnapshot, row: number, header: string): string {
  const column = ownColumnIndex(snapshot, header);
  const cell = column === -1 ? '' : snapshot.rows[row - HEADER_ROW - 1]?.[column];
  return cell === null || cell === undefined ? '' : String(cell);
}

/** A cell value written back as Sheets stored it: text with a quote prefix, so "0042" stays text. */
function asStored(cell: unknown): CellValue {
  if (typeof cell === 'string') return cell === '' ? '' : `'${cell}`;
  return cell as CellValue;
}

/**
 * Writes the user's own columns of rows already in the tab: for each run of adjacent
 * columns, one getFormulas and one setValues over the rows from the first to the last
 * changed one. Other rows get back what they held — formulas as formulas, text as text —
 * and no number format is touched (the columns are the user's).
 */
export function writeOwnColumns(
  snapshot: TableSnapshot,
  updates: ReadonlyMap<number, Record<string, string>>,
): void {
  if (!updates.size) return;
  const headers = new Set<string>();
  for (const values of updates.values())
    for (const header of Object.keys(values)) headers.add(header);
  const runs = adjacentRuns(
    [...headers]
      .map((header) => ({ header, column: ownColumnIndex(snapshot, header) }))
      .filter((c) => c.column !== -1),
  );
  const rowNumbers = [...updates.keys()];
  const first = Math.min(...rowNumbers);
  const last = Math.max(...rowNumbers);
  for (const run of runs) {
    const range = snapshot.sheet.getRange(first, run[0].column + 1, last - first + 1, run.length);
    const formulas = range.getFormulas();
    const matrix = formulas.map((formulaRow, i) => {
      const row = first + i;
      const values = updates.get(row);
      const cells = snapshot.rows[row - HEADER_ROW - 1] ?? [];
      return run.map((c, j) => {
        if (values && c.header in values) {
          cells[c.column] = values[c.header];
          return asStored(values[c.header]);
        }
        return formulaRow[j] ? formulaRow[j] : asStored(cells[c.column] ?? '');
      });
    });
    range.setValues(matrix);
  }
}
