/**
 * The locale the sidebar formats numbers and dates in, and the one typed amounts are read
 * in: the spreadsheet's own (File ▸ Settings ▸ Locale), as Sheets formats its cells.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetLocale()
 */
export function spreadsheetLocale(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return spreadsheet.getSpreadsheetLocale() || 'en_US';
}
