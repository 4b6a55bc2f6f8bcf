/**
 * What a call learns about the document and the next call can reuse, kept in the document
 * cache (CacheService: per document, shared by its users, ~3 ms a get against ~0.2 s a
 * sheet read): the spreadsheet's id and time zone, the Settings tab and each tab's header
 * row, for ten minutes; and where each record's row is ("row hints"), for six hours.
 *
 * Nothing here is trusted blindly. A row hint is used only after the row it names was read
 * and holds that id (users sort and delete rows); a cached header only plans a read, which
 * carries the header row too and is planned again if the header moved (document.ts). Set up
 * tabs replaces the headers. Settings or a time zone changed by hand take effect within ten
 * minutes. When the cache fails or is absent (a time-driven run has no document cache),
 * everything is read from the sheet.
 */
import type { EntityName } from '../domain/schema';
import type { Settings } from './settings';

type Cache = GoogleAppsScript.Cache.Cache;

const PREFIX = 'kartoteka.v1.';
const SNAPSHOT_KEY = `${PREFIX}snapshot`;
/** Settings, time zone or headers changed by hand apply within ten minutes. */
const SNAPSHOT_MS = 600_000;
/** Hints are verified on use, so they may live as long as the cache allows (6 h). */
const HINT_SECONDS = 21_600;
/** 64 hint buckets a tab: 70,000 deals make ~50 KB a bucket, under the 100 KB value limit. */
const BUCKETS = 64;
const MAX_VALUE_CHARS = 90_000;

export interface Snapshot {
  /** The spreadsheet's id: the document cache is per document, so this is its own. */
  spreadsheetId?: string;
  timeZone?: string;
  locale?: string;
  settings?: Settings;
  /** Row 1 of each tab, as read. */
  headers: Partial<Record<EntityName, string[]>>;
}

