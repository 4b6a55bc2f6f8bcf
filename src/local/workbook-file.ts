/**
 * The workbook file: the emulated spreadsheet persisted as one JSON document (format in
 * src/local/README.md). Writes are atomic — a temp file in the same directory, fsync,
 * rename, fsync of the directory — so a crash leaves either the old or the new file,
 * never half of one. A file that does not parse as a workbook is refused and never
 * overwritten: it may be the user's only copy of their data.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { newWorkbookState, type WorkbookState } from './emulator/state';

export const DEFAULT_WORKBOOK_FILE = 'kartoteka.workbook.json';
export const WORKBOOK_ENV = 'KARTOTEKA_WORKBOOK';

export class WorkbookFileError extends Error {
  override name = 'WorkbookFileError';
}

const cellSchema = z.union([
  z.null(),
  z.strictObject({
    v: z.union([z.number(), z.string(), z.boolean()]).optional(),
    f: z.string().optional(),
    nf: z.string().optional(),
    bold: z.boolean().optional(),
    note: z.string().optional(),
  }),
]);

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

const sheetSchema = z.object({
  sheetId: z.number().int(),
  name: z.string().min(1),
  maxRows: z.number().int().positive(),
  maxColumns: z.number().int().positive(),
  frozenRows: z.number().int().nonnegative(),
  frozenColumns: z.number().int().nonnegative(),
  rows: z.array(z.union([z.null(), z.array(cellSchema)])),
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

const workbookSchema = z.object({
  format: z.literal('kartoteka-workbook'),
  version: z.literal(1),
  id: z.string().min(1),
  name: z.string(),
  timeZone: z.string().min(1),
  sheets: z.array(sheetSchema).min(1),
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
});

/** Reads and checks a workbook file; throws WorkbookFileError saying what is wrong. */
export function loadWorkbook(path: string): WorkbookState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new WorkbookFileError(
      `Cannot read the workbook file ${path}: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WorkbookFileError(
      `The workbook file ${path} is not valid JSON (${(error as Error).message}). ` +
        'It was left untouched; fix or move it, or pass --workbook with another path.',
    );
  }
  const parsed = workbookSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new WorkbookFileError(
      `The file ${path} is not a Kartoteka workbook: ${first.path.join('.') || '(top level)'}: ` +
        `${first.message}. It was left untouched.`,
    );
  }
  const state = parsed.data as WorkbookState;
  for (const sheet of state.sheets) {
    // JSON object keys are strings; the state keys column widths by column number.
    sheet.columnWidths = Object.fromEntries(
      Object.entries(sheet.columnWidths).map(([column, width]) => [Number(column), width]),
    );
  }
  if (state.activeSheetIndex >= state.sheets.length) state.activeSheetIndex = 0;
  return state;
}

/** Writes the workbook atomically (temp file + fsync + rename + directory fsync). */
export function saveWorkbook(path: string, state: WorkbookState): void {
  const target = resolve(path);
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${randomUUID()}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  renameSync(temp, target);
  try {
    const dirFd = openSync(directory, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  }
}

/** Opens the workbook at `path`, or creates (and saves) a new one when there is no file. */
export function openOrCreateWorkbook(
  path: string,
  create: () => WorkbookState = () => newWorkbookState({ id: randomUUID() }),
): { state: WorkbookState; created: boolean } {
  if (existsSync(path)) return { state: loadWorkbook(path), created: false };
  const state = create();
  saveWorkbook(path, state);
  return { state, created: true };
}

/** `--workbook PATH`, `--workbook=PATH`, then $KARTOTEKA_WORKBOOK, then ./kartoteka.workbook.json. */
export function resolveWorkbookPath(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workbook') {
      const value = argv[i + 1];
      if (!value || value.startsWith('--')) throw new WorkbookFileError('--workbook needs a path');
      return resolve(cwd, value);
    }
    if (argv[i].startsWith('--workbook=')) return resolve(cwd, argv[i].slice('--workbook='.length));
  }
  return resolve(cwd, env[WORKBOOK_ENV] || DEFAULT_WORKBOOK_FILE);
}
