/**
 * Import (issue 13): the sidebar and the command line send a file's rows in chunks; each
 * chunk is planned against the tab with the domain's planner (the same one for the preview
 * and the commit) and, on commit, written under the document lock — one setValues per block
 * of columns per chunk, never per row — after journaling what it changes in the History
 * tab. A call stops between batches when its time budget runs out and says how far it got;
 * the client sends the rest from there.
 */
import { ENTITIES, type AnyRecord, type EntityName } from '../domain/schema';
import {
  matchKeysFor,
  planImport,
  titleOf,
  NEW_CUSTOMER_PREFIX,
  OWN_COLUMN_PREFIX,
  type ExistingRecord,
  type Plan,
  type RowPlan,
} from '../domain/import/plan';
import { summarisePlan } from '../domain/import/preview';
import {
  IMPORT_ENTITIES,
  type ColumnTarget,
  type CommitChunk,
  type CommitProgress,
  type FieldChange,
  type ImportChunk,
  type ImportEntity,
  type ImportPreview,
  type ImportSummary,
  type UndoResult,
} from '../domain/import/types';
import { requestContext, stampedNew, validationContext, type RequestContext } from './request';
import { UserFacingError, withDocumentLock } from './spreadsheet';
import { refreshAfterBulkChange } from './jobs/ref-titles';
import {
  adjacentRuns,
  appendRecords,
  HEADER_ROW,
  readTable,
  recordsOf,
  type RecordValues,
  type TableSnapshot,
} from './sheet/table';
import {
  journal,
  listOperations,
  logEntry,
  pick,
  readOperation,
  rollBackBatch,
  saveOperation,
  ownColumnIndex,
  ownValue,
  undoOperationOf,
  writeOwnColumns,
  writeRows,
  type HistoryEntry,
  type OperationState,
} from './history';

/** Rows planned and written together; the time budget is checked between batches. */
const BATCH_ROWS = 1000;
/** Stop starting new batches after this long: well inside the 6-minute execution limit. */
const TIME_BUDGET_MS = 4 * 60_000;
const MAX_ROWS_PER_CALL = 5000;

const TARGETS = new Set(['skip', 'field', 'firstName', 'lastName', 'customer', 'service', 'keep']);

/** Anyone with the document can call this: refuse what the sidebar would never send. */
function checkChunk<T extends ImportChunk>(raw: T): T {
  const chunk = (raw ?? {}) as T;
  if (!IMPORT_ENTITIES.includes(chunk.entity)) {
    throw new UserFacingError(
      `Kartoteka imports into ${IMPORT_ENTITIES.join(', ')}, not ${String(chunk.entity)}.`,
    );
  }
  if (!matchKeysFor(chunk.entity).includes(chunk.match)) {
    throw new UserFacingError(
      `${ENTITIES[chunk.entity].tab} cannot be matched on ${String(chunk.match)}.`,
    );
  }
  const header = chunk.header;
  if (
    !Array.isArray(header) ||
    !Array.isArray(chunk.mapping) ||
    chunk.mapping.length !== header.length
  ) {
    throw new UserFacingError('The column mapping does not fit the file’s header.');
  }
  if (!chunk.mapping.every((t: ColumnTarget) => t && TARGETS.has(t.to))) {
    throw new UserFacingError('The column mapping has an unknown target.');
  }
  if (
    !Array.isArray(chunk.rows) ||
    !Array.isArray(chunk.rowNumbers) ||
    chunk.rows.length !== chunk.rowNumbers.length
  ) {
    throw new UserFacingError('The rows and their numbers do not match.');
  }
  if (chunk.rows.length > MAX_ROWS_PER_CALL) {
    throw new UserFacingError(`Send at most ${MAX_ROWS_PER_CALL} rows per call.`);
  }
  chunk.rows = chunk.rows.map((row) => (Array.isArray(row) ? row.map((c) => String(c ?? '')) : []));
  return chunk;
}

interface PlacedRecord extends ExistingRecord {
  row: number;
}

function existing(snapshot: TableSnapshot): PlacedRecord[] {
  return recordsOf(snapshot).rows.map((r) => ({
    id: String(r.values.id),
    values: r.values,
    row: r.row,
  }));
}

interface Tabs {
  target: TableSnapshot;
  records: PlacedRecord[];
  customers: ExistingRecord[];
  customerSnapshot?: TableSnapshot;
  services: ExistingRecord[];
  refIds: Map<EntityName, Set<string>>;
}

