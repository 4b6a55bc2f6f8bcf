/**
 * Customer search in the browser. The first load brings the customer index
 * (domain/customer-index.ts); typing searches it here, so a search costs no
 * google.script.run round trip (1–5 s) and no sheet read. The index follows this user's
 * saves at once and is fetched again, in the background, when the list is shown after a
 * minute or more (colleagues' changes). Text the index cannot answer — nothing matches
 * name, company, email or phone, e.g. a tag or a city — is still searched on the server.
 */
import { searchIndex, withCustomer, type CustomerIndex } from '../domain/customer-index';
import type { AnyRecord } from '../domain/schema';
import type { ListResult } from '../domain/api-types';

/** Older than this, the list refreshes itself when shown. */
const FRESH_MS = 60_000;

export class CustomerSearch {
  private loadedAt = Date.now();

  constructor(private index: CustomerIndex) {}

  /** Matching customers, most recently changed first; records hold the index's fields only. */
  find(text: string, pageSize: number): ListResult {
    const { items, total } = searchIndex(this.index, text, pageSize);
    return { items, total, page: 1, pageSize };
  }

  /** Whether the server should be asked instead: text the index has no match for. */
  needsServer(text: string, page: ListResult): boolean {
    return text.trim() !== '' && page.total === 0;
  }

  stale(): boolean {
    return Date.now() - this.loadedAt > FRESH_MS;
  }

  replace(index: CustomerIndex): void {
    this.index = index;
    this.loadedAt = Date.now();
  }

  /** A customer this user saved, archived or restored: first in the list, or out of it. */
  saved(record: AnyRecord): void {
    this.index = withCustomer(this.index, record);
  }
}
