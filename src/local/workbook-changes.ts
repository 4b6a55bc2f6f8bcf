/**
 * Whether an execution may have changed the workbook, judged from the calls it made: the
 * dev server's shortcut past serialising a 25,000-row workbook after every sidebar search.
 * "May have" is the safe answer: the state then goes to the exact comparison against the
 * file (WorkbookFile.update). Only calls that cannot write the persisted state count as
 * harmless: Apps Script's getters (get…, is…, has…, find…) and services whose state is not
 * in the workbook (locks, cache, logs, the UI, builders that write nothing until applied).
 */
import type { ExecutionResult } from './runtime-api';

const NOT_PERSISTED = new Set([
  'Logger',
  'console',
  'Utilities',
  'Session',
  'User',
  'HtmlService',
  'HtmlOutput',
  'Cache',
  'CacheService',
  'Lock',
  'LockService',
  'Ui',
  'Menu',
  'DataValidationBuilder',
  'DataValidation',
]);

const HARMLESS_METHODS = new Set([
  'SpreadsheetApp.flush',
  'SpreadsheetApp.newDataValidation',
  'SpreadsheetApp.openById',
  'SpreadsheetApp.openByUrl',
  'Range.offset',
  'Range.createTextFinder',
  'Sheet.createTextFinder',
  // The Sheets advanced service's reads (its method names are paths, not get… names).
  'Sheets.Spreadsheets.get',
  'Sheets.Spreadsheets.Values.get',
  'Sheets.Spreadsheets.Values.batchGet',
]);

const GETTER = /^(get|is|has|find)[A-Z]/;

export function callMayChangeWorkbook(key: string): boolean {
  const dot = key.indexOf('.');
  const service = key.slice(0, dot);
  const method = key.slice(dot + 1);
  return !(NOT_PERSISTED.has(service) || HARMLESS_METHODS.has(key) || GETTER.test(method));
}

/** False only when every call the execution made is one that cannot change the workbook. */
export function executionMayChangeWorkbook(result: Pick<ExecutionResult, 'counts'>): boolean {
  return Object.keys(result.counts.byMethod).some(callMayChangeWorkbook);
}
