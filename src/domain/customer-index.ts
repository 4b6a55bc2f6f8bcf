/**
 * The customer list the sidebar searches in the browser: sent once with the first load, so
 * typing in the search box costs no google.script.run round trip (1–5 s each) and no sheet
 * read. It holds what a result shows and what quick search matches — name, company, email
 * and phone — for active customers, most recently changed first. Compact: one array of
 * strings per customer, the field names once.
 */
import type { AnyRecord, FieldValue } from './schema';

export const INDEX_FIELDS = ['id', 'name', 'company', 'email', 'phone'] as const;
export type IndexField = (typeof INDEX_FIELDS)[number];

export interface CustomerIndex {
  fields: readonly IndexField[];
  /** One row per active customer, cells in `fields` order, most recently changed first. */
  rows: string[][];
}

export interface IndexPage {
  items: AnyRecord[];
  total: number;
}

/** A customer of the index as a (partial) record: only the index's fields are there. */
export function indexRecord(index: CustomerIndex, row: readonly string[]): AnyRecord {
  const record: AnyRecord = {};
  index.fields.forEach((field, i) => {
    record[field] = row[i] ? row[i] : null;
  });
  return record;
}

function cellsOf(index: CustomerIndex, record: AnyRecord): string[] {
  return index.fields.map((field) => {
    const value: FieldValue | undefined = record[field];
    return value === null || value === undefined ? '' : String(value);
  });
}

/**
 * Whether a customer matches typed text: any field contains it (case-insensitive), or, for
 * three digits or more, the phone's digits contain the text's digits ("600 100" finds
 * +48600100200) — the server's rule for these fields.
 */
export function matchesIndexRow(index: CustomerIndex, row: readonly string[], text: string) {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  const digits = needle.replace(/[^\d]/g, '');
  return index.fields.some((field, i) => {
    const cell = row[i] ?? '';
    if (cell.toLowerCase().includes(needle)) return true;
    return field === 'phone' && digits.length >= 3 && cell.replace(/[^\d]/g, '').includes(digits);
  });
}

/** The first `pageSize` customers matching the text, in the index's order, and how many match. */
export function searchIndex(index: CustomerIndex, text: string, pageSize: number): IndexPage {
  const items: AnyRecord[] = [];
  let total = 0;
  for (const row of index.rows) {
    if (!matchesIndexRow(index, row, text)) continue;
    total++;
    if (items.length < pageSize) items.push(indexRecord(index, row));
  }
  return { items, total };
}

/** The index after a save: the customer moves to the front (just changed), or leaves it. */
export function withCustomer(index: CustomerIndex, record: AnyRecord): CustomerIndex {
  const id = String(record.id ?? '');
  const idColumn = index.fields.indexOf('id');
  const rows = index.rows.filter((row) => row[idColumn] !== id);
  if (record.archived !== true) rows.unshift(cellsOf(index, record));
  return { fields: index.fields, rows };
}
