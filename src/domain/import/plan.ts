/**
 * What an import would do with each row, decided against the records already in the tab:
 * add it, update the record it matches (only the fields the file gives), leave a matched
 * record as it is, refuse it with the forms' own messages, or skip it as a repeat of an
 * earlier row of the file. Pure: the server passes the records it read under the lock, the
 * preview and the commit plan with the same function, so the preview says what the commit
 * does.
 */
import { ENTITIES, recordTitle, type AnyRecord, type EntityName, type FieldValue } from '../schema';
import { FIELD_KINDS, type ValidationContext } from '../field-kinds';
import { validateInput, type NormalisedRecord } from '../validate';
import { applyMapping, nonEmptyInput, type MappedRow } from './mapping';
import type { CustomerRefKey, FieldChange, ImportEntity, ImportOptions, MatchKey } from './types';

export interface ExistingRecord {
  id: string;
  values: AnyRecord;
}

export type RowPlan =
  | { kind: 'add'; row: number; values: NormalisedRecord; kept: Record<string, string> }
  | {
      kind: 'update';
      row: number;
      id: string;
      /** The record as it will be: current values with the changed fields replaced. */
      values: AnyRecord;
      changes: FieldChange[];
      /** The file's values of the user's own columns (the server compares them to the tab). */
      kept: Record<string, string>;
    }
  | { kind: 'unchanged'; row: number; id: string; kept: Record<string, string> }
  | { kind: 'invalid'; row: number; errors: Record<string, string> }
  | { kind: 'duplicate'; row: number; of: number };

/** A customer a deal or contact names that does not exist yet, to be added first. */
export interface NewCustomer {
  /** 'email:anna@example.com': the reference that named it, normalised. */
  key: string;
  values: NormalisedRecord;
}

export interface Plan {
  rows: RowPlan[];
  newCustomers: NewCustomer[];
}

/** The key of a change to the user's own column (not a field) in previews and the journal. */
export const OWN_COLUMN_PREFIX = 'column:';

/** A stand-in id for a customer that the commit adds before the rows that need it. */
export const NEW_CUSTOMER_PREFIX = 'new-customer:';

export interface PlanInput {
  options: ImportOptions;
  rows: readonly string[][];
  rowNumbers: readonly number[];
  /** The target tab's records (archived ones too: a match updates them). */
  existing: readonly ExistingRecord[];
  /** Customers, for contacts' and deals' references (the same list when importing customers). */
  customers: readonly ExistingRecord[];
  services: readonly ExistingRecord[];
  /** Ids of the tabs other references point to (contacts for a deal's contact). */
  refIds: ReadonlyMap<EntityName, ReadonlySet<string>>;
  context: ValidationContext;
}

/** The match keys that make sense for an entity: its own fields only. */
export function matchKeysFor(entity: ImportEntity): MatchKey[] {
  const keys = new Set(ENTITIES[entity].fields.map((f) => f.key));
  return (['id', 'email', 'phone', 'customerNumber'] as const).filter((k) => keys.has(k));
}

/**
 * A value as the index compares it: the field kind's stored form (a phone typed
 * "600 100 200" is +48600100200), lower case for text; '' for empty or invalid.
 */
export function comparableKey(
  entity: EntityName,
  key: string,
  raw: unknown,
  context: ValidationContext,
): string {
  if (raw === null || raw === undefined || String(raw).trim() === '') return '';
  if (key === 'id') return String(raw).trim();
  const field = ENTITIES[entity].fields.find((f) => f.key === key);
  if (!field) return '';
  const checked = FIELD_KINDS[field.kind].normalise(raw, { ...field, required: false }, context);
  if ('error' in checked || checked.value === null) return '';
  return String(checked.value).toLowerCase();
}

function indexBy(
  entity: EntityName,
  records: readonly ExistingRecord[],
  key: string,
  context: ValidationContext,
): Map<string, ExistingRecord[]> {
  const index = new Map<string, ExistingRecord[]>();
  for (const record of records) {
    const value =
      key === 'id' ? record.id : comparableKey(entity, key, record.values[key], context);
    if (!value) continue;
    const list = index.get(value);
    if (list) list.push(record);
    else index.set(value, [record]);
  }
  return index;
}

/** The match key of each row, for finding repeats within a file (before it is sent). */
export function rowMatchKey(
  options: ImportOptions,
  cells: readonly string[],
  context: ValidationContext,
): string {
  const mapped = applyMapping(options.mapping, cells);
  return comparableKey(options.entity, options.match, mapped.input[options.match], context);
}

