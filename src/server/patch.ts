/**
 * An update is a patch with a per-field compare-and-set. The caller sends only the fields
 * it changes, each with the value it saw (SaveOptions.seen); under the document lock the
 * row is read again, field by field, and:
 *
 * - a field whose cell now holds something other than what the user saw (and other than
 *   what the user wants) is a conflict: nothing is written and the answer names the field,
 *   what the sheet holds and, when the stamps moved, who saved last;
 * - the patch is validated over the record as it is now: an error the patch brings is a
 *   refusal, an error the row already had in a field the patch does not touch is not (a
 *   bad hand-typed cell elsewhere must not block an unrelated change);
 * - only the cells that change are written, with the Updated and Updated by stamps: the
 *   other fields, cells that cannot be read and the user's own columns stay as they are.
 *
 * A row that cannot be read as a record is therefore never rewritten wholesale.
 */
import type { FieldConflict, SaveOptions, SaveResult } from '../domain/api-types';
import { FIELD_KINDS, type ValidationContext } from '../domain/field-kinds';
import { sameFieldValue } from '../domain/field-compare';
import { formatDateTime } from '../domain/format';
import {
  inputFields,
  type AnyRecord,
  type EntitySpec,
  type FieldSpec,
  type FieldValue,
  type RecordRule,
} from '../domain/schema';
import { validateInput } from '../domain/validate';
import type { RecordValues } from './sheet/table';
import type { Tab } from './sheet/tab';
import { fieldWrites, type RowFields } from './sheet/row-fields';
import type { ValuesWrite } from './sheet/values';

export interface Patch {
  /** The fields to set, each checked and normalised on its own. */
  values: RecordValues;
  /** What the user saw before changing them; fields it does not name are not compared. */
  seen: Record<string, FieldValue>;
}

/** Who and when a write stamps. */
export interface Stamp {
  at: string;
  by: string;
  /** The spreadsheet's zone, in which date-time cells are written. */
  timeZone: string;
}

/** What to do under the lock: refuse, or write these ranges (none when nothing changes). */
export type PatchPlan = { refused: SaveResult } | { writes: ValuesWrite[]; result: SaveResult };

const STAMP_KEYS = ['updated', 'updatedBy'] as const;

