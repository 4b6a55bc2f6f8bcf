/**
 * Which number formats Set up tabs may set. A cell's format is the user's choice unless it
 * is automatic (nobody chose one) or is the format Kartoteka itself put there: Birthday
 * shown as `dd.mm.yyyy`, Amount with two decimals — kept; a cell with no format, or with
 * the format an earlier version of Kartoteka applied to the field, gets the field's
 * format. The setup record remembers what was applied (setup-record.ts, `formats`); a
 * workbook set up before it did has, for the one format Kartoteka has ever changed, the
 * earlier one here. Pure: unit-tested.
 */
import type { FieldSpec } from '../../domain/schema';

/**
 * What Apps Script reports for a cell whose format is automatic ("General"): Range
 * getNumberFormat gives '0.###############' (the emulator's AUTOMATIC_FORMAT_PATTERN).
 */
const AUTOMATIC = new Set(['', 'general', '0.###############']);

export function isAutomatic(format: string | undefined): boolean {
  return AUTOMATIC.has(String(format ?? '').toLowerCase());
}

/**
 * Formats Kartoteka applied before the setup record kept them: Created and Updated were
 * plain text ('@') until they became date-times (readable tabs).
 */
function earlierFormats(field: FieldSpec): string[] {
  return field.kind === 'datetime' ? ['@'] : [];
}

export function sameFormat(a: string, b: string): boolean {
  return a === b || (isAutomatic(a) && isAutomatic(b));
}

/** Whether Setup may set the field's format on a cell that has `current`. */
export function isKartotekaFormat(field: FieldSpec, current: string, recorded?: string): boolean {
  if (isAutomatic(current) || sameFormat(current, field.numberFormat)) return true;
  const before = recorded !== undefined ? [recorded] : earlierFormats(field);
  return before.some((format) => sameFormat(current, format));
}

/**
 * The formats to write over a block of cells (rows × the block's fields): the field's where
 * Kartoteka may set it, the cell's own elsewhere; `changed` counts the cells that differ.
 */
export function plannedFormats(
  current: readonly (readonly string[])[],
  fields: readonly FieldSpec[],
  recorded: Readonly<Record<string, string>> | undefined,
): { formats: string[][]; changed: number } {
  let changed = 0;
  const formats = current.map((row) =>
    fields.map((field, c) => {
      const format = row[c] ?? '';
      if (!isKartotekaFormat(field, format, recorded?.[field.key])) return format;
      if (!sameFormat(format, field.numberFormat)) changed++;
      return field.numberFormat;
    }),
  );
  return { formats, changed };
}

/**
 * The formats applied to a tab's fields as the setup record keeps them, grouped by format
 * ("@" → "name type company …"): the record is one document property of at most 9 KB
 * (PropertiesService's limit per value), shared with every tab's header.
 */
export function formatsEntry(fields: readonly FieldSpec[]): Record<string, string> {
  const entry: Record<string, string> = {};
  for (const field of fields) {
    entry[field.numberFormat] = entry[field.numberFormat]
      ? `${entry[field.numberFormat]} ${field.key}`
      : field.key;
  }
  return entry;
}

/** A record's entry as field key → the format applied; undefined when it kept none. */
export function appliedFormats(
  entry: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const applied: Record<string, string> = {};
  for (const [format, keys] of Object.entries(entry)) {
    for (const key of String(keys).split(' ')) if (key) applied[key] = format;
  }
  return applied;
}
