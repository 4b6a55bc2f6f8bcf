/**
 * The ONLY file that names Apps Script entry points. Every export becomes a top-level
 * function of dist/Code.js (see scripts/build.ts), visible to menus, triggers and
 * google.script.run. Keep the bodies thin: the work lives in the modules they call.
 */
import { buildAddonMenu, openSidebar } from './menu';

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

/** Menu action "Set up tabs": creates and repairs the card index tabs. */
export function setupWorkbook(): void {
  // Provisional until the schema-driven setup lands (issue 4) in this same session.
  SpreadsheetApp.getUi().alert('Kartoteka: tab setup is being built.');
}
