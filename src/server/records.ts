/**
 * Reading and writing the records a user edits as rows: list and search, one record, save
 * (create or patch), archive and restore. Every write validates with the same domain rules
 * the sidebar uses and happens under the document lock after re-reading what it changes.
 */
import {
  ENTITIES,
  recordTitle,
  type AnyRecord,
  type EntityName,
  type EntitySpec,
} from '../domain/schema';
import { validateInput } from '../domain/validate';
import { FIELD_KINDS } from '../domain/field-kinds';
import { findDuplicate } from '../domain/dedupe';
import { matchesFolded } from '../domain/search-text';
import type { ListQuery, ListResult, SaveOptions, SaveResult } from '../domain/api-types';
import {
  asResult,
  recordSpec,
  requestContext,
  validationContext,
  type RequestContext,
  type Spreadsheet,
} from './request';
import { getSpreadsheet, withDocumentLock } from './spreadsheet';
import {
  appendRowNumber,
  findRow,
  readTable,
  recordsOf,
  rememberRow,
  writeRow,
  type RecordValues,
  type TableRow,
  type TableSnapshot,
} from './sheet/table';

export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 200;

/** Ids of the tabs this entity's references point to: one read per referenced tab. */
function referencedIds(
  spreadsheet: Spreadsheet,
  spec: EntitySpec,
  own: TableSnapshot,
): Map<EntityName, Set<string>> {
  const ids = new Map<EntityName, Set<string>>();
  for (const field of spec.fields) {
    if (!field.ref || ids.has(field.ref)) continue;
    // A customer referred by a customer: the tab is already read.
    const snapshot = field.ref === spec.name ? own : readTable(spreadsheet, ENTITIES[field.ref]);
    const { rows } = recordsOf(snapshot);
    ids.set(field.ref, new Set(rows.map((r) => String(r.values.id))));
  }
  return ids;
}

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
  return listIn(getSpreadsheet(), entity, query);
}

/** A list needs only the tab: no settings, clock or user (and no second look-up at start-up). */
export function listIn(spreadsheet: Spreadsheet, entity: EntityName, query: ListQuery): ListResult {
  const spec = recordSpec(entity);
  const { rows } = recordsOf(readTable(spreadsheet, spec));
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
    items: items.slice((page - 1) * pageSize, page * pageSize),
    total: items.length,
    page,
    pageSize,
  };
}

export function getRecord(entity: EntityName, id: string): AnyRecord | null {
  const spec = recordSpec(entity);
  const { rows } = recordsOf(readTable(getSpreadsheet(), spec));
  return rows.find((r) => r.values.id === id)?.values ?? null;
}

/** The record under the user's cursor in the sheet ("Edit the selected row"). */
export function getActiveRecord(): { entity: EntityName; record: AnyRecord } | null {
  const spreadsheet = getSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  const spec = Object.values(ENTITIES).find((s) => s.record && s.tab === sheet.getName());
  if (!spec) return null;
  const cell = spreadsheet.getCurrentCell();
  if (!cell) return null;
  const { rows } = recordsOf(readTable(spreadsheet, spec));
  const found = rows.find((r) => r.row === cell.getRow());
  return found ? { entity: spec.name, record: found.values } : null;
}

// ---------------------------------------------------------------------------------------
// Writing

function duplicateOf(spec: EntitySpec, rows: TableRow[], candidate: RecordValues) {
  const existing = rows.map((r) => ({ id: String(r.values.id), record: r.values }));
  const match = findDuplicate(spec.name, candidate, existing);
  if (!match) return null;
  const other = existing.find((e) => e.id === match.id);
  return {
    entity: spec.name,
    id: match.id,
    title: other ? recordTitle(spec, other.record) : match.id,
    matchedOn: match.matchedOn,
  };
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
  if (!id) {
    // A new record can be checked before waiting for the lock.
    const quick = validateInput(spec.name, input, validationContext(request));
    if (!quick.ok) return { ok: false, fieldErrors: quick.fieldErrors };
  }
  return withDocumentLock((): SaveResult => {
    const snapshot = readTable(request.spreadsheet, spec);
    const existing = recordsOf(snapshot).rows;
    const row = id ? findRow(snapshot, id) : undefined;
    if (id && !row) {
      return {
        ok: false,
        error: `This ${spec.singular} no longer exists — someone may have deleted its row. Nothing was saved.`,
      };
    }
    const current = (row && existing.find((r) => r.row === row)?.values) || {};
    if (id && options.expectedUpdated && current.updated !== options.expectedUpdated) {
      return {
        ok: false,
        error:
          `Someone else changed this ${spec.singular} (at ${String(current.updated)}) while you were editing. ` +
          'Reopen it to see their changes; yours were not saved.',
      };
    }
    const checked = validateInput(
      spec.name,
      { ...current, ...input },
      validationContext(request, referencedIds(request.spreadsheet, spec, snapshot)),
    );
    if (!checked.ok) return { ok: false, fieldErrors: checked.fieldErrors };
    const stamp = request.now.toISOString();
    if (id && row) {
      const values: RecordValues = {
        ...current,
        ...checked.value,
        id,
        updated: stamp,
        updatedBy: request.user,
      };
      writeRow(snapshot, row, values);
      return { ok: true, record: values };
    }
    if (!options.confirmDuplicate) {
      const duplicate = duplicateOf(spec, existing, checked.value);
      if (duplicate) return { ok: false, duplicate };
    }
    const values: RecordValues = {
      ...checked.value,
      id: Utilities.getUuid(),
      created: stamp,
      updated: stamp,
      createdBy: request.user,
      updatedBy: request.user,
      archived: false,
    };
    const newRow = appendRowNumber(snapshot);
    writeRow(snapshot, newRow, values);
    rememberRow(snapshot, newRow, values);
    return { ok: true, record: values };
  });
}

export function saveRecord(
  entity: EntityName,
  input: AnyRecord,
  options: SaveOptions = {},
): SaveResult {
  return asResult(() => save(requestContext(), recordSpec(entity), input ?? {}, options ?? {}));
}

function setArchived(entity: EntityName, id: string, archived: boolean): SaveResult {
  const spec = recordSpec(entity);
  const request = requestContext();
  return asResult(() =>
    withDocumentLock((): SaveResult => {
      const snapshot = readTable(request.spreadsheet, spec);
      const row = findRow(snapshot, id);
      const current = recordsOf(snapshot).rows.find((r) => r.row === row);
      if (!row || !current) return { ok: false, error: `This ${spec.singular} no longer exists.` };
      const values = {
        ...current.values,
        archived,
        updated: request.now.toISOString(),
        updatedBy: request.user,
      };
      writeRow(snapshot, row, values);
      return { ok: true, record: values };
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
