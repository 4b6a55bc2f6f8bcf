/**
 * Everything a field kind means, in one place: its stored value's type, the column's number
 * format and width, the sidebar's input, and how typed or imported input becomes the stored
 * value. `FIELD_KINDS` is a `Record<FieldKind, …>`, so adding a kind to `FieldKind` fails to
 * compile until the kind says how it behaves here — and in the server's cell map
 * (src/server/sheet/cell-kinds.ts) and the sidebar's control map (src/sidebar/controls.ts),
 * which are complete maps over the same union.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { daysBetween, isIsoDate, type IsoDate } from './calendar';
import { ISO_4217 } from './currencies';
import { decimalSeparatorOf, parseLocaleNumber } from './numbers';
import type { EntityName, FieldSpec } from './schema';

export type FieldKind =
  | 'id'
  | 'text'
  | 'longtext'
  | 'email'
  | 'phone'
  | 'date'
  | 'datetime'
  | 'number'
  | 'money'
  | 'currency'
  | 'enum'
  | 'ref'
  | 'refTitle'
  | 'tags'
  | 'boolean'
  | 'callWindow'
  | 'url'
  | 'country';

/** The one value type of a field, in records, API JSON and validation results. */
export type FieldValue = string | number | boolean | string[] | null;

/** The stored value type of each kind (a missing map entry or a stray key fails to compile). */
type KindValueTypes = CompleteOver<
  FieldKind,
  {
    id: string;
    text: string;
    longtext: string;
    email: string;
    phone: string;
    date: IsoDate;
    datetime: string;
    number: number;
    money: number;
    currency: string;
    enum: string;
    ref: string;
    refTitle: string;
    tags: string[];
    boolean: boolean;
    callWindow: string;
    url: string;
    country: string;
  }
>;
type CompleteOver<K extends string, T extends Record<K, unknown>> =
  Exclude<keyof T, K> extends never ? T : never;

/** A kind's value in a record: empty cells are null, except lists ([]) and checkboxes (false). */
export type KindValue<K extends FieldKind> = K extends 'tags' | 'boolean'
  ? KindValueTypes[K]
  : KindValueTypes[K] | null;

export interface ValidationContext {
  today: IsoDate;
  /** ISO 3166 code for phone numbers typed without +code. */
  defaultCountry: string;
  /** ISO 4217 code for amounts typed without a currency. */
  defaultCurrency: string;
  /** The spreadsheet's locale ('pl_PL'): which separator typed numbers use. Default: en. */
  locale?: string;
  /** Values only Kartoteka writes (activity type 'reminder sent') are valid: checking rows. */
  systemValues?: boolean;
  /** Whether a referenced record exists; absent = references are not checked. */
  refExists?: (entity: EntityName, id: string) => boolean;
}

export type FieldCheck = { value: FieldValue } | { error: string };

/** How the sidebar asks for a value; src/sidebar/controls.ts has one builder per input. */
export type InputKind =
  | 'text'
  | 'textarea'
  | 'email'
  | 'tel'
  | 'url'
  | 'date'
  | 'number'
  | 'decimal'
  | 'code'
  | 'select'
  | 'checkbox'
  | 'tags'
  | 'reference';

export interface KindBehaviour {
  /** Sheets number format of the column: '@' keeps text exactly as typed. */
  numberFormat: string;
  /** Column width in pixels. */
  width: number;
  /** Longest text accepted, when the field does not say. */
  maxLength?: number;
  input: InputKind;
  /** Search also matches the digits alone ("600 100" finds +48600100200). */
  searchDigits?: boolean;
  /** The value of an empty cell or a field left out. */
  empty: FieldValue;
  /** Typed or imported input → the stored value, or a message that starts with the label. */
  normalise(raw: unknown, field: FieldSpec, context: ValidationContext): FieldCheck;
}

/** Sheets' limit is 50,000 characters per cell; ours stay well below. */
export const CELL_CHARACTER_LIMIT = 50_000;
export const TEXT_MAX = 200;
export const LONG_TEXT_MAX = 10_000;
const TAG_MAX = 40;

export const TEXT_FORMAT = '@';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const MONEY_FORMAT = '#,##0.00';
/** Created/Updated stamps: a real date-time, shown to the minute (the value keeps ms). */
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

function asText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (Array.isArray(raw)) return raw.join(', ');
  return String(raw).trim();
}

/**
 * A kind whose value is one piece of text: empty and too-long input are handled here, the
 * kind's own rule sees non-empty text only.
 */
