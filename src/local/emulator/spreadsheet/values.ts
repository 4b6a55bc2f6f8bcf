/**
 * Cell values the way Sheets stores and shows them.
 *
 * - Dates are serial numbers: days since 1899-12-30 in the spreadsheet's time zone (wall
 *   clock), with a date number format. getValues() turns such a cell into a Date by reading
 *   the serial as wall-clock time in the spreadsheet time zone.
 * - A string written by a script (setValue/setValues/appendRow) or typed by a user is parsed
 *   as typed input in the en_US locale (see parseTypedInput).
 * - Formulas are stored but never evaluated: a formula cell without a cached value reads
 *   as the error marker '#ERROR!', the string Apps Script returns for a cell in error.
 */
import { MONTH_NAMES, WEEKDAY_NAMES, wallClock } from '../zoned-time';
import type { CellState } from '../state';

export const MAX_CELL_CHARACTERS = 50_000;
export const CELL_TOO_LONG =
  'Your input contains more than the maximum of 50000 characters in a single cell.';
/** What getValues()/getDisplayValues() give for a formula the emulator did not evaluate. */
export const UNEVALUATED_FORMULA_VALUE = '#ERROR!';
/** The format Sheets gives a cell when a script writes a Date into a General cell (en_US). */
export const DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as a Sheets serial. */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * Offsets cached per 15-minute slice of time: zone offsets change only at transitions,
 * which fall on whole quarter hours, and Intl is slow enough to dominate reading 10,000
 * dates otherwise.
 */
const SLICE_MS = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();

/** The wall-clock time of an instant in a time zone, as if it were UTC (ms). */
function wallClockMs(instant: number, timeZone: string): number {
  let byZone = offsetCache.get(timeZone);
  if (!byZone) {
    byZone = new Map();
    offsetCache.set(timeZone, byZone);
  }
  const slice = Math.floor(instant / SLICE_MS);
  let offset = byZone.get(slice);
  if (offset === undefined) {
    const start = slice * SLICE_MS;
    offset = uncachedWallClockMs(start, timeZone) - start;
    byZone.set(slice, offset);
  }
  return instant + offset;
}

