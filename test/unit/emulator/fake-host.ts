/**
 * The one ServiceHost for emulator unit tests (SpreadsheetApp and the other services).
 * It records every call in order and counts them like the runtime does, enforces AuthMode
 * NONE the way the runtime contract says, keeps a mutable simulated clock, and lets a test
 * make writes fail (a strict-lock stand-in). Two FakeHosts built over one FakeWorld share
 * the workbook, the clock and the lock table: two executions in flight.
 */
import {
  CallCounts,
  type AuthMode,
  type CallOptions,
  type ExecutionSource,
  type LockTable,
  type ServiceHost,
  type UiSink,
} from '../../../src/local/emulator/execution';
import { newWorkbookState, type WorkbookState } from '../../../src/local/emulator/state';

export interface FakeWorld {
  state: WorkbookState;
  locks: LockTable;
  clock: { ms: number };
  /** Project files by name without extension (HtmlService.createHtmlOutputFromFile). */
  files: Record<string, string>;
  nextExecutionId: number;
}

export function newWorld(
  nowIso = '2026-03-02T10:00:00Z',
  timeZone = 'Europe/Warsaw',
  state: WorkbookState = newWorkbookState({ id: 'doc-1', timeZone }),
): FakeWorld {
  return {
    state,
    locks: new Map(),
    clock: { ms: Date.parse(nowIso) },
    files: {},
    nextExecutionId: 1,
  };
}

export interface FakeHostOptions {
  user?: string;
  authMode?: AuthMode;
  source?: ExecutionSource;
  /** Default: the workbook's time zone. */
  scriptTimeZone?: string;
}

export class FakeHost implements ServiceHost {
  /** Every call as "Service.method", in order. */
  readonly calls: string[] = [];
  /** Per-method counts, cells and modelled cost, as the runtime reports them. */
  readonly counts = new CallCounts();
  /** What assertMayWrite was asked about, in order. */
  readonly writes: string[] = [];
  /** When set, assertMayWrite throws this message. */
  refuseWrites: string | null = null;
  readonly executionId: number;
  readonly state: WorkbookState;
  readonly locks: LockTable;
  readonly scriptTimeZone: string;
  readonly user: string;
  readonly authMode: AuthMode;
  readonly source: ExecutionSource;

  constructor(
    readonly world: FakeWorld = newWorld(),
    options: FakeHostOptions = {},
  ) {
    this.executionId = world.nextExecutionId++;
    this.state = world.state;
    this.locks = world.locks;
    this.scriptTimeZone = options.scriptTimeZone ?? world.state.timeZone;
    this.user = options.user ?? 'ala@example.com';
    this.authMode = options.authMode ?? 'FULL';
    this.source = options.source ?? 'menu';
  }

  call(service: string, method: string, options: CallOptions = {}): void {
    const key = `${service}.${method}`;
    this.calls.push(key);
    this.counts.byMethod[key] = (this.counts.byMethod[key] ?? 0) + 1;
    this.counts.cellsRead += options.cellsRead ?? 0;
    this.counts.cellsWritten += options.cellsWritten ?? 0;
    this.counts.modelledMs += options.costMs ?? 0;
    if (this.authMode === 'NONE' && options.needsAuthorization !== false) {
      throw new Error(`You do not have permission to call ${key} in this context (AuthMode NONE).`);
    }
  }

  assertMayWrite(what: string): void {
    this.writes.push(what);
    if (this.refuseWrites) throw new Error(this.refuseWrites);
  }

  now(): Date {
    return new Date(this.world.clock.ms);
  }

  sleep(ms: number): void {
    this.world.clock.ms += ms;
  }

  projectFile(name: string): string | undefined {
    return this.world.files[name];
  }

  count(name: string): number {
    return this.calls.filter((c) => c === name).length;
  }

  /** Forgets the calls so far (a test that measures one step). */
  resetCounts(): void {
    this.calls.length = 0;
    for (const key of Object.keys(this.counts.byMethod)) delete this.counts.byMethod[key];
    this.counts.cellsRead = 0;
    this.counts.cellsWritten = 0;
    this.counts.modelledMs = 0;
  }
}

export function newUiSink(): UiSink {
  return { addonMenu: [], sidebars: [], alerts: [], toasts: [] };
}
