/**
 * Whether two values of a field are the same value: what the compare-and-set of a save asks
 * (has the cell changed since the user saw it?) and what tells a field the user really
 * changed. Values come from different places — a cell read back, JSON from the sidebar, a
 * script's argument — so an empty cell, null, '' and [] are one value, a checkbox's empty is
 * unticked, and a number and its text are equal.
 */
import type { FieldSpec, FieldValue } from './schema';

type Comparable = string | boolean | null;

function canonical(field: Pick<FieldSpec, 'kind'>, value: unknown): Comparable {
  if (field.kind === 'boolean') return value === true || value === 'true' || value === 'TRUE';
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const items = value.map((item) => String(item).trim()).filter(Boolean);
    return items.length ? JSON.stringify(items) : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  const text = String(value).trim();
  if (!text) return null;
  if (field.kind === 'number' || field.kind === 'money') {
    const number = Number(text);
    return Number.isFinite(number) ? String(number) : text;
  }
  if (field.kind === 'datetime') {
    // One instant however it is written ("…09:00:00Z", "…09:00:00.000Z").
    const instant = Date.parse(text);
    return Number.isNaN(instant) ? text : String(instant);
  }
  if (field.kind === 'tags') {
    return canonical(field, text.split(','));
  }
  return text;
}

export function sameFieldValue(
  field: Pick<FieldSpec, 'kind'>,
  a: FieldValue | undefined | unknown,
  b: FieldValue | undefined | unknown,
): boolean {
  return canonical(field, a) === canonical(field, b);
}