/**
 * Rows of a file that repeat an earlier row's match key: index → index of the first.
 * The client runs it over the whole file, so repeats in different chunks are found too.
 */
export function fileDuplicates(
  options: ImportOptions,
  rows: readonly string[][],
  context: ValidationContext,
): Map<number, number> {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  rows.forEach((cells, index) => {
    const key = rowMatchKey(options, cells, context);
    if (!key) return;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else repeats.set(index, earlier);
  });
  return repeats;
}

const CUSTOMER_LOOKUP: readonly CustomerRefKey[] = [
  'id',
  'customerNumber',
  'email',
  'phone',
  'name',
];
/** Which reference names a customer to be added (an unknown id cannot). */
const CREATE_KEYS: readonly CustomerRefKey[] = ['customerNumber', 'email', 'phone', 'name'];

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const empty = (v: FieldValue | undefined) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  }
  return a === b;
}

class Planner {
  private readonly matchIndex: Map<string, ExistingRecord[]>;
  private readonly customerIndexes = new Map<CustomerRefKey, Map<string, ExistingRecord[]>>();
  private readonly serviceByName = new Map<string, ExistingRecord[]>();
  private readonly serviceIds: Set<string>;
  private readonly newCustomers = new Map<string, NewCustomer>();
  private readonly seen = new Map<string, number>();
  private readonly context: ValidationContext;

  constructor(private readonly input: PlanInput) {
    const { options } = input;
    this.matchIndex = indexBy(options.entity, input.existing, options.match, input.context);
    for (const key of CUSTOMER_LOOKUP) {
      const index =
        key === 'name'
          ? this.nameIndex(input.customers)
          : indexBy('customers', input.customers, key, input.context);
      this.customerIndexes.set(key, index);
    }
    for (const service of input.services) {
      const name = String(service.values.name ?? '')
        .trim()
        .toLowerCase();
      if (name) this.serviceByName.set(name, [...(this.serviceByName.get(name) ?? []), service]);
    }
    this.serviceIds = new Set(input.services.map((s) => s.id));
    const customerIds = new Set(input.customers.map((c) => c.id));
    this.context = {
      ...input.context,
      refExists: (entity, id) => {
        if (entity === 'customers') {
          return customerIds.has(id) || id.startsWith(NEW_CUSTOMER_PREFIX);
        }
        if (entity === 'services') return this.serviceIds.has(id);
        return input.refIds.get(entity)?.has(id) ?? false;
      },
    };
  }

  private nameIndex(customers: readonly ExistingRecord[]): Map<string, ExistingRecord[]> {
    const index = new Map<string, ExistingRecord[]>();
    for (const customer of customers) {
      const name = String(customer.values.name ?? '')
        .trim()
        .toLowerCase();
      if (name) index.set(name, [...(index.get(name) ?? []), customer]);
    }
    return index;
  }

  plan(): Plan {
    const rows = this.input.rows.map((cells, i) => this.planRow(cells, this.input.rowNumbers[i]));
    return { rows, newCustomers: [...this.newCustomers.values()] };
  }

  private lookupCustomer(key: CustomerRefKey, raw: string): ExistingRecord[] {
    const normalised =
      key === 'name'
        ? raw.trim().toLowerCase()
        : comparableKey('customers', key, raw, this.input.context);
    return normalised ? (this.customerIndexes.get(key)?.get(normalised) ?? []) : [];
  }

  /** The customer id a row names, a stand-in for one to add, or the problem. */
  private resolveCustomer(mapped: MappedRow): { id?: string; error?: string } {
    const given = CUSTOMER_LOOKUP.filter((key) => mapped.customer[key]);
    if (!given.length) return {};
    for (const key of given) {
      const found = this.lookupCustomer(key, mapped.customer[key] ?? '');
      if (found.length === 1) return { id: found[0].id };
      if (found.length > 1) {
        return {
          error: `Customer: ${found.length} customers have ${key === 'name' ? 'the name' : `the ${key}`} '${mapped.customer[key]}'; match them by customer number or email instead`,
        };
      }
    }
    const first = given[0];
    const described = `no customer with ${first === 'customerNumber' ? 'customer number' : first} '${mapped.customer[first]}'`;
    if (!this.input.options.createMissingCustomers) {
      return { error: `Customer: ${described} (tick "add missing customers" to add them)` };
    }
    return this.newCustomer(mapped, described);
  }