function fieldOf(spec: EntitySpec, key: string): FieldSpec {
  const field = spec.fields.find((f) => f.key === key);
  if (!field) throw new Error(`${spec.name} has no field ${key}`);
  return field;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Before the lock: the fields of an update's input a user may set, each checked on its own
 * (references included), and what the user saw of them.
 */
export function patchOf(
  spec: EntitySpec,
  input: AnyRecord,
  options: SaveOptions,
  context: ValidationContext,
): { patch: Patch } | Extract<SaveResult, { ok: false }> {
  if (options.seen !== undefined && !isPlainObject(options.seen)) {
    return { ok: false, error: 'seen must be an object of field values. Nothing was saved.' };
  }
  const values: RecordValues = {};
  const fieldErrors: Record<string, string> = {};
  for (const field of inputFields(spec)) {
    if (!(field.key in input)) continue;
    const checked = FIELD_KINDS[field.kind].normalise(input[field.key], field, context);
    if ('error' in checked) fieldErrors[field.key] = checked.error;
    else values[field.key] = checked.value;
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { patch: { values, seen: (options.seen ?? {}) as Record<string, FieldValue> } };
}

/** The value a field has in the row now: its reading, or the text of a cell that has none. */
function valueNow(fields: RowFields, key: string): FieldValue {
  if (key in fields.values) return fields.values[key];
  return fields.unreadable.get(key)?.text ?? null;
}

/** The stamps, when they moved since the user saw them: who saved the record last. */
function lastSave(
  fields: RowFields,
  seen: Patch['seen'],
): Pick<FieldConflict, 'changedBy' | 'changedAt'> {
  if (!('updated' in seen) && !('updatedBy' in seen)) return {};
  const moved = STAMP_KEYS.some(
    (key) =>
      key in seen &&
      !sameFieldValue(
        { kind: key === 'updated' ? 'datetime' : 'email' },
        valueNow(fields, key),
        seen[key],
      ),
  );
  if (!moved) return {};
  const by = fields.values.updatedBy;
  const at = fields.values.updated;
  return {
    ...(typeof by === 'string' && by ? { changedBy: by } : {}),
    ...(typeof at === 'string' && at ? { changedAt: at } : {}),
  };
}

export function conflictsOf(spec: EntitySpec, fields: RowFields, patch: Patch): FieldConflict[] {
  const saved = lastSave(fields, patch.seen);
  return Object.keys(patch.values).flatMap((key): FieldConflict[] => {
    if (!(key in patch.seen)) return [];
    const field = fieldOf(spec, key);
    const now = valueNow(fields, key);
    if (sameFieldValue(field, now, patch.seen[key])) return [];
    // Someone made the same change: nothing is lost by agreeing with them.
    if (sameFieldValue(field, now, patch.values[key])) return [];
    return [
      { field: key, label: field.label, sheet: now, seen: patch.seen[key] ?? null, ...saved },
    ];
  });
}

function shown(value: FieldValue): string {
  const text = Array.isArray(value) ? value.join(', ') : String(value ?? '');
  return text.trim() ? `"${text}"` : 'empty';
}

/** The conflicts in words, for a caller that shows the message as it is. */
export function conflictMessage(
  spec: EntitySpec,
  conflicts: readonly FieldConflict[],
  display: { locale: string; timeZone: string },
): string {
  const parts = conflicts.map((c) => {
    const at = c.changedAt
      ? ` at ${formatDateTime(c.changedAt, { ...display, today: '', defaultCountry: '' })}`
      : '';
    const who = c.changedBy ? ` (last saved by ${c.changedBy}${at})` : ' (changed in the sheet)';
    return `${c.label} is now ${shown(c.sheet)}${who}`;
  });
  return (
    `Not saved: this ${spec.singular} changed since you opened it. ${parts.join('; ')}. ` +
    'Nothing was written: choose the value to keep for each and save again.'
  );
}

/** The fields a record rule reads and may set: a rule the patch touches applies to the write. */
function ruleKeys(rule: RecordRule): readonly string[] {
  switch (rule.kind) {
    case 'atLeastOne':
      return rule.fields;
    case 'defaultCurrency':
      return [rule.currency, rule.amount];
  }
}

const isEmpty = (value: FieldValue | undefined) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);

/**
 * The record as it is now with the patch, checked whole. Errors the patch brings refuse it;
 * what the row already had wrong elsewhere does not. Returns the values to write: the
 * patch's, and a value a record rule fills for it (an amount's default currency).
 */
function checkedWrite(
  spec: EntitySpec,
  fields: RowFields,
  patch: Patch,
  context: ValidationContext,
): { values: RecordValues } | { fieldErrors: Record<string, string> } {
  const current = fields.values;
  const checked = validateInput(spec.name, { ...current, ...patch.values }, context);
  if (!checked.ok) {
    const before = validateInput(spec.name, current, context);
    const had = before.ok ? {} : before.fieldErrors;
    const brought = Object.entries(checked.fieldErrors).filter(
      ([key, message]) => key in patch.values || had[key] !== message,
    );
    if (brought.length) return { fieldErrors: Object.fromEntries(brought) };
    return { values: { ...patch.values } };
  }
  const values: RecordValues = {};
  for (const key of Object.keys(patch.values)) values[key] = checked.value[key];
  for (const rule of spec.rules ?? []) {
    const keys = ruleKeys(rule);
    if (!keys.some((key) => key in patch.values)) continue;
    for (const key of keys) {
      const filled = !(key in values) && !fields.unreadable.has(key);
      if (filled && isEmpty(current[key]) && !isEmpty(checked.value[key])) {
        values[key] = checked.value[key];
      }
    }
  }
  return { values };
}

/** The patch of `fields` (the row re-read under the lock): a refusal, or what to write. */
export function planPatch(
  spec: EntitySpec,
  tab: Tab,
  fields: RowFields,
  patch: Patch,
  context: ValidationContext,
  stamp: Stamp,
  display: () => { locale: string; timeZone: string },
): PatchPlan {
  const layout = tab.layout();
  const missing = Object.keys(patch.values).find((key) => !layout.columnOf.has(key));
  if (missing) {
    const field = fieldOf(spec, missing);
    return {
      refused: {
        ok: false,
        error: `The ${spec.tab} tab has no "${field.header}" column, so ${field.label} cannot be saved. Run Set up tabs to add it. Nothing was saved.`,
      },
    };
  }
  const conflicts = conflictsOf(spec, fields, patch);
  if (conflicts.length) {
    return {
      refused: { ok: false, conflicts, error: conflictMessage(spec, conflicts, display()) },
    };
  }
  const checked = checkedWrite(spec, fields, patch, context);
  if ('fieldErrors' in checked) return { refused: { ok: false, fieldErrors: checked.fieldErrors } };
  // Only what differs from the row is written: an unchanged value keeps its cell and stamps.
  const changed = Object.entries(checked.values).filter(
    ([key, value]) =>
      fields.unreadable.has(key) || !sameFieldValue(fieldOf(spec, key), fields.values[key], value),
  );
  return stampedWrite(tab, fields, Object.fromEntries(changed), stamp);
}

/** Archive or restore: the Archived cell and the stamps, nothing else. */
export function planArchive(
  tab: Tab,
  fields: RowFields,
  archived: boolean,
  stamp: Stamp,
): PatchPlan {
  const already = !fields.unreadable.has('archived') && fields.values.archived === archived;
  return stampedWrite(tab, fields, already ? {} : { archived }, stamp);
}

/** The changes and the stamps as the fewest ranges; nothing at all when nothing changes. */
function stampedWrite(tab: Tab, fields: RowFields, changes: RecordValues, stamp: Stamp): PatchPlan {
  const keys = Object.keys(changes);
  const unreadable = [...fields.unreadable]
    .filter(([key]) => !(key in changes))
    .map(([, cell]) => cell.problem);
  const extra = unreadable.length ? { unreadable } : {};
  if (!keys.length) {
    return { writes: [], result: { ok: true, record: { ...fields.values }, ...extra } };
  }
  const record: RecordValues = {
    ...fields.values,
    ...changes,
    updated: stamp.at,
    updatedBy: stamp.by,
  };
  const writes = fieldWrites(tab, fields.row, record, [...keys, ...STAMP_KEYS], stamp.timeZone);
  return { writes, result: { ok: true, record, ...extra } };
}
