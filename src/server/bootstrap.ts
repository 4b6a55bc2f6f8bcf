/**
 * The sidebar's first load, in one call: whether the tabs exist, the settings the forms
 * need, who and when it is, and the customer index the sidebar searches in the browser
 * (domain/customer-index.ts) with the first page of it. The schema is not sent: the
 * sidebar bundles the same schema module.
 *
 * One read of the Customers columns the index holds (and the header row, to be sure where
 * they are), never the tab: the spreadsheet's id, time zone and settings come from the
 * document cache when another call of the last ten minutes left them there.
 */
import type { SidebarBootstrap } from '../domain/api-types';
import { INDEX_FIELDS, indexRecord, type CustomerIndex } from '../domain/customer-index';
import { compareValues, DEFAULT_PAGE_SIZE } from './records';
import { withRequest, type RequestContext } from './request';
import { UserFacingError } from './spreadsheet';
import { columnTexts, learnIds } from './rows';

export type Bootstrap = SidebarBootstrap & {
  /** Active customers for search in the browser; empty when the tabs need setting up. */
  customerIndex: CustomerIndex;
};

const INDEX_READ: readonly string[] = [...INDEX_FIELDS, 'updated', 'archived'];

/** The index from one read of its columns; every customer's row is remembered on the way. */
function customerIndex(request: RequestContext): CustomerIndex {
  const tab = request.document.tab('customers');
  const present = () => INDEX_READ.filter((key) => tab.columnA1(key) !== null);
  const values = request.document.read(['customers'], () =>
    present().map((key) => tab.columnA1(key) as string),
  );
  const columns = new Map(present().map((key, i) => [key, columnTexts(values[i])]));
  const column = (key: string) => columns.get(key) ?? [];
  const ids = column('id');
  learnIds(request.document, 'customers', ids);
  const active: Array<{ cells: string[]; updated: string }> = [];
  ids.forEach((id, i) => {
    if (!id || /^true$/i.test(column('archived')[i] ?? '')) return;
    active.push({
      cells: INDEX_FIELDS.map((key) => column(key)[i] ?? ''),
      updated: column('updated')[i] ?? '',
    });
  });
  active.sort((a, b) => -compareValues(a.updated || null, b.updated || null));
  return { fields: INDEX_FIELDS, rows: active.map((a) => a.cells) };
}

export function getSidebarBootstrap(): Bootstrap {
  return withRequest((request) => {
    let index: CustomerIndex = { fields: INDEX_FIELDS, rows: [] };
    let needsSetup = false;
    try {
      index = customerIndex(request);
    } catch (error) {
      // No Customers tab (or no ID column): the sidebar offers Set up tabs.
      if (!(error instanceof UserFacingError)) throw error;
      needsSetup = true;
    }
    const firstItems = index.rows.slice(0, DEFAULT_PAGE_SIZE).map((row) => indexRecord(index, row));
    return {
      needsSetup,
      settings: {
        defaultCountry: request.settings.defaultCountry,
        defaultCurrency: request.settings.defaultCurrency,
      },
      user: request.user,
      timeZone: request.timeZone,
      today: request.today,
      firstPage: {
        items: firstItems,
        total: index.rows.length,
        page: 1,
        pageSize: DEFAULT_PAGE_SIZE,
      },
      customerIndex: index,
    };
  });
}
