/**
 * What each function the sidebar calls accepts. Any user of the document can call them
 * through google.script.run with any JSON, so every argument is checked against its
 * declared type before the function runs (./checked.ts applies these, main.ts wraps every
 * sidebar export): a wrong type is answered with a message that names the function, the
 * argument and what came ("listRecords: query.text must be text, got a number"), never a
 * TypeError from deep inside or a value silently coerced.
 *
 * The compiler keeps this list in step with the functions: every sidebar function needs an
 * entry (a mapped type over entry-points.ts' list), what passes a schema must be what its
 * function declares, and whatever the function's types allow must pass — see the checks at
 * the end of the file. Ranges and rules of the domain (an hour 0–23, a valid email) stay
 * with the code that owns them; this file is about types.
 */
import * as z from 'zod/mini';
import type * as Server from './main';
import type { SidebarFunction } from './entry-points';
import type { Checked } from './checked';
import type { ListQuery, SaveOptions } from '../domain/api-types';
import { CUSTOMER_SORTS, type CustomerQuery } from '../domain/customer-query';
import { RECORD_ENTITIES, type AnyRecord, type EntityName } from '../domain/schema';
import { UPCOMING_ACTIONS } from '../domain/upcoming-actions';
import {
  CUSTOMER_REF_KEYS,
  IMPORT_ENTITIES,
  MATCH_KEYS,
  type ColumnTarget,
  type CommitChunk,
  type ImportChunk,
} from '../domain/import/types';
import { MERGE_ENTITIES } from '../domain/import/merge';
import type { MergeRequest } from './merge';
import type { Then } from './sidebar-actions';

/** A schema of a function's whole argument list, with a name for each position. */
export interface Arguments<S extends ArgumentList = ArgumentList, R = unknown> {
  schema: S;
  names: readonly string[];
  /**
   * The function's own answer to a refused call, for functions whose result can say "not
   * done" (a SaveResult); the others throw the message, which the sidebar shows as is.
   */
  refuse?: (error: string) => R;
}

type ArgumentList = z.ZodMiniType<readonly unknown[], readonly unknown[]>;

// ---------------------------------------------------------------------------------------
// Building blocks

/** A plain JSON object (what google.script.run passes for `{…}`), not a list or null. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

export const PLAIN_OBJECT = 'must be an object';

/** Any plain object, its values checked by the function (a record's fields by its validation). */
function plainObject<T extends object>() {
  return z.custom<T, T>(isPlainObject, PLAIN_OBJECT);
}

/**
 * JSON has no `undefined` argument: google.script.run may send null for one left out, so an
 * optional argument or option that is null counts as not given.
 */
function optional<S extends z.ZodMiniType>(schema: S) {
  return z.optional(
    z.pipe(
      z.nullable(schema),
      z.transform((value: z.output<S> | null) => value ?? undefined),
    ),
  );
}

/**
 * An object with exactly the keys of T (the compiler insists, one schema per key): another
 * key is refused, so a misspelt option is an error, not silently ignored.
 */
function objectOf<T extends object>() {
  return <S extends { [K in keyof Required<T>]: z.ZodMiniType<T[K]> }>(
    shape: S & Record<Exclude<keyof S, keyof T>, never>,
  ) => z.strictObject(shape);
}

const text = z.string();
const count = z.int().check(z.minimum(1));
const oneOf = <const T extends string>(values: readonly T[]) =>
  z.enum(values as unknown as readonly [T, ...T[]]);

/** The types of the sidebar API say EntityName; only the record tabs can be edited through it. */
const recordEntity = z.custom<EntityName, EntityName>(
  (value) => RECORD_ENTITIES.includes(value as EntityName),
  `must be one of ${RECORD_ENTITIES.join(', ')}`,
);

/** Declares a function's arguments, position by position. */
function args<const S extends ArgumentList>(schema: S, ...names: string[]): Arguments<S> {
  return { schema, names };
}

const none = args(z.tuple([]));

// ---------------------------------------------------------------------------------------
// Shapes the sidebar sends

