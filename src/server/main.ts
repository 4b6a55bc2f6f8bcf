/**
 * The ONLY file that names Apps Script entry points. Every export becomes a top-level
 * function of dist/Code.js (see scripts/build.ts), visible to menus, triggers and
 * google.script.run — so every export is a public endpoint and must be listed in
 * ./entry-points.ts (the build refuses anything else). Keep the bodies thin: the work lives
 * in the modules they call.
 */
import { buildAddonMenu, openSidebar } from './menu';
import { getSpreadsheet, rememberSpreadsheetId, UserFacingError } from './spreadsheet';
import { describeSetup, ensureTabs, type SetupReport } from './sheet/setup';
import {
  describeLifecycleRun,
  recalculateLifecycleIn,
  type LifecycleReport,
} from './jobs/lifecycle';
import { reminderStatus, turnOff, turnOn, type ReminderStatus } from './jobs/reminder-trigger';
import { readOwner } from './jobs/reminder-state';
import { runDailyJobNow, type DailyJobOutcome } from './jobs/daily-job';
import { previewTomorrow } from './jobs/digests';
import { calendarDateIn } from '../domain/calendar';

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
export { getCustomerIndex, getSidebarBootstrap } from './bootstrap';
export { findForCustomer, searchCustomers } from './customer-list';
export { archiveThen, restoreThen, saveThen } from './sidebar-actions';
export { getSelectedRecord, goToCell } from './navigate';
export { getSettingsForm, saveSettings } from './settings-api';
export { actOnReminder, undoReminderAction } from './sidebar-reminders';
export { getDashboard } from './dashboard-api';
export { importCommit, importPreview, listImports, undoImport } from './import';
export { findDuplicates, mergePreview, mergeRecords, undoMerge } from './merge';

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
  // ensureTabs takes the document lock itself, only when something needs changing.
  const report = ensureTabs(spreadsheet);
  rememberSpreadsheetId(spreadsheet);
  return report;
}

/**
 * Menu action "Set up tabs": the same setup, then tells the user what changed — or, when
 * it refused (a header row it cannot trust), why and what to do.
 */
export function setupTabsFromMenu(): SetupReport | null {
  let report: SetupReport | null = null;
  let message: string;
  try {
    report = setupTabs();
    message = describeSetup(report);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    message = error.message;
  }
  const ui = SpreadsheetApp.getUi();
  ui.alert('Kartoteka: Set up tabs', message, ui.ButtonSet.OK);
  return report;
}

/** Recomputes every customer's purchase figures, stage and chance of being active. */
export function recalculateLifecycle(): LifecycleReport {
  return recalculateLifecycleIn(getSpreadsheet(), new Date());
}

/** Menu action "Recalculate lifecycle": the same, then tells the user what changed. */
export function recalculateLifecycleFromMenu(): LifecycleReport {
  const report = recalculateLifecycle();
  const ui = SpreadsheetApp.getUi();
  ui.alert('Kartoteka: Recalculate lifecycle', describeLifecycleRun(report), ui.ButtonSet.OK);
  return report;
}

/** The hour digests go out when reminders are turned on from the menu (the sidebar asks). */
const DEFAULT_REMINDER_HOUR = 8;

/** Sidebar: turn daily reminders on at `hour` (0–23, spreadsheet time); `takeOver` from a teammate. */
export function turnOnReminders(hour: number, takeOver?: boolean): ReminderStatus {
  return turnOn(hour, takeOver === true);
}

export function turnOffReminders(): ReminderStatus {
  return turnOff();
}

export function getReminderStatus(): ReminderStatus {
  return reminderStatus();
}

/** What tomorrow's digests will say, per recipient: a dry run, nothing sent or recorded. */
export function previewReminders(): Array<{ recipient: string; subject: string; text: string }> {
  const spreadsheet = getSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const { digests } = previewTomorrow(spreadsheet, calendarDateIn(new Date(), timeZone), timeZone);
  return digests.map(({ recipient, subject, text }) => ({ recipient, subject, text }));
}

/** The reminder owner's hourly time-driven trigger. */
export function runDailyJob(_e?: GoogleAppsScript.Events.TimeDriven): DailyJobOutcome {
  return runDailyJobNow();
}

function alertReminders(status: ReminderStatus): void {
  const ui = SpreadsheetApp.getUi();
  const text = status.on
    ? `Daily reminders are on: ${status.owner} sends them, every day ${status.nextRun?.replace(/^\S+ /, '')} (${status.timeZone}).` +
      (status.youOwn ? '' : ' You can take over from the sidebar.')
    : 'Daily reminders are off.';
  ui.alert('Kartoteka: daily reminders', text, ui.ButtonSet.OK);
}

/** Menu action "Turn on daily reminders": at the hour already chosen, else 8:00. */
export function turnOnRemindersFromMenu(): ReminderStatus {
  const status = turnOn(readOwner()?.hour ?? DEFAULT_REMINDER_HOUR, false);
  alertReminders(status);
  return status;
}

export function turnOffRemindersFromMenu(): ReminderStatus {
  const status = turnOff();
  alertReminders(status);
  return status;
}
