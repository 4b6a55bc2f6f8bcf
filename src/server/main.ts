/**
 * The ONLY file that names Apps Script entry points. Every export becomes a top-level
 * function of dist/Code.js (see scripts/build.ts), visible to menus, triggers and
 * google.script.run. Keep the bodies thin: the work lives in the modules they call.
 */
import { buildAddonMenu, openSidebar } from './menu';
import { getSpreadsheet, rememberSpreadsheetId, withDocumentLock } from './spreadsheet';
import { describeSetup, setUpTabs, type SetupReport } from './sheet/setup';

export {
  archiveRecord,
  deleteRecord,
  getActiveRecord,
  getCustomerCard,
  getProblems,
  getRecord,
  getSchema,
  getSidebarBootstrap,
  listRecords,
  logActivity,
  restoreRecord,
  saveRecord,
} from './api';

/** Simple trigger: builds the add-on menu. Must work in AuthMode.NONE. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildAddonMenu(SpreadsheetApp.getUi());
}

/** Runs in AuthMode.FULL when a user installs the add-on from this document. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Menu action "Open sidebar". */
export function showSidebar(): void {
  openSidebar();
}

/** Creates and repairs the card index tabs; returns what it did (the CLI and tests read it). */
export function setupTabs(): SetupReport {
  const spreadsheet = getSpreadsheet();
  const report = withDocumentLock(() => setUpTabs(spreadsheet));
  rememberSpreadsheetId(spreadsheet);
  return report;
}

/** Menu action "Set up tabs": runs the setup and tells the user what changed. */
export function setupWorkbook(): SetupReport {
  const report = setupTabs();
  SpreadsheetApp.getUi().alert(
    'Kartoteka: Set up tabs',
    describeSetup(report),
    SpreadsheetApp.getUi().ButtonSet.OK,
  );
  return report;
}