/** One read of each tab the plan needs. */
function readTabs(request: RequestContext, entity: ImportEntity): Tabs {
  const { spreadsheet, timeZone } = request;
  const spec = ENTITIES[entity];
  const target = readTable(spreadsheet, spec, timeZone);
  const records = existing(target);
  const customerSnapshot =
    entity === 'customers'
      ? target
      : spec.fields.some((f) => f.key === 'customerId')
        ? readTable(spreadsheet, ENTITIES.customers, timeZone)
        : undefined;
  const customers =
    entity === 'customers' ? records : customerSnapshot ? existing(customerSnapshot) : [];
  const services =
    entity === 'deals'
      ? existing(readTable(spreadsheet, ENTITIES.services, timeZone))
      : entity === 'services'
        ? records
        : [];
  const refIds = new Map<EntityName, Set<string>>();
  for (const field of spec.fields) {
    const ref = field.ref;
    if (!ref || ref === 'customers' || ref === 'services' || refIds.has(ref)) continue;
    const ids =
      ref === entity ? records : existing(readTable(spreadsheet, ENTITIES[ref], timeZone));
    refIds.set(ref, new Set(ids.map((r) => r.id)));
  }
  return { target, records, customers, customerSnapshot, services, refIds };
}

function keptHeaders(chunk: ImportChunk): string[] {
  return chunk.mapping.flatMap((t) =>
    t.to === 'keep' && t.header.trim() ? [t.header.trim()] : [],
  );
}

function newColumnsOf(snapshot: TableSnapshot, chunk: ImportChunk): string[] {
  const present = new Set(snapshot.header.map((h) => h.trim()));
  return keptHeaders(chunk).filter((h) => !present.has(h));
}

function plan(request: RequestContext, chunk: ImportChunk, tabs: Tabs): Plan {
  return planImport({
    options: chunk,
    rows: chunk.rows,
    rowNumbers: chunk.rowNumbers,
    existing: tabs.records,
    customers: tabs.customers,
    services: tabs.services,
    refIds: tabs.refIds,
    context: validationContext(request),
  });
}

/**
 * The user's own columns on matched rows: a kept column whose cell differs from the file's
 * (non-empty) value is a change like a field's, so a row the fields leave unchanged may
 * still be updated.
 */
function withOwnColumns(planned: Plan, tabs: Tabs): Plan {
  const byId = new Map(tabs.records.map((r) => [r.id, r]));
  const rows = planned.rows.map((row): RowPlan => {
    if (row.kind !== 'update' && row.kind !== 'unchanged') return row;
    const current = byId.get(row.id);
    if (!current) return row;
    const own: FieldChange[] = [];
    for (const [header, value] of Object.entries(row.kept)) {
      const before = ownValue(tabs.target, current.row, header);
      if (value !== '' && value !== before) {
        own.push({ field: OWN_COLUMN_PREFIX + header, label: header, before, after: value });
      }
    }
    if (!own.length) return row;
    return row.kind === 'update'
      ? { ...row, changes: [...row.changes, ...own] }
      : { ...row, kind: 'update', values: current.values, changes: own };
  });
  return { ...planned, rows };
}

function previewContext(request: RequestContext): ImportPreview['context'] {
  return {
    today: request.today,
    defaultCountry: request.settings.defaultCountry,
    defaultCurrency: request.settings.defaultCurrency,
  };
}

