/**
 * The sidebar's first load: whether the tabs exist, the settings the forms need, who and
 * when it is, the spreadsheet's locale, and the first page of the customer list — what the
 * home screen shows. The schema is not sent: the sidebar bundles the same schema module.
 *
 * The first page costs two reads whatever the workbook's size: Customers' ID, Updated and
 * Archived columns (the list's default order), then the rows of the page. The customer index
 * the sidebar searches, filters and sorts in the browser (domain/customer-index.ts) is
 * `getCustomerIndex`, which the sidebar asks for right after the first load: at 25,000
 * customers it reads 300,000 cells, which the home screen should not wait for. The
 * spreadsheet's id, time zone, locale and settings come from the document cache when another
 * call of the last ten minutes left them there.
 */
import type { SidebarBootstrap } from '../domain/api-types';
import {
  CONTACT_INDEX_FIELDS,
  CUSTOMER_INDEX_FIELDS,
  emptyIndex,
  toColumns,
  type CustomerIndex,
} from '../domain/customer-index';
import { DEFAULT_LIST_SIZE } from '../domain/customer-query';
import type { AnyRecord, EntityName } from '../domain/schema';
import { withRequest, type RequestContext } from './request';
import { UserFacingError } from './spreadsheet';
import { HEADER_ROW, missingTabError } from './sheet/table';
import type { Tab } from './sheet/tab';
import type { ApiValue } from './sheet/values';
import { serialToInstant } from '../domain/serial-time';
import { columnTexts, recordsOfRows, rowRuns, rowsOfRuns } from './rows';

export type Bootstrap = SidebarBootstrap;

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
    const values = tab.record({ row, cells }, request.timeZone, true).values;
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

/**
 * The moment a cell of the Updated column stands for, to order by as the index does: a
 * date-time cell's serial number on the spreadsheet zone's wall clock, or a text timestamp.
 */
function orderOf(cell: ApiValue | undefined, timeZone: string): number {
  if (typeof cell === 'number') return serialToInstant(cell, timeZone).getTime();
  const ms = Date.parse(String(cell ?? ''));
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * The home list's first page, last changed first, as listFromIndex orders it: one read of the
 * columns it is ordered by, one of its rows.
 */
function firstPage(request: RequestContext): SidebarBootstrap['firstPage'] {
  const doc = request.document;
  const tab = doc.tab('customers');
  const keys = ['id', 'updated', 'archived'] as const;
  const [ids, updated, archived] = doc.read(['customers'], () =>
    keys.map((key) => tab.columnA1(key) ?? tab.headerA1()),
  );
  if (!tab.layout().columnOf.has('id')) throw missingTabError(tab.spec);
  const idTexts = columnTexts(ids);
  const candidates = idTexts.flatMap((id, i) =>
    id && !/^true$/i.test(String(archived?.[i]?.[0] ?? ''))
      ? [{ row: i + HEADER_ROW + 1, order: orderOf(updated?.[i]?.[0], request.timeZone) }]
      : [],
  );
  candidates.sort((a, b) => b.order - a.order || a.row - b.row);
  const runs = rowRuns(candidates.slice(0, DEFAULT_LIST_SIZE).map((c) => c.row));
  const values = runs.length
    ? doc.read(['customers'], () =>
        runs.map((run) => tab.rowsA1(run[0], run[run.length - 1] - run[0] + 1)),
      )
    : [];
  const found = new Map(
    recordsOfRows(doc, tab, rowsOfRuns(tab, runs, values), request.timeZone).map((r) => [
      r.row,
      r.values,
    ]),
  );
  // Rows that are not valid records (a hand-typed bad cell) are not in the index either.
  const items = candidates
    .slice(0, DEFAULT_LIST_SIZE)
    .flatMap((c) => (found.has(c.row) ? [found.get(c.row) as AnyRecord] : []));
  return { items, total: candidates.length, page: 1, pageSize: DEFAULT_LIST_SIZE };
}

/** The customer index the sidebar lists and searches from; empty when the tabs need setting up. */
export function getCustomerIndex(): CustomerIndex {
  return withRequest((request) => {
    try {
      return customerIndex(request);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      return emptyIndex();
    }
  });
}

export function getSidebarBootstrap(): Bootstrap {
  return withRequest((request) => {
    let page: SidebarBootstrap['firstPage'] = {
      items: [],
      total: 0,
      page: 1,
      pageSize: DEFAULT_LIST_SIZE,
    };
    let needsSetup = false;
    try {
      page = firstPage(request);
    } catch (error) {
      // A missing tab (or ID column): the sidebar offers Set up tabs.
      if (!(error instanceof UserFacingError)) throw error;
      needsSetup = true;
    }
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
      firstPage: page,
    };
  });
}
