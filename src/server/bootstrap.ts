/**
 * The sidebar's first load, in one call: whether the tabs exist, the settings the forms
 * need, who and when it is, the spreadsheet's locale, and the customer index the sidebar
 * searches, filters and sorts in the browser (domain/customer-index.ts) with the first page
 * of it. The schema is not sent: the sidebar bundles the same schema module.
 *
 * One read of the Customers and Contacts columns the index holds (with the header rows, to
 * be sure where they are), never the tabs: the spreadsheet's id, time zone, locale and
 * settings come from the document cache when another call of the last ten minutes left
 * them there.
 */
import type { SidebarBootstrap } from '../domain/api-types';
import {
  CONTACT_INDEX_FIELDS,
  CUSTOMER_INDEX_FIELDS,
  emptyIndex,
  listFromIndex,
  toColumns,
  type CustomerIndex,
} from '../domain/customer-index';
import { DEFAULT_LIST_SIZE } from '../domain/customer-query';
import type { AnyRecord, EntityName } from '../domain/schema';
import { withRequest, type RequestContext } from './request';
import { UserFacingError } from './spreadsheet';
import { HEADER_ROW } from './sheet/table';
import type { Tab } from './sheet/tab';
import type { ApiValue } from './sheet/values';

export type Bootstrap = SidebarBootstrap & {
  /** Customers and contacts for the list in the browser; empty when the tabs need setting up. */
  customerIndex: CustomerIndex;
};

/** A tab's records from one column read per field (the other fields empty). */
function recordsFrom(
  request: RequestContext,
  tab: Tab,
  keys: readonly string[],
  columns: ReadonlyArray<ApiValue[][] | undefined>,
): AnyRecord[] {
  const layout = tab.layout();
  const height = Math.max(0, ...columns.map((c) => c?.length ?? 0));
  const records: AnyRecord[] = [];
  const seen: Array<readonly [string, number]> = [];
  for (let i = 0; i < height; i++) {
    const cells: unknown[] = new Array(layout.last - layout.first + 1).fill('');
    keys.forEach((key, k) => {
      cells[(layout.columnOf.get(key) as number) - layout.first] = columns[k]?.[i]?.[0] ?? '';
    });
    const row = i + HEADER_ROW + 1;
    const values = tab.record({ row, cells }, request.timeZone).values;
    if (!values) continue;
    seen.push([String(values.id), row]);
    if (values.archived !== true) records.push(values);
  }
  // Every row of the tab was seen: where each record is comes for free.
  request.document.cache.replaceRows(tab.entity, seen);
  return records;
}

/** The index from one read of its columns in Customers and Contacts. */
function customerIndex(request: RequestContext): CustomerIndex {
  const doc = request.document;
  // Archived records are read to be left out.
  const reads: Array<{ entity: EntityName; fields: readonly string[] }> = [
    { entity: 'customers', fields: [...CUSTOMER_INDEX_FIELDS, 'archived'] },
    { entity: 'contacts', fields: [...CONTACT_INDEX_FIELDS, 'archived'] },
  ];
  const present = () =>
    reads.map(({ entity, fields }) =>
      fields.filter((key) => doc.tab(entity).columnA1(key) !== null),
    );
  const values = doc.read(
    reads.map((r) => r.entity),
    () =>
      reads.flatMap(({ entity }, i) =>
        present()[i].map((key) => doc.tab(entity).columnA1(key) as string),
      ),
  );
  const keys = present();
  const [customers, contacts] = reads.map(({ entity }, i) => {
    const start = keys.slice(0, i).reduce((sum, k) => sum + k.length, 0);
    return recordsFrom(
      request,
      doc.tab(entity),
      keys[i],
      values.slice(start, start + keys[i].length),
    );
  });
  return {
    customers: toColumns(customers, CUSTOMER_INDEX_FIELDS),
    contacts: toColumns(contacts, CONTACT_INDEX_FIELDS),
  };
}

export function getSidebarBootstrap(): Bootstrap {
  return withRequest((request) => {
    let index = emptyIndex();
    let needsSetup = false;
    try {
      index = customerIndex(request);
    } catch (error) {
      // A missing tab (or ID column): the sidebar offers Set up tabs.
      if (!(error instanceof UserFacingError)) throw error;
      needsSetup = true;
    }
    const first = listFromIndex(index, { pageSize: DEFAULT_LIST_SIZE }, request.today);
    return {
      needsSetup,
      settings: {
        defaultCountry: request.settings.defaultCountry,
        defaultCurrency: request.settings.defaultCurrency,
      },
      user: request.user,
      timeZone: request.timeZone,
      locale: request.document.locale(),
      today: request.today,
      firstPage: { items: first.items, total: first.total, page: 1, pageSize: first.pageSize },
      customerIndex: index,
    };
  });
}
