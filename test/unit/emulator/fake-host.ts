/**
 * A minimal ServiceHost for emulator unit tests: records every call, enforces AuthMode NONE
 * the way the runtime does, and lets a test make writes fail (strict-lock stand-in).
 */
import type {
  AuthMode,
  CallOptions,
  ExecutionSource,
  LockTable,
  ServiceHost,
  UiSink,
} from '../../../src/local/emulator/execution';
import { newWorkbookState, type WorkbookState } from '../../../src/local/emulator/state';

export class FakeHost implements ServiceHost {
  readonly calls: string[] = [];
  readonly writes: string[] = [];
  cellsRead = 0;
  cellsWritten = 0;
  /** When set, assertMayWrite throws this message. */
  refuseWrites: string | null = null;
  readonly executionId = 1;
  readonly locks: LockTable = new Map();
  readonly scriptTimeZone = 'Europe/Warsaw';
  readonly user = 'owner@example.com';
  private clock = new Date('2026-03-04T10:00:00Z');

  constructor(
    readonly state: WorkbookState = newWorkbookState({ id: 'sheet-id-1' }),
    readonly authMode: AuthMode = 'FULL',
    readonly source: ExecutionSource = 'cli',
  ) {}

  call(service: string, method: string, options: CallOptions = {}): void {
    this.calls.push(`${service}.${method}`);
    this.cellsRead += options.cellsRead ?? 0;
    this.cellsWritten += options.cellsWritten ?? 0;
    if (this.authMode === 'NONE' && options.needsAuthorization !== false) {
      throw new Error(
        `You do not have permission to call ${service}.${method} in this context (AuthMode NONE).`,
      );
    }
  }

  assertMayWrite(what: string): void {
    this.writes.push(what);
    if (this.refuseWrites) throw new Error(this.refuseWrites);
  }

  now(): Date {
    return new Date(this.clock);
  }

  sleep(ms: number): void {
    this.clock = new Date(this.clock.getTime() + ms);
  }

  projectFile(): string | undefined {
    return undefined;
  }

  count(name: string): number {
    return this.calls.filter((c) => c === name).length;
  }
}

export function newUiSink(): UiSink {
  return { addonMenu: [], sidebars: [], alerts: [], toasts: [] };
}
