/**
 * A ServiceHost for unit tests: counts calls, enforces AuthMode NONE like the runtime
 * contract says, and keeps a mutable simulated clock. Two FakeHosts built over one
 * FakeWorld share the workbook, the clock and the lock table: two executions in flight.
 */
import {
  CallCounts,
  type AuthMode,
  type CallOptions,
  type ExecutionSource,
  type LockTable,
  type ServiceHost,
} from '../../../../src/local/emulator/execution';
import { newWorkbookState, type WorkbookState } from '../../../../src/local/emulator/state';

export interface FakeWorld {
  state: WorkbookState;
  locks: LockTable;
  clock: { ms: number };
  files: Record<string, string>;
  nextExecutionId: number;
}

export function newWorld(nowIso = '2026-03-02T10:00:00Z', timeZone = 'Europe/Warsaw'): FakeWorld {
  return {
    state: newWorkbookState({ id: 'doc-1', timeZone }),
    locks: new Map(),
    clock: { ms: Date.parse(nowIso) },
    files: {},
    nextExecutionId: 1,
  };
}

export class FakeHost implements ServiceHost {
  readonly counts = new CallCounts();
  readonly executionId: number;
  readonly state: WorkbookState;
  readonly locks: LockTable;
  readonly scriptTimeZone: string;

  constructor(
    readonly world: FakeWorld,
    readonly options: { user?: string; authMode?: AuthMode; source?: ExecutionSource } = {},
  ) {
    this.executionId = world.nextExecutionId++;
    this.state = world.state;
    this.locks = world.locks;
    this.scriptTimeZone = world.state.timeZone;
  }

  get user(): string {
    return this.options.user ?? 'ala@example.com';
  }
  get authMode(): AuthMode {
    return this.options.authMode ?? 'FULL';
  }
  get source(): ExecutionSource {
    return this.options.source ?? 'menu';
  }

  call(service: string, method: string, options: CallOptions = {}): void {
    const key = `${service}.${method}`;
    this.counts.byMethod[key] = (this.counts.byMethod[key] ?? 0) + 1;
    this.counts.modelledMs += options.costMs ?? 0;
    if (this.authMode === 'NONE' && options.needsAuthorization !== false) {
      throw new Error(`${key} is not allowed in AuthMode.NONE`);
    }
  }
  assertMayWrite(): void {}
  now(): Date {
    return new Date(this.world.clock.ms);
  }
  sleep(ms: number): void {
    this.world.clock.ms += ms;
  }
  projectFile(name: string): string | undefined {
    return this.world.files[name];
  }
}