function textual(
  rule?: (text: string, field: FieldSpec, context: ValidationContext) => FieldCheck,
) {
  return (raw: unknown, field: FieldSpec, context: ValidationContext): FieldCheck => {
    // Declared types only: a list or an object is not text, whatever String() makes of it.
    if (raw !== null && typeof raw === 'object') {
      return { error: `${field.label}: give one piece of text, not a list` };
    }
    const text = asText(raw);
    if (text === '') {
      return field.required ? { error: `${field.label} is required` } : { value: null };
    }
    const maxLength = Math.min(field.maxLength ?? CELL_CHARACTER_LIMIT, CELL_CHARACTER_LIMIT);
    if (text.length > maxLength) {
      return { error: `${field.label}: at most ${maxLength} characters (this has ${text.length})` };
    }
    return rule ? rule(text, field, context) : { value: text };
  };
}

/** Larger than any amount a small team records, far below where doubles lose cents. */
export const NUMBER_MAX = 1e12;

function numeric(roundToCents: boolean) {
  return (raw: unknown, field: FieldSpec, context: ValidationContext): FieldCheck => {
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      return field.required ? { error: `${field.label} is required` } : { value: null };
    }
    // Declared types only: a list, an object or a yes/no is not a number, however it prints.
    if (typeof raw !== 'number' && typeof raw !== 'string') {
      return { error: `${field.label}: give a number` };
    }
    const parsed =
      typeof raw === 'number'
        ? { value: raw }
        : parseLocaleNumber(raw, decimalSeparatorOf(context.locale, context.defaultCountry));
    if ('problem' in parsed) return { error: `${field.label}: ${parsed.problem}` };
    const number = parsed.value;
    if (!Number.isFinite(number) || Math.abs(number) > NUMBER_MAX) {
      return { error: `${field.label}: must be at most ${NUMBER_MAX.toLocaleString('en-US')}` };
    }
    if (number < 0) return { error: `${field.label}: must be 0 or more` };
    return { value: roundToCents ? Math.round(number * 100) / 100 : number };
  };
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

