/**
 * The emulated workbook's state: everything that persists between executions and is
 * written to the workbook file (see src/local/README.md for the on-disk format).
 *
 * Cells are stored the way Sheets stores them, not the way a script sees them: a date is a
 * serial number (days since 1899-12-30, in the spreadsheet's time zone) with a date number
 * format, so changing a cell's format changes what getValues() returns, as in Sheets.
 */

/** A stored cell. Absent fields mean: empty value, no formula, format "General" (''). */
export interface CellState {
  /** The stored value: number (dates are serials), string, boolean; absent = empty. */
  v?: number | string | boolean;
  /** Formula text as typed, starting with '=' (its value is not evaluated by the emulator). */
  f?: string;
  /** Number format pattern, e.g. '@' (plain text), 'yyyy-mm-dd', '#,##0.00'. */
  nf?: string;
  /** Bold header cells and the like: only what Kartoteka sets. */
  bold?: boolean;
  /** A cell note (header descriptions). */
  note?: string;
}

export type DataValidationCriteria =
  | { type: 'VALUE_IN_LIST'; values: string[]; showDropdown: boolean }
  | { type: 'VALUE_IN_RANGE'; range: string; showDropdown: boolean }
  | { type: 'CHECKBOX' }
  | { type: 'DATE_IS_VALID_DATE' }
  | { type: 'NUMBER_GREATER_THAN_OR_EQUAL_TO'; min: number }
  | { type: 'NUMBER_BETWEEN'; min: number; max: number };

export interface DataValidationState {
  criteria: DataValidationCriteria;
  allowInvalid: boolean;
  helpText?: string;
}

export interface ProtectionState {
  /** 'SHEET' or an A1 range on this sheet. */
  range: string;
  description: string;
  warningOnly: boolean;
}

/** A JSON value: what setOption values are stored as (they live in the workbook file). */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An embedded chart (Sheet.insertChart), as EmbeddedChartBuilder left it. */
export interface ChartState {
  /** Unique across the spreadsheet (EmbeddedChart.getChartId). */
  chartId: number;
  /** A Charts.ChartType name; null when the script never set one. */
  chartType: string | null;
  /**
   * Data ranges in the order added, on any sheet of the workbook: by sheet id so that a
   * renamed sheet keeps its charts' data, A1 without the sheet name.
   */
  ranges: Array<{ sheetId: number; a1: string }>;
  /** setOption(key, value), keys as given ('title', 'hAxis.title', …). */
  options: Record<string, JsonValue>;
  /** ContainerInfo: the 1-based anchor cell on the chart's sheet and pixel offsets. */
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  /** Rows or columns treated as headers; negative = detected by Sheets. */
  numHeaders: number;
  transposeRowsAndColumns: boolean;
  /** Charts.ChartHiddenDimensionStrategy and Charts.ChartMergeStrategy names. */
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
}

export interface SheetState {
  sheetId: number;
  name: string;
  /** Grid size: Sheets has a fixed grid (new sheets 1000 × 26); ranges outside it throw. */
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  /** Sparse rows: rows[r][c] (0-based); missing or null entries are blank cells. */
  rows: Array<Array<CellState | null> | null>;
  /** Data validation per cell, keyed by A1 of one cell ("B2"); kept sparse. */
  validations: Record<string, DataValidationState>;
  /** Column widths in pixels, keyed by 1-based column number. */
  columnWidths: Record<number, number>;
  protections: ProtectionState[];
  /** Embedded charts on this sheet; absent (older files, sheets never charted) = none. */
  charts?: ChartState[];
}

export interface TriggerState {
  uniqueId: string;
  handlerFunction: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  /** Who created it: installable triggers run as their creator. */
  owner: string;
  /** Document the trigger belongs to (add-on triggers are per user per document). */
  documentId: string;
  /** For CLOCK triggers. */
  schedule?: {
    everyHours?: number;
    everyDays?: number;
    everyWeeks?: number;
    atHour?: number;
    nearMinute?: number;
    onWeekDay?: string;
    at?: string;
    /** ClockTriggerBuilder.inTimezone; absent = the script's time zone. */
    timeZone?: string;
  };
  /** ISO instant of the next scheduled run, on the simulated clock. */
  nextRun?: string;
  lastRun?: string;
}

export interface MailMessage {
  /** ISO instant on the simulated clock. */
  sentAt: string;
  from: string;
  to: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  /** MailApp's noReply option (sent from a generic no-reply address on Workspace). */
  noReply?: boolean;
}

export interface WorkbookState {
  format: 'kartoteka-workbook';
  /** The in-memory layout's version; the file has its own (src/local/workbook-format.ts). */
  version: 1;
  id: string;
  name: string;
  timeZone: string;
  /** File ▸ Settings ▸ Locale, e.g. 'pl_PL'; absent in files from before it was kept: en_US. */
  locale?: string;
  sheets: SheetState[];
  /** Index into sheets of the active sheet, and the active cell's A1 there. */
  activeSheetIndex: number;
  activeCell: string;
  properties: {
    document: Record<string, string>;
    script: Record<string, string>;
    /** Per user email. */
    user: Record<string, Record<string, string>>;
  };
  triggers: TriggerState[];
  outbox: MailMessage[];
  /**
   * Set once a user has used the add-on in this document (menu, sidebar): from then on
   * onOpen runs in AuthMode.LIMITED instead of NONE.
   */
  addonEnabled?: boolean;
  /** MailApp recipients counted per user per day (day = yyyy-MM-dd in script time zone). */
  mailQuota: Record<string, { day: string; recipients: number }>;
}

export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;

export function newSheetState(sheetId: number, name: string): SheetState {
  return {
    sheetId,
    name,
    maxRows: NEW_SHEET_ROWS,
    maxColumns: NEW_SHEET_COLUMNS,
    frozenRows: 0,
    frozenColumns: 0,
    rows: [],
    validations: {},
    columnWidths: {},
    protections: [],
  };
}

/** A new spreadsheet as Google creates it: one empty "Sheet1". */
export function newWorkbookState(options: {
  id: string;
  name?: string;
  timeZone?: string;
}): WorkbookState {
  return {
    format: 'kartoteka-workbook',
    version: 1,
    id: options.id,
    name: options.name ?? 'Kartoteka',
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    sheets: [newSheetState(0, 'Sheet1')],
    activeSheetIndex: 0,
    activeCell: 'A1',
    properties: { document: {}, script: {}, user: {} },
    triggers: [],
    outbox: [],
    mailQuota: {},
  };
}

/**
 * Makes `target` hold `source`'s contents, keeping the object: the runtime and its
 * services hold the state object itself, so a workbook reloaded from disk (another
 * process saved it) must replace the contents, not the reference.
 */
export function replaceWorkbookState(target: WorkbookState, source: WorkbookState): void {
  for (const key of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[key];
  Object.assign(target, source);
}
