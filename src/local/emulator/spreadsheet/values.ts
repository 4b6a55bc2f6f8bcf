/**
 * Cell values the way Sheets has them. Dates are serial numbers (days since 1899-12-30 in
 * the spreadsheet's time zone) with a date number format; a string written to a cell is
 * parsed as if typed (formula, number, boolean, date) unless the cell is plain text ('@')
 * or the string starts with an apostrophe. The locale is en_US.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue
 * https://support.google.com/docs/answer/56470 (number formats)
 */
import type { CellState } from '../state';

export const CELL_CHARACTER_LIMIT = 50_000;
export const TOO_LONG_MESSAGE =
  'Your input contains more than the maximum of 50000 characters in a single cell.';
/** We do not evaluate formulas: a formula cell's value is this marker. */
export const FORMULA_VALUE = '#ERROR!';

const MS_PER_DAY = 86_400_000;
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export class SheetsError extends Error {
  override name = 'Exception';
}

// --- time zones ------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a time zone. */
export function zonedParts(instant: number, timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    ms: ((instant % 1000) + 1000) % 1000,
  };
}

function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms) - instant;
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function zonedToInstant(localAsUtcMs: number, timeZone: string): number {
  let instant = localAsUtcMs - offsetAt(localAsUtcMs, timeZone);
  instant = localAsUtcMs - offsetAt(instant, timeZone);
  return instant;
}

export function dateToSerial(date: Date, timeZone: string): number {
  const p = zonedParts(date.getTime(), timeZone);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  return (local - SERIAL_EPOCH_UTC) / MS_PER_DAY;
}

export function serialToDate(serial: number, timeZone: string): Date {
  const local = Math.round(SERIAL_EPOCH_UTC + serial * MS_PER_DAY);
  return new Date(zonedToInstant(local, timeZone));
}

// --- number formats --------------------------------------------------------------------

export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const unquoted = format.replace(/"[^"]*"/g, '');
  return /[yd]/i.test(unquoted) || /h/i.test(unquoted) || /(^|[^#0])m{3,}/i.test(unquoted);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function formatDateSerial(serial: number, format: string): string {
  const local = new Date(Math.round(SERIAL_EPOCH_UTC + serial * MS_PER_DAY));
  const y = local.getUTCFullYear();
  const mo = local.getUTCMonth() + 1;
  const d = local.getUTCDate();
  const h = local.getUTCHours();
  const mi = local.getUTCMinutes();
  const s = local.getUTCSeconds();
  // 'm' means minutes right after an hour or before seconds, months elsewhere (as in Sheets).
  return format.replace(
    /yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s|am\/pm/gi,
    (token, offset: number, all: string) => {
      const lower = token.toLowerCase();
      const before = all.slice(0, offset).toLowerCase();
      const after = all.slice(offset + token.length).toLowerCase();
      const isMinute =
        (lower === 'mm' || lower === 'm') && (/h+[^a-z]*$/.test(before) || /^[^a-z]*s/.test(after));
      switch (lower) {
        case 'yyyy':
          return String(y);
        case 'yy':
          return pad(y % 100);
        case 'mmmm':
          return MONTHS[mo - 1];
        case 'mmm':
          return MONTHS[mo - 1].slice(0, 3);
        case 'mm':
          return isMinute ? pad(mi) : pad(mo);
        case 'm':
          return isMinute ? String(mi) : String(mo);
        case 'dd':
          return pad(d);
        case 'd':
          return String(d);
        case 'hh':
          return pad(/am\/pm/i.test(all) ? h % 12 || 12 : h);
        case 'h':
          return String(/am\/pm/i.test(all) ? h % 12 || 12 : h);
        case 'ss':
          return pad(s);
        case 's':
          return String(s);
        case 'am/pm':
          return h < 12 ? 'AM' : 'PM';
        default:
          return token;
      }
    },
  );
}

function formatNumber(value: number, format: string): string {
  if (!format || format === 'General') {
    if (Number.isInteger(value)) return String(value);
    return String(Number(value.toPrecision(10)));
  }
  const percent = format.endsWith('%');
  const pattern = percent ? format.slice(0, -1) : format;
  const number = percent ? value * 100 : value;
  const decimals = (pattern.split('.')[1] ?? '').replace(/[^0#]/g, '').length;
  const grouped = pattern.includes(',');
  const text = number.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouped,
  });
  return percent ? `${text}%` : text;
}

// --- what scripts see ------------------------------------------------------------------

/** What Range.getValues() returns for a stored cell. */
export function cellValue(cell: CellState | null | undefined, timeZone: string): unknown {
  if (!cell || cell.v === undefined) return '';
  if (typeof cell.v === 'number' && isDateFormat(cell.nf)) return serialToDate(cell.v, timeZone);
  return cell.v;
}

/** What Range.getDisplayValues() returns: the value formatted by the cell's number format. */
export function displayValue(cell: CellState | null | undefined, _timeZone?: string): string {
  if (!cell || cell.v === undefined) return '';
  const { v, nf } = cell;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (isDateFormat(nf)) return formatDateSerial(v, nf ?? '');
  if (nf === '@') return String(v);
  return formatNumber(v, nf ?? 'General');
}

// --- typed input ------------------------------------------------------------------------

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;

function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed || !/\d/.test(trimmed) || !NUMBER.test(trimmed)) return null;
  const number = Number(trimmed.replace(/,/g, ''));
  return Number.isFinite(number) ? number : null;
}