function bucketOf(id: string): number {
  // FNV-1a: ids spread evenly over the buckets.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

const hintKey = (entity: EntityName, bucket: number) => `${PREFIX}rows.${entity}.${bucket}`;

/** id → its row; several rows when more than one holds the id (no hint: it is looked up). */
type Bucket = Record<string, number | number[]>;

/** One execution's view of the document cache; `persist()` writes back what changed. */
export class DocumentCache {
  private cache: Cache | null | undefined;
  private snapshotValue?: Snapshot;
  private snapshotDirty = false;
  private readonly buckets = new Map<string, Bucket>();
  private readonly dirtyBuckets = new Set<string>();
  /** Buckets written to before they were fetched: fetched and merged at persist(). */
  private readonly pendingMerge = new Set<string>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  private store(): Cache | null {
    if (this.cache === undefined) {
      try {
        this.cache = CacheService.getDocumentCache();
      } catch {
        this.cache = null;
      }
    }
    return this.cache;
  }

  private getAll(keys: string[]): Record<string, string> {
    const cache = this.store();
    if (!cache || !keys.length) return {};
    try {
      return cache.getAll(keys);
    } catch {
      return {}; // a cache that fails is a cache that misses
    }
  }

  /**
   * Loads the snapshot and the hint buckets of these records in one cache call (calls
   * that need both ask once).
   */
  prefetch(records: ReadonlyArray<readonly [EntityName, string]> = []): void {
    const wanted = [
      ...new Set(records.filter(([, id]) => id).map(([e, id]) => hintKey(e, bucketOf(id)))),
    ].filter((key) => !this.buckets.has(key));
    const keys = this.snapshotValue ? wanted : [SNAPSHOT_KEY, ...wanted];
    const found = this.getAll(keys);
    if (!this.snapshotValue) this.snapshotValue = parseSnapshot(found[SNAPSHOT_KEY], this.now());
    for (const key of wanted) this.buckets.set(key, parseBucket(found[key]));
  }

  snapshot(): Snapshot {
    if (!this.snapshotValue) this.prefetch();
    return this.snapshotValue as Snapshot;
  }

  updateSnapshot(change: (snapshot: Snapshot) => void): void {
    change(this.snapshot());
    this.snapshotDirty = true;
  }

  /**
   * The row the record was last seen in, if known. Verify before use. An id last seen in
   * several rows has none: every use of it looks it up again, and is refused while it is
   * still in more than one row (rows.ts).
   */
  rowHint(entity: EntityName, id: string): number | undefined {
    const row = this.entry(entity, id);
    return typeof row === 'number' ? row : undefined;
  }

  /** Whether a record was seen (a reference check that needs no sheet call). */
  known(entity: EntityName, id: string): boolean {
    return this.entry(entity, id) !== undefined;
  }

  private entry(entity: EntityName, id: string): number | number[] | undefined {
    this.prefetch([[entity, id]]);
    const row = this.buckets.get(hintKey(entity, bucketOf(id)))?.[id];
    return typeof row === 'number' || Array.isArray(row) ? row : undefined;
  }

  /**
   * Records where rows were seen; merged into the cached buckets by persist(). Seeing one
   * row of an id known to be in several does not make it single: only a full read does.
   */
  rememberRows(entity: EntityName, rows: Iterable<readonly [string, number]>): void {
    for (const [id, row] of rows) {
      if (!id) continue;
      const { key, bucket } = this.bucketFor(entity, id);
      if (Array.isArray(bucket[id])) continue;
      if (bucket[id] !== row) {
        bucket[id] = row;
        this.dirtyBuckets.add(key);
      }
    }
  }

  /** The hint bucket an id belongs to, made (and merged with the cached one at persist) if new. */
  private bucketFor(entity: EntityName, id: string) {
    const key = hintKey(entity, bucketOf(id));
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {};
      this.buckets.set(key, bucket);
      this.pendingMerge.add(key);
    }
    return { key, bucket };
  }

  /** Ids a read saw in more than one row: no hint for them until a full read says otherwise. */
  rememberDuplicates(entity: EntityName, duplicates: ReadonlyMap<string, readonly number[]>): void {
    for (const [id, rows] of duplicates) {
      const { key, bucket } = this.bucketFor(entity, id);
      bucket[id] = [...rows];
      this.dirtyBuckets.add(key);
    }
  }

  /** Every record of a tab and its row, from a full read of the id column. */
  replaceRows(entity: EntityName, rows: Iterable<readonly [string, number]>): void {
    const fresh = Array.from({ length: BUCKETS }, (): Bucket => ({}));
    for (const [id, row] of rows) {
      if (!id) continue;
      const bucket = fresh[bucketOf(id)];
      const seen = bucket[id];
      if (seen === undefined) bucket[id] = row;
      else bucket[id] = [...(Array.isArray(seen) ? seen : [seen]), row];
    }
    fresh.forEach((bucket, i) => {
      const key = hintKey(entity, i);
      this.buckets.set(key, bucket);
      this.pendingMerge.delete(key);
      this.dirtyBuckets.add(key);
    });
  }

  /** Writes back what this execution changed: at most one getAll (merges) and one putAll. */
  persist(): void {
    const cache = this.store();
    if (!cache) return;
    const merge = [...this.pendingMerge].filter((key) => this.dirtyBuckets.has(key));
    const found = this.getAll(merge);
    for (const key of merge)
      this.buckets.set(key, { ...parseBucket(found[key]), ...this.buckets.get(key) });
    const values: Record<string, string> = {};
    for (const key of this.dirtyBuckets) {
      const text = JSON.stringify(this.buckets.get(key) ?? {});
      if (text.length <= MAX_VALUE_CHARS) values[key] = text;
    }
    if (this.snapshotDirty && this.snapshotValue) {
      const text = JSON.stringify({ ...this.snapshotValue, savedAt: this.now() });
      if (text.length <= MAX_VALUE_CHARS) values[SNAPSHOT_KEY] = text;
    }
    try {
      // One expiry for the call: the snapshot carries its own age (see parseSnapshot).
      if (Object.keys(values).length) cache.putAll(values, HINT_SECONDS);
    } catch {
      // A hint not kept is a lookup next time; nothing depends on it.
    }
    this.dirtyBuckets.clear();
    this.pendingMerge.clear();
    this.snapshotDirty = false;
  }

  /** Forgets the snapshot (Set up tabs changed the tabs); row hints verify themselves. */
  forget(): void {
    this.snapshotValue = { headers: {} };
    this.snapshotDirty = false;
    const cache = this.store();
    if (!cache) return;
    try {
      cache.remove(SNAPSHOT_KEY);
    } catch {
      // it is ignored after ten minutes anyway
    }
  }
}

function parseBucket(raw: string | undefined): Bucket {
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Bucket) : {};
  } catch {
    return {};
  }
}

function parseSnapshot(raw: string | undefined, now: number): Snapshot {
  try {
    const parsed = raw ? (JSON.parse(raw) as Snapshot & { savedAt?: number }) : undefined;
    const fresh =
      parsed && typeof parsed.savedAt === 'number' && now - parsed.savedAt < SNAPSHOT_MS;
    if (parsed && fresh) return { ...parsed, headers: parsed.headers ?? {} };
  } catch {
    // start afresh
  }
  return { headers: {} };
}
