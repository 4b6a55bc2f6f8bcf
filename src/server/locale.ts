/**
 * The locale the sidebar formats numbers and dates in: the spreadsheet's own (File ▸
 * Settings ▸ Locale), as Sheets formats its cells.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetLocale()
 */
export function spreadsheetLocale(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  // The local runtime does not emulate getSpreadsheetLocale yet; there, and should Google
  // ever return nothing, the user's own locale is the next best reading of "how they write".
  const fromSheet =
    typeof spreadsheet.getSpreadsheetLocale === 'function'
      ? spreadsheet.getSpreadsheetLocale()
      : '';
  return fromSheet || Session.getActiveUserLocale() || 'en';
}
