/**
 * Which OAuth scope an emulated call needs, so the runtime can emulate a user whose
 * authorisation was revoked (or who has not granted a scope a new version added).
 *
 * Google: "Unlike triggers in regular Apps Script projects, triggers in add-ons continue to
 * fire even if they need re-authorization. However, the script still fails if it hits a line
 * of code that requires authorization it does not have" and "Add-on trigger functions
 * execute until they reach code that uses an unauthorized service, at which point they
 * stop" (https://developers.google.com/workspace/add-ons/concepts/editor-triggers). The
 * failure reads "Authorization is required to perform that action."; "Triggers that fire
 * before authorization or after expiration often cause this error. If an add-on causes this,
 * use the add-on again to re-authorize"
 * (https://developers.google.com/apps-script/guides/support/troubleshooting).
 *
 * The scopes per service are the "Authorization" sections of each method's reference page
 * (e.g. https://developers.google.com/apps-script/reference/spreadsheet/text-finder lists
 * spreadsheets.currentonly and spreadsheets; MailApp.sendEmail lists script.send_mail;
 * ScriptApp.newTrigger lists script.scriptapp; Session.getActiveUser lists
 * userinfo.email; Ui.showSidebar lists script.container.ui). Services whose pages list no
 * scope (LockService, PropertiesService, CacheService, Utilities, Logger, HtmlService) need
 * none, and neither does ScriptApp.getAuthorizationInfo, which exists to be called without
 * authorisation.
 */

export const AUTHORIZATION_REQUIRED_MESSAGE = 'Authorization is required to perform that action.';

const SCOPE = 'https://www.googleapis.com/auth/';
const SHEETS = [`${SCOPE}spreadsheets.currentonly`, `${SCOPE}spreadsheets`];
const SCRIPT_APP = [`${SCOPE}script.scriptapp`];
const SHEETS_API_WRITE = [`${SCOPE}drive`, `${SCOPE}drive.file`, `${SCOPE}spreadsheets`];
const SHEETS_API_READ = [
  ...SHEETS_API_WRITE,
  `${SCOPE}drive.readonly`,
  `${SCOPE}spreadsheets.readonly`,
];

const SCOPES_BY_SERVICE: Record<string, readonly string[]> = {
  SpreadsheetApp: SHEETS,
  Spreadsheet: SHEETS,
  Sheet: SHEETS,
  Range: SHEETS,
  DataValidation: SHEETS,
  DataValidationBuilder: SHEETS,
  Protection: SHEETS,
  TextFinder: SHEETS,
  Ui: [`${SCOPE}script.container.ui`],
  MailApp: [`${SCOPE}script.send_mail`],
  ScriptApp: SCRIPT_APP,
  TriggerBuilder: SCRIPT_APP,
  ClockTriggerBuilder: SCRIPT_APP,
  SpreadsheetTriggerBuilder: SCRIPT_APP,
  Trigger: SCRIPT_APP,
  Session: [`${SCOPE}userinfo.email`],
  User: [`${SCOPE}userinfo.email`],
};

const SCOPELESS_METHODS = new Set(['ScriptApp.getAuthorizationInfo']);

/** Methods whose pages list fewer scopes than their service's other methods. */
const SCOPES_BY_METHOD: Record<string, readonly string[]> = {
  // Opening another file by id or URL is not "the current document": currentonly won't do.
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
  'SpreadsheetApp.openById': [`${SCOPE}spreadsheets`],
  'SpreadsheetApp.openByUrl': [`${SCOPE}spreadsheets`],
  // The Sheets advanced service: the "Authorization scopes" of each Sheets API method, e.g.
  // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet
  // (reads also take the read-only scopes) and …/spreadsheets.values/update.
  'Sheets.Spreadsheets.Values.get': SHEETS_API_READ,
  'Sheets.Spreadsheets.Values.batchGet': SHEETS_API_READ,
  'Sheets.Spreadsheets.get': SHEETS_API_READ,
  'Sheets.Spreadsheets.Values.update': SHEETS_API_WRITE,
  'Sheets.Spreadsheets.Values.append': SHEETS_API_WRITE,
  'Sheets.Spreadsheets.Values.batchUpdate': SHEETS_API_WRITE,
  'Sheets.Spreadsheets.batchUpdate': SHEETS_API_WRITE,
};

/** Every scope some emulated call can need: what "revoke everything" takes away. */
export const ALL_SCOPES: readonly string[] = [...new Set(Object.values(SCOPES_BY_SERVICE).flat())];

/**
 * The scopes any one of which allows the call, or null when it needs none. Calls allowed
 * even in AuthMode.NONE (menu building, Logger, Session.getScriptTimeZone: they pass
 * `needsAuthorization: false`) need no scope either.
 */
export function scopesFor(
  service: string,
  method: string,
  needsAuthorization: boolean,
): readonly string[] | null {
  const key = `${service}.${method}`;
  if (!needsAuthorization || SCOPELESS_METHODS.has(key)) return null;
  return SCOPES_BY_METHOD[key] ?? SCOPES_BY_SERVICE[service] ?? null;
}

/**
 * Apps Script's error when the manifest's oauthScopes lack every scope a call accepts, as
 * users quote it: "Specified permissions are not sufficient to call ScriptApp.getProjectTriggers.
 * Required permissions: https://www.googleapis.com/auth/script.scriptapp". How Google joins
 * several accepted scopes is not documented; the emulator lists them with " || ".
 */
export function notSufficientMessage(key: string, scopes: readonly string[]): string {
  const required = scopes.length === 1 ? scopes[0] : `(${scopes.join(' || ')})`;
  return `Specified permissions are not sufficient to call ${key}. Required permissions: ${required}`;
}
