/**
 * Reading and writing the records a user edits as rows: list and search, one record, save
 * (create or patch), archive and restore. Every write validates with the same domain rules
 * the sidebar uses and happens under the document lock after re-reading what it changes.
 *
 * A save reads only what it changes: the record's row, found by id without reading the tab
 * (sheet/tab.ts), and for a new customer or contact the columns duplicates are found by.
 * Everything that can be done before the document lock is — settings, time zone, checks of
 * the input and of the records it refers to — so a colleague's save waits only for the
 * re-read and the write.
 */
import {
  ENTITIES,
  inputFields,
  recordTitle,
  type AnyRecord,
  type EntityName,
  type EntitySpec,
} from '../domain/schema';
import { validateField, validateInput, type ValidationContext } from '../domain/validate';
import { FIELD_KINDS } from '../domain/field-kinds';
import { findDuplicate } from '../domain/dedupe';
import type { ListQuery, ListResult, SaveOptions, SaveResult } from '../domain/api-types';
import {
  asResult,
  recordSpec,
  validationContext,
  withRequest,
  type RequestContext,
  type Spreadsheet,
} from './request';
import { getSpreadsheet, withDocumentLock } from './spreadsheet';
import { HEADER_ROW, isBlankRow, readTable, recordsOf, type RecordValues } from './sheet/table';
import type { Tab } from './sheet/tab';

export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 200;

// ---------------------------------------------------------------------------------------
// Reading

function matchesText(spec: EntitySpec, values: RecordValues, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  const digits = needle.replace(/[^\d]/g, '');
  return spec.fields.some((field) => {
    const value = values[field.key];
    if (value === null || value === undefined) return false;
    const haystack = Array.isArray(value) ? value.join(' ') : String(value);
    if (haystack.toLowerCase().includes(needle)) return true;
    return (
      FIELD_KINDS[field.kind].searchDigits === true &&
      digits.length >= 3 &&
      haystack.replace(/[^\d]/g, '').includes(digits)
    );
  });
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { sensitivity: 'base', numeric: true });
}

export function listRecords(entity: EntityName, query: ListQuery = {}): ListResult {
  return withRequest((request) => {
    const list = listIn(request.spreadsheet, entity, query ?? {}, request.timeZone);
    // The rows just read are where these records are: the next save or card need not look.
    request.document.cache.rememberRows(
      recordSpec(entity).name,
      list.rows.map((r) => [String(r.values.id), r.row] as const),
    );
    return list.result;
  });
}

