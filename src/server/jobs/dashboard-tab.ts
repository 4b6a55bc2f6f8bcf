/**
 * The Dashboard tab: Kartoteka's own, rebuilt by every lifecycle run — values written in one
 * batch over the previous ones (cleared first, so a shorter dashboard leaves no stale rows).
 */
import { DASHBOARD_WIDTH, type Dashboard } from '../../domain/dashboard';

export const DASHBOARD_TAB = 'Dashboard';

export function writeDashboard(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  dashboard: Dashboard,
): void {
  const sheet = spreadsheet.getSheetByName(DASHBOARD_TAB) ?? spreadsheet.insertSheet(DASHBOARD_TAB);
  sheet.clearContents();
  const rows = dashboard.rows;
  if (sheet.getMaxRows() < rows.length) {
    sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  }
  const range = sheet.getRange(1, 1, rows.length, DASHBOARD_WIDTH);
  range.setNumberFormats(dashboard.formats);
  range.setValues(rows);
}
