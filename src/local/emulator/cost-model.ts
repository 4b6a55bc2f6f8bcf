/**
 * Modelled Apps Script time: what each service call of an execution would cost on Google's
 * servers, priced by kind of call from published measurements (listed in
 * shared/docs/apps-script-limits.md, "Published costs" and "More field measurements").
 * A model, not a measurement: the call counts are the hard figures; these turn them into
 * an order of magnitude a user would wait.
 *
 * How Sheets behaves, and so how the model prices it:
 * - Accessors (getActiveSpreadsheet, getSheetByName, getRange, getLastRow, …) are answered
 *   without fetching cells: ~0 each in a published execution transcript.
 * - The first read of a sheet in an execution fetches it (~0.175 s in that transcript);
 *   later reads of the same sheet are served from the execution's look-ahead cache (~0).
 * - Writes are cached and committed in batches; a read commits pending writes first, and
 *   flush() commits them on demand. Google, "Optimizing Spreadsheet Operations" (2010):
 *   "Every time you do a read, we must first empty (commit) the write cache"
 *   http://googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html
 * - The Sheets advanced service (`Sheets.Spreadsheets.*`) has neither cache: each call is one
 *   request to the Sheets API ("Each connection your client makes results in a certain amount
 *   of overhead", https://developers.google.com/sheets/api/guides/batch), answered and
 *   committed before the call returns. Each is priced as a fetch (`apiRequestMs`) plus the
 *   per-cell term, reads and writes alike, and the write cache of SpreadsheetApp is neither
 *   committed nor consulted by it.
 */
import type { CallOptions } from './execution';

/**
 * Per-call constants. Sources:
 * [SO]   "What is faster: ScriptDb or SpreadsheetApp?" (Stack Overflow, 2013): one setValues
 *        of 4,000 cells < 50 ms; 400 row-by-row writes 164 ms; single setValues 75 % faster
 *        than row-by-row and two orders of magnitude faster than cell-by-cell; + flush()
 *        610 ms; flush() after each of the 400 rows ~12 s (≈ 30 ms a flush).
 *        https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp
 * [LOG]  A published Apps Script execution transcript (pastebin VzZLHRrM): accessors ~0 s,
 *        first getValues of a sheet ~0.175 s, later reads ~0 s. (Not reachable from here
 *        to re-check; quoted as apps-script-limits.md records it.)
 * [ZIR]  Luis Peralta, "Google Apps Script APIs performance", 100-run averages:
 *        Properties set 62–64 ms, get 30–34 ms; Cache put 92–93 ms, get 3–4 ms.
 *        https://ziritione.org/post/apps_script_performance
 * [RUN]  google.script.run round trips of 1–5 s typical, 5–10 s at times, reported in
 *        https://github.com/enuchi/React-Google-Apps-Script/issues/73,
 *        https://github.com/enuchi/gas-client/issues/35,
 *        https://github.com/labnol/apps-script-starter/issues/25 (no official figure).
 */
export const COST_MODEL = {
  /** [LOG] accessors: ~0 in the transcript. */
  accessorMs: 0,
  /** [LOG] the first read of a sheet in an execution (or after a write to it). */
  firstReadMs: 175,
  /** [LOG] a later read of a sheet already fetched in this execution: ~0; 1 ms keeps it non-zero. */
  cachedReadMs: 1,
  /**
   * Per cell moved between Sheets and the script. [SO] 4,000 cells in one setValues take
   * < 50 ms, ≈ 0.01 ms a cell; no published per-cell read figure was found, so reads use
   * the same term.
   */
  perCellMs: 0.01,
  /**
   * One write call. From [SO]: 400 row writes of 10 cells in 164 ms against ~41 ms for
   * one call of 4,000 cells: (164 − 41) / 399 ≈ 0.3 ms a call. Row-by-row comes out ~4×
   * one setValues, as [SO] reports; cell-by-cell ~30× (SO says ~100×: the model is kind
   * to cell-by-cell writes).
   */
  writeCallMs: 0.3,
  /**
   * One Sheets API request through the advanced service, read or write. No published figure
   * for the advanced service: an ESTIMATE equal to a first read's fetch [LOG], since every
   * request is fetched and committed on its own.
   */
  apiRequestMs: 175,
  /** [SO] a flush with little pending: ~12 s / 400 flushes ≈ 30 ms. */
  flushMs: 30,
  /** [SO] flush of 4,000 pending cells ≈ 610 − 41 ms: (570 − 30) / 4,000 ≈ 0.135 ms a cell. */
  flushPerPendingCellMs: 0.135,
  /** [ZIR] */
  propertyReadMs: 30,
  propertyWriteMs: 60,
  cacheGetMs: 3,
  cachePutMs: 90,
  /**
   * TextFinder searches run on Google's side: no cells travel to the script. No published
   * figure: an ESTIMATE of one server request (a first read's 175 ms, rounded down to
   * 100 ms as nothing is returned but matches) plus a tenth of the per-cell transfer term.
   */
  searchCallMs: 100,
  searchPerCellMs: 0.001,
  /** [RUN] a typical google.script.run round trip, inside the reported 1–5 s. */
  scriptRunRoundTripMs: 2000,
} as const;

export type CostKind =
  'accessor' | 'read' | 'write' | 'flush' | 'search' | 'properties' | 'cache' | 'other';

export const COST_KINDS: readonly CostKind[] = [
  'accessor',
  'read',
  'write',
  'flush',
  'search',
  'properties',
  'cache',
  'other',
];