const listQuery = objectOf<ListQuery>()({
  text: optional(text),
  tag: optional(text),
  stage: optional(text),
  owner: optional(text),
  includeArchived: optional(z.boolean()),
  sort: optional(
    objectOf<NonNullable<ListQuery['sort']>>()({ field: text, direction: oneOf(['asc', 'desc']) }),
  ),
  page: optional(count),
  pageSize: optional(count),
});

const customerQuery = objectOf<CustomerQuery>()({
  text: optional(text),
  stage: optional(text),
  tag: optional(text),
  owner: optional(text),
  overdue: optional(z.boolean()),
  archived: optional(z.boolean()),
  sort: optional(oneOf(CUSTOMER_SORTS.map((s) => s.key))),
  page: optional(count),
  pageSize: optional(count),
});

const saveOptions = objectOf<SaveOptions>()({
  confirmDuplicate: optional(z.boolean()),
  expectedUpdated: optional(text),
  seen: optional(plainObject<NonNullable<SaveOptions['seen']>>()),
});

const then = z.union(
  [
    objectOf<Extract<Then, { card: true }>>()({ card: z.literal(true) }),
    objectOf<Extract<Then, { list: unknown }>>()({ list: customerQuery }),
  ],
  'must be { card: true } or { list: a customer query }',
);

const record = plainObject<AnyRecord>();

const columnTarget = z.discriminatedUnion(
  'to',
  [
    objectOf<Extract<ColumnTarget, { to: 'skip' }>>()({ to: z.literal('skip') }),
    objectOf<Extract<ColumnTarget, { to: 'field' }>>()({ to: z.literal('field'), key: text }),
    objectOf<Extract<ColumnTarget, { to: 'firstName' }>>()({ to: z.literal('firstName') }),
    objectOf<Extract<ColumnTarget, { to: 'lastName' }>>()({ to: z.literal('lastName') }),
    objectOf<Extract<ColumnTarget, { to: 'customer' }>>()({
      to: z.literal('customer'),
      by: oneOf(CUSTOMER_REF_KEYS),
    }),
    objectOf<Extract<ColumnTarget, { to: 'service' }>>()({
      to: z.literal('service'),
      by: oneOf(['id', 'name']),
    }),
    objectOf<Extract<ColumnTarget, { to: 'keep' }>>()({ to: z.literal('keep'), header: text }),
  ],
  'must be one of skip, field, firstName, lastName, customer, service, keep',
);

const chunkFields = {
  entity: oneOf(IMPORT_ENTITIES),
  match: oneOf(MATCH_KEYS),
  createMissingCustomers: z.boolean(),
  mapping: z.array(columnTarget),
  fileName: optional(text),
  header: z.array(text),
  rows: z.array(z.array(text)),
  rowNumbers: z.array(z.int()),
};

const importChunk = objectOf<ImportChunk>()(chunkFields);

const commitChunk = objectOf<CommitChunk>()({
  ...chunkFields,
  importId: optional(text),
  offset: z.int().check(z.minimum(0)),
  total: z.int().check(z.minimum(0)),
  budgetMs: optional(z.number().check(z.minimum(0))),
});

const mergeEntity = oneOf(MERGE_ENTITIES);

const mergeRequest = objectOf<MergeRequest>()({
  entity: mergeEntity,
  keepId: text,
  otherId: text,
  choices: optional(z.record(text, oneOf(['keep', 'other']))),
});

// ---------------------------------------------------------------------------------------
// Refusals that are results

const notSaved = (error: string) => ({ ok: false as const, error });
const notDone = (error: string) => ({ result: notSaved(error) });
const noCard = (error: string) => ({ ok: false as const, error, card: null });
const notUndone = (error: string) => ({ ok: false as const, error, conflicts: [] });

function refusing<S extends ArgumentList, R>(
  declared: Arguments<S>,
  refuse: (error: string) => R,
): Arguments<S, R> {
  return { ...declared, refuse };
}

// ---------------------------------------------------------------------------------------
// Every sidebar function

