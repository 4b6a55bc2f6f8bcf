/**
 * The home list in the browser. Right after the first load (which brings the first page of
 * the list) the sidebar fetches the customer index (domain/customer-index.ts); typing, filters, sorts and "Show more" are answered here, so
 * they cost no google.script.run round trip (1–5 s) and no sheet read. Text the index has
 * no match for is asked of the server (its search covers every field). Each visit to the
 * list (and any use of it after a minute) fetches a fresh index in the background —
 * colleagues' changes, this user's saves — and redraws when it comes: what was shown is
 * shown at once, the list as it is now right after.
 *
 * The index's records carry its fields only: a customer opened for editing from the list
 * is read whole first (`fullRecord`).
 */
import type { CustomerList, CustomerQuery } from '../domain/customer-query';
import { listFromIndex, type CustomerIndex } from '../domain/customer-index';
import type { AnyRecord } from '../domain/schema';
import { getBoot } from './context';
import { callServer } from './rpc';

/** Older than this, the index is fetched again when the list is shown. */
const FRESH_MS = 60_000;

let index: CustomerIndex | undefined;
let loadedAt = 0;
/** The index on its way from the server, if it is. */
let fetching: Promise<void> | undefined;
/** Told when a fetched index is in (the home list redraws from it). */
let listener: (() => void) | undefined;
/** Ids of the records this module handed out, which hold the index's fields only. */
const partial = new Set<string>();

export function useCustomerIndex(fresh: CustomerIndex | undefined): void {
  if (!fresh) return;
  index = fresh;
  loadedAt = Date.now();
}

/** Fetches the index (once at a time); resolves when it is in, or the fetch failed. */
export function fetchCustomerIndex(): Promise<void> {
  fetching ??= callServer('getCustomerIndex')
    .then((fresh) => {
      useCustomerIndex(fresh);
      listener?.();
    })
    .catch(() => undefined) // the list shown stays; the server answers until the next try
    .finally(() => {
      fetching = undefined;
    });
  return fetching;
}

/** While the first index is on its way: what a list that needs it waits for. */
export function customerIndexArriving(): Promise<void> | undefined {
  return index ? undefined : fetching;
}

/** The one home list that redraws when a fresh index is in (the last one drawn). */
export function onCustomerIndex(redraw: () => void): void {
  listener = redraw;
}

/** The next list drawn fetches a fresh index behind it (the list was visited again). */
export function customerIndexStale(): void {
  loadedAt = 0;
}

/**
 * The list for a query from the index, or undefined when the server must answer (no index,
 * or text the index has no match for). A stale index is refreshed in the background and
 * `redraw` called when the fresh one is in.
 */
export function localCustomerList(
  query: CustomerQuery,
  redraw: () => void,
): CustomerList | undefined {
  if (!index) return undefined;
  if (Date.now() - loadedAt > FRESH_MS && !fetching) void fetchCustomerIndex().then(redraw);
  // The last purchase stored by the lifecycle run may be older than the deals: the server
  // sorts by the deals themselves.
  if (query.sort === 'lastPurchase') return undefined;
  const list = listFromIndex(index, query, getBoot().today);
  if (query.text?.trim() && list.total === 0 && !list.contacts.length) return undefined;
  for (const item of list.items) partial.add(String(item.id));
  return list;
}

/** The whole record of a customer shown from the index (one call); others as they are. */
export async function fullRecord(record: AnyRecord): Promise<AnyRecord> {
  if (!partial.has(String(record.id))) return record;
  return (await callServer('getRecord', 'customers', String(record.id))) ?? record;
}
