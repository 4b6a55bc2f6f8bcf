/**
 * The sidebar's customer list and search in one call: customers by folded text, filters
 * and sort, the contacts the text finds (with their customer), and the tags in use for the
 * tag filter. Reads Customers, and Contacts only for a search, Deals only to sort by last
 * purchase — each at most once.
 */
import { calendarDateIn } from '../domain/calendar';
import {
  listCustomers,
  MAX_LIST_SIZE,
  recordMatchesText,
  type CustomerList,
  type CustomerQuery,
} from '../domain/customer-query';
import { ENTITIES, recordTitle, type AnyRecord } from '../domain/schema';
import { foldForSearch, searchTerms } from '../domain/search-text';
import { getSpreadsheet, UserFacingError } from './spreadsheet';
import { readRecords } from './sheet/table';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Any user of the document can call this: keep only well-typed query fields. */
function cleanQuery(query: unknown): CustomerQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  return {
    text: text(q.text)?.slice(0, 200),
    stage: text(q.stage),
    tag: text(q.tag),
    owner: text(q.owner),
    overdue: q.overdue === true,
    archived: q.archived === true,
    sort: text(q.sort) as CustomerQuery['sort'],
    page: number(q.page),
    pageSize: number(q.pageSize),
  };
}

export function customerList(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  query: CustomerQuery,
): CustomerList {
  const clean = cleanQuery(query);
  return listCustomers(
    {
      customers: readRecords(spreadsheet, 'customers') as AnyRecord[],
      contacts: clean.text?.trim() ? readRecords(spreadsheet, 'contacts') : [],
      deals: clean.sort === 'lastPurchase' ? readRecords(spreadsheet, 'deals') : [],
      today: calendarDateIn(new Date(), spreadsheet.getSpreadsheetTimeZone()),
    },
    clean,
  );
}

export function searchCustomers(query: CustomerQuery): CustomerList {
  return customerList(getSpreadsheet(), query);
}

/**
 * A customer's deals or contacts for a reference picker ("Deal" on an activity offers only
 * that customer's deals), matching the typed text; every one of them for an empty text.
 */
export function findForCustomer(
  entity: 'deals' | 'contacts',
  customerId: string,
  query: string,
): AnyRecord[] {
  if (entity !== 'deals' && entity !== 'contacts') {
    throw new UserFacingError(`Unknown record type: ${String(entity)}`);
  }
  const terms = searchTerms(String(query ?? ''));
  const spec = ENTITIES[entity];
  return (readRecords(getSpreadsheet(), entity) as AnyRecord[])
    .filter((r) => r.archived !== true && r.customerId === customerId)
    .filter((r) => {
      if (!terms.length) return true;
      if (entity === 'contacts') return recordMatchesText(r, 'contacts', query);
      const title = foldForSearch(recordTitle(spec, r));
      return terms.every((t) => title.includes(t));
    })
    .slice(0, MAX_LIST_SIZE);
}
