/**
 * The workbook file's layout (documented in src/local/README.md): JSON Lines, one header
 * line with everything but the cells, then one line per non-empty column of each sheet with
 * the column's values as a plain array and its formats as runs, then an end line.
 *
 * Why this layout: a 25,000-customer / 70,000-deal workbook as one JSON document of cell
 * objects was 54 MB and took 1.5–3 s and ~900 MB to load and save. Columns of bare values
 * are about half the bytes, parse to arrays of primitives instead of 1.6 million objects,
 * and a file read line by line never holds the whole text as one string.
 *
 * Version 1 files (one JSON document, `rows` of cell objects) are still read, and written
 * back in this layout the first time something changes.
 */
import { z } from 'zod';
import type { CellState, SheetState, WorkbookState } from './emulator/state';
import { columnLetters } from './emulator/spreadsheet/a1';
import {
  checkCell,
  checkCellValue,
  checkTimeZone,
  describeIssue,
  findNonFiniteNumber,
  sheetMetaSchema,
  workbookMetaShape,
  WorkbookFileError,
} from './workbook-schema';

export const FILE_VERSION = 2;
const END_MARK = 'kartoteka-workbook';

/** A run of equal attribute values down a column: [first row (0-based), count, value]. */
type Run<T> = [number, number, T];

interface ColumnLine {
  sheet: number;
  column: number;
  /** Values by row (0-based); null = no value. Trailing nulls are left out. */
  v: Array<string | number | boolean | null>;
  f?: Array<Run<string>>;
  nf?: Array<Run<string>>;
  bold?: Array<Run<boolean>>;
  note?: Array<Run<string>>;
}

const RUN_KEYS = ['f', 'nf', 'bold', 'note'] as const;
type RunKey = (typeof RUN_KEYS)[number];

// ---------------------------------------------------------------------------------------
// Writing

/**
 * The file's lines (without newlines) for a state. Throws WorkbookFileError, before
 * anything is written, for a value the file cannot hold, naming the sheet and cell.
 */
export function encodeWorkbook(state: WorkbookState): string[] {
  const { format: _format, version: _version, sheets, ...rest } = state;
  const header = {
    format: 'kartoteka-workbook',
    version: FILE_VERSION,
    ...rest,
    sheets: sheets.map(({ rows, ...meta }) => ({ ...meta, rowCount: rows.length })),
  };
  const bad = findNonFiniteNumber(header, '');
  if (bad) {
    throw new WorkbookFileError(
      `Cannot save the workbook: ${bad} is not a finite number, which the file cannot hold. ` +
        'Nothing was written.',
    );
  }
  const lines = [canonicalJson(header)];
  state.sheets.forEach((sheet, index) => {
    for (const line of encodeSheet(sheet, index)) lines.push(JSON.stringify(line));
  });
  lines.push(JSON.stringify({ end: END_MARK, columns: lines.length - 1 }));
  return lines;
}

