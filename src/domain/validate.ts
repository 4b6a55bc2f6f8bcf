/**
 * Validation and normalisation of a record, the same in the sidebar (as the user types)
 * and on the server (before every write). The zod schema of an entity is derived from its
 * field specs; each field's rule produces a message that starts with the field's label
 * and says what is wrong in plain words.
 */
import * as z from 'zod/mini';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { isIsoDate, daysBetween, type IsoDate } from './calendar';
import { CELL_CHARACTER_LIMIT, ENTITIES, type EntityName, type FieldSpec } from './schema';
import { ISO_4217 } from './currencies';

export interface ValidationContext {
  today: IsoDate;
  /** ISO 3166 code for phone numbers typed without +code. */
  defaultCountry: string;
  /** ISO 4217 code for amounts typed without a currency. */
  defaultCurrency: string;
  /** Whether a referenced record exists; absent = references are not checked. */
  refExists?: (entity: EntityName, id: string) => boolean;
}

export type NormalisedValue = string | number | boolean | string[] | null;

export type ValidationResult =
  | { ok: true; value: Record<string, NormalisedValue> }
  | { ok: false; fieldErrors: Record<string, string> };

type FieldCheck = { value: NormalisedValue } | { error: string };

const TAG_MAX = 40;

function asText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (Array.isArray(raw)) return raw.join(', ');
  return String(raw).trim();
}

function emailProblem(email: string): string | null {
  if (/\s/.test(email)) return 'contains a space';
  const at = email.lastIndexOf('@');
  if (at === -1) return 'is missing the @';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!local) return 'is missing the name before the @';
  if (!domain) return 'is missing the domain';
  if (email.indexOf('@') !== at) return 'has more than one @';
  if (!domain.includes('.')) return 'is missing the domain ending (like .com)';
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(domain)) {
    return 'has an invalid domain';
  }
  if (
    !/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/i.test(local) ||
    local.startsWith('.') ||
    local.endsWith('.')
  ) {
    return 'has characters an email address cannot have';
  }
  return null;
}

const CALL_WINDOW = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/;

