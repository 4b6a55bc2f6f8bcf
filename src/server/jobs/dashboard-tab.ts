/**
 * The Dashboard tab: Kartoteka's own, rebuilt by every lifecycle run. Its layout is fixed
 * (domain/dashboard.ts), so the tab, its number formats and its column chart of revenue by
 * month are made once; every later run only writes values, in the job's one batch of writes.
 */
import {
  DASHBOARD_FORMATS,
  DASHBOARD_WIDTH,
  REVENUE_AT,
  type Dashboard,
} from '../../domain/dashboard';
import { columnLetters, quoteTab, type RangeWrite } from '../sheet/batch';

export const DASHBOARD_TAB = 'Dashboard';
const CHART_TITLE = 'Revenue by month';
/** How many rows the last dashboard filled: a shorter one blanks the rest. */
const HEIGHT_PROPERTY = 'kartoteka.dashboardHeight';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Makes the tab with its formats and chart when it does not exist (the first run). */
export function ensureDashboardTab(spreadsheet: Spreadsheet, revenueRows: number): void {
  if (spreadsheet.getSheetByName(DASHBOARD_TAB)) return;
  const sheet = spreadsheet.insertSheet(DASHBOARD_TAB);
  for (const { a1, format } of DASHBOARD_FORMATS) sheet.getRange(a1).setNumberFormat(format);
  const revenue = sheet.getRange(REVENUE_AT.row, REVENUE_AT.column, revenueRows, 2);
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(revenue)
      .setNumHeaders(1)
      .setOption('title', CHART_TITLE)
      .setOption('legend', { position: 'none' })
      .setPosition(REVENUE_AT.row + revenueRows + 1, REVENUE_AT.column, 0, 0)
      .build(),
  );
}

/** The dashboard's values as ranges for the job's batch write (blanking what it outgrew). */
export function dashboardWrites(dashboard: Dashboard): RangeWrite[] {
  const properties = PropertiesService.getDocumentProperties();
  const previous = Number(properties?.getProperty(HEIGHT_PROPERTY) ?? 0) || 0;
  const height = Math.max(previous, dashboard.rows.length);
  const blank = () => Array<string>(DASHBOARD_WIDTH).fill('');
  const rows = Array.from({ length: height }, (_, i) => dashboard.rows[i] ?? blank());
  properties?.setProperty(HEIGHT_PROPERTY, String(dashboard.rows.length));
  const tab = quoteTab(DASHBOARD_TAB);
  const revenueEnd = REVENUE_AT.row + dashboard.revenue.length - 1;
  const revenueColumns = `${columnLetters(REVENUE_AT.column)}${REVENUE_AT.row}:${columnLetters(REVENUE_AT.column + 1)}${revenueEnd}`;
  return [
    { range: `${tab}!A1:${columnLetters(DASHBOARD_WIDTH)}${height}`, values: rows },
    { range: `${tab}!${revenueColumns}`, values: dashboard.revenue },
  ];
}
