/**
 * Validation and normalisation of a record, the same in the sidebar (as the user types)
 * and on the server (before every write). The zod schema of an entity is derived from its
 * field specs: each field's kind normalises it (field-kinds.ts), and the entity's record
 * rules (schema.ts, checked by RULE_CHECKS below) apply across fields. Every message starts
 * with the field's label and says what is wrong in plain words.
 */
import * as z from 'zod/mini';
import {
  ENTITIES,
  inputFields,
  type AnyRecord,
  type EntityName,
  type FieldSpec,
  type FieldValue,
  type RecordRule,
} from './schema';
import { FIELD_KINDS, type FieldCheck, type ValidationContext } from './field-kinds';

export type { ValidationContext } from './field-kinds';

/** A record after validation: every input field present, in its stored form. */
export type NormalisedRecord = Record<string, FieldValue>;

export type ValidationResult =
  { ok: true; value: NormalisedRecord } | { ok: false; fieldErrors: Record<string, string> };

function checkField(field: FieldSpec, raw: unknown, context: ValidationContext): FieldCheck {
  return FIELD_KINDS[field.kind].normalise(raw, field, context);
}

type RuleCheck<R extends RecordRule> = (
  rule: R,
  value: NormalisedRecord,
  context: ValidationContext,
) => Record<string, string>;

/** One checker per kind of record rule; the compiler insists every kind has one. */
const RULE_CHECKS: { [K in RecordRule['kind']]: RuleCheck<Extract<RecordRule, { kind: K }>> } = {
  atLeastOne: (rule, value) =>
    rule.fields.some((key) => value[key] !== null && value[key] !== undefined)
      ? {}
      : { [rule.fields[0]]: rule.message },
  defaultCurrency: (rule, value, context) => {
    // Normalises rather than refuses: an amount typed without a currency is in the default one.
    if (value[rule.currency] === null && value[rule.amount] !== null) {
      value[rule.currency] = context.defaultCurrency;
    }
    return {};
  },
};

function applyRule(rule: RecordRule, value: NormalisedRecord, context: ValidationContext) {
  // The map is indexed by the rule's own kind, so the pair always matches.
  const check = RULE_CHECKS[rule.kind] as RuleCheck<RecordRule>;
  return check(rule, value, context);
}

function fieldSchema(field: FieldSpec, context: ValidationContext) {
  return z.pipe(
    z.unknown(),
    z.transform((raw, payload) => {
      const result = checkField(field, raw, context);
      if ('error' in result) {
        payload.issues.push({ code: 'custom', message: result.error, input: raw });
        return null;
      }
      return result.value;
    }),
  );
}

function buildSchema(entity: EntityName, context: ValidationContext) {
  const shape: Record<string, ReturnType<typeof fieldSchema>> = {};
  for (const field of inputFields(ENTITIES[entity])) {
    shape[field.key] = fieldSchema(field, context);
  }
  return z.object(shape);
}

/** Schemas per context: checking 10,000 rows builds each entity's schema once, not 10,000 times. */
const schemas = new WeakMap<ValidationContext, Map<EntityName, ReturnType<typeof buildSchema>>>();

export function entitySchema(entity: EntityName, context: ValidationContext) {
  let byEntity = schemas.get(context);
  if (!byEntity) schemas.set(context, (byEntity = new Map()));
  let schema = byEntity.get(entity);
  if (!schema) byEntity.set(entity, (schema = buildSchema(entity, context)));
  return schema;
}

export function validateInput(
  entity: EntityName,
  input: AnyRecord,
  context: ValidationContext,
): ValidationResult {
  // Every field is present for the schema (null when absent), so required checks run.
  const source = input ?? {};
  const complete = Object.fromEntries(
    inputFields(ENTITIES[entity]).map((f) => [f.key, source[f.key] ?? null]),
  );
  const parsed = entitySchema(entity, context).safeParse(complete);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key && !fieldErrors[key]) fieldErrors[key] = issue.message;
    }
    return { ok: false, fieldErrors };
  }
  const value: NormalisedRecord = { ...parsed.data };
  const crossErrors: Record<string, string> = {};
  for (const rule of ENTITIES[entity].rules ?? []) {
    Object.assign(crossErrors, applyRule(rule, value, context));
  }
  if (Object.keys(crossErrors).length) return { ok: false, fieldErrors: crossErrors };
  return { ok: true, value };
}

/** One field on its own, for checks as the user leaves it; null when it is fine. */
export function validateField(
  entity: EntityName,
  key: string,
  value: unknown,
  context: ValidationContext,
): string | null {
  const field = inputFields(ENTITIES[entity]).find((f) => f.key === key);
  if (!field) return null;
  const result = checkField(field, value, context);
  return 'error' in result ? result.error : null;
}