/** A list needs only the tab: no settings, clock or user (and no second look-up at start-up). */
export function listIn(
  spreadsheet: Spreadsheet,
  entity: EntityName,
  query: ListQuery,
  timeZone?: string,
): { result: ListResult; rows: Array<{ row: number; values: RecordValues }> } {
  const spec = recordSpec(entity);
  const { rows } = recordsOf(readTable(spreadsheet, spec, timeZone));
  let items = rows.map((r) => r.values);
  if (!query.includeArchived) items = items.filter((v) => v.archived !== true);
  if (query.text) items = items.filter((v) => matchesText(spec, v, query.text ?? ''));
  if (query.tag) {
    const tag = query.tag.trim().toLowerCase();
    items = items.filter((v) => Array.isArray(v.tags) && v.tags.includes(tag));
  }
  if (query.stage)
    items = items.filter((v) => v.stage === query.stage || v.lifecycle === query.stage);
  if (query.owner) items = items.filter((v) => v.owner === query.owner);
  const sort = query.sort ?? { field: 'updated', direction: 'desc' as const };
  const direction = sort.direction === 'asc' ? 1 : -1;
  items.sort((a, b) => direction * compareValues(a[sort.field], b[sort.field]));
  const pageSize = Math.min(Math.max(1, query.pageSize ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const page = Math.max(1, query.page ?? 1);
  return {
    result: {
      items: items.slice((page - 1) * pageSize, page * pageSize),
      total: items.length,
      page,
      pageSize,
    },
    rows,
  };
}

export function getRecord(entity: EntityName, id: string): AnyRecord | null {
  const spec = recordSpec(entity);
  return withRequest((request) => {
    const read = request.document.tab(spec.name).findRow(String(id ?? ''));
    return (read && request.document.tab(spec.name).record(read).values) ?? null;
  });
}

/** The record under the user's cursor in the sheet ("Edit the selected row"). */
export function getActiveRecord(): { entity: EntityName; record: AnyRecord } | null {
  return withRequest((request) => {
    const sheet = request.spreadsheet.getActiveSheet();
    const spec = Object.values(ENTITIES).find((s) => s.record && s.tab === sheet.getName());
    if (!spec) return null;
    const cell = request.spreadsheet.getCurrentCell();
    if (!cell) return null;
    const row = cell.getRow();
    if (row <= HEADER_ROW) return null;
    const tab = request.document.tab(spec.name);
    const read = tab.readRow(row);
    if (isBlankRow(read.cells)) return null;
    const values = tab.record(read).values;
    return values ? { entity: spec.name, record: values } : null;
  });
}

// ---------------------------------------------------------------------------------------
// Writing

/**
 * Checks that the records an input refers to exist, before the lock: the row hints of the
 * document cache answer for records seen lately, a TextFinder lookup for the others.
 */
function referenceChecker(request: RequestContext): ValidationContext['refExists'] {
  const verdicts = new Map<string, boolean>();
  return (entity, id) => {
    const key = `${entity}\u0000${id}`;
    let exists = verdicts.get(key);
    if (exists === undefined) {
      const cache = request.document.cache;
      exists = cache.known(entity, id) || request.document.tab(entity).lookup(id) !== undefined;
      verdicts.set(key, exists);
    }
    return exists;
  };
}

function contextFor(
  request: RequestContext,
  refExists: ValidationContext['refExists'],
): ValidationContext {
  return { ...validationContext(request), refExists };
}

/** The fields of an input a user may set, in the shape the form sent them. */
function inputKeys(spec: EntitySpec, input: AnyRecord): string[] {
  return inputFields(spec)
    .map((field) => field.key)
    .filter((key) => key in input);
}

/**
 * Creates a record, or updates one (input with an id). An update is a patch: fields absent
 * from the input keep their values, and the merged record is what gets validated.
 */
function save(
  request: RequestContext,
  spec: EntitySpec,
  input: AnyRecord,
  options: SaveOptions,
): SaveResult {
  const id = typeof input.id === 'string' && input.id ? input.id : undefined;
  return id ? update(request, spec, id, input, options) : create(request, spec, input, options);
}

function update(
  request: RequestContext,
  spec: EntitySpec,
  id: string,
  input: AnyRecord,
  options: SaveOptions,
): SaveResult {
  // Before the lock: each field of the patch on its own (references included), and where
  // the record is.
  const refExists = referenceChecker(request);
  const context = contextFor(request, refExists);
  const fieldErrors: Record<string, string> = {};
  for (const key of inputKeys(spec, input)) {
    const error = validateField(spec.name, key, input[key], context);
    if (error) fieldErrors[key] = error;
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const tab = request.document.tab(spec.name);
  const located = request.document.cache.rowHint(spec.name, id) ?? tab.lookup(id);
  const gone: SaveResult = {
    ok: false,
    error: `This ${spec.singular} no longer exists — someone may have deleted its row. Nothing was saved.`,
  };
  if (located === undefined) return gone;
  const stamp = request.now.toISOString();
  return withDocumentLock((): SaveResult => {
    const read = rowHolding(tab, id, located);
    if (!read) return gone;
    const current = tab.record(read).values ?? {};
    if (options.expectedUpdated && current.updated !== options.expectedUpdated) {
      return {
        ok: false,
        error:
          `Someone else changed this ${spec.singular} (at ${String(current.updated)}) while you were editing. ` +
          'Reopen it to see their changes; yours were not saved.',
      };
    }
    // The whole record is checked now; references were checked above or are the row's own.
    const checked = validateInput(
      spec.name,
      { ...current, ...input },
      contextFor(request, (entity, ref) =>
        Object.values(current).includes(ref) ? true : (refExists?.(entity, ref) ?? true),
      ),
    );
    if (!checked.ok) return { ok: false, fieldErrors: checked.fieldErrors };
    const values: RecordValues = {
      ...current,
      ...checked.value,
      id,
      updated: stamp,
      updatedBy: request.user,
    };
    tab.write(read, values, { formats: true });
    return { ok: true, record: values };
  });
}

/** The row holding the record, read under the lock: where it was a moment ago, or found anew. */
function rowHolding(tab: Tab, id: string, located: number) {
  const read = tab.readRowIfInGrid(located);
  if (read && tab.idOf(read.cells) === id) return read;
  const row = tab.lookup(id); // someone sorted or deleted rows since
  if (row === undefined) return null;
  const again = tab.readRow(row);
  return tab.idOf(again.cells) === id ? again : null;
}

const DEDUPE_KEYS = ['id', 'email', 'phone'];
/** Columns between id and email/phone are read through: one call instead of two. */
const DEDUPE_GAP = 6;

function create(
  request: RequestContext,
  spec: EntitySpec,
  input: AnyRecord,
  options: SaveOptions,
): SaveResult {
  // A new record is checked whole before waiting for the lock.
  const checked = validateInput(spec.name, input, contextFor(request, referenceChecker(request)));
  if (!checked.ok) return { ok: false, fieldErrors: checked.fieldErrors };
  const stamp = request.now.toISOString();
  const values: RecordValues = {
    ...checked.value,
    id: Utilities.getUuid(),
    created: stamp,
    updated: stamp,
    createdBy: request.user,
    updatedBy: request.user,
    archived: false,
  };
  const tab = request.document.tab(spec.name);
  tab.layout(); // the header, cached or read, before the lock
  const deduped = spec.fields.some((f) => f.key === 'email' || f.key === 'phone');
  return withDocumentLock((): SaveResult => {
    let row: number;
    if (deduped) {
      // The duplicate check reads the columns it compares, under the lock: two people
      // adding the same customer at once cannot both pass it.
      const { values: columns } = tab.readColumns(DEDUPE_KEYS, DEDUPE_GAP);
      if (!options.confirmDuplicate) {
        const duplicate = duplicateIn(tab, columns, checked.value);
        if (duplicate) return { ok: false, duplicate };
      }
      row = lastFilled(columns) + HEADER_ROW + 2;
    } else {
      row = Math.max(tab.lastRow(), HEADER_ROW) + 1;
    }
    // Rows inside the grid have their formats from Set up tabs; rows added get them there.
    tab.writeNew(row, values);
    request.document.cache.rememberRows(spec.name, [[String(values.id), row]]);
    return { ok: true, record: values };
  });
}

/** Index (0 = row 2) of the last row with anything in these columns; -1 when none. */
function lastFilled(columns: Map<string, unknown[]>): number {
  let last = -1;
  for (const cells of columns.values()) {
    for (let i = cells.length - 1; i > last; i--) {
      if (cells[i] !== '' && cells[i] !== null && cells[i] !== undefined) {
        last = i;
        break;
      }
    }
  }
  return last;
}

/**
 * A record with the same email or phone, from the columns read; an archived one does not
 * count (one row read to tell, only when there is a match).
 */
function duplicateIn(tab: Tab, columns: Map<string, unknown[]>, candidate: AnyRecord) {
  const text = (cell: unknown) =>
    cell === '' || cell === null || cell === undefined ? '' : String(cell);
  const ids = columns.get('id') ?? [];
  const emails = columns.get('email') ?? [];
  const phones = columns.get('phone') ?? [];
  const archived = new Set<string>();
  for (;;) {
    const existing = ids.flatMap((cell, i) => {
      const id = text(cell).trim();
      return id && !archived.has(id)
        ? [{ id, record: { email: text(emails[i]), phone: text(phones[i]) } }]
        : [];
    });
    const match = findDuplicate(tab.spec.name, candidate, existing);
    if (!match) return null;
    const read = tab.readRow(
      ids.findIndex((cell) => text(cell).trim() === match.id) + HEADER_ROW + 1,
    );
    const record = tab.record(read).values;
    if (record?.archived === true) {
      archived.add(match.id);
      continue;
    }
    return {
      entity: tab.spec.name,
      id: match.id,
      title: record ? recordTitle(tab.spec, record) : match.id,
      matchedOn: match.matchedOn,
    };
  }
}

export function saveRecord(
  entity: EntityName,
  input: AnyRecord,
  options: SaveOptions = {},
): SaveResult {
  const spec = recordSpec(entity);
  return asResult(() => withRequest((request) => save(request, spec, input ?? {}, options ?? {})));
}

function setArchived(entity: EntityName, id: string, archived: boolean): SaveResult {
  const spec = recordSpec(entity);
  return asResult(() =>
    withRequest((request) => {
      const tab = request.document.tab(spec.name);
      const gone: SaveResult = { ok: false, error: `This ${spec.singular} no longer exists.` };
      const located = request.document.cache.rowHint(spec.name, id) ?? tab.lookup(id);
      if (located === undefined) return gone;
      return withDocumentLock((): SaveResult => {
        const read = rowHolding(tab, id, located);
        const current = read && tab.record(read).values;
        if (!read || !current) return gone;
        const values = {
          ...current,
          archived,
          updated: request.now.toISOString(),
          updatedBy: request.user,
        };
        tab.write(read, values, { formats: true });
        return { ok: true, record: values };
      });
    }),
  );
}

/** Soft delete, the user's delete: the row stays, marked archived, out of lists and jobs. */
export function archiveRecord(entity: EntityName, id: string): SaveResult {
  return setArchived(entity, id, true);
}

export function restoreRecord(entity: EntityName, id: string): SaveResult {
  return setArchived(entity, id, false);
}

export function logActivity(input: AnyRecord): SaveResult {
  return saveRecord('activities', { ...input, id: undefined });
}
