/**
 * The sidebar's first load, in one call: whether the tabs exist, the settings the forms
 * need, who and when it is, and the customer index the sidebar searches in the browser
 * (domain/customer-index.ts) with the first page of it. The schema is not sent: the
 * sidebar bundles the same schema module.
 *
 * It reads the Customers columns the index holds (a few runs of adjacent columns, the whole
 * height), never the tab: settings, time zone and the header come from the document cache
 * when another call left them there.
 */
import type { SidebarBootstrap } from '../domain/api-types';
import { INDEX_FIELDS, indexRecord, type CustomerIndex } from '../domain/customer-index';
import { HEADER_ROW } from './sheet/table';
import { compareValues, DEFAULT_PAGE_SIZE } from './records';
import { withRequest, type RequestContext } from './request';
import { UserFacingError } from './spreadsheet';

export type Bootstrap = SidebarBootstrap & {
  /** Active customers for search in the browser; empty when the tabs need setting up. */
  customerIndex: CustomerIndex;
};

const text = (cell: unknown): string =>
  cell === '' || cell === null || cell === undefined
    ? ''
    : cell instanceof Date
      ? cell.toISOString()
      : String(cell).trim();

/** The index from one read of its columns; every customer's row is remembered on the way. */
function customerIndex(request: RequestContext): CustomerIndex {
  const { values, rows } = request.document
    .tab('customers')
    .readColumns([...INDEX_FIELDS, 'updated', 'archived']);
  const column = (key: string) => values.get(key) ?? [];
  const [ids, updated, archived] = [column('id'), column('updated'), column('archived')];
  const seen: Array<readonly [string, number]> = [];
  const active: Array<{ cells: string[]; updated: string }> = [];
  for (let i = 0; i < rows; i++) {
    const id = text(ids[i]);
    if (!id) continue;
    seen.push([id, i + HEADER_ROW + 1]);
    if (archived[i] === true || /^true$/i.test(text(archived[i]))) continue;
    active.push({
      cells: INDEX_FIELDS.map((key) => text(column(key)[i])),
      updated: text(updated[i]),
    });
  }
  request.document.cache.replaceRows('customers', seen);
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