/**
 * JSON with object keys in a fixed order (format and version first, then sorted), so the
 * same state always gives the same bytes: a loaded state's keys come back in the schema's
 * order, a new one's in the order code created them, and a save that changes nothing must
 * be recognisable as such.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const record = item as Record<string, unknown>;
    const keys = Object.keys(record).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    return Object.fromEntries(keys.map((key) => [key, record[key]]));
  });
}
const rank = (key: string) => (key === 'format' ? 0 : key === 'version' ? 1 : 2);

type Runs = Record<RunKey, Array<Run<string | boolean>>>;

function extendRuns(
  list: Array<Run<string | boolean>>,
  row: number,
  value: string | boolean,
): void {
  const last = list[list.length - 1];
  if (last && last[0] + last[1] === row && last[2] === value) last[1]++;
  else list.push([row, 1, value]);
}

/** The sheet's column lines, in one pass over its rows (row arrays are what memory holds). */
function encodeSheet(sheet: SheetState, index: number): ColumnLine[] {
  let width = 0;
  for (const cells of sheet.rows) if (cells && cells.length > width) width = cells.length;
  const values: Array<ColumnLine['v']> = Array.from({ length: width }, () => []);
  const runs: Array<Runs | undefined> = new Array(width);
  const used = new Uint8Array(width);
  sheet.rows.forEach((cells, r) => {
    if (!cells) return;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      const v = cell.v;
      if (typeof v === 'number' ? !Number.isFinite(v) : checkCellValue(v) !== null) {
        throw new WorkbookFileError(
          `Cannot save the workbook: sheet "${sheet.name}" cell ${columnLetters(c + 1)}${r + 1}: ` +
            `${checkCellValue(v)}. Nothing was written.`,
        );
      }
      if (v !== undefined) {
        const column = values[c];
        while (column.length < r) column.push(null);
        column.push(v);
        used[c] = 1;
      }
      // Spelled out per key: a loop over key names makes every access megamorphic, and
      // this runs for each of 1.6 million cells.
      const { nf, f, bold, note } = cell;
      if (nf === undefined && f === undefined && bold === undefined && note === undefined) continue;
      used[c] = 1;
      const columnRuns = (runs[c] ??= { f: [], nf: [], bold: [], note: [] });
      if (nf !== undefined) extendRuns(columnRuns.nf, r, nf);
      if (f !== undefined) extendRuns(columnRuns.f, r, f);
      if (bold !== undefined) extendRuns(columnRuns.bold, r, bold);
      if (note !== undefined) extendRuns(columnRuns.note, r, note);
    }
  });
  const lines: ColumnLine[] = [];
  for (let c = 0; c < width; c++) {
    if (!used[c]) continue;
    const line: ColumnLine = { sheet: index, column: c, v: values[c] };
    for (const key of RUN_KEYS) {
      const list = runs[c]?.[key];
      // Each list holds only its own key's values; the record type cannot say so per key.
      if (list?.length) (line as unknown as Record<string, unknown>)[key] = list;
    }
    lines.push(line);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------
// Reading

/** Reads a workbook file's bytes (either version); throws WorkbookFileError saying why not. */
export function decodeWorkbook(bytes: Buffer, path: string): WorkbookState {
  const firstNewline = bytes.indexOf(10);
  const firstLine = bytes.toString('utf8', 0, firstNewline === -1 ? bytes.length : firstNewline);
  let header: unknown;
  try {
    header = JSON.parse(firstLine);
  } catch {
    header = undefined; // a pretty-printed version 1 file, or not JSON at all
  }
  const isLines =
    firstNewline !== -1 &&
    typeof header === 'object' &&
    header !== null &&
    (header as { version?: unknown }).version === FILE_VERSION;
  const state = isLines
    ? decodeLines(bytes, header, firstNewline + 1, path)
    : decodeV1(bytes, path);
  finishState(state, path);
  return state;
}

const headerSchema = z.object({
  ...workbookMetaShape,
  version: z.literal(FILE_VERSION),
  sheets: z.array(sheetMetaSchema.extend({ rowCount: z.number().int().nonnegative() })).min(1),
});

const runSchema = <T extends z.ZodType>(value: T) =>
  z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive(), value]));

const columnLineSchema = z.strictObject({
  sheet: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  v: z.array(z.never()), // replaced by [] before parsing: checked value by value instead
  f: runSchema(z.string()).optional(),
  nf: runSchema(z.string()).optional(),
  bold: runSchema(z.boolean()).optional(),
  note: runSchema(z.string()).optional(),
});

/** `detail` is "where: why" (a field path or line number, then the reason). */
function refuse(path: string, detail: string): WorkbookFileError {
  return new WorkbookFileError(
    `The file ${path} is not a Kartoteka workbook: ${detail}. It was left untouched.`,
  );
}

