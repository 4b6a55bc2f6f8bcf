/**
 * The ONLY file that names Apps Script entry points. Every export becomes a top-level
 * function of dist/Code.js (see scripts/build.ts), visible to menus, triggers and
 * google.script.run — so every export is a public endpoint and must be listed in
 * ./entry-points.ts (the build refuses anything else). Keep the bodies thin: the work lives
 * in the modules they call.
 */
import { buildAddonMenu, openSidebar } from './menu';
import { getSpreadsheet, rememberSpreadsheetId, withDocumentLock } from './spreadsheet';
import { describeSetup, ensureTabs, type SetupReport } from './sheet/setup';

export {
  archiveRecord,
  getActiveRecord,
  getRecord,
  listRecords,
  logActivity,
  restoreRecord,
  saveRecord,
} from './records';
export { getCustomerCard } from './card';
export { getProblems } from './problems';
export { getSidebarBootstrap } from './bootstrap';
export { findForCustomer, searchCustomers } from './customer-list';
export { archiveThen, restoreThen, saveThen } from './sidebar-actions';
export { getSelectedRecord, goToCell } from './navigate';
export { getSettingsForm, saveSettings } from './settings-api';

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

/** Menu action "Help": the sidebar, opened on its Help screen. */
export function showHelp(): void {
  openSidebar('help');
}

/** Creates and repairs the card index tabs; returns what it did (sidebar, CLI and tests). */
export function setupTabs(): SetupReport {
  const spreadsheet = getSpreadsheet();
  const report = withDocumentLock(() => ensureTabs(spreadsheet));
  rememberSpreadsheetId(spreadsheet);
  return report;
}

/** Menu action "Set up tabs": the same setup, then tells the user what changed. */
export function setupTabsFromMenu(): SetupReport {
  const report = setupTabs();
  SpreadsheetApp.getUi().alert(
    'Kartoteka: Set up tabs',
    describeSetup(report),
    SpreadsheetApp.getUi().ButtonSet.OK,
  );
  return report;
}
