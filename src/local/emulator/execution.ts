/**
 * One execution of the bundle (a menu action, a trigger run, a google.script.run call) and
 * the shared environment it runs in. Every emulated service method calls
 * `execution.call(...)` first: that is where calls are counted, where AuthMode is enforced,
 * and where the simulated clock lives. The counts are Kartoteka's performance figures.
 */
import { CostMeter, type CostKind } from './cost-model';
import type { WorkbookState } from './state';

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';

/** What started the execution; decides AuthMode and what getActive() returns. */
export type ExecutionSource =
  | 'simple-trigger' // onOpen / onInstall as Sheets calls them
  | 'menu' // an add-on menu item
  | 'script-run' // google.script.run from the sidebar
  | 'time-trigger' // an installable time-driven trigger: no active spreadsheet
  | 'cli'; // npm run gas (like clasp run: FULL auth, active document)

export { COST_KINDS, COST_MODEL, userPerceivedMs, type CostKind } from './cost-model';

export class CallCounts {
  /** Calls per "Service.method", e.g. "Range.getValues". */
  readonly byMethod: Record<string, number> = {};
  cellsRead = 0;
  cellsWritten = 0;
  /** Modelled Apps Script time for these calls, in ms (a model, not a measurement). */
  modelledMs = 0;
  /** Prices the calls (cost-model.ts); its byKind splits modelledMs by kind of call. */
  readonly cost = new CostMeter();

  /** Counts one call's cells and adds its modelled cost. */
  charge(service: string, method: string, options: CallOptions = {}): void {
    this.cellsRead += options.cellsRead ?? 0;
    this.cellsWritten += options.cellsWritten ?? 0;
    this.modelledMs += this.cost.charge(service, method, options);
  }

  get total(): number {
    return Object.values(this.byMethod).reduce((a, b) => a + b, 0);
  }

  /** Calls to the Spreadsheet service (SpreadsheetApp, Spreadsheet, Sheet, Range, …). */
  get spreadsheetCalls(): number {
    return Object.entries(this.byMethod)
      .filter(([key]) => SPREADSHEET_SERVICES.has(key.split('.')[0]))
      .reduce((sum, [, n]) => sum + n, 0);
  }

  toJSON(): {
    byMethod: Record<string, number>;
    total: number;
    spreadsheetCalls: number;
    cellsRead: number;
    cellsWritten: number;
    modelledMs: number;
    modelledByKind: Record<CostKind, number>;
  } {
    return {
      byMethod: { ...this.byMethod },
      total: this.total,
      spreadsheetCalls: this.spreadsheetCalls,
      cellsRead: this.cellsRead,
      cellsWritten: this.cellsWritten,
      modelledMs: Math.round(this.modelledMs),
      modelledByKind: Object.fromEntries(
        Object.entries(this.cost.byKind).map(([kind, ms]) => [kind, Math.round(ms)]),
      ) as Record<CostKind, number>,
    };
  }
}

export const SPREADSHEET_SERVICES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'DataValidationBuilder',
  'DataValidation',
  'Protection',
  'TextFinder',
  'EmbeddedChartBuilder',
  'EmbeddedChart',
  'ContainerInfo',
  // The Sheets advanced service: its calls are counted as 'Sheets.Spreadsheets.Values.get' …
  'Sheets',
]);

export interface CallOptions {
  cellsRead?: number;
  cellsWritten?: number;
  /** Modelled cost the service knows better than the call's kind (a property write). */
  costMs?: number;
  /** The sheet a Range/Sheet call touches: the first read of a sheet costs more. */
  sheetId?: number;
  /** False for the few calls allowed in AuthMode.NONE (menu building). Default true. */
  needsAuthorization?: boolean;
}

/**
 * The active user's grant of the script's OAuth scopes (see scopes.ts). A user who revoked
 * the add-on's access has every scope in `revoked`; after an update that adds a scope, only
 * the new one.
 */
export interface ScopeGrant {
  /** The scopes the script asks for: the manifest's oauthScopes. */
  readonly requested: readonly string[];
  /** Requested scopes this user has not granted (revoked, or added since they authorised). */
  readonly revoked: ReadonlySet<string>;
}

/**
 * What an emulated service needs from the execution it runs in. The runtime
 * (src/local/runtime.ts) implements it; services receive it when they are created for
 * one execution.
 */
export interface ServiceHost {
  /** The workbook, shared by every execution of this runtime. */
  readonly state: WorkbookState;
  readonly authMode: AuthMode;
  readonly source: ExecutionSource;
  /** The user running this execution (Session.getActiveUser / trigger owner). */
  readonly user: string;
  /** Counts the call, adds its modelled cost, throws if AuthMode forbids it. */
  call(service: string, method: string, options?: CallOptions): void;
  /**
   * Strict-lock mode: throws when this execution writes a sheet without holding the
   * document lock while another execution is in flight (and, in the strictest setting,
   * whenever it writes without the lock at all).
   */
  assertMayWrite(what: string): void;
  /** The simulated clock. */
  now(): Date;
  /** Unique per execution: lock ownership is per execution. */
  readonly executionId: number;
  /** Locks held across executions of this runtime (LockService reads and writes it). */
  readonly locks: LockTable;
  /** Advances the simulated clock (Utilities.sleep, a lock wait that times out). */
  sleep(ms: number): void;
  /** The script's time zone from appsscript.json (Session.getScriptTimeZone). */
  readonly scriptTimeZone: string;
  /** A file of the deployed project by name without extension ('sidebar' → sidebar.html). */
  projectFile(name: string): string | undefined;
  /**
   * The running user's scope grant (ScriptApp.getAuthorizationInfo). Absent means every
   * requested scope is granted.
   */
  readonly scopeGrant?: ScopeGrant;
  /**
   * LockService reports when this execution starts and stops holding a lock, so the
   * runtime can tell how long (in modelled time) other executions were kept waiting.
   */
  noteLockHeld?(held: boolean): void;
}

/**
 * Who holds which lock: the id of the holding execution. Keys: 'document:<docId>',
 * 'script', 'user:<email>'. Executions run synchronously, so a lock held by another
 * in-flight execution can never be released while this one waits: waitLock times out.
 */
export type LockTable = Map<string, number>;

/** What the UI of Sheets showed during executions: the dev server and tests read it. */
export interface UiSink {
  /** The add-on menu as last built by onOpen: label → entry-point function name. */
  addonMenu: Array<{ label: string; functionName: string } | { separator: true }>;
  /** Sidebars shown, newest last. `html` is HtmlOutput.getContent(). */
  sidebars: Array<{ title: string; html: string; width?: number }>;
  /** Alerts and toasts shown, newest last. */
  alerts: Array<{ title?: string; prompt: string }>;
  toasts: Array<{ title?: string; message: string }>;
}
