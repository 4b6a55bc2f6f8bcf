/**
 * The local runtime's public API: what tests, the CLI (`npm run gas`) and the dev server
 * (`npm start`) use to run the built dist/Code.js against an emulated workbook.
 * Implemented by src/local/runtime.ts (`createRuntime`).
 */
import type { AuthMode, CallCounts, ExecutionSource, UiSink } from './emulator/execution';
import type { WorkbookState } from './emulator/state';

export interface RuntimeOptions {
  /** The workbook to run against; a new empty one when absent. */
  workbook?: WorkbookState;
  /** The simulated "now" (fixed, or advanced with setNow). Default: the real clock. */
  now?: Date;
  /** The active user's email. Default 'owner@example.com'. */
  user?: string;
  /**
   * Strict-lock mode. true (default): a sheet write without the document lock while another
   * execution is in flight is an error. 'always': every script write without the document
   * lock is an error (proves a code path locks). false: off.
   */
  strictLocks?: boolean | 'always';
  /** The Apps Script file to load. Default dist/Code.js. */
  codePath?: string;
}

export interface RunOptions {
  source?: ExecutionSource; // default 'cli'
  authMode?: AuthMode; // default: NONE for a simple-trigger onOpen if not yet authorised, else FULL
  user?: string; // default: the runtime's user
}

export interface ExecutionResult<T = unknown> {
  ok: boolean;
  /** The function's return value (a value of the host realm; JSON-safe for script-run). */
  value?: T;
  /** The error's message as Apps Script would show it, when ok is false. */
  error?: { name: string; message: string; stack?: string };
  counts: CallCounts;
  /** Logger.log and console.* output of this execution. */
  logs: string[];
  startedAt: Date;
  /** Simulated duration (clock advanced by Utilities.sleep, lock waits, modelled cost). */
  modelledMs: number;
  /** Of modelledMs, the time this execution held a lock (others wanting it had to wait). */
  lockMs: number;
}

export interface Runtime {
  /** The live workbook state (mutated by executions). */
  readonly state: WorkbookState;
  readonly ui: UiSink;
  now(): Date;
  setNow(now: Date): void;
  /** Runs one top-level function of the script in a fresh execution, as Apps Script does. */
  run<T = unknown>(
    functionName: string,
    args?: unknown[],
    options?: RunOptions,
  ): ExecutionResult<T>;
  /**
   * Runs `inner` while `outer` is in flight, at the moment `outer` first makes the named
   * service call (e.g. 'Range.setValues'): how tests interleave two executions to prove
   * the document lock protects a write. Returns both results.
   */
  interleave(
    outer: { functionName: string; args?: unknown[]; options?: RunOptions },
    atCall: string,
    inner: { functionName: string; args?: unknown[]; options?: RunOptions },
  ): { outer: ExecutionResult; inner: ExecutionResult };
  /**
   * Fault injection for tests: the next execution dies with Apps Script's server-error
   * message when it makes its `occurrence`-th call of `atCall` (e.g. 'MailApp.sendEmail'),
   * before that call happens — a crash half-way through a job.
   */
  crashNextExecution(atCall: string, occurrence?: number): void;
  /** Runs every time-driven trigger due at now() (and advances their next run). */
  runDueTriggers(): Array<{ trigger: string; result: ExecutionResult }>;
  /**
   * Runs one installed time-driven trigger now, whether or not it is due ("run now"):
   * the same path as runDueTriggers (its owner, the clock event object, lastRun and the
   * next run updated). Throws for an unknown id or a trigger that is not time-driven.
   */
  runTrigger(triggerId: string): ExecutionResult;
  /** Names of the top-level functions the script defines. */
  entryPoints(): string[];
  /** A user typing into a cell in Sheets: parsed as typed input, no lock, no counting. */
  userEdit(sheetName: string, a1: string, text: string): void;
  /**
   * Takes the add-on's authorisation away from `user` (all the manifest's scopes, or only
   * `scopes`): their triggers still run but stop at the first call needing a missing scope,
   * with "Authorization is required to perform that action."; their next menu action
   * re-authorises them.
   */
  revokeAuthorization(user: string, scopes?: string[]): void;
}
