/**
 * What each field kind means in a cell: the value to write, how a cell (as getValues returns
 * it) reads back, and the column's data-validation rule. A complete map over FieldKind, like
 * the domain's FIELD_KINDS: a new kind does not compile until it says how it lives in a sheet.
 *
 * Every write also sets the cell's number format from the schema, so text fields always
 * land in plain-text ('@') cells and Sheets stores "=HYPERLINK(…)", "+48 600…" or "0042"
 * exactly as typed, even in rows a user inserted by hand with default formatting.
 */
import { calendarDateIn, isIsoDate } from '../../domain/calendar';
import { serialToInstant, serialToIsoDate } from '../../domain/serial-time';
import { FIELD_KINDS } from '../../domain/field-kinds';
import type { FieldKind, FieldSpec, FieldValue } from '../../domain/schema';

export type CellValue = string | number | boolean | Date;
export type CellRead = { value: FieldValue } | { problem: string };
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** Where the rule of a reference column looks for valid ids: the target tab's id cells. */
export type IdRangeOf = (
  field: FieldSpec,
) => { tab: string; range: GoogleAppsScript.Spreadsheet.Range } | undefined;

interface CellKind {
  /** The cell value for a field value (never called with an empty value: that is ''). */
  toCell(value: NonNullable<FieldValue>): CellValue;
  /** A non-empty cell as the field's value, or a problem for a hand-typed cell. */
  fromCell(cell: NonNullable<unknown>, timeZone: string): CellRead;
  /** The column's dropdown or check, or null for none. Built lazily: each call is counted. */
  rule(field: FieldSpec, idRangeOf: IdRangeOf): DataValidation | null;
}

const asText = (value: NonNullable<FieldValue>): CellValue => String(value);

/** A text field a user typed a number or date into (a column whose format was changed). */
function textFromCell(cell: unknown, timeZone: string): CellRead {
  if (cell instanceof Date) return { value: calendarDateIn(cell, timeZone) };
  return { value: String(cell) };
}

const noRule = () => null;
const plainText: CellKind = { toCell: asText, fromCell: textFromCell, rule: noRule };

const numeric: CellKind = {
  toCell: (value) => (typeof value === 'number' ? value : Number(value)),
  fromCell(cell) {
    const number = typeof cell === 'number' ? cell : Number(String(cell).replace(/\s/g, ''));
    if (typeof cell === 'boolean' || cell instanceof Date || !Number.isFinite(number)) {
      return { problem: `'${String(cell)}' is not a number` };
    }
    return { value: number };
  },
  rule: (field) =>
    SpreadsheetApp.newDataValidation()
      .requireNumberGreaterThanOrEqualTo(0)
      .setAllowInvalid(false)
      .setHelpText(`${field.label}: a number, 0 or more`)
      .build(),
};

export const CELL_KINDS: Record<FieldKind, CellKind> = {
  id: plainText,
  text: plainText,
  longtext: plainText,
  email: plainText,
  phone: plainText,
  currency: plainText,
  callWindow: plainText,
  url: plainText,
  country: plainText,
  date: {
    toCell: asText, // ISO text, which Sheets parses as a date in a date-formatted cell
    fromCell(cell, timeZone) {
      if (cell instanceof Date) return { value: calendarDateIn(cell, timeZone) };
      if (typeof cell === 'string' && isIsoDate(cell.trim())) return { value: cell.trim() };
      // A date as Sheets stores it, shown without a date format (cleared, or a row no format
      // reached): its serial number, read as the Sheets API's SERIAL_NUMBER reads it.
      if (typeof cell === 'number' && Number.isFinite(cell) && cell >= 1) {
        return { value: serialToIsoDate(cell) };
      }
      return { problem: `'${String(cell)}' is not a date (use YYYY-MM-DD)` };
    },
    rule: (field) =>
      SpreadsheetApp.newDataValidation()
        .requireDate()
        .setAllowInvalid(false)
        .setHelpText(`${field.label}: a date, e.g. 2026-03-01`)
        .build(),
  },
  datetime: {
    // A Date: SpreadsheetApp stores it as a date-time in the spreadsheet's time zone.
    toCell: (value) => {
      const instant = Date.parse(String(value));
      return Number.isNaN(instant) ? String(value) : new Date(instant);
    },
    fromCell(cell, timeZone) {
      if (cell instanceof Date) return { value: cell.toISOString() };
      // A date-time shown without its format: the serial number on the zone's wall clock.
      if (typeof cell === 'number' && Number.isFinite(cell) && cell >= 1) {
        return { value: serialToInstant(cell, timeZone).toISOString() };
      }
      // Workbooks from before stamps were date-times hold ISO text: still read.
      if (typeof cell === 'string' && !Number.isNaN(Date.parse(cell))) return { value: cell };
      return { problem: `'${String(cell)}' is not a date and time` };
    },
    rule: noRule,
  },
  number: numeric,
  money: numeric,
  enum: {
    ...plainText,
    rule: (field) =>
      field.options?.length
        ? SpreadsheetApp.newDataValidation()
            .requireValueInList([...field.options], true)
            .setAllowInvalid(false)
            .setHelpText(`${field.label}: choose one of ${field.options.join(', ')}`)
            .build()
        : null,
  },
  refTitle: plainText,
  ref: {
    ...plainText,
    rule(field, idRangeOf) {
      const ids = idRangeOf(field);
      if (!ids) return null;
      // Warning only: a reference typed by hand is reported by the sidebar, not refused here.
      return SpreadsheetApp.newDataValidation()
        .requireValueInRange(ids.range, false)
        .setAllowInvalid(true)
        .setHelpText(`${field.label}: the id of a row in ${ids.tab}`)
        .build();
    },
  },
  tags: {
    toCell: (value) => (Array.isArray(value) ? value.join(', ') : String(value)),
    fromCell: (cell) => ({
      value: String(cell)
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    }),
    rule: noRule,
  },
  boolean: {
    toCell: (value) => value === true || value === 'true',
    fromCell(cell) {
      if (typeof cell === 'boolean') return { value: cell };
      if (/^(true|false)$/i.test(String(cell))) return { value: /^true$/i.test(String(cell)) };
      return { problem: `'${String(cell)}' is not TRUE or FALSE` };
    },
    rule: () => SpreadsheetApp.newDataValidation().requireCheckbox().build(),
  },
};

function isEmpty(value: unknown): boolean {
  return value === '' || value === null || value === undefined;
}

/** The value to write for a field. */
export function toCell(field: FieldSpec, value: FieldValue | undefined): CellValue {
  return isEmpty(value) ? '' : CELL_KINDS[field.kind].toCell(value as NonNullable<FieldValue>);
}

/** A cell's value as the field's value, or a problem message for a hand-typed cell. */
export function fromCell(field: FieldSpec, cell: unknown, timeZone: string): CellRead {
  if (isEmpty(cell)) {
    const empty = FIELD_KINDS[field.kind].empty;
    return { value: Array.isArray(empty) ? [] : empty }; // a fresh list: callers may add to it
  }
  return CELL_KINDS[field.kind].fromCell(cell as NonNullable<unknown>, timeZone);
}