function decodeLines(bytes: Buffer, rawHeader: unknown, start: number, path: string) {
  const parsed = headerSchema.safeParse(rawHeader);
  if (!parsed.success) throw refuse(path, `line 1: ${describeIssue(parsed.error)}`);
  const { sheets: metas, version: _version, ...rest } = parsed.data;
  const columns: ColumnLine[][] = metas.map(() => []);
  let lineNumber = 1;
  let offset = start;
  let end: { columns?: unknown } | undefined;
  while (offset < bytes.length) {
    let next = bytes.indexOf(10, offset);
    if (next === -1) next = bytes.length;
    lineNumber++;
    const text = bytes.toString('utf8', offset, next);
    offset = next + 1;
    if (text.trim() === '') continue;
    if (end) throw refuse(path, `line ${lineNumber}: text after the end line`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw refuse(path, `line ${lineNumber}: not valid JSON (${(error as Error).message})`);
    }
    if (json && typeof json === 'object' && (json as { end?: unknown }).end === END_MARK) {
      end = json as { columns?: unknown };
      continue;
    }
    const line = checkColumnLine(json, metas, path, lineNumber);
    columns[line.sheet].push(line);
  }
  const columnCount = columns.reduce((sum, list) => sum + list.length, 0);
  if (!end || end.columns !== columnCount) {
    throw refuse(path, 'the file is cut short (its end line is missing or wrong)');
  }
  const sheets: SheetState[] = metas.map(({ rowCount, ...meta }, index) => ({
    ...meta,
    rows: buildRows(rowCount, columns[index]),
  }));
  return { ...rest, version: 1 as const, sheets };
}

function checkColumnLine(
  json: unknown,
  metas: ReadonlyArray<{ rowCount: number; name: string }>,
  path: string,
  lineNumber: number,
): ColumnLine {
  const where = `line ${lineNumber}`;
  const values = (json as { v?: unknown } | null)?.v;
  if (!Array.isArray(values)) throw refuse(path, `${where}: v: expected an array of values`);
  // zod checks the line's shape without its values: they are checked one by one below,
  // and zod would also copy an array of up to a whole column.
  const parsed = columnLineSchema.safeParse({ ...(json as object), v: [] });
  if (!parsed.success) throw refuse(path, `${where}: ${describeIssue(parsed.error)}`);
  const line = { ...parsed.data, v: values } as ColumnLine;
  const meta = metas[line.sheet];
  if (!meta) throw refuse(path, `${where}: there is no sheet ${line.sheet}`);
  if (line.v.length > meta.rowCount) throw refuse(path, `${where}: more values than rows`);
  for (let r = 0; r < line.v.length; r++) {
    const value = line.v[r];
    const problem = value === null ? null : checkCellValue(value);
    if (problem) {
      const cell = `${meta.name}!${columnLetters(line.column + 1)}${r + 1}`;
      throw refuse(path, `${where} (${cell}): ${problem}`);
    }
  }
  for (const key of RUN_KEYS) {
    for (const [row, count] of line[key] ?? []) {
      if (row + count > meta.rowCount)
        throw refuse(path, `${where}: a "${key}" run past the last row`);
    }
  }
  return line;
}

/** Walks one attribute's runs down a column, row by row. */
class RunCursor<T> {
  private index = 0;
  constructor(private readonly runs: Array<Run<T>> | undefined) {}
  at(row: number): T | undefined {
    const runs = this.runs;
    if (!runs) return undefined;
    while (this.index < runs.length && runs[this.index][0] + runs[this.index][1] <= row) {
      this.index++;
    }
    const run = runs[this.index];
    return run && run[0] <= row ? run[2] : undefined;
  }
}