  private newCustomer(mapped: MappedRow, described: string): { id?: string; error?: string } {
    const keyName = CREATE_KEYS.find((key) => mapped.customer[key]);
    if (!keyName) return { error: `Customer: ${described}` };
    const raw = mapped.customer[keyName] ?? '';
    const key = `${keyName}:${keyName === 'name' ? raw.trim().toLowerCase() : comparableKey('customers', keyName, raw, this.input.context) || raw.trim().toLowerCase()}`;
    if (this.newCustomers.has(key)) return { id: NEW_CUSTOMER_PREFIX + key };
    const { name, email, phone, customerNumber } = mapped.customer;
    const checked = validateInput(
      'customers',
      nonEmptyInput({
        name: name ?? '',
        email: email ?? '',
        phone: phone ?? '',
        customerNumber: customerNumber ?? '',
      }),
      this.input.context,
    );
    if (!checked.ok) {
      const why = Object.values(checked.fieldErrors).join('; ');
      return { error: `Customer: ${described}, and it cannot be added: ${why}` };
    }
    this.newCustomers.set(key, { key, values: checked.value });
    return { id: NEW_CUSTOMER_PREFIX + key };
  }

  private resolveService(mapped: MappedRow): { id?: string; error?: string } {
    const { id, name } = mapped.service;
    if (id) {
      return this.serviceIds.has(id) ? { id } : { error: `Service: no service with id '${id}'` };
    }
    if (!name) return {};
    const found = this.serviceByName.get(name.trim().toLowerCase()) ?? [];
    if (found.length === 1) return { id: found[0].id };
    return found.length
      ? { error: `Service: ${found.length} services are called '${name}'; use the service id` }
      : { error: `Service: no service called '${name}'` };
  }

  private planRow(cells: readonly string[], row: number): RowPlan {
    const { options } = this.input;
    const entity = options.entity;
    const mapped = applyMapping(options.mapping, cells);
    const matchKey = comparableKey(
      entity,
      options.match,
      mapped.input[options.match],
      this.input.context,
    );
    if (matchKey) {
      const earlier = this.seen.get(matchKey);
      if (earlier !== undefined) return { kind: 'duplicate', row, of: earlier };
      this.seen.set(matchKey, row);
    }
    const errors: Record<string, string> = {};
    const input: AnyRecord = nonEmptyInput(mapped.input);
    delete input.id;
    if (ENTITIES[entity].fields.some((f) => f.key === 'customerId')) {
      const customer = this.resolveCustomer(mapped);
      if (customer.error) errors.customerId = customer.error;
      else if (customer.id) input.customerId = customer.id;
    }
    if (entity === 'deals') {
      const service = this.resolveService(mapped);
      if (service.error) errors.serviceId = service.error;
      else if (service.id) input.serviceId = service.id;
    }
    const matches = matchKey ? (this.matchIndex.get(matchKey) ?? []) : [];
    if (matches.length > 1) {
      errors[options.match] =
        `${matches.length} ${ENTITIES[entity].tab.toLowerCase()} already have this ${options.match}; merge them first`;
    }
    const current = matches.length === 1 ? matches[0] : undefined;
    const checked = validateInput(
      entity,
      current ? { ...current.values, ...input } : input,
      this.context,
    );
    if (!checked.ok) {
      // A reference problem found above says more than "Customer is required".
      for (const [key, message] of Object.entries(checked.fieldErrors)) errors[key] ??= message;
    }
    if (Object.keys(errors).length || !checked.ok) return { kind: 'invalid', row, errors };
    if (!current) return { kind: 'add', row, values: checked.value, kept: mapped.kept };
    return this.update(row, current, input, checked.value, mapped.kept);
  }

  private update(
    row: number,
    current: ExistingRecord,
    input: AnyRecord,
    value: NormalisedRecord,
    kept: Record<string, string>,
  ): RowPlan {
    const spec = ENTITIES[this.input.options.entity];
    const changes: FieldChange[] = [];
    const values: AnyRecord = { ...current.values };
    for (const field of spec.fields) {
      if (!(field.key in value)) continue;
      const before = current.values[field.key] ?? null;
      const after = value[field.key];
      const given = field.key in input;
      // A field the file gives, or one a rule filled (the default currency) where it was empty.
      if (!given && !sameValue(before, null)) continue;
      if (sameValue(before, after)) continue;
      changes.push({ field: field.key, label: field.label, before, after });
      values[field.key] = after;
    }
    if (!changes.length) return { kind: 'unchanged', row, id: current.id, kept };
    return { kind: 'update', row, id: current.id, values, changes, kept };
  }
}

export function planImport(input: PlanInput): Plan {
  return new Planner(input).plan();
}

/** A record's title for the preview ("Anna Nowak · Acme"). */
export function titleOf(entity: ImportEntity, values: AnyRecord): string {
  return recordTitle(ENTITIES[entity], values);
}
