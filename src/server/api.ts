/**
 * What the sidebar calls through google.script.run. Every function takes and returns plain
 * JSON (dates as ISO strings), validates with the same domain schemas the sidebar uses,
 * and writes only under the document lock after re-reading what it changes.
 */
import { calendarDateIn } from '../domain/calendar';
import {
  ENTITIES,
  RECORD_ENTITIES as RECORD_ENTITY_NAMES,
  recordTitle,
  type EntityName,
  type EntitySpec,
} from '../domain/schema';
import { validateInput, type ValidationContext } from '../domain/validate';
import { findDuplicate } from '../domain/dedupe';
import { isPurchase, purchaseDate, purchaseMetrics } from '../domain/purchases';
import { classifyCustomer, lifecycleSettings, topThreshold } from '../domain/lifecycle';
import type {
  CustomerCard,
  ListQuery,
  ListResult,
  Problem,
  RecordJson,
  SaveOptions,
  SaveResult,
  SidebarBootstrap,
} from '../domain/api-types';
import { readSettings, type Settings } from './settings';
import { getSpreadsheet, UserFacingError, withDocumentLock } from './spreadsheet';
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

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 200;
/** Entities a user edits as rows (Settings has its own key/value form). */
const RECORD_ENTITIES = new Set<EntityName>(RECORD_ENTITY_NAMES);

function specOf(entity: unknown): EntitySpec {
  if (typeof entity !== 'string' || !RECORD_ENTITIES.has(entity as EntityName)) {
    throw new UserFacingError(`Unknown record type: ${String(entity)}`);
  }
  return ENTITIES[entity as EntityName];
}

function currentUser(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

interface RequestContext {
  spreadsheet: Spreadsheet;
  settings: Settings;
  timeZone: string;
  now: Date;
  today: string;
  user: string;
}

function requestContext(): RequestContext {
  const spreadsheet = getSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const now = new Date();
  return {
    spreadsheet,
    settings: readSettings(spreadsheet),
    timeZone,
    now,
    today: calendarDateIn(now, timeZone),
    user: currentUser(),
  };
}

function validationContext(
  request: RequestContext,
  refIds?: Map<EntityName, Set<string>>,
): ValidationContext {
  return {
    today: request.today,
    defaultCountry: request.settings.defaultCountry,
    defaultCurrency: request.settings.defaultCurrency,
    refExists: refIds ? (entity, id) => refIds.get(entity)?.has(id) ?? false : undefined,
  };
}

/** Ids of the tabs this entity's references point to: one read per referenced tab. */
function referencedIds(
  spreadsheet: Spreadsheet,
  spec: EntitySpec,
  own: TableSnapshot,
): Map<EntityName, Set<string>> {
  const ids = new Map<EntityName, Set<string>>();
  for (const field of spec.fields) {
    if (field.kind !== 'ref' || !field.ref || ids.has(field.ref)) continue;
    // A customer referred by a customer: the tab is already read.
    const snapshot = field.ref === spec.name ? own : readTable(spreadsheet, ENTITIES[field.ref]);
    const { rows } = recordsOf(snapshot);
    ids.set(field.ref, new Set(rows.map((r) => String(r.values.id))));
  }
  return ids;
}

function toJson(values: RecordValues): RecordJson {
  return { ...values };
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
    if (haystack.toLowerCase().includes(needle)) return true;
    return (
      field.kind === 'phone' &&
      digits.length >= 3 &&
      haystack.replace(/[^\d]/g, '').includes(digits)
    );
  });
}

function compareValues(a: unknown, b: unknown): number {
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
function listIn(spreadsheet: Spreadsheet, entity: EntityName, query: ListQuery): ListResult {
  const spec = specOf(entity);
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
    items: items.slice((page - 1) * pageSize, page * pageSize).map(toJson),
    total: items.length,
    page,
    pageSize,
  };
}

