/**
 * The sidebar's customer list and search in one call: customers by folded text, filters
 * and sort, the contacts the text finds (with their customer), and the tags in use for the
 * tag filter. Reads Customers, and Contacts only for a search, Deals only to sort by last
 * purchase — in one read of Kartoteka's columns (records.ts readAllOf).
 */
import {
  listCustomers,
  MAX_LIST_SIZE,
  recordMatchesText,
  type CustomerList,
  type CustomerQuery,
} from '../domain/customer-query';
import {
  ENTITIES,
  recordTitle,
  type AnyRecord,
  type EntityName,
  type RecordOf,
} from '../domain/schema';
import { foldForSearch, searchTerms } from '../domain/search-text';
import { UserFacingError } from './spreadsheet';
import { withRequest, type RequestContext } from './request';
import { readAllOf } from './records';
import { recordsReferring } from './rows';

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

/**
 * One read, whatever the tabs' size: Customers, and Contacts only for a search, Deals only
 * to sort by last purchase, with their header rows (records.ts readAllOf).
 */
export function customerList(request: RequestContext, query: CustomerQuery): CustomerList {
  const clean = cleanQuery(query);
  const entities: EntityName[] = ['customers'];
  if (clean.text?.trim()) entities.push('contacts');
  if (clean.sort === 'lastPurchase') entities.push('deals');
  const read = readAllOf(request, entities);
  const records = (entity: EntityName) => (read.get(entity) ?? []).map((r) => r.values);
  return listCustomers(
    {
      customers: records('customers'),
      contacts: records('contacts') as Array<RecordOf<'contacts'>>,
      deals: records('deals') as Array<RecordOf<'deals'>>,
      today: request.today,
    },
    clean,
  );
}

export function searchCustomers(query: CustomerQuery): CustomerList {
  return withRequest((request) => customerList(request, query));
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
  // The customer's rows only: its Customer ID column, then those rows (rows.ts).
  return withRequest((request) =>
    recordsReferring(request.document, entity, String(customerId ?? ''), request.timeZone),
  )
    .filter((r) => r.archived !== true && r.customerId === customerId)
    .filter((r) => {
      if (!terms.length) return true;
      if (entity === 'contacts') return recordMatchesText(r, 'contacts', query);
      const title = foldForSearch(recordTitle(spec, r));
      return terms.every((t) => title.includes(t));
    })
    .slice(0, MAX_LIST_SIZE);
}