/** Services whose calls go to Sheets. */
const SHEETS = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'Protection']);
/** The Sheets advanced service: a request per call. */
const SHEETS_API = 'Sheets';
/** Builders and value objects that live in the script until applied: no server work. */
const LOCAL_OBJECTS = new Set([
  'DataValidationBuilder',
  'DataValidation',
  'EmbeddedChartBuilder',
  'ContainerInfo',
]);
const READ_ONLY = /^(get|is|has)[A-Z]|^(offset|createTextFinder|newDataValidation|open\w*)$/;
const TEXT_FINDER_SEARCHES = new Set(['findAll', 'findNext', 'findPrevious']);
const TEXT_FINDER_REPLACES = new Set(['replaceAllWith', 'replaceWith']);

/**
 * Prices the calls of one execution. Keeps what the price depends on: which sheets this
 * execution has fetched, and how many written cells are waiting to be committed.
 */
export class CostMeter {
  readonly byKind: Record<CostKind, number> = {
    accessor: 0,
    read: 0,
    write: 0,
    flush: 0,
    search: 0,
    properties: 0,
    cache: 0,
    other: 0,
  };
  private readonly fetchedSheets = new Set<number | 'unknown'>();
  private pendingCells = 0;
  private pendingWrites = false;

  get totalMs(): number {
    return COST_KINDS.reduce((sum, kind) => sum + this.byKind[kind], 0);
  }

  /** Adds the call's modelled cost; returns it (ms). */
  charge(service: string, method: string, options: CallOptions = {}): number {
    const before = this.totalMs;
    this.price(service, method, options);
    return this.totalMs - before;
  }

  private price(service: string, method: string, options: CallOptions): void {
    const cellsRead = options.cellsRead ?? 0;
    const cellsWritten = options.cellsWritten ?? 0;
    const extra = options.costMs ?? 0;
    if (service === 'Properties') return this.add('properties', extra);
    if (service === 'Cache') return this.add('cache', extra);
    if (service === 'TextFinder') return this.textFinder(method, options);
    if (LOCAL_OBJECTS.has(service)) return this.add('accessor', COST_MODEL.accessorMs + extra);
    if (service === SHEETS_API) {
      const cells = (cellsRead + cellsWritten) * COST_MODEL.perCellMs;
      return this.add(
        cellsRead > 0 || /\.(get|batchGet)$/.test(method) ? 'read' : 'write',
        COST_MODEL.apiRequestMs + cells + extra,
      );
    }
    if (!SHEETS.has(service)) return this.add('other', extra);
    if (service === 'SpreadsheetApp' && method === 'flush') return this.commit(extra);
    if (cellsRead > 0) return this.read(options.sheetId, cellsRead, extra);
    if (cellsWritten > 0 || !READ_ONLY.test(method)) {
      return this.write(options.sheetId, cellsWritten, extra);
    }
    this.add('accessor', COST_MODEL.accessorMs + extra);
  }

  private read(sheetId: number | undefined, cells: number, extra: number): void {
    // A read commits pending writes first (Google's 2010 post above).
    if (this.pendingWrites) this.commit(0);
    const key = sheetId ?? 'unknown';
    const first = !this.fetchedSheets.has(key);
    this.fetchedSheets.add(key);
    const callMs = first ? COST_MODEL.firstReadMs : COST_MODEL.cachedReadMs;
    this.add('read', callMs + cells * COST_MODEL.perCellMs + extra);
  }

  /** A write is cached until a read or flush commits it; the sheet must be fetched anew. */
  private write(sheetId: number | undefined, cells: number, extra: number): void {
    this.pendingWrites = true;
    // Structural changes (insert a sheet, freeze rows) are pending work of at least a cell.
    this.pendingCells += Math.max(cells, 1);
    this.fetchedSheets.delete(sheetId ?? 'unknown');
    this.add('write', COST_MODEL.writeCallMs + cells * COST_MODEL.perCellMs + extra);
  }

  private commit(extra: number): void {
    const pending = this.pendingCells;
    this.pendingCells = 0;
    this.pendingWrites = false;
    this.add('flush', COST_MODEL.flushMs + pending * COST_MODEL.flushPerPendingCellMs + extra);
  }

  private textFinder(method: string, options: CallOptions): void {
    const cells = (options.cellsRead ?? 0) + (options.cellsWritten ?? 0);
    const extra = options.costMs ?? 0;
    if (TEXT_FINDER_REPLACES.has(method)) {
      if (this.pendingWrites) this.commit(0);
      return this.write(options.sheetId, options.cellsWritten ?? 0, extra + searchMs(cells));
    }
    if (TEXT_FINDER_SEARCHES.has(method)) {
      // The search runs on the committed sheet.
      if (this.pendingWrites) this.commit(0);
      return this.add('search', searchMs(cells) + extra);
    }
    // matchCase, startFrom, …: settings of the finder object in the script.
    this.add('accessor', COST_MODEL.accessorMs + extra);
  }

  private add(kind: CostKind, ms: number): void {
    this.byKind[kind] += ms;
  }
}

const searchMs = (cells: number) => COST_MODEL.searchCallMs + cells * COST_MODEL.searchPerCellMs;

/**
 * What a sidebar user waits for one google.script.run call: the round trip plus the
 * server's time. [RUN] above; the round trip dominates anything under a second.
 */
export function userPerceivedMs(serverMs: number): number {
  return COST_MODEL.scriptRunRoundTripMs + serverMs;
}
