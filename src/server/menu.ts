/**
 * The add-on menu and the sidebar. Kept free of anything that needs authorisation in the
 * menu path: in AuthMode.NONE (add-on not yet used in this document) Apps Script allows
 * only menu building.
 * https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle
 */

export const SIDEBAR_TITLE = 'Kartoteka';

/** Menu items: label and the entry point (a top-level function of dist/Code.js) it runs. */
export const MENU_ITEMS: ReadonlyArray<{ label: string; functionName: string }> = [
  { label: 'Open sidebar', functionName: 'showSidebar' },
  { label: 'Set up tabs', functionName: 'setupTabsFromMenu' },
  { label: 'Recalculate lifecycle', functionName: 'recalculateLifecycleFromMenu' },
  { label: 'Turn on daily reminders', functionName: 'turnOnRemindersFromMenu' },
  { label: 'Turn off daily reminders', functionName: 'turnOffRemindersFromMenu' },
  { label: 'Help', functionName: 'showHelp' },
];

export function buildAddonMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.label, item.functionName);
  menu.addToUi();
}

/** Opens the sidebar, on its Help screen when asked (a fixed word, never user text). */
export function openSidebar(start?: 'help'): void {
  let page = HtmlService.createHtmlOutputFromFile('sidebar').setTitle(SIDEBAR_TITLE);
  if (start === 'help') page = page.append('<script>window.kartotekaStart = "help";</script>');
  SpreadsheetApp.getUi().showSidebar(page);
}