/** ISO (2024-01-02, with optional time) or US (1/2/2024) dates, as Sheets in en_US reads them. */
function parseDate(text: string): { serial: number; hasTime: boolean } | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    text.trim(),
  );
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    text.trim(),
  );
  let y: number, mo: number, d: number, h: number, mi: number, s: number;
  if (iso)
    [y, mo, d, h, mi, s] = [
      iso[1],
      iso[2],
      iso[3],
      iso[4] ?? '0',
      iso[5] ?? '0',
      iso[6] ?? '0',
    ].map(Number);
  else if (us)
    [mo, d, y, h, mi, s] = [us[1], us[2], us[3], us[4] ?? '0', us[5] ?? '0', us[6] ?? '0'].map(
      Number,
    );
  else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(utc).getUTCDate() !== d) return null;
  return { serial: (utc - SERIAL_EPOCH_UTC) / MS_PER_DAY, hasTime: Boolean((iso ?? us)?.[4]) };
}

/**
 * The cell a value written by setValue(s) — or typed by a user — becomes, given the
 * cell's current number format. Returns the new cell fields (v, f, nf).
 */
export function typedInput(
  value: unknown,
  currentFormat: string | undefined,
  timeZone: string,
): Pick<CellState, 'v' | 'f' | 'nf'> {
  if (value === null || value === undefined || value === '') return { nf: currentFormat };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { v: '#NUM!', nf: currentFormat };
    return { v: value, nf: currentFormat };
  }
  if (typeof value === 'boolean') return { v: value, nf: currentFormat };
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    const serial = dateToSerial(value as Date, timeZone);
    return { v: serial, nf: isDateFormat(currentFormat) ? currentFormat : 'M/d/yyyy H:mm:ss' };
  }
  const text = String(value);
  if (text.length > CELL_CHARACTER_LIMIT) throw new SheetsError(TOO_LONG_MESSAGE);
  // Plain text: stored exactly as given, nothing parsed.
  if (currentFormat === '@') return { v: text, nf: currentFormat };
  if (text.startsWith("'")) return { v: text.slice(1), nf: currentFormat };
  if (text.startsWith('=')) return { f: text, v: FORMULA_VALUE, nf: currentFormat };
  const number = parseNumber(text);
  if (number !== null) return { v: number, nf: currentFormat };
  // A leading + or - that is not a number is read as a formula (Sheets shows #ERROR!).
  if (text.startsWith('+') || text.startsWith('-'))
    return { f: `=${text}`, v: FORMULA_VALUE, nf: currentFormat };
  if (/^(true|false)$/i.test(text.trim()))
    return { v: /^true$/i.test(text.trim()), nf: currentFormat };
  const percent = /^([+-]?\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (percent) return { v: Number(percent[1]) / 100, nf: currentFormat ?? '0%' };
  const date = parseDate(text);
  if (date) {
    const format = isDateFormat(currentFormat)
      ? currentFormat
      : date.hasTime
        ? 'yyyy-mm-dd hh:mm:ss'
        : 'yyyy-mm-dd';
    return { v: date.serial, nf: format };
  }
  return { v: text, nf: currentFormat };
}
