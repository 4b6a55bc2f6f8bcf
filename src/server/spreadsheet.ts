/**
 * Every spreadsheet access goes through here. In a menu action or a sidebar call the
 * add-on's document is the active spreadsheet; in an add-on's time-driven trigger there is
 * no active spreadsheet (getActiveSpreadsheet() returns null), so the document id saved in
 * its document properties at setup is used with openById.
 */

const SPREADSHEET_ID_PROPERTY = 'kartoteka.spreadsheetId';

export class UserFacingError extends Error {
  override name = 'KartotekaError';
}

export function getSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const savedId = PropertiesService.getDocumentProperties()?.getProperty(SPREADSHEET_ID_PROPERTY);
  if (savedId) return SpreadsheetApp.openById(savedId);
  throw new UserFacingError(
    'Kartoteka could not find its spreadsheet: open the spreadsheet and run Extensions ▸ ' +
      'Kartoteka ▸ Set up tabs once.',
  );
}

/** Remembers the document's id so jobs started by a trigger can open it by id. */
export function rememberSpreadsheetId(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const properties = PropertiesService.getDocumentProperties();
  if (properties && properties.getProperty(SPREADSHEET_ID_PROPERTY) !== spreadsheet.getId()) {
    properties.setProperty(SPREADSHEET_ID_PROPERTY, spreadsheet.getId());
  }
}

export const BUSY_MESSAGE = 'The sheet is busy — try again in a few seconds.';
const LOCK_TIMEOUT_MS = 10_000;

/**
 * Runs `write` holding the document lock (per document, never the script lock an add-on
 * shares with every user). A lock that cannot be had in time becomes the busy message.
 * SpreadsheetApp's writes are committed before the lock is released ("call
 * SpreadsheetApp.flush() prior to releasing the lock", Lock reference); a write made with
 * the Sheets API alone is applied when its call returns: `{ flush: false }` skips the call.
 */
export function withDocumentLock<T>(
  write: () => T,
  timeoutMs: number = LOCK_TIMEOUT_MS,
  options: { flush?: boolean } = {},
): T {
  const lock = LockService.getDocumentLock();
  // getDocumentLock() is null outside a document context: fail closed rather than write unlocked.
  if (!lock) throw new UserFacingError('Kartoteka cannot lock this document; nothing was written.');
  if (!lock.tryLock(timeoutMs)) throw new UserFacingError(BUSY_MESSAGE);
  try {
    const result = write();
    if (options.flush !== false) SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}

/**
 * The lock for a whole-sheet job. From the menu or the sidebar this is the document lock. In
 * an add-on's time-driven trigger getDocumentLock() returns null (there is no containing
 * document: https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()),
 * and the script lock would serialise every document of every user of the add-on, so the job
 * runs without one: its writes touch only system-owned columns, matched to rows by id read
 * just before writing (see jobs/lifecycle.ts), which a sidebar save never writes differently.
 */
export function withJobLock<T>(job: (locked: boolean) => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) {
    const result = job(false);
    SpreadsheetApp.flush();
    return result;
  }
  return withDocumentLock(() => job(true), JOB_LOCK_TIMEOUT_MS);
}

/** A job may wait longer than a user's save: nobody is watching a spinner. */
const JOB_LOCK_TIMEOUT_MS = 30_000;