function callWindow(text: string, field: FieldSpec): FieldCheck {
  const match = CALL_WINDOW.exec(text);
  const help = `${field.label}: use HH:MM–HH:MM, e.g. 09:00–17:00`;
  if (!match) return { error: help };
  const [h1, m1, h2, m2] = match.slice(1).map(Number);
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return { error: help };
  if (h1 * 60 + m1 >= h2 * 60 + m2) {
    return { error: `${field.label}: the end must be after the start` };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { value: `${pad(h1)}:${pad(m1)}–${pad(h2)}:${pad(m2)}` };
}

function tags(raw: unknown, field: FieldSpec): FieldCheck {
  const list = Array.isArray(raw) ? raw.map(asText) : asText(raw).split(',');
  const unique = [
    ...new Set(list.map((t) => t.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean)),
  ].sort();
  if (field.required && !unique.length) return { error: `${field.label} is required` };
  const long = unique.find((t) => t.length > TAG_MAX);
  if (long) return { error: `${field.label}: '${long}' is longer than ${TAG_MAX} characters` };
  const joined = unique.join(', ').length;
  if (joined > CELL_CHARACTER_LIMIT) {
    return {
      error: `${field.label}: at most ${CELL_CHARACTER_LIMIT} characters in all (these have ${joined})`,
    };
  }
  return { value: unique };
}

function checkbox(raw: unknown, field: FieldSpec): FieldCheck {
  if (raw === true || raw === false) return { value: raw };
  const text = asText(raw).toLowerCase();
  if (text === '' || text === 'false' || text === 'no') return { value: false };
  if (text === 'true' || text === 'yes') return { value: true };
  return { error: `${field.label}: '${asText(raw)}' is not yes or no` };
}

/** A short standard code (ISO currency, country), kept in upper case. */
function upperCaseCode(
  isValid: (code: string) => boolean,
  problem: (text: string, label: string) => string,
): KindBehaviour {
  return {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 70,
    input: 'code',
    normalise: textual((text, field) => {
      const code = text.toUpperCase();
      return isValid(code) ? { value: code } : { error: problem(text, field.label) };
    }),
  };
}

export const FIELD_KINDS: Record<FieldKind, KindBehaviour> = {
  // Narrow: a UUID is for Kartoteka, not for reading (the companion columns are).
  id: { empty: null, numberFormat: TEXT_FORMAT, width: 60, input: 'text', normalise: textual() },
  text: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 150,
    maxLength: TEXT_MAX,
    input: 'text',
    normalise: textual(),
  },
  longtext: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 280,
    maxLength: LONG_TEXT_MAX,
    input: 'textarea',
    normalise: textual(),
  },
  email: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 200,
    maxLength: TEXT_MAX,
    input: 'email',
    normalise: textual((text, field) => {
      const email = text.toLowerCase();
      const problem = emailProblem(email);
      return problem ? { error: `${field.label}: '${text}' ${problem}` } : { value: email };
    }),
  },
  phone: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 140,
    input: 'tel',
    searchDigits: true,
    normalise: textual((text, field, context) => {
      const phone = parsePhoneNumberFromString(text, context.defaultCountry as CountryCode);
      return phone && phone.isValid()
        ? { value: phone.number }
        : { error: `${field.label}: '${text}' is not a valid phone number` };
    }),
  },
  date: {
    empty: null,
    numberFormat: DATE_FORMAT,
    width: 100,
    input: 'date',
    normalise: textual((text, field, context) => {
      if (!isIsoDate(text)) {
        return { error: `${field.label}: '${text}' is not a date (use YYYY-MM-DD)` };
      }
      if (field.notInFuture && daysBetween(context.today, text) > 0) {
        return { error: `${field.label}: cannot be in the future` };
      }
      return { value: text };
    }),
  },
  datetime: {
    empty: null,
    numberFormat: DATETIME_FORMAT,
    width: 130,
    input: 'text',
    normalise: textual((text, field) =>
      Number.isNaN(Date.parse(text))
        ? { error: `${field.label}: '${text}' is not a date and time` }
        : { value: text },
    ),
  },
  number: { empty: null, numberFormat: '0', width: 80, input: 'number', normalise: numeric(false) },
  money: {
    empty: null,
    numberFormat: MONEY_FORMAT,
    width: 100,
    input: 'decimal',
    normalise: numeric(true),
  },
  currency: upperCaseCode(
    (code) => ISO_4217.has(code),
    (text, label) => `${label}: '${text}' is not an ISO 4217 code`,
  ),
  enum: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 150,
    input: 'select',
    normalise: textual((text, field, context) => {
      const match = field.options?.find((option) => option.toLowerCase() === text.toLowerCase());
      if (match !== undefined && field.systemOptions?.includes(match) && !context.systemValues) {
        return { error: `${field.label}: '${match}' is written by Kartoteka only` };
      }
      const offered = field.options?.filter((o) => !field.systemOptions?.includes(o));
      return match !== undefined
        ? { value: match }
        : { error: `${field.label}: choose one of ${offered?.join(', ')}` };
    }),
  },
  ref: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 110,
    input: 'reference',
    normalise: textual((text, field, context) => {
      const target = field.ref;
      if (target && context.refExists && !context.refExists(target, text)) {
        return { error: `${field.label}: no ${field.refSingular ?? 'record'} with id '${text}'` };
      }
      return { value: text };
    }),
  },
  /**
   * The title of the record a reference column points to, beside it ("Customer name" by
   * "Customer ID"): written by Kartoteka only (fields of this kind are system fields), so
   * its rule is the text one, never asked of a user.
   */
  refTitle: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 160,
    input: 'text',
    normalise: textual(),
  },
  tags: { empty: [], numberFormat: TEXT_FORMAT, width: 160, input: 'tags', normalise: tags },
  boolean: {
    empty: false,
    numberFormat: 'General',
    width: 70,
    input: 'checkbox',
    normalise: checkbox,
  },
  callWindow: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 110,
    input: 'text',
    normalise: textual(callWindow),
  },
  url: {
    empty: null,
    numberFormat: TEXT_FORMAT,
    width: 150,
    maxLength: TEXT_MAX,
    input: 'url',
    normalise: textual((text, field) => {
      const url = /^https?:\/\//i.test(text) ? text : `https://${text}`;
      return /^https?:\/\/[^\s/.]+\.[^\s/]+(\/\S*)?$/i.test(url)
        ? { value: url }
        : { error: `${field.label}: '${text}' is not a web address (e.g. https://example.com)` };
    }),
  },
  country: upperCaseCode(
    (code) => /^[A-Z]{2}$/.test(code),
    (_text, label) => `${label}: use the two-letter country code, e.g. PL`,
  ),
};