function uncachedWallClockMs(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

export function dateToSerial(date: Date, timeZone: string): number {
  return wallClockMs(date.getTime(), timeZone) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/**
 * The instant a serial's wall-clock time denotes in the time zone. For a wall-clock time
 * skipped by a DST change the later offset wins; both guesses are tried.
 */
export function serialToDate(serial: number, timeZone: string): Date {
  const wall = Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const offset = wallClockMs(guess, timeZone) - guess;
    const next = wall - offset;
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

/** Date number formats contain date/time tokens (outside quoted literals). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === '@') return false;
  let known = dateFormatCache.get(format);
  if (known === undefined) {
    const unquoted = format.replace(/"[^"]*"/g, '').replace(/\\./g, '');
    known = !/^general$/i.test(format) && /[ydhsmDHSM]/.test(unquoted);
    dateFormatCache.set(format, known);
  }
  return known;
}
const dateFormatCache = new Map<string, boolean>();

export function hasContent(cell: CellState | null | undefined): boolean {
  return !!cell && ((cell.v !== undefined && cell.v !== '') || cell.f !== undefined);
}

/** What Range.getValues() returns for a stored cell. */
export function cellValue(cell: CellState | null | undefined, timeZone: string): unknown {
  if (!cell) return '';
  if (cell.v === undefined) return cell.f !== undefined ? UNEVALUATED_FORMULA_VALUE : '';
  if (typeof cell.v === 'number' && isDateFormat(cell.nf)) return serialToDate(cell.v, timeZone);
  return cell.v;
}

/** What Range.getDisplayValues() returns: the value formatted by the cell's number format. */
export function displayValue(cell: CellState | null | undefined, timeZone: string): string {
  void timeZone; // serials are already wall-clock time in the spreadsheet time zone
  if (!cell) return '';
  if (cell.v === undefined) return cell.f !== undefined ? UNEVALUATED_FORMULA_VALUE : '';
  if (typeof cell.v === 'boolean') return cell.v ? 'TRUE' : 'FALSE';
  if (typeof cell.v === 'string') return cell.v;
  return formatNumber(cell.v, cell.nf);
}

// ---------------------------------------------------------------- typed input

/** A parsed input: what to store in v, f and (when the cell has no format yet) nf. */
export interface ParsedInput {
  v?: number | string | boolean;
  f?: string;
  /** Format Sheets infers from the input (dates, percentages); kept only on General cells. */
  inferredFormat?: string;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]+(.+))?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:\s+(.+))?$/;
/** '$1,234.50', '-$5': the en_US currency symbol before the number. */
const CURRENCY = /^([+-])?\$\s?(.+)$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i;

function parseTime(text: string): { fraction: number; seconds: boolean } | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] ? Number(match[3]) : 0;
  if (match[4]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (match[4].toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { fraction: (hour * 3600 + minute * 60 + second) / 86_400, seconds: !!match[3] };
}

function dateSerial(year: number, month: number, day: number): number | null {
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

function parseDate(text: string): ParsedInput | null {
  const iso = ISO_DATE.exec(text);
  const us = iso ? null : US_DATE.exec(text);
  if (!iso && !us) return null;
  let year: number;
  let month: number;
  let day: number;
  let timeText: string | undefined;
  if (iso) {
    [year, month, day, timeText] = [Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4]];
  } else if (us) {
    [month, day, year, timeText] = [Number(us[1]), Number(us[2]), Number(us[3]), us[4]];
    // Sheets reads two-digit years 00–29 as 20xx and 30–99 as 19xx.
    if (us[3].length === 2) year += year < 30 ? 2000 : 1900;
  } else return null;
  const serial = dateSerial(year, month, day);
  if (serial === null) return null;
  const time = timeText === undefined ? null : parseTime(timeText);
  if (timeText !== undefined && !time) return null;
  const dateFormat = iso ? 'yyyy-mm-dd' : 'M/d/yyyy';
  const timeFormat = time ? (time.seconds ? ' H:mm:ss' : ' H:mm') : '';
  return { v: serial + (time?.fraction ?? 0), inferredFormat: dateFormat + timeFormat };
}

/**
 * A string as Sheets (en_US locale) stores it when typed or written by a script:
 * - "'text" → the text without the apostrophe, the prefix that keeps it text ("Leading
 *   single quotes are not included. For example, if the user typed '123 into the UI, this
 *   would be represented as a stringValue of "123"",
 *   https://developers.google.com/sheets/api/reference/rest/v4/other#ExtendedValue); a cell
 *   formatted '@' keeps any other text as is. RAW API writes do not come here: they store
 *   the string as given, apostrophe included (services/sheets-api-values.ts);
 * - '=…' → a formula;
 * - 'TRUE'/'FALSE' in any case → booleans;
 * - numbers with optional sign, en_US thousands separators ('1,234.5' → 1234.5, only in
 *   groups of three), exponent, and '%' (→ value/100 shown as a percentage) or a leading
 *   '$' (→ a number shown as currency); leading zeros are dropped ('00123' → 123);
 * - dates 'yyyy-mm-dd', 'yyyy/mm/dd', 'M/d/yyyy', 'M/d/yy' with an optional time
 *   'H:mm[:ss]' or 'h:mm[:ss] am/pm'; a time alone ('9:30') is a time of day;
 *   'dd.mm.yyyy' is not a date in en_US and stays text;
 * - any other text starting with '+' or '-' is taken by Sheets as a formula attempt: we
 *   store the formula '=' + text (e.g. '+48 600 100 200' → formula '=+48 600 100 200'), which
 *   reads back as '#ERROR!' as in Sheets (a formula parse error). Prefix with "'" or format
 *   the cell '@' to keep such text.
 */
export function parseTypedInput(text: string, cellFormat: string | undefined): ParsedInput {
  if (text.length > MAX_CELL_CHARACTERS) throw new Error(CELL_TOO_LONG);
  if (text === '') return {};
  if (text.startsWith("'")) return { v: text.slice(1) };
  if (cellFormat === '@') return { v: text };
  if (text.startsWith('=') && text.length > 1) return { f: text };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { v: trimmed.toLowerCase() === 'true' };
  const percent = trimmed.endsWith('%');
  const currency = CURRENCY.exec(trimmed);
  const numeric = percent
    ? trimmed.slice(0, -1).trim()
    : currency
      ? `${currency[1] ?? ''}${currency[2]}`
      : trimmed;
  if (numeric !== '' && NUMBER.test(numeric) && /\d/.test(numeric)) {
    const value = Number(numeric.replace(/,/g, ''));
    if (currency) {
      return { v: value, inferredFormat: numeric.includes('.') ? '"$"#,##0.00' : '"$"#,##0' };
    }
    if (percent) {
      const decimals = numeric.includes('.') ? '.00' : '';
      return { v: value / 100, inferredFormat: `0${decimals}%` };
    }
    return { v: value };
  }
  const date = parseDate(trimmed);
  if (date) return date;
  const time = parseTime(trimmed);
  if (time) return { v: time.fraction, inferredFormat: time.seconds ? 'H:mm:ss' : 'H:mm' };
  if (/^[+-]/.test(trimmed)) return { f: `=${trimmed}` };
  return { v: text };
}

// ---------------------------------------------------------------- display formatting

function formatGeneral(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e15 || Math.abs(value) < 1e-9)) {
    return value
      .toExponential(5)
      .replace(/\.?0+e/, 'E')
      .replace('E+', 'E+');
  }
  return String(Number(value.toPrecision(10)));
}

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function literalText(text: string): string {
  return text.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
}

