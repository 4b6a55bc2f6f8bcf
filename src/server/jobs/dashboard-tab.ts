/**
 * The Dashboard tab: Kartoteka's own, rebuilt by every lifecycle run — values and formats
 * written in one batch per block over the previous ones (cleared first, so a shorter
 * dashboard leaves no stale rows), and a column chart of revenue by month, inserted once:
 * its table always sits at the same place, so later runs only refresh the values.
 */
import { REVENUE_AT, type Dashboard } from '../../domain/dashboard';

export const DASHBOARD_TAB = 'Dashboard';
const CHART_TITLE = 'Revenue by month';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function writeBlock(
  sheet: Sheet,
  row: number,
  column: number,
  block: { rows: unknown[][]; formats: string[][] },
) {
  const range = sheet.getRange(row, column, block.rows.length, block.rows[0].length);
  range.setNumberFormats(block.formats);
  range.setValues(block.rows);
  return range;
}

export function writeDashboard(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  dashboard: Dashboard,
): void {
  const sheet = spreadsheet.getSheetByName(DASHBOARD_TAB) ?? spreadsheet.insertSheet(DASHBOARD_TAB);
  sheet.clearContents();
  const needed = Math.max(dashboard.rows.length, REVENUE_AT.row + dashboard.revenue.rows.length);
  if (sheet.getMaxRows() < needed) {
    sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
  }
  writeBlock(sheet, 1, 1, { rows: dashboard.rows, formats: dashboard.formats });
  const revenue = writeBlock(sheet, REVENUE_AT.row, REVENUE_AT.column, dashboard.revenue);
  if (!sheet.getCharts().length) {
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(Charts.ChartType.COLUMN)
        .addRange(revenue)
        .setNumHeaders(1)
        .setOption('title', CHART_TITLE)
        .setOption('legend', { position: 'none' })
        .setPosition(REVENUE_AT.row + dashboard.revenue.rows.length + 1, REVENUE_AT.column, 0, 0)
        .build(),
    );
  }
}
