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
  recordTitle,
  type AnyRecord,
  type EntityName,
  type EntitySpec,
} from '../domain/schema';
import { validateInput, type ValidationContext } from '../domain/validate';
import { FIELD_KINDS } from '../domain/field-kinds';
import { findDuplicate } from '../domain/dedupe';
import { matchesFolded } from '../domain/search-text';
import type { ListQuery, ListResult, SaveOptions, SaveResult } from '../domain/api-types';
import type { ApiValue } from './sheet/values';
import {
  asResult,
  recordSpec,
  stampedNew,
  validationContext,
  withRequest,
  type RequestContext,
} from './request';
import { withDocumentLock } from './spreadsheet';
import { withSettingNotes } from './setting-notes';
import { fillRefTitles, keepRefTitles } from './ref-titles';
import { patchOf, planArchive, planPatch } from './patch';
import { fieldsOfRow, fieldWrites } from './sheet/row-fields';
import { companionsOf } from '../domain/ref-titles';
import { HEADER_ROW, type RecordValues } from './sheet/table';
import { columnsA1, isPastGrid } from './sheet/layout';
import type { Tab } from './sheet/tab';
import type { Document } from './document';
import {
  columnTexts,
  exists,
  findRecordRow,
  locate,
  readSelectedRow,
  recordsOfRows,
  rowHolding,
} from './rows';
import { refreshAfterDealSave } from './customer-lifecycle';

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
    if (matchesFolded(haystack, needle)) return true;
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
  return withRequest((request) => listIn(request, entity, query ?? {}));
}

/** Every valid record of a tab: one read of its header and its rows, Kartoteka's columns only. */
export function readAll(
  request: RequestContext,
  entity: EntityName,
): Array<{ row: number; values: RecordValues }> {
  return readAllOf(request, [entity]).get(entity) ?? [];
}

/** Every valid record of several tabs, in one read of their header rows and rows. */
export function readAllOf(
  request: RequestContext,
  entities: readonly EntityName[],
): Map<EntityName, Array<{ row: number; values: RecordValues }>> {
  const doc = request.document;
  const tabs = entities.map((entity) => doc.tab(entity));
  const values = doc.read(entities, () =>
    tabs.map((tab) => {
      const { first, last } = tab.layout();
      return columnsA1(tab.spec.tab, HEADER_ROW + 1, first + 1, last - first + 1);
    }),
  );
  // Every row of each tab is read: where each record is, and any id in two rows, come free.
  return new Map(
    tabs.map((tab, i) => {
      const reads = (values[i] ?? []).map((line, r) => ({
        row: r + HEADER_ROW + 1,
        cells: tab.spanCells(line),
      }));
      return [tab.entity, recordsOfRows(doc, tab, reads, request.timeZone)] as const;
    }),
  );
}

/** A list reads only the tab: no settings, clock or user. */
export function listIn(request: RequestContext, entity: EntityName, query: ListQuery): ListResult {
  const spec = recordSpec(entity);
  let items = readAll(request, spec.name).map((r) => r.values);
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
    items: items.slice((page - 1) * pageSize, page * pageSize),
    total: items.length,
    page,
    pageSize,
  };
}

export function getRecord(entity: EntityName, id: string): AnyRecord | null {
  const spec = recordSpec(entity);
  return withRequest((request) => {
    const read = findRecordRow(request.document, spec.name, String(id ?? ''));
    // A bad hand-typed cell leaves its field out; a save then writes only what it changes.
    const tab = request.document.tab(spec.name);
    return (read && tab.record(read, request.timeZone, true).values) ?? null;
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
    const read = readSelectedRow(request.document, tab, row);
    const values = read && tab.record(read, request.timeZone).values;
    return values ? { entity: spec.name, record: values } : null;
  });
}

// ---------------------------------------------------------------------------------------
// Writing

/**
 * Checks that the records an input refers to exist, before the lock: row hints of the
 * document cache answer for records seen lately, one read of the id column for others.
 */
function referenceChecker(doc: Document): NonNullable<ValidationContext['refExists']> {
  const verdicts = new Map<string, boolean>();
  return (entity, id) => {
    const key = `${entity}\u0000${id}`;
    let found = verdicts.get(key);
    if (found === undefined) {
      found = exists(doc, entity, id);
      verdicts.set(key, found);
    }
    return found;
  };
}

