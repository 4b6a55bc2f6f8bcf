/**
 * The customer list the sidebar searches, filters and sorts in the browser: sent once with
 * the first load, so typing in the search box or changing a filter costs no
 * google.script.run round trip (1–5 s each) and no sheet read. It holds what the list shows,
 * filters, sorts and most often searches by — for customers and for their contacts, archived
 * ones left out (the home list never shows them) — as columns: the field names once, one
 * array of values per record. Text it has no match for (a word from a customer's notes,
 * say) is still searched on the server.
 */
import { listCustomers, type CustomerList, type CustomerQuery } from './customer-query';
import type { IsoDate } from './calendar';
import type { AnyRecord, FieldValue, RecordOf } from './schema';

export const CUSTOMER_INDEX_FIELDS = [
  'id',
  'name',
  'type',
  'company',
  'email',
  'phone',
  'city',
  'tags',
  'owner',
  'lifecycle',
  'followUp',
  'updated',
] as const;

export const CONTACT_INDEX_FIELDS = ['id', 'customerId', 'name', 'role', 'email', 'phone'] as const;

export interface Columns {
  fields: readonly string[];
  rows: Array<Array<FieldValue>>;
}

export interface CustomerIndex {
  customers: Columns;
  contacts: Columns;
}

export function toColumns(records: readonly AnyRecord[], fields: readonly string[]): Columns {
  return { fields, rows: records.map((record) => fields.map((field) => record[field] ?? null)) };
}

/** The records of the index (partial: the index's fields only). */
export function fromColumns(columns: Columns): AnyRecord[] {
  return columns.rows.map((row) => {
    const record: AnyRecord = {};
    columns.fields.forEach((field, i) => {
      record[field] = row[i];
    });
    return record;
  });
}

export function emptyIndex(): CustomerIndex {
  return {
    customers: { fields: CUSTOMER_INDEX_FIELDS, rows: [] },
    contacts: { fields: CONTACT_INDEX_FIELDS, rows: [] },
  };
}

/**
 * The list the server's searchCustomers gives for the query, from the index — except the
 * order by last purchase, which needs the deals (the sidebar asks the server for it).
 */
export function listFromIndex(
  index: CustomerIndex,
  query: CustomerQuery,
  today: IsoDate,
): CustomerList {
  let records = recordsOf.get(index);
  if (!records) {
    records = {
      customers: fromColumns(index.customers),
      contacts: fromColumns(index.contacts) as Array<RecordOf<'contacts'>>,
    };
    recordsOf.set(index, records);
  }
  return listCustomers({ ...records, today }, query);
}

/** Each index's records, made once: every keystroke lists from the same index. */
const recordsOf = new WeakMap<
  CustomerIndex,
  { customers: AnyRecord[]; contacts: Array<RecordOf<'contacts'>> }
>();