/** The sparse rows of a sheet from its column lines: a row with no cell stays null. */
function buildRows(rowCount: number, columns: ColumnLine[]): SheetState['rows'] {
  const widths = new Int32Array(rowCount);
  for (const line of columns) {
    const width = line.column + 1;
    const values = line.v;
    for (let r = 0; r < values.length; r++) {
      if (values[r] !== null && widths[r] < width) widths[r] = width;
    }
    for (const key of RUN_KEYS) {
      for (const [row, count] of line[key] ?? []) {
        for (let r = row; r < row + count; r++) if (widths[r] < width) widths[r] = width;
      }
    }
  }
  const rows: SheetState['rows'] = new Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    rows[r] = widths[r] === 0 ? null : new Array<CellState | null>(widths[r]).fill(null);
  }
  for (const line of columns) fillColumn(rows, line, rowCount);
  return rows;
}

function fillColumn(rows: SheetState['rows'], line: ColumnLine, rowCount: number): void {
  const f = new RunCursor(line.f);
  const nf = new RunCursor(line.nf);
  const bold = new RunCursor(line.bold);
  const note = new RunCursor(line.note);
  const c = line.column;
  for (let r = 0; r < rowCount; r++) {
    const v = r < line.v.length ? line.v[r] : null;
    const cellF = f.at(r);
    const cellNf = nf.at(r);
    const cellBold = bold.at(r);
    const cellNote = note.at(r);
    if (cellF === undefined && cellBold === undefined && cellNote === undefined) {
      // The common cells built as literals of one shape: 1.6 million of them share a map.
      if (v !== null) rows[r]![c] = cellNf === undefined ? { v } : { v, nf: cellNf };
      else if (cellNf !== undefined) rows[r]![c] = { nf: cellNf };
      continue;
    }
    const cell: CellState = {};
    if (v !== null) cell.v = v;
    if (cellF !== undefined) cell.f = cellF;
    if (cellNf !== undefined) cell.nf = cellNf;
    if (cellBold !== undefined) cell.bold = cellBold;
    if (cellNote !== undefined) cell.note = cellNote;
    rows[r]![c] = cell;
  }
}

// ---------------------------------------------------------------------------------------
// Version 1: one JSON document with rows of cell objects

const v1Schema = z.object({
  ...workbookMetaShape,
  version: z.literal(1),
  sheets: z.array(sheetMetaSchema.extend({ rows: z.array(z.unknown()) })).min(1),
});

function decodeV1(bytes: Buffer, path: string): WorkbookState {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new WorkbookFileError(
      `The workbook file ${path} is not valid JSON (${(error as Error).message}). ` +
        'It was left untouched; fix or move it, or pass --workbook with another path.',
    );
  }
  const parsed = v1Schema.safeParse(json);
  if (!parsed.success) throw refuse(path, describeIssue(parsed.error));
  parsed.data.sheets.forEach((sheet, s) => {
    sheet.rows.forEach((cells, r) => {
      if (cells === null) return;
      if (!Array.isArray(cells))
        throw refuse(path, `sheets.${s}.rows.${r}: a row must be an array or null`);
      cells.forEach((cell, c) => {
        const problem = checkCell(cell);
        if (problem) throw refuse(path, `sheets.${s}.rows.${r}.${c}: ${problem}`);
      });
    });
  });
  return parsed.data as WorkbookState;
}

/** What every version needs after its checks: keys, bounds and time zones fixed up. */
function finishState(state: WorkbookState, path: string): void {
  for (const sheet of state.sheets) {
    // JSON object keys are strings; the state keys column widths by column number.
    sheet.columnWidths = Object.fromEntries(
      Object.entries(sheet.columnWidths).map(([column, width]) => [Number(column), width]),
    );
  }
  if (state.activeSheetIndex >= state.sheets.length) state.activeSheetIndex = 0;
  checkTimeZone(state.timeZone, 'timeZone', path);
  state.triggers.forEach((trigger, i) => {
    const zone = trigger.schedule?.timeZone;
    if (zone !== undefined) checkTimeZone(zone, `triggers.${i}.schedule.timeZone`, path);
  });
}
