import { createSpreadsheetApp } from '../../../src/local/emulator/spreadsheet';
import type { AuthMode, ExecutionSource } from '../../../src/local/emulator/execution';
import { newWorkbookState, type WorkbookState } from '../../../src/local/emulator/state';
import { FakeHost, newUiSink } from './fake-host';

export function setup(
  options: {
    state?: WorkbookState;
    authMode?: AuthMode;
    source?: ExecutionSource;
    timeZone?: string;
  } = {},
) {
  const state = options.state ?? newWorkbookState({ id: 'sheet-id-1', timeZone: options.timeZone });
  const host = new FakeHost(state, options.authMode ?? 'FULL', options.source ?? 'cli');
  const ui = newUiSink();
  const app = createSpreadsheetApp(host, ui);
  const ss = app.getActiveSpreadsheet()!;
  const sheet = ss.getSheets()[0];
  return { state, host, ui, app, ss, sheet };
}