export const ARGUMENTS = {
  getSidebarBootstrap: none,
  getCustomerIndex: none,
  listRecords: args(z.tuple([recordEntity, optional(listQuery)]), 'entity', 'query'),
  getRecord: args(z.tuple([recordEntity, text]), 'entity', 'id'),
  getActiveRecord: none,
  getCustomerCard: args(z.tuple([text]), 'id'),
  getProblems: none,
  saveRecord: refusing(
    args(z.tuple([recordEntity, record, optional(saveOptions)]), 'entity', 'input', 'options'),
    notSaved,
  ),
  logActivity: refusing(args(z.tuple([record]), 'input'), notSaved),
  archiveRecord: refusing(args(z.tuple([recordEntity, text]), 'entity', 'id'), notSaved),
  restoreRecord: refusing(args(z.tuple([recordEntity, text]), 'entity', 'id'), notSaved),
  setupTabs: none,
  recalculateLifecycle: none,
  turnOnReminders: args(z.tuple([z.number(), optional(z.boolean())]), 'hour', 'takeOver'),
  turnOffReminders: none,
  getReminderStatus: none,
  previewReminders: none,
  searchCustomers: args(z.tuple([customerQuery]), 'query'),
  findForCustomer: args(
    z.tuple([oneOf(['deals', 'contacts']), text, text]),
    'entity',
    'customerId',
    'query',
  ),
  saveThen: refusing(
    args(
      z.tuple([recordEntity, record, saveOptions, optional(then)]),
      'entity',
      'input',
      'options',
      'then',
    ),
    notDone,
  ),
  archiveThen: refusing(
    args(z.tuple([recordEntity, text, optional(then)]), 'entity', 'id', 'then'),
    notDone,
  ),
  restoreThen: refusing(
    args(z.tuple([recordEntity, text, optional(then)]), 'entity', 'id', 'then'),
    notDone,
  ),
  goToCell: args(z.tuple([text, count, text]), 'tab', 'row', 'column'),
  getSelectedRecord: none,
  getSettingsForm: none,
  saveSettings: refusing(args(z.tuple([z.record(text, z.unknown())]), 'values'), notSaved),
  getDashboard: none,
  // The item and the receipt are the card's own objects, checked field by field there.
  actOnReminder: refusing(
    args(z.tuple([text, z.unknown(), oneOf(UPCOMING_ACTIONS)]), 'customerId', 'item', 'action'),
    noCard,
  ),
  undoReminderAction: refusing(args(z.tuple([text, z.unknown()]), 'customerId', 'receipt'), noCard),
  importPreview: args(z.tuple([importChunk]), 'chunk'),
  importCommit: args(z.tuple([commitChunk]), 'chunk'),
  undoImport: refusing(args(z.tuple([text]), 'importId'), notUndone),
  listImports: none,
  findDuplicates: args(z.tuple([mergeEntity]), 'entity'),
  mergePreview: args(z.tuple([mergeEntity, text, text]), 'entity', 'keepId', 'otherId'),
  mergeRecords: refusing(args(z.tuple([mergeRequest]), 'request'), notSaved),
  undoMerge: refusing(args(z.tuple([text]), 'mergeId'), notUndone),
} satisfies { [K in SidebarFunction]: Arguments };

// ---------------------------------------------------------------------------------------
// The compiler's checks: a sidebar function whose schema does not fit fails `tsc` here.

type ServerApi = Pick<typeof Server, SidebarFunction>;
type Declared = typeof ARGUMENTS;

/** Why K's schema does not fit its function, or never when it does. */
type Misfit<K extends SidebarFunction> =
  ServerApi[K] extends Checked<unknown>
    ? Fit<K>
    : `${K}: main.ts exports it without checked(), so its arguments are not checked`;

type Fit<K extends SidebarFunction> = [z.output<Declared[K]['schema']>] extends [
  Parameters<ServerApi[K]>,
]
  ? [Parameters<ServerApi[K]>] extends [z.input<Declared[K]['schema']>]
    ? Declared[K] extends { refuse: (error: string) => infer R }
      ? [R] extends [ReturnType<ServerApi[K]>]
        ? never
        : `${K}: its refusal is not one of its results`
      : never
    : `${K}: the schema refuses arguments the function's types allow`
  : `${K}: the schema lets through arguments the function does not declare`;

type Misfits = { [K in SidebarFunction]: Misfit<K> }[SidebarFunction];

/** Fails to compile, naming the function and why, when a schema does not fit. */
type EverySchemaFits<T extends never> = T;
export type ArgumentsChecked = EverySchemaFits<Misfits>;
