/**
 * What a workbook file may contain, checked when it is read. The small parts (names, grid
 * sizes, properties, triggers, outbox) go through zod; cells are checked by a plain loop
 * (`checkCell`), because 1.6 million zod parses were most of the load time of a
 * 25,000-customer workbook. A file that fails a check is refused with the field's path.
 */
import { z } from 'zod';

export class WorkbookFileError extends Error {
  override name = 'WorkbookFileError';
}

const criteriaSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('VALUE_IN_LIST'),
    values: z.array(z.string()),
    showDropdown: z.boolean(),
  }),
  z.object({ type: z.literal('VALUE_IN_RANGE'), range: z.string(), showDropdown: z.boolean() }),
  z.object({ type: z.literal('CHECKBOX') }),
  z.object({ type: z.literal('DATE_IS_VALID_DATE') }),
  z.object({ type: z.literal('NUMBER_GREATER_THAN_OR_EQUAL_TO'), min: z.number() }),
  z.object({ type: z.literal('NUMBER_BETWEEN'), min: z.number(), max: z.number() }),
]);

/** Embedded charts (optional: files written before charts existed have none). */
const chartSchema = z.object({
  chartId: z.number().int(),
  chartType: z.string().nullable(),
  ranges: z.array(z.object({ sheetId: z.number().int(), a1: z.string() })),
  options: z.record(z.string(), z.json()),
  position: z.object({
    anchorRow: z.number().int(),
    anchorColumn: z.number().int(),
    offsetX: z.number().int(),
    offsetY: z.number().int(),
  }),
  numHeaders: z.number().int(),
  transposeRowsAndColumns: z.boolean(),
  hiddenDimensionStrategy: z.string(),
  mergeStrategy: z.string(),
});

/** A sheet without its cells: the part every file version shares. */
export const sheetMetaSchema = z.object({
  sheetId: z.number().int(),
  name: z.string().min(1),
  maxRows: z.number().int().positive(),
  maxColumns: z.number().int().positive(),
  frozenRows: z.number().int().nonnegative(),
  frozenColumns: z.number().int().nonnegative(),
  validations: z.record(
    z.string(),
    z.object({
      criteria: criteriaSchema,
      allowInvalid: z.boolean(),
      helpText: z.string().optional(),
    }),
  ),
  columnWidths: z.record(z.string(), z.number()),
  protections: z.array(
    z.object({ range: z.string(), description: z.string(), warningOnly: z.boolean() }),
  ),
  charts: z.array(chartSchema).optional(),
});

const stringMap = z.record(z.string(), z.string());

/** Everything but the sheets: the same in every file version. */
export const workbookMetaShape = {
  format: z.literal('kartoteka-workbook'),
  id: z.string().min(1),
  name: z.string(),
  timeZone: z.string().min(1),
  locale: z.string().min(2).optional(),
  activeSheetIndex: z.number().int().nonnegative(),
  activeCell: z.string(),
  properties: z.object({
    document: stringMap,
    script: stringMap,
    user: z.record(z.string(), stringMap),
  }),
  triggers: z.array(
    z.object({
      uniqueId: z.string(),
      handlerFunction: z.string(),
      eventType: z.enum(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_CHANGE', 'ON_FORM_SUBMIT']),
      owner: z.string(),
      documentId: z.string(),
      schedule: z
        .object({
          everyHours: z.number().optional(),
          everyDays: z.number().optional(),
          everyWeeks: z.number().optional(),
          atHour: z.number().optional(),
          nearMinute: z.number().optional(),
          onWeekDay: z.string().optional(),
          at: z.string().optional(),
          timeZone: z.string().optional(),
        })
        .optional(),
      nextRun: z.string().optional(),
      lastRun: z.string().optional(),
    }),
  ),
  outbox: z.array(
    z.object({
      sentAt: z.string(),
      from: z.string(),
      to: z.string(),
      cc: z.string().optional(),
      bcc: z.string().optional(),
      replyTo: z.string().optional(),
      subject: z.string(),
      body: z.string(),
      htmlBody: z.string().optional(),
      name: z.string().optional(),
      noReply: z.boolean().optional(),
    }),
  ),
  addonEnabled: z.boolean().optional(),
  mailQuota: z.record(z.string(), z.object({ day: z.string(), recipients: z.number() })),
};

/** The first zod issue as "path: message", for the refusal message. */
export function describeIssue(error: z.ZodError): string {
  const first = error.issues[0];
  return `${first.path.join('.') || '(top level)'}: ${first.message}`;
}

const CELL_KEYS = new Set(['v', 'f', 'nf', 'bold', 'note']);

/** Why a stored cell is not a cell, or null when it is one. */
export function checkCell(cell: unknown): string | null {
  if (cell === null) return null;
  if (typeof cell !== 'object' || Array.isArray(cell)) return 'a cell must be an object or null';
  const c = cell as Record<string, unknown>;
  for (const key in c) {
    if (!CELL_KEYS.has(key)) return `unknown cell key "${key}"`;
  }
  const valueProblem = checkCellValue(c.v);
  if (valueProblem) return valueProblem;
  for (const key of ['f', 'nf', 'note'] as const) {
    if (c[key] !== undefined && typeof c[key] !== 'string') return `"${key}" must be a string`;
  }
  if (c.bold !== undefined && typeof c.bold !== 'boolean') return '"bold" must be true or false';
  return null;
}

/** Why `v` cannot be a stored value (number, string, boolean; absent = empty), or null. */
export function checkCellValue(v: unknown): string | null {
  if (v === undefined || typeof v === 'string' || typeof v === 'boolean') return null;
  if (typeof v === 'number') {
    // JSON has no Infinity or NaN: JSON.stringify would silently write null.
    return Number.isFinite(v) ? null : `${v} cannot be stored (JSON has no ${v})`;
  }
  return `a value must be a number, text or true/false, not ${v === null ? 'null' : typeof v}`;
}

/**
 * A time zone the runtime can use (Intl knows it). Checked on load so a typo in the file is
 * a message naming the field, not a RangeError from deep inside the first date conversion.
 */
export function checkTimeZone(timeZone: string, field: string, path: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new WorkbookFileError(
      `The file ${path} is not a Kartoteka workbook: ${field}: "${timeZone}" is not a time ` +
        'zone (use an IANA name such as Europe/Warsaw). It was left untouched.',
    );
  }
}

/**
 * Numbers JSON cannot hold (Infinity, NaN) anywhere outside the cells: in validation rules,
 * column widths, quotas. Returns the path of the first one, or null.
 */
export function findNonFiniteNumber(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFiniteNumber(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const found = findNonFiniteNumber(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}
