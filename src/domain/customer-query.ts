/**
 * The sidebar's customer list as a pure function of the records: search (folded, so
 * `lukasz` finds Łukaszewska), filters (mine, stage, tag, follow-up overdue, archived),
 * sort and paging — and the contacts a search finds, each with its customer. The server
 * reads the tabs once and calls this; nothing here reads a clock or a sheet.
 */
import { daysBetween, isIsoDate, type IsoDate } from './calendar';
import { FIELD_KINDS } from './field-kinds';
import { purchaseDate, isPurchase } from './purchases';
import { ENTITIES, inputFields, recordTitle, type AnyRecord, type RecordOf } from './schema';
import { foldForSearch, searchTerms } from './search-text';

export type CustomerSort = 'updated' | 'name' | 'followUp' | 'lastPurchase';

/** The orders the list offers, each with its natural direction (empty values always last). */
export const CUSTOMER_SORTS: ReadonlyArray<{
  key: CustomerSort;
  label: string;
  direction: 'asc' | 'desc';
}> = [
  { key: 'updated', label: 'Last changed', direction: 'desc' },
  { key: 'name', label: 'Name', direction: 'asc' },
  { key: 'lastPurchase', label: 'Last purchase', direction: 'desc' },
  { key: 'followUp', label: 'Next follow-up', direction: 'asc' },
];

export interface CustomerQuery {
  text?: string;
  /** Lifecycle stage, as the Lifecycle stage column holds it. */
  stage?: string;
  tag?: string;
  owner?: string;
  /** Only customers whose next follow-up is before today. */
  overdue?: boolean;
  /** The archive: archived customers only (otherwise they are left out). */
  archived?: boolean;
  sort?: CustomerSort;
  page?: number;
  pageSize?: number;
}

/** A contact a search found, with the customer it belongs to. */
export interface ContactMatch {
  contact: RecordOf<'contacts'>;
  customerId: string;
  customerTitle: string;
}

export interface CustomerList {
  items: AnyRecord[];
  total: number;
  page: number;
  pageSize: number;
  /** Last purchase date per customer id, when the list is sorted by it. */
  lastPurchase: Record<string, string>;
  /** Contacts matching the search text (none without text). */
  contacts: ContactMatch[];
  /** Every tag in use on active customers, for the tag filter. */
  tags: string[];
}

export const DEFAULT_LIST_SIZE = 25;
export const MAX_LIST_SIZE = 200;
const MAX_CONTACT_MATCHES = 10;

/**
 * Kinds a person searches by words: not references (ids), dates, amounts or checkboxes — a
 * search for "Customer 02" must not find a follow-up on 2020-05-05.
 */
const UNSEARCHED_KINDS: ReadonlySet<string> = new Set([
  'ref',
  'date',
  'datetime',
  'number',
  'money',
  'boolean',
]);

/** Text a record is searched by: its words, without ids, dates and numbers. */
function searchableText(record: AnyRecord, entity: 'customers' | 'contacts'): string {
  return inputFields(ENTITIES[entity])
    .filter((field) => !UNSEARCHED_KINDS.has(field.kind))
    .map((field) => record[field.key])
    .filter((value) => value !== null && value !== undefined && value !== '')
    .map((value) => (Array.isArray(value) ? value.join(' ') : String(value)))
    .join(' \u0001 ');
}

function phoneDigits(record: AnyRecord, entity: 'customers' | 'contacts'): string {
  return ENTITIES[entity].fields
    .filter((field) => FIELD_KINDS[field.kind].searchDigits)
    .map((field) => String(record[field.key] ?? '').replace(/\D/g, ''))
    .join(' ');
}

/**
 * Records' folded text, made once per record object: the sidebar lists from the same
 * records at every keystroke (customer-index.ts), and folding is most of a search's time.
 */
const folded = new WeakMap<AnyRecord, string>();

/**
 * Every word of the query appears in the record's folded text; a query of digits also
 * finds phone numbers however they were grouped ("601 234" finds +48601234567).
 */
export function recordMatchesText(
  record: AnyRecord,
  entity: 'customers' | 'contacts',
  text: string,
): boolean {
  const terms = searchTerms(text);
  if (!terms.length) return true;
  let haystack = folded.get(record);
  if (haystack === undefined) {
    haystack = foldForSearch(searchableText(record, entity));
    folded.set(record, haystack);
  }
  if (terms.every((term) => haystack.includes(term))) return true;
  const digits = text.replace(/\D/g, '');
  return (
    digits.length >= 3 &&
    /^[\d\s()+./-]+$/.test(text) &&
    phoneDigits(record, entity).includes(digits)
  );
}

export function isOverdue(followUp: unknown, today: IsoDate): boolean {
  return typeof followUp === 'string' && isIsoDate(followUp) && daysBetween(today, followUp) < 0;
}

