/**
 * What the objects of one SpreadsheetApp instance share: the execution's host, the UI sink
 * and stable wrappers per sheet (so `range.getSheet()` returns the same Sheet object).
 */
import type { ServiceHost, UiSink } from '../execution';
import type { SheetState, WorkbookState } from '../state';
import type { Range } from './range';
import type { Sheet } from './sheet';
import type { Spreadsheet } from './spreadsheet';

export interface SheetsContext {
  readonly host: ServiceHost;
  readonly ui: UiSink;
  readonly state: WorkbookState;
  sheet(sheet: SheetState): Sheet;
  spreadsheet(): Spreadsheet;
  /** A Range from A1 with a sheet name ('Sheet1'!A1:B2), or null when it does not resolve. */
  rangeFromA1(a1: string, defaultSheet?: SheetState): Range | null;
}

export const RANGE_NOT_FOUND = 'Range not found';
