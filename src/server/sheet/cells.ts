/**
 * Between a record's JSON values and what a cell holds. Every write also sets the cell's
 * number format from the schema, so text fields always land in plain-text ('@') cells and
 * Sheets stores "=HYPERLINK(…)", "+48 600…" or "0042" exactly as typed, even in rows a
 * user inserted by hand with default formatting.
 */
import { calendarDateIn, isIsoDate } from '../../domain/calendar';
import type { FieldSpec } from '../../domain/schema';

export type CellValue = string | number | boolean | Date;
export type FieldValue = string | number | boolean | string[] | null;

/** The value to write for a field: dates as ISO text, which Sheets parses in a date cell. */
export function toCell(field: FieldSpec, value: unknown): CellValue {
  if (value === null || value === undefined || value === '') return '';
  switch (field.kind) {
    case 'number':
    case 'money':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value === true || value === 'true';
    case 'tags':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return String(value);
  }
}

/** A cell's value as the field's JSON value, or a problem message for a hand-typed cell. */
export function fromCell(
  field: FieldSpec,
  cell: unknown,
  timeZone: string,
): { value: FieldValue } | { problem: string } {
  if (cell === '' || cell === null || cell === undefined) {
    return { value: field.kind === 'tags' ? [] : field.kind === 'boolean' ? false : null };
  }
  switch (field.kind) {
    case 'date':
      if (cell instanceof Date) return { value: calendarDateIn(cell, timeZone) };
      if (typeof cell === 'string' && isIsoDate(cell.trim())) return { value: cell.trim() };
      return { problem: `'${String(cell)}' is not a date (use YYYY-MM-DD)` };
    case 'datetime':
      if (cell instanceof Date) return { value: cell.toISOString() };
      if (typeof cell === 'string' && !Number.isNaN(Date.parse(cell))) return { value: cell };
      return { problem: `'${String(cell)}' is not a date and time` };
    case 'number':
    case 'money': {
      const number = typeof cell === 'number' ? cell : Number(String(cell).replace(/\s/g, ''));
      if (typeof cell === 'boolean' || cell instanceof Date || !Number.isFinite(number)) {
        return { problem: `'${String(cell)}' is not a number` };
      }
      return { value: number };
    }
    case 'boolean':
      if (typeof cell === 'boolean') return { value: cell };
      if (/^(true|false)$/i.test(String(cell))) return { value: /^true$/i.test(String(cell)) };
      return { problem: `'${String(cell)}' is not TRUE or FALSE` };
    case 'tags':
      return {
        value: String(cell)
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      };
    default:
      // A text field a user typed a number or date into (a column whose format was changed).
      if (cell instanceof Date) return { value: calendarDateIn(cell, timeZone) };
      return { value: String(cell) };
  }
}