function matchesFilters(customer: AnyRecord, query: CustomerQuery, today: IsoDate): boolean {
  if ((customer.archived === true) !== (query.archived === true)) return false;
  if (query.stage && customer.lifecycle !== query.stage) return false;
  if (query.owner && String(customer.owner ?? '').toLowerCase() !== query.owner.toLowerCase())
    return false;
  if (query.tag) {
    const tags = Array.isArray(customer.tags) ? customer.tags : [];
    if (!tags.includes(query.tag.trim().toLowerCase())) return false;
  }
  if (query.overdue && !isOverdue(customer.followUp, today)) return false;
  return true;
}

/** The latest purchase date per customer, from their won deals. */
export function lastPurchases(deals: readonly RecordOf<'deals'>[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const deal of deals) {
    if (!isPurchase(deal) || !deal.customerId) continue;
    const date = purchaseDate(deal);
    const known = last.get(deal.customerId);
    if (date && (!known || date > known)) last.set(deal.customerId, date);
  }
  return last;
}

function sortKey(customer: AnyRecord, sort: CustomerSort, last: Map<string, string>): string {
  if (sort === 'lastPurchase') return last.get(String(customer.id)) ?? '';
  if (sort === 'name') return recordTitle(ENTITIES.customers, customer);
  return String(customer[sort] ?? '');
}

function sortCustomers(items: AnyRecord[], sort: CustomerSort, last: Map<string, string>): void {
  const direction = CUSTOMER_SORTS.find((s) => s.key === sort)?.direction === 'desc' ? -1 : 1;
  const keyed = items.map((item) => ({ item, key: sortKey(item, sort, last) }));
  keyed.sort((a, b) => {
    // Empty values last in either direction: a customer without a follow-up is not "first".
    if (!a.key || !b.key) return a.key ? -1 : b.key ? 1 : 0;
    return (
      direction * a.key.localeCompare(b.key, undefined, { sensitivity: 'base', numeric: true })
    );
  });
  items.splice(0, items.length, ...keyed.map((k) => k.item));
}

export interface ListSources {
  customers: readonly AnyRecord[];
  /** Needed to search contacts (with text). */
  contacts?: readonly RecordOf<'contacts'>[];
  /** Needed to sort by last purchase. */
  deals?: readonly RecordOf<'deals'>[];
  today: IsoDate;
}

/** Contacts matching the text whose customer is in the list's filters. */
function contactMatches(
  contacts: readonly RecordOf<'contacts'>[],
  eligible: readonly AnyRecord[],
  text: string,
): ContactMatch[] {
  const byId = new Map(eligible.map((c) => [String(c.id), c] as const));
  const found: ContactMatch[] = [];
  for (const contact of contacts) {
    if (found.length >= MAX_CONTACT_MATCHES) break;
    const customer = byId.get(String(contact.customerId ?? ''));
    if (contact.archived === true || !customer) continue;
    if (!recordMatchesText(contact as AnyRecord, 'contacts', text)) continue;
    found.push({
      contact,
      customerId: String(customer.id),
      customerTitle: recordTitle(ENTITIES.customers, customer),
    });
  }
  return found;
}

export function listCustomers(sources: ListSources, query: CustomerQuery): CustomerList {
  const text = query.text?.trim() ?? '';
  const eligible = sources.customers.filter((c) => matchesFilters(c, query, sources.today));
  const items = eligible.filter((customer) => recordMatchesText(customer, 'customers', text));
  const sort = CUSTOMER_SORTS.some((s) => s.key === query.sort)
    ? (query.sort ?? 'updated')
    : 'updated';
  const last = sort === 'lastPurchase' ? lastPurchases(sources.deals ?? []) : new Map();
  sortCustomers(items, sort, last);
  const pageSize = Math.min(
    Math.max(1, Math.floor(query.pageSize ?? DEFAULT_LIST_SIZE)),
    MAX_LIST_SIZE,
  );
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const shown = items.slice((page - 1) * pageSize, page * pageSize);
  const tags = new Set<string>();
  for (const customer of sources.customers) {
    if (customer.archived === true || !Array.isArray(customer.tags)) continue;
    for (const tag of customer.tags) tags.add(tag);
  }
  return {
    items: shown,
    total: items.length,
    page,
    pageSize,
    lastPurchase: Object.fromEntries(
      shown.flatMap((c) => {
        const date = last.get(String(c.id));
        return date ? [[String(c.id), date]] : [];
      }),
    ),
    contacts: text && !query.archived ? contactMatches(sources.contacts ?? [], eligible, text) : [],
    tags: [...tags].sort((a, b) => a.localeCompare(b)),
  };
}
