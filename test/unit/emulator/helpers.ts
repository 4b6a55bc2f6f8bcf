import { createSpreadsheetApp } from '../../../src/local/emulator/spreadsheet';
import type { AuthMode, ExecutionSource } from '../../../src/local/emulator/execution';
import { newWorkbookState, type WorkbookState } from '../../../src/local/emulator/state';
import { FakeHost, newUiSink, newWorld } from './fake-host';

export function setup(
  options: {
    state?: WorkbookState;
    authMode?: AuthMode;
    source?: ExecutionSource;
    timeZone?: string;
  } = {},
) {
  const state = options.state ?? newWorkbookState({ id: 'sheet-id-1', timeZone: options.timeZone });
  // The spreadsheet tests were written against a script in Warsaw on 2026-03-04.
  const host = new FakeHost(newWorld('2026-03-04T10:00:00Z', state.timeZone, state), {
    user: 'owner@example.com',
    authMode: options.authMode ?? 'FULL',
    source: options.source ?? 'cli',
    scriptTimeZone: 'Europe/Warsaw',
  });
  const ui = newUiSink();
  const app = createSpreadsheetApp(host, ui);
  const ss = app.getActiveSpreadsheet()!;
  const sheet = ss.getSheets()[0];
  return { state, host, ui, app, ss, sheet };
}
