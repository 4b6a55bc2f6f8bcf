/** Runs the built dist/Code.js in the local runtime for data-model tests. */
import { join } from 'node:path';
import { DIST } from '../../scripts/build.ts';
import { createRuntime, type LocalRuntime } from '../../src/local/runtime.ts';
import type { RuntimeOptions } from '../../src/local/runtime-api.ts';
import type { ExecutionResult } from '../../src/local/runtime-api.ts';
import type { SheetState } from '../../src/local/emulator/state.ts';
import type { SaveResult } from '../../src/domain/api-types.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';

export const NOW = new Date('2026-03-02T09:00:00Z');

/** A runtime on a fresh workbook, strictest lock mode: every write must hold the lock. */
export function newRuntime(options: RuntimeOptions = {}): LocalRuntime {
  return createRuntime({
    codePath: join(DIST, 'Code.js'),
    now: NOW,
    strictLocks: 'always',
    ...options,
  });
}

/** Runs a function as the sidebar would, failing the test with the script's own error. */
export function call<T>(runtime: LocalRuntime, name: string, ...args: unknown[]): T {
  const result = runtime.run<T>(name, args, { source: 'script-run' });
  if (!result.ok)
    throw new Error(`${name} failed: ${result.error?.message}\n${result.error?.stack}`);
  return result.value as T;
}

export function run(runtime: LocalRuntime, name: string, ...args: unknown[]): ExecutionResult {
  return runtime.run(name, args, { source: 'script-run' });
}

export function setUp(options: RuntimeOptions = {}): LocalRuntime {
  const runtime = newRuntime(options);
  call(runtime, 'setupTabs');
  return runtime;
}

/** A tab's cells as displayed, row by row (header first), like a user sees them. */
export function tab(runtime: LocalRuntime, name: string): string[][] {
  const sheet = runtime.state.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet.rows.map((cells) =>
    (cells ?? []).map((cell) => (cell?.v === undefined ? '' : String(cell.v))),
  );
}

/** The record a save returned, failing the test with the refusal if it was not saved. */
export function saved(result: SaveResult): AnyRecord {
  if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.record;
}

/** A tab's stored state (cells with their formats), failing the test when it is missing. */
export function sheetOf(runtime: LocalRuntime, name: string): SheetState {
  const sheet = runtime.state.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet;
}
