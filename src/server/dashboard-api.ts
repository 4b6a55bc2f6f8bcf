/**
 * The sidebar's Dashboard: the Dashboard tab the last lifecycle run wrote, read back as JSON
 * in one call (the tab's values), with the customers it names given their ids from two
 * more (the Customers tab's header, then only the columns that tell same-named customers
 * apart) so the sidebar can open their cards. No tab yet: null, and the sidebar offers
 * Recalculate lifecycle.
 */
import {
  parseDashboard,
  withIds,
  type CustomerName,
  type DashboardView,
} from '../domain/dashboard-view';
import { DASHBOARD_WIDTH, REVENUE_AT } from '../domain/dashboard';
import { getSpreadsheet } from './spreadsheet';
import { quoteTab, readTables, type BatchTable } from './sheet/batch';
import { DASHBOARD_TAB } from './jobs/dashboard-tab';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The tab's cells, unformatted (text stays text: the job writes RAW), or null without it. */
function dashboardCells(spreadsheet: Spreadsheet, id: string): unknown[][] | null {
  try {
    const response = Sheets!.Spreadsheets!.Values!.get(id, `${quoteTab(DASHBOARD_TAB)}!A1:G`, {
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    return response.values ?? [];
  } catch (error) {
    // A range on a tab that does not exist is an error; any other failure is passed on.
    if (spreadsheet.getSheetByName(DASHBOARD_TAB)) throw error;
    return null;
  }
}

function customerNames(spreadsheet: Spreadsheet, id: string): CustomerName[] {
  const keys = ['name', 'company', 'archived', 'totalSpent', 'lifecycle', 'stageSince'];
  const table = readTables(
    { id },
    [{ entity: 'customers', keys }],
    spreadsheet.getSpreadsheetTimeZone(),
  ).get('customers') as BatchTable;
  return table.rows
    .filter((r) => r.values.archived !== true)
    .map(({ values }) => {
      const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
      return {
        id: String(values.id),
        // The lifecycle run names customers `name ?? company`: the same here.
        title: String(values.name ?? values.company ?? ''),
        totalSpent: typeof values.totalSpent === 'number' ? values.totalSpent : null,
        lifecycle: str(values.lifecycle),
        stageSince: str(values.stageSince),
      };
    });
}

export function getDashboard(): DashboardView | null {
  const spreadsheet = getSpreadsheet();
  const id = spreadsheet.getId();
  const cells = dashboardCells(spreadsheet, id);
  if (!cells) return null;
  const main = cells.map((row) => row.slice(0, DASHBOARD_WIDTH));
  const revenue = cells
    .slice(REVENUE_AT.row - 1)
    .map((row) => row.slice(REVENUE_AT.column - 1, REVENUE_AT.column + 1));
  const view = parseDashboard(main, revenue);
  const named = view.top.length + view.slipping.length;
  return named ? withIds(view, customerNames(spreadsheet, id)) : view;
}