function formatWithPattern(value: number, pattern: string): string {
  const core = /[#0,.]*[0#][#0,.]*/.exec(pattern);
  if (!core) return literalText(pattern);
  const prefix = literalText(pattern.slice(0, core.index));
  const suffix = literalText(pattern.slice(core.index + core[0].length));
  const scaled = pattern.includes('%') ? value * 100 : value;
  const decimalPattern = core[0].includes('.') ? core[0].split('.')[1].replace(/,/g, '') : '';
  const minDecimals = (decimalPattern.match(/0/g) ?? []).length;
  const fixed = Math.abs(scaled).toFixed(decimalPattern.length);
  const [integerPart, fractionDigits] = fixed.split('.');
  let fraction: string | undefined = fractionDigits;
  // '#' decimals are optional digits: trailing zeros beyond the '0' ones are dropped.
  if (fraction !== undefined) {
    fraction = fraction.replace(/0+$/, '').padEnd(minDecimals, '0');
    if (fraction === '') fraction = undefined;
  }
  const minIntegerDigits = (core[0].split('.')[0].match(/0/g) ?? []).length;
  let integer = integerPart === '0' && minIntegerDigits === 0 ? '' : integerPart;
  integer = integer.padStart(minIntegerDigits, '0');
  if (core[0].split('.')[0].includes(',')) integer = groupThousands(integer);
  const sign = scaled < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${prefix}${integer}${fraction !== undefined ? `.${fraction}` : ''}${suffix}`;
}

const MONTHS = MONTH_NAMES;
const WEEKDAYS = WEEKDAY_NAMES;

type DateToken = { kind: 'y' | 'M' | 'd' | 'h' | 'm' | 's' | 'ampm' | 'text'; text: string };

const tokenCache = new Map<string, DateToken[]>();

function tokenizeDateFormat(format: string): DateToken[] {
  let tokens = tokenCache.get(format);
  if (!tokens) {
    tokens = uncachedTokenize(format);
    tokenCache.set(format, tokens);
  }
  return tokens;
}

function uncachedTokenize(format: string): DateToken[] {
  const tokens: DateToken[] = [];
  const re = /"[^"]*"|\\.|am\/pm|a\/p|y+|m+|d+|h+|s+|./gi;
  for (const match of format.matchAll(re)) {
    const text = match[0];
    const lower = text.toLowerCase();
    if (text.startsWith('"')) tokens.push({ kind: 'text', text: text.slice(1, -1) });
    else if (text.startsWith('\\')) tokens.push({ kind: 'text', text: text.slice(1) });
    else if (lower === 'am/pm' || lower === 'a/p') tokens.push({ kind: 'ampm', text });
    else if (/^y+$/i.test(text)) tokens.push({ kind: 'y', text });
    else if (/^m+$/i.test(text)) tokens.push({ kind: 'M', text });
    else if (/^d+$/i.test(text)) tokens.push({ kind: 'd', text });
    else if (/^h+$/i.test(text)) tokens.push({ kind: 'h', text });
    else if (/^s+$/i.test(text)) tokens.push({ kind: 's', text });
    else tokens.push({ kind: 'text', text });
  }
  // 'm' means minutes right after an hour or right before seconds (as in Sheets and Excel).
  const significant = tokens.filter((t) => t.kind !== 'text');
  significant.forEach((token, i) => {
    if (token.kind !== 'M' || token.text.length > 2) return;
    const previous = significant[i - 1];
    const next = significant[i + 1];
    if (previous?.kind === 'h' || next?.kind === 's') token.kind = 'm';
  });
  return tokens;
}

function formatDateSerial(serial: number, format: string): string {
  const wall = new Date(Math.round(((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY) / 1000) * 1000);
  const tokens = tokenizeDateFormat(format);
  const twelveHour = tokens.some((t) => t.kind === 'ampm');
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return tokens
    .map((token) => {
      const n = token.text.length;
      switch (token.kind) {
        case 'y':
          return n <= 2 ? pad(wall.getUTCFullYear() % 100, 2) : String(wall.getUTCFullYear());
        case 'M': {
          const month = wall.getUTCMonth();
          if (n >= 4) return MONTHS[month];
          if (n === 3) return MONTHS[month].slice(0, 3);
          return n === 2 ? pad(month + 1, 2) : String(month + 1);
        }
        case 'd': {
          if (n >= 4) return WEEKDAYS[wall.getUTCDay()];
          if (n === 3) return WEEKDAYS[wall.getUTCDay()].slice(0, 3);
          return n === 2 ? pad(wall.getUTCDate(), 2) : String(wall.getUTCDate());
        }
        case 'h': {
          const hour = wall.getUTCHours();
          const shown = twelveHour ? hour % 12 || 12 : hour;
          return n >= 2 ? pad(shown, 2) : String(shown);
        }
        case 'm':
          return n >= 2 ? pad(wall.getUTCMinutes(), 2) : String(wall.getUTCMinutes());
        case 's':
          return n >= 2 ? pad(wall.getUTCSeconds(), 2) : String(wall.getUTCSeconds());
        case 'ampm': {
          const pm = wall.getUTCHours() >= 12;
          return token.text.toLowerCase() === 'a/p' ? (pm ? 'P' : 'A') : pm ? 'PM' : 'AM';
        }
        default:
          return token.text;
      }
    })
    .join('');
}

/**
 * A number shown with a number format. Supported: General (''), '@', digit patterns
 * ('0', '0.00', '#,##0', '#,##0.00', with literal prefix/suffix), percentages ('0%',
 * '0.00%') and date/time patterns ('yyyy-mm-dd', 'yyyy-mm-dd hh:mm', 'dd.mm.yyyy',
 * 'M/d/yyyy', 'H:mm:ss', 'mmmm d', am/pm). Only the first ';' section is used.
 */
export function formatNumber(value: number, format: string | undefined): string {
  if (!format || format === '@' || /^general$/i.test(format)) return formatGeneral(value);
  const section = format.split(';')[0];
  if (isDateFormat(section)) return formatDateSerial(value, section);
  return formatWithPattern(value, section);
}

/** Number format Apps Script reports for a cell whose format is automatic ("General"). */
export const AUTOMATIC_FORMAT_PATTERN = '0.###############';

function isAutomaticFormat(format: string | undefined): boolean {
  return !format || /^general$/i.test(format);
}

/**
 * Stores a value a script writes (setValue/setValues/appendRow): strings are typed input,
 * Dates become serials (with a date-time format unless the cell already has a date
 * format), numbers and booleans are kept, null/undefined empty the cell.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue
 */
export function parseScriptValue(
  value: unknown,
  cellFormat: string | undefined,
  timeZone: string,
): ParsedInput {
  if (value === null || value === undefined) return {};
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    if (Number.isNaN(date.getTime())) return {};
    return { v: dateToSerial(date, timeZone), inferredFormat: DATE_TIME_FORMAT };
  }
  if (typeof value === 'number' || typeof value === 'boolean') return { v: value };
  return parseTypedInput(String(value), cellFormat);
}

/** Puts a parsed input into a cell, keeping its format unless the format is automatic. */
export function storeParsed(cell: CellState, parsed: ParsedInput): void {
  delete cell.v;
  delete cell.f;
  if (parsed.v !== undefined) cell.v = parsed.v;
  if (parsed.f !== undefined) cell.f = parsed.f;
  if (parsed.inferredFormat) {
    const keepsExisting =
      !isAutomaticFormat(cell.nf) &&
      (isDateFormat(cell.nf) === isDateFormat(parsed.inferredFormat) || cell.nf === '@');
    if (!keepsExisting) cell.nf = parsed.inferredFormat;
  }
}