/** What a chunk would do; nothing is written. An empty chunk only returns the settings used. */
export function importPreview(raw: ImportChunk): ImportPreview {
  const chunk = checkChunk(raw);
  const request = requestContext();
  const empty = summarisePlan(
    { rows: [], newCustomers: [] },
    () => '',
    previewContext(request),
    [],
  );
  if (!chunk.rows.length) return empty;
  const tabs = readTabs(request, chunk.entity);
  const byId = new Map(tabs.records.map((r) => [r.id, r.values]));
  return summarisePlan(
    withOwnColumns(plan(request, chunk, tabs), tabs),
    (id, values) => titleOf(chunk.entity, { ...byId.get(id), ...(values as AnyRecord) }),
    previewContext(request),
    newColumnsOf(tabs.target, chunk),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function newState(request: RequestContext, chunk: CommitChunk): OperationState {
  if (chunk.importId !== undefined && !UUID.test(String(chunk.importId))) {
    throw new UserFacingError('An import id is a UUID.');
  }
  return {
    id: chunk.importId ?? Utilities.getUuid(),
    kind: 'import',
    entity: chunk.entity,
    status: 'running',
    started: request.now.toISOString(),
    stamp: request.now.toISOString(),
    user: request.user,
    summary: `Import of ${chunk.fileName || 'a file'} into ${ENTITIES[chunk.entity].tab}`,
    maxRowsBefore: {},
    addedColumns: {},
    fileName: chunk.fileName ?? '',
    done: 0,
    total: chunk.total,
    added: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    customersCreated: 0,
  };
}

function progressOf(state: OperationState): CommitProgress {
  return {
    importId: state.id,
    done: state.done,
    total: state.total,
    added: state.added,
    updated: state.updated,
    unchanged: state.unchanged,
    invalid: state.invalid,
    customersCreated: state.customersCreated,
    finished: state.status === 'finished',
  };
}

/** Stamps of a record Kartoteka adds. */

/**
 * The grid size of the tabs a batch may grow, saved with the batch's pending mark: an Undo
 * (or a roll-back) after a batch that died can still shrink them back.
 */
function rememberGrid(request: RequestContext, state: OperationState, chunk: ImportChunk): void {
  const entity = chunk.entity;
  const entities: EntityName[] = entity === 'customers' ? ['customers'] : [entity, 'customers'];
  for (const name of entities) {
    if (state.maxRowsBefore[name] !== undefined) continue;
    const sheet = request.spreadsheet.getSheetByName(ENTITIES[name].tab);
    if (sheet) state.maxRowsBefore[name] = sheet.getMaxRows();
  }
  const wanted = keptHeaders(chunk).filter((h) => !state.addedColumns[entity]?.includes(h));
  const sheet = request.spreadsheet.getSheetByName(ENTITIES[entity].tab);
  if (!wanted.length || !sheet) return;
  const lastColumn = sheet.getLastColumn();
  const header = lastColumn
    ? sheet
        .getRange(HEADER_ROW, 1, 1, lastColumn)
        .getValues()[0]
        .map((h) => String(h).trim())
    : [];
  const missing = wanted.filter((h) => !header.includes(h));
  if (!missing.length) return;
  state.maxColumnsBefore = { ...state.maxColumnsBefore };
  state.maxColumnsBefore[entity] ??= sheet.getMaxColumns();
  state.addedColumns[entity] = [...(state.addedColumns[entity] ?? []), ...missing];
}

/** Appends records to a tab, remembering the grid size first so Undo can shrink it back. */
function append(
  request: RequestContext,
  state: OperationState,
  entity: EntityName,
  records: RecordValues[],
): number {
  const sheet = request.spreadsheet.getSheetByName(ENTITIES[entity].tab);
  if (!sheet || !records.length) return 0;
  if (state.maxRowsBefore[entity] === undefined) state.maxRowsBefore[entity] = sheet.getMaxRows();
  const first = Math.max(sheet.getLastRow(), HEADER_ROW) + 1;
  appendRecords(request.spreadsheet, ENTITIES[entity], records);
  return first;
}

/**
 * Adds the headers of kept columns the tab does not have yet, after its last column (never
 * over anything), and makes the snapshot know them.
 */
function ensureKeptColumns(chunk: ImportChunk, snapshot: TableSnapshot): void {
  const present = new Set(snapshot.header.map((h) => h.trim()));
  const missing = keptHeaders(chunk).filter((h) => !present.has(h));
  if (!missing.length) return;
  const sheet = snapshot.sheet;
  // rememberGrid noted the grid width and these headers before the batch began.
  const lastColumn = Math.max(sheet.getLastColumn(), snapshot.header.length);
  const needed = lastColumn + missing.length;
  if (needed > sheet.getMaxColumns()) {
    sheet.insertColumnsAfter(sheet.getMaxColumns(), needed - sheet.getMaxColumns());
  }
  sheet.getRange(HEADER_ROW, lastColumn + 1, 1, missing.length).setValues([missing]);
  while (snapshot.header.length < lastColumn) snapshot.header.push('');
  snapshot.header.push(...missing);
}

/** The user's own columns of the rows just appended: one setValues per run of columns. */
function writeKept(
  snapshot: TableSnapshot,
  chunk: ImportChunk,
  firstRow: number,
  kept: Array<Record<string, string>>,
): void {
  const runs = adjacentRuns(
    keptHeaders(chunk)
      .map((header) => ({ header, column: ownColumnIndex(snapshot, header) + 1 }))
      .filter((c) => c.column > 0),
  );
  for (const run of runs) {
    const range = snapshot.sheet.getRange(firstRow, run[0].column, kept.length, run.length);
    // Text as in the file ("0042" stays 0042), with the quote prefix Sheets keeps text by:
    // the user's column keeps its own number format.
    range.setValues(
      kept.map((values) => run.map((c) => (values[c.header] ? `'${values[c.header]}` : ''))),
    );
  }
}

/** What one batch will write, with the journal entries that describe it. */
interface BatchWrites {
  entries: HistoryEntry[];
  newCustomers: RecordValues[];
  adds: RecordValues[];
  /** Own-column values of each added record, in the order of `adds`. */
  kept: Array<Record<string, string>>;
  /** Sheet row → fields (and stamps) to write; own columns apart. */
  updates: Map<number, RecordValues>;
  ownUpdates: Map<number, Record<string, string>>;
}

const addedEntry = (entity: EntityName, id: unknown, stamp: string): HistoryEntry => ({
  entity,
  recordId: String(id),
  change: 'added',
  before: {},
  after: { updated: stamp },
});

/** The customers the batch's rows need, with real ids for the plan's stand-ins. */
function newCustomerRecords(
  request: RequestContext,
  planned: Plan,
  stamp: string,
  writes: BatchWrites,
): Map<string, string> {
  const ids = new Map<string, string>();
  for (const customer of planned.newCustomers) {
    const values = stampedNew(request, customer.values, stamp);
    ids.set(NEW_CUSTOMER_PREFIX + customer.key, String(values.id));
    writes.entries.push(addedEntry('customers', values.id, stamp));
    writes.newCustomers.push(values);
  }
  return ids;
}

/** One matched row's changes: fields (stand-in customer ids replaced) and own columns. */
function updateOf(
  request: RequestContext,
  entity: ImportEntity,
  row: Extract<RowPlan, { kind: 'update' }>,
  current: PlacedRecord,
  customerIds: Map<string, string>,
  stamp: string,
  writes: BatchWrites,
): void {
  const after: RecordValues = {};
  const own: Record<string, string> = {};
  const ownBefore: RecordValues = {};
  for (const change of row.changes) {
    const value = change.after;
    if (change.field.startsWith(OWN_COLUMN_PREFIX)) {
      own[change.label] = String(value ?? '');
      ownBefore[change.field] = change.before;
      after[change.field] = value;
    } else {
      const real = typeof value === 'string' ? customerIds.get(value) : undefined;
      after[change.field] = real ?? value;
    }
  }
  after.updated = stamp;
  after.updatedBy = request.user;
  const fieldKeys = Object.keys(after).filter((key) => !(key in ownBefore));
  writes.entries.push({
    entity,
    recordId: row.id,
    change: 'updated',
    before: { ...pick(current.values, fieldKeys), ...ownBefore },
    after,
  });
  writes.updates.set(current.row, after);
  if (Object.keys(own).length) writes.ownUpdates.set(current.row, own);
}

function batchWrites(
  request: RequestContext,
  state: OperationState,
  entity: ImportEntity,
  planned: Plan,
  tabs: Tabs,
): BatchWrites {
  const stamp = state.stamp;
  const writes: BatchWrites = {
    entries: [],
    newCustomers: [],
    adds: [],
    kept: [],
    updates: new Map(),
    ownUpdates: new Map(),
  };
  const customerIds = newCustomerRecords(request, planned, stamp, writes);
  const byId = new Map(tabs.records.map((r) => [r.id, r]));
  for (const row of planned.rows) {
    if (row.kind === 'add') {
      const values = stampedNew(request, row.values, stamp);
      const ref = values.customerId;
      if (typeof ref === 'string') values.customerId = customerIds.get(ref) ?? ref;
      writes.adds.push(values);
      writes.kept.push(row.kept);
      writes.entries.push(addedEntry(entity, values.id, stamp));
    } else if (row.kind === 'update') {
      const current = byId.get(row.id);
      if (current) updateOf(request, entity, row, current, customerIds, stamp, writes);
    } else if (row.kind === 'unchanged') state.unchanged++;
    else state.invalid++;
  }
  return writes;
}

/** Plans and writes one batch: the journal first, then one write per block of columns. */
function commitBatch(
  request: RequestContext,
  state: OperationState,
  chunk: ImportChunk,
  batch: string,
): void {
  const tabs = readTabs(request, chunk.entity);
  const planned = withOwnColumns(plan(request, chunk, tabs), tabs);
  const writes = batchWrites(request, state, chunk.entity, planned, tabs);
  // The journal first: an execution that dies after it can still be rolled back or undone.
  journal(request, batch, writes.entries);
  append(request, state, 'customers', writes.newCustomers);
  if (writes.adds.length || writes.ownUpdates.size) ensureKeptColumns(chunk, tabs.target);
  writeRows(tabs.target, writes.updates);
  writeOwnColumns(tabs.target, writes.ownUpdates);
  const firstRow = append(request, state, chunk.entity, writes.adds);
  if (writes.adds.length) writeKept(tabs.target, chunk, firstRow, writes.kept);
  state.added += writes.adds.length;
  state.updated += writes.updates.size;
  state.customersCreated += writes.newCustomers.length;
}

function summaryOf(state: OperationState): string {
  const parts = [`${state.added} added`, `${state.updated} updated`];
  if (state.unchanged) parts.push(`${state.unchanged} unchanged`);
  if (state.invalid) parts.push(`${state.invalid} invalid rows left out`);
  if (state.customersCreated) parts.push(`${state.customersCreated} missing customers added`);
  return `${state.summary}: ${parts.join(', ')}`;
}

/**
 * Commits a chunk of an import. The first chunk of an id not seen yet starts the import. A chunk
 * that starts before what is already committed (a resend) skips those rows; one that starts
 * after it is refused with the position to resend from.
 */
export function importCommit(raw: CommitChunk): CommitProgress {
  const chunk = checkChunk(raw);
  const request = requestContext();
  const started = Date.now();
  const budget = typeof chunk.budgetMs === 'number' ? Math.max(0, chunk.budgetMs) : TIME_BUDGET_MS;
  return withDocumentLock(() => {
    const state =
      (chunk.importId ? readOperation(String(chunk.importId)) : null) ?? newState(request, chunk);
    if (!state || state.kind !== 'import') throw new UserFacingError('That import does not exist.');
    if (state.status !== 'running') return progressOf(state);
    const offset = Number(chunk.offset) || 0;
    if (offset > state.done) return progressOf(state);
    if (state.pending) {
      // The last call died half-way through a batch: take back what it wrote of it.
      rollBackBatch(request, state, state.pending);
      state.pending = undefined;
    }
    let position = state.done - offset;
    while (position < chunk.rows.length) {
      const end = Math.min(position + BATCH_ROWS, chunk.rows.length);
      rememberGrid(request, state, chunk);
      state.batches = (state.batches ?? 0) + 1;
      state.pending = `${state.id}#${state.batches}`;
      saveOperation(state);
      commitBatch(
        request,
        state,
        {
          ...chunk,
          rows: chunk.rows.slice(position, end),
          rowNumbers: chunk.rowNumbers.slice(position, end),
        },
        state.pending,
      );
      state.done += end - position;
      state.pending = undefined;
      position = end;
      saveOperation(state);
      if (Date.now() - started >= budget) break;
    }
    if (state.done >= state.total) {
      state.status = 'finished';
      refreshAfterBulkChange(request);
      appendRecords(request.spreadsheet, ENTITIES.log, [
        logEntry(request, 'import', `${summaryOf(state)} (import ${state.id})`, state.id),
      ]);
    }
    saveOperation(state);
    return progressOf(state);
  });
}

export function undoImport(importId: string): UndoResult {
  return undoOperationOf('import', importId);
}

export function listImports(): ImportSummary[] {
  return listOperations()
    .filter((s) => s.kind === 'import')
    .map((s) => ({
      importId: s.id,
      entity: s.entity as ImportEntity,
      fileName: s.fileName ?? '',
      started: s.started,
      user: s.user,
      status: s.status,
      done: s.done,
      total: s.total,
      added: s.added,
      updated: s.updated,
      customersCreated: s.customersCreated,
    }));
}