export function getRecord(entity: EntityName, id: string): RecordJson | null {
  const spec = specOf(entity);
  const { rows } = recordsOf(readTable(getSpreadsheet(), spec));
  const found = rows.find((r) => r.values.id === id);
  return found ? toJson(found.values) : null;
}

/** Invalid hand-typed rows in every tab: cells of the wrong type and values that break a rule. */
export function getProblems(): Problem[] {
  const request = requestContext();
  const problems: Problem[] = [];
  const snapshots = new Map<EntityName, TableSnapshot>();
  for (const entity of RECORD_ENTITIES) {
    snapshots.set(entity, readTable(request.spreadsheet, ENTITIES[entity]));
  }
  const ids = new Map<EntityName, Set<string>>();
  const parsed = new Map<EntityName, ReturnType<typeof recordsOf>>();
  for (const [entity, snapshot] of snapshots) {
    const result = recordsOf(snapshot);
    parsed.set(entity, result);
    ids.set(entity, new Set(result.rows.map((r) => String(r.values.id))));
  }
  const context = validationContext(request, ids);
  for (const [entity, result] of parsed) {
    const spec = ENTITIES[entity];
    problems.push(...result.problems);
    for (const { row, values } of result.rows) {
      const check = validateInput(entity, values, context);
      if (check.ok) continue;
      for (const [key, message] of Object.entries(check.fieldErrors)) {
        const field = spec.fields.find((f) => f.key === key);
        problems.push({ tab: spec.tab, row, column: field?.header ?? key, message });
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Writing

function duplicateOf(spec: EntitySpec, rows: TableRow[], candidate: RecordValues) {
  const existing = rows.map((r) => ({
    id: String(r.values.id),
    record: r.values,
  }));
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
  input: Record<string, unknown>,
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
    const value = checked.value as RecordValues;
    const stamp = request.now.toISOString();
    if (id && row) {
      const values: RecordValues = {
        ...current,
        ...value,
        id,
        updated: stamp,
        updatedBy: request.user,
      };
      writeRow(snapshot, row, values);
      return { ok: true, record: toJson(values) };
    }
    if (!options.confirmDuplicate) {
      const duplicate = duplicateOf(spec, existing, value);
      if (duplicate) return { ok: false, duplicate };
    }
    const values: RecordValues = {
      ...value,
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
    return { ok: true, record: toJson(values) };
  });
}

/** Turns a lock timeout or a user-facing error into a result the sidebar shows as is. */
function asResult(action: () => SaveResult): SaveResult {
  try {
    return action();
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
}

export function saveRecord(
  entity: EntityName,
  input: Record<string, unknown>,
  options: SaveOptions = {},
): SaveResult {
  return asResult(() => save(requestContext(), specOf(entity), input ?? {}, options ?? {}));
}

function setArchived(entity: EntityName, id: string, archived: boolean): SaveResult {
  const spec = specOf(entity);
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
      return { ok: true, record: toJson(values) };
    }),
  );
}

/** Soft delete: the row stays, marked archived, and drops out of lists and jobs. */
export function archiveRecord(entity: EntityName, id: string): SaveResult {
  return setArchived(entity, id, true);
}

export function restoreRecord(entity: EntityName, id: string): SaveResult {
  return setArchived(entity, id, false);
}

/** Hard delete, only from an explicit "Delete permanently" action: removes the row. */
export function deleteRecord(
  entity: EntityName,
  id: string,
): { ok: true } | { ok: false; error: string } {
  const spec = specOf(entity);
  const request = requestContext();
  try {
    return withDocumentLock(() => {
      const snapshot = readTable(request.spreadsheet, spec);
      const row = findRow(snapshot, id);
      if (!row) return { ok: false as const, error: `This ${spec.singular} no longer exists.` };
      snapshot.sheet.deleteRow(row);
      return { ok: true as const };
    });
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
}

export function logActivity(input: Record<string, unknown>): SaveResult {
  return saveRecord('activities', { ...input, id: undefined });
}

// ---------------------------------------------------------------------------------------
// Views

export function getCustomerCard(id: string): CustomerCard | null {
  const { spreadsheet, settings, today } = requestContext();
  const read = (entity: EntityName) =>
    recordsOf(readTable(spreadsheet, ENTITIES[entity])).rows.map((r) => r.values);
  const customers = read('customers').filter((c) => c.archived !== true);
  const customer = customers.find((c) => c.id === id);
  if (!customer) return null;
  const allDeals = read('deals').filter((d) => d.archived !== true);
  const mine = (rows: RecordValues[]) =>
    rows.filter((r) => r.customerId === id && r.archived !== true);
  const byDateDesc = (key: string) => (a: RecordValues, b: RecordValues) =>
    compareValues(b[key], a[key]);
  const deals = mine(allDeals).sort(byDateDesc('updated'));
  const metrics = purchaseMetrics(deals, settings.defaultCurrency);
  // The top-20% line needs every buying customer's total: one pass over the deals read above.
  const totals = new Map<string, number>();
  for (const deal of allDeals.filter(isPurchase)) {
    const key = String(deal.customerId);
    totals.set(key, (totals.get(key) ?? 0) + (typeof deal.amount === 'number' ? deal.amount : 0));
  }
  const lifecycleConfig = lifecycleSettings(settings);
  const lifecycle = classifyCustomer(
    {
      purchaseDates: deals
        .filter(isPurchase)
        .map(purchaseDate)
        .filter((d): d is string => d !== null),
      totalSpent: totals.get(id) ?? 0,
      referrals: customers.filter((c) => c.referredBy === id).length,
      override: typeof customer.stageOverride === 'string' ? customer.stageOverride : null,
    },
    today,
    topThreshold([...totals.values()], lifecycleConfig.topShare),
    lifecycleConfig,
  );
  return {
    customer: toJson(customer),
    metrics,
    lifecycle: { stage: lifecycle.stage, label: lifecycle.stage, reason: lifecycle.reason },
    contacts: mine(read('contacts')).map(toJson),
    deals: deals.map(toJson),
    activities: mine(read('activities')).sort(byDateDesc('date')).map(toJson),
  };
}

/** The record under the user's cursor in the sheet ("Edit the selected row"). */
export function getActiveRecord(): { entity: EntityName; record: RecordJson } | null {
  const { spreadsheet } = requestContext();
  const sheet = spreadsheet.getActiveSheet();
  const entity = (Object.keys(ENTITIES) as EntityName[]).find(
    (name) => RECORD_ENTITIES.has(name) && ENTITIES[name].tab === sheet.getName(),
  );
  if (!entity) return null;
  const cell = spreadsheet.getCurrentCell();
  if (!cell) return null;
  const { rows } = recordsOf(readTable(spreadsheet, ENTITIES[entity]));
  const found = rows.find((r) => r.row === cell.getRow());
  return found ? { entity, record: toJson(found.values) } : null;
}

export function getSchema() {
  return JSON.parse(JSON.stringify(ENTITIES)) as Record<EntityName, EntitySpec>;
}

export function getSidebarBootstrap(): SidebarBootstrap {
  const request = requestContext();
  const needsSetup = RECORD_ENTITY_NAMES.some(
    (e) => !request.spreadsheet.getSheetByName(ENTITIES[e].tab),
  );
  return {
    needsSetup,
    schema: getSchema(),
    settings: {
      defaultCountry: request.settings.defaultCountry,
      defaultCurrency: request.settings.defaultCurrency,
    },
    user: request.user,
    timeZone: request.timeZone,
    today: request.today,
    firstPage: needsSetup
      ? { items: [], total: 0, page: 1, pageSize: DEFAULT_PAGE_SIZE }
      : listIn(request.spreadsheet, 'customers', { pageSize: DEFAULT_PAGE_SIZE }),
  };
}