function contextFor(
  request: RequestContext,
  refExists: ValidationContext['refExists'],
): ValidationContext {
  return { ...validationContext(request), refExists };
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

/** The document lock without SpreadsheetApp.flush: these writes are Sheets API calls. */
const locked = <T>(write: () => T): T => withDocumentLock(write, undefined, { flush: false });

/**
 * An update is a patch (patch.ts): only the fields of the input are written, each compared
 * under the lock with what the user saw (`options.seen`), with the stamps; a field left out
 * keeps its cell, readable or not.
 */
function update(
  request: RequestContext,
  spec: EntitySpec,
  id: string,
  input: AnyRecord,
  options: SaveOptions,
): SaveResult {
  // Before the lock: each field of the patch on its own (its references included), and
  // where the record is.
  const doc = request.document;
  const refExists = referenceChecker(doc);
  const prepared = patchOf(spec, input, options, contextFor(request, refExists));
  if (!('patch' in prepared)) return prepared;
  const gone: SaveResult = {
    ok: false,
    error: `This ${spec.singular} no longer exists — someone may have deleted its row. Nothing was saved.`,
  };
  const located = locate(doc, spec.name, id);
  if (located === undefined) return gone;
  const tab = doc.tab(spec.name);
  const timeZone = request.timeZone;
  const stamp = { at: request.now.toISOString(), by: request.user, timeZone };
  return locked((): SaveResult => {
    const read = rowHolding(doc, tab, id, located);
    if (!read) return gone;
    const fields = fieldsOfRow(tab, read, timeZone);
    if (options.expectedUpdated && fields.values.updated !== options.expectedUpdated) {
      return {
        ok: false,
        error:
          `Someone else changed this ${spec.singular} (at ${String(fields.values.updated)}) while you were editing. ` +
          'Reopen it to see their changes; yours were not saved.',
      };
    }
    // The record's own references are taken as they are (nothing is read under the lock);
    // those the patch sets were checked above.
    const own = new Set(Object.values(fields.values).map(String));
    const context = contextFor(request, (entity, ref) => own.has(ref) || refExists(entity, ref));
    const plan = planPatch(spec, tab, fields, prepared.patch, context, stamp, () => ({
      locale: doc.locale(),
      timeZone,
    }));
    if ('refused' in plan) return plan.refused;
    if (!plan.writes.length || !plan.result.ok) return plan.result;
    // A reference the patch changed gets its title beside it; a renamed record's title is
    // rewritten where others refer to it.
    const record = plan.result.record as RecordValues;
    const renamed = keepRefTitles(doc, spec, record, fields.values);
    const titles = companionsOf(spec)
      .map((c) => c.field.key)
      .filter((key) => record[key] !== fields.values[key]);
    doc.write([
      ...plan.writes,
      ...fieldWrites(tab, fields.row, record, titles, timeZone),
      ...renamed,
    ]);
    return plan.result;
  });
}

/** Columns a duplicate is found and named by. */
const DEDUPE_KEYS = ['id', 'email', 'phone', 'archived'];

function create(
  request: RequestContext,
  spec: EntitySpec,
  input: AnyRecord,
  options: SaveOptions,
): SaveResult {
  const doc = request.document;
  // A new record is checked whole before waiting for the lock.
  const checked = validateInput(spec.name, input, contextFor(request, referenceChecker(doc)));
  if (!checked.ok) return { ok: false, fieldErrors: checked.fieldErrors };
  const values: RecordValues = stampedNew(request, checked.value, request.now.toISOString());
  fillRefTitles(doc, spec, values);
  const tab = doc.tab(spec.name);
  const deduped = spec.fields.some((f) => f.key === 'email' || f.key === 'phone');
  const keys = deduped ? [...DEDUPE_KEYS, ...spec.titleFields] : [];
  const check = deduped && !options.confirmDuplicate;
  // Before the lock: the duplicate check over every row (one read of the columns it compares).
  const before = check ? dedupeColumns(doc, tab, keys, HEADER_ROW + 1) : undefined;
  const candidate = checked.value;
  const duplicate = before && duplicateAmong(spec, before, candidate);
  if (duplicate) return { ok: false, duplicate };
  const checkedRows = before ? Math.max(0, ...[...before.values()].map((c) => c?.length ?? 0)) : 0;
  return locked((): SaveResult => {
    // Under the lock, only the rows added since that read are compared (two people adding the
    // same customer at once cannot both pass); without a check, the header alone is read, so
    // the append below writes each value in its column as the tab is now.
    if (before) {
      const added = dedupeColumns(doc, tab, keys, HEADER_ROW + 1 + checkedRows);
      const late = duplicateAmong(spec, added, candidate);
      if (late) return { ok: false, duplicate: late };
    } else {
      doc.read([spec.name], () => []);
    }
    const row = doc.append(tab, values);
    if (row !== undefined) doc.cache.rememberRows(spec.name, [[String(values.id), row]]);
    return { ok: true, record: values };
  });
}

/** The columns a duplicate is found and named by, from `fromRow` down (none past the grid). */
function dedupeColumns(
  doc: Document,
  tab: Tab,
  keys: readonly string[],
  fromRow: number,
): Map<string, ApiValue[][] | undefined> {
  const placed = () => keys.filter((key) => tab.layout().columnOf.has(key));
  try {
    const columns = doc.read([tab.entity], () =>
      placed().map((key) =>
        columnsA1(tab.spec.tab, fromRow, (tab.layout().columnOf.get(key) as number) + 1),
      ),
    );
    return new Map(placed().map((key, i) => [key, columns[i]]));
  } catch (error) {
    if (isPastGrid(error)) return new Map();
    throw error;
  }
}

type DuplicateFound = Extract<SaveResult, { duplicate: unknown }>['duplicate'];

/** A record with the same email or phone among the columns read; an archived one does not count. */
function duplicateAmong(
  spec: EntitySpec,
  columns: Map<string, ApiValue[][] | undefined>,
  candidate: AnyRecord,
): DuplicateFound | null {
  const text = (key: string) => columnTexts(columns.get(key));
  const ids = text('id');
  const [emails, phones, archived] = [text('email'), text('phone'), text('archived')];
  const existing = ids.flatMap((id, i) =>
    id && !/^true$/i.test(archived[i] ?? '')
      ? [{ id, record: { email: emails[i] ?? '', phone: phones[i] ?? '' } }]
      : [],
  );
  const match = findDuplicate(spec.name, candidate, existing);
  if (!match) return null;
  const index = ids.indexOf(match.id);
  const titled: AnyRecord = {};
  for (const key of spec.titleFields) titled[key] = text(key)[index] || null;
  return {
    entity: spec.name,
    id: match.id,
    title: recordTitle(spec, { ...titled, id: match.id }),
    matchedOn: match.matchedOn,
  };
}

export function saveRecord(
  entity: EntityName,
  input: AnyRecord,
  options: SaveOptions = {},
): SaveResult {
  const spec = recordSpec(entity);
  return asResult(() =>
    withRequest((request) => {
      const saved = save(request, spec, input ?? {}, options ?? {});
      const result = withSettingNotes(request.document, spec, saved);
      return spec.name === 'deals' ? refreshAfterDealSave(request, input ?? {}, result) : result;
    }),
  );
}

/** Archive or restore: the Archived cell and the stamps are written, no other cell. */
function setArchived(entity: EntityName, id: string, archived: boolean): SaveResult {
  const spec = recordSpec(entity);
  return asResult(() =>
    withRequest((request) => {
      const doc = request.document;
      const gone: SaveResult = { ok: false, error: `This ${spec.singular} no longer exists.` };
      const located = locate(doc, spec.name, String(id ?? ''));
      if (located === undefined) return gone;
      const tab = doc.tab(spec.name);
      const timeZone = request.timeZone;
      const stamp = { at: request.now.toISOString(), by: request.user, timeZone };
      const result = locked((): SaveResult => {
        const read = rowHolding(doc, tab, id, located);
        if (!read) return gone;
        const plan = planArchive(tab, fieldsOfRow(tab, read, timeZone), archived, stamp);
        if ('refused' in plan) return plan.refused;
        doc.write(plan.writes);
        return plan.result;
      });
      return spec.name === 'deals' ? refreshAfterDealSave(request, {}, result) : result;
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