function checkField(field: FieldSpec, raw: unknown, context: ValidationContext): FieldCheck {
  const { label } = field;
  if (field.kind === 'boolean') {
    if (raw === true || raw === false) return { value: raw };
    const text = asText(raw).toLowerCase();
    if (text === '' || text === 'false' || text === 'no') return { value: false };
    if (text === 'true' || text === 'yes') return { value: true };
    return { error: `${label}: '${asText(raw)}' is not yes or no` };
  }
  if (field.kind === 'tags') {
    const list = Array.isArray(raw) ? raw.map(asText) : asText(raw).split(',');
    const tags = [
      ...new Set(list.map((t) => t.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean)),
    ].sort();
    if (field.required && !tags.length) return { error: `${label} is required` };
    const long = tags.find((t) => t.length > TAG_MAX);
    if (long) return { error: `${label}: '${long}' is longer than ${TAG_MAX} characters` };
    return { value: tags };
  }
  if (field.kind === 'number' || field.kind === 'money') {
    if (raw === null || raw === undefined || asText(raw) === '') {
      return field.required ? { error: `${label} is required` } : { value: null };
    }
    const number =
      typeof raw === 'number' ? raw : Number(asText(raw).replace(/\s/g, '').replace(',', '.'));
    if (!Number.isFinite(number)) return { error: `${label}: '${asText(raw)}' is not a number` };
    if (number < 0) return { error: `${label}: must be 0 or more` };
    return { value: field.kind === 'money' ? Math.round(number * 100) / 100 : number };
  }

  const text = asText(raw);
  if (text === '') return field.required ? { error: `${label} is required` } : { value: null };
  const maxLength = Math.min(field.maxLength ?? CELL_CHARACTER_LIMIT, CELL_CHARACTER_LIMIT);
  if (text.length > maxLength) {
    return { error: `${label}: at most ${maxLength} characters (this has ${text.length})` };
  }
  switch (field.kind) {
    case 'email': {
      const email = text.toLowerCase();
      const problem = emailProblem(email);
      return problem ? { error: `${label}: '${text}' ${problem}` } : { value: email };
    }
    case 'phone': {
      const phone = parsePhoneNumberFromString(text, context.defaultCountry as CountryCode);
      if (!phone || !phone.isValid()) {
        return { error: `${label}: '${text}' is not a valid phone number` };
      }
      return { value: phone.number };
    }
    case 'date':
      if (!isIsoDate(text)) return { error: `${label}: '${text}' is not a date (use YYYY-MM-DD)` };
      if (field.key === 'birthday' && daysBetween(context.today, text) > 0) {
        return { error: `${label}: cannot be in the future` };
      }
      return { value: text };
    case 'datetime':
      return Number.isNaN(Date.parse(text))
        ? { error: `${label}: '${text}' is not a date and time` }
        : { value: text };
    case 'currency': {
      const code = text.toUpperCase();
      return ISO_4217.has(code)
        ? { value: code }
        : { error: `${label}: '${text}' is not an ISO 4217 code` };
    }
    case 'enum': {
      const match = field.options?.find((option) => option.toLowerCase() === text.toLowerCase());
      return match !== undefined
        ? { value: match }
        : { error: `${label}: choose one of ${field.options?.join(', ')}` };
    }
    case 'ref': {
      const target = field.ref;
      if (target && context.refExists && !context.refExists(target, text)) {
        return { error: `${label}: no ${ENTITIES[target].singular} with id '${text}'` };
      }
      return { value: text };
    }
    case 'callWindow': {
      const match = CALL_WINDOW.exec(text);
      const help = `${label}: use HH:MM–HH:MM, e.g. 09:00–17:00`;
      if (!match) return { error: help };
      const [h1, m1, h2, m2] = match.slice(1).map(Number);
      if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return { error: help };
      if (h1 * 60 + m1 >= h2 * 60 + m2)
        return { error: `${label}: the end must be after the start` };
      const pad = (n: number) => String(n).padStart(2, '0');
      return { value: `${pad(h1)}:${pad(m1)}–${pad(h2)}:${pad(m2)}` };
    }
    case 'url': {
      const url = /^https?:\/\//i.test(text) ? text : `https://${text}`;
      return /^https?:\/\/[^\s/.]+\.[^\s/]+(\/\S*)?$/i.test(url)
        ? { value: url }
        : { error: `${label}: '${text}' is not a web address (e.g. https://example.com)` };
    }
    case 'country': {
      const code = text.toUpperCase();
      return /^[A-Z]{2}$/.test(code)
        ? { value: code }
        : { error: `${label}: use the two-letter country code, e.g. PL` };
    }
    default:
      return { value: text };
  }
}

/** Fields a user (or an import) may set: never ids, timestamps, authors or computed values. */
function inputFields(entity: EntityName): readonly FieldSpec[] {
  return ENTITIES[entity].fields.filter((f) => !f.system && !f.computed);
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

/** Rules across fields: what a record needs beyond each field being right on its own. */
function recordRules(
  entity: EntityName,
  value: Record<string, NormalisedValue>,
  context: ValidationContext,
) {
  const errors: Record<string, string> = {};
  if ((entity === 'customers' || entity === 'contacts') && !value.email && !value.phone) {
    errors.email = 'Email or phone: give at least one way to reach them';
  }
  if ((entity === 'deals' || entity === 'services') && value.currency === null) {
    const amountKey = entity === 'deals' ? 'amount' : 'price';
    if (value[amountKey] !== null) value.currency = context.defaultCurrency;
  }
  return errors;
}

function buildSchema(entity: EntityName, context: ValidationContext) {
  const shape: Record<string, ReturnType<typeof fieldSchema>> = {};
  for (const field of inputFields(entity)) shape[field.key] = fieldSchema(field, context);
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
  input: Record<string, unknown>,
  context: ValidationContext,
): ValidationResult {
  // Every field is present for the schema (null when absent), so required checks run.
  const source = input ?? {};
  const complete = Object.fromEntries(
    inputFields(entity).map((f) => [f.key, source[f.key] ?? null]),
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
  const value = parsed.data as Record<string, NormalisedValue>;
  const crossErrors = recordRules(entity, value, context);
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
  const field = inputFields(entity).find((f) => f.key === key);
  if (!field) return null;
  const result = checkField(field, value, context);
  return 'error' in result ? result.error : null;
}
