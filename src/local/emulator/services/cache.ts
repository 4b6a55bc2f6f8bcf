/**
 * CacheService over an in-memory store that lives as long as the runtime (a real cache is
 * not persisted either). Expiry runs on the simulated clock. Limits from
 * https://developers.google.com/apps-script/reference/cache/cache: key ≤ 250 characters,
 * value ≤ 100 KB, expiry ≤ 21600 s (6 h), default 600 s; a cache holds at most 1000 items.
 */
import { COST_MODEL, type ServiceHost } from '../execution';
import { apiObject } from '../guard';

export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_MAX_EXPIRATION_SECONDS = 21600;
export const CACHE_DEFAULT_EXPIRATION_SECONDS = 600;
export const CACHE_MAX_ITEMS = 1000;

interface CacheEntry {
  value: string;
  /** Epoch ms on the simulated clock. */
  expiresAt: number;
  /** Insertion order, for evicting the oldest when a cache is full. */
  insertedAt: number;
}

/** Caches per scope key: 'document:<id>', 'script', 'user:<email>'. */
export interface CacheStore {
  caches: Map<string, Map<string, CacheEntry>>;
  sequence: number;
}

export function newCacheStore(): CacheStore {
  return { caches: new Map(), sequence: 0 };
}

function createCache(
  host: ServiceHost,
  store: CacheStore,
  scope: string,
): GoogleAppsScript.Cache.Cache {
  const entries = (): Map<string, CacheEntry> => {
    let cache = store.caches.get(scope);
    if (!cache) store.caches.set(scope, (cache = new Map()));
    return cache;
  };
  const get = (key: string): string | null => {
    const cache = entries();
    const entry = cache.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= host.now().getTime()) {
      cache.delete(key);
      return null;
    }
    return entry.value;
  };
  const checkKey = (key: string): string => {
    const k = String(key);
    // "Argument too large: value" is the verbatim text for values
    // (github.com/joseballester/muFunds/issues/13); keys get the same family of error.
    if (k.length > CACHE_KEY_MAX_CHARS) throw new Error('Argument too large: key');
    return k;
  };
  const put = (key: string, value: string, expirationInSeconds?: number): void => {
    const k = checkKey(key);
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > CACHE_VALUE_MAX_BYTES) {
      throw new Error('Argument too large: value');
    }
    const seconds = Math.min(
      expirationInSeconds === undefined ? CACHE_DEFAULT_EXPIRATION_SECONDS : expirationInSeconds,
      CACHE_MAX_EXPIRATION_SECONDS,
    );
    const cache = entries();
    cache.delete(k);
    cache.set(k, {
      value: v,
      expiresAt: host.now().getTime() + seconds * 1000,
      insertedAt: store.sequence++,
    });
    // Google may evict at any time; the emulator evicts only the oldest, and only when full.
    while (cache.size > CACHE_MAX_ITEMS) {
      let oldestKey: string | undefined;
      let oldest = Infinity;
      for (const [ck, entry] of cache) {
        if (entry.insertedAt < oldest) [oldest, oldestKey] = [entry.insertedAt, ck];
      }
      cache.delete(oldestKey as string);
    }
  };
  const cacheCost = (method: string, costMs: number) => host.call('Cache', method, { costMs });

  return apiObject('Cache', {
    get(key: string): string | null {
      cacheCost('get', COST_MODEL.cacheGetMs);
      return get(checkKey(key));
    },
    getAll(keys: string[]): { [key: string]: string } {
      cacheCost('getAll', COST_MODEL.cacheGetMs);
      const found: { [key: string]: string } = {};
      for (const key of keys) {
        const value = get(checkKey(key));
        if (value !== null) found[String(key)] = value;
      }
      return found;
    },
    put(key: string, value: string, expirationInSeconds?: number): void {
      cacheCost('put', COST_MODEL.cachePutMs);
      put(key, value, expirationInSeconds);
    },
    putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
      cacheCost('putAll', COST_MODEL.cachePutMs);
      for (const [key, value] of Object.entries(values)) put(key, value, expirationInSeconds);
    },
    remove(key: string): void {
      cacheCost('remove', COST_MODEL.cachePutMs);
      entries().delete(checkKey(key));
    },
    removeAll(keys: string[]): void {
      cacheCost('removeAll', COST_MODEL.cachePutMs);
      for (const key of keys) entries().delete(checkKey(key));
    },
  }) as GoogleAppsScript.Cache.Cache; // put/putAll overloads are one implementation each
}

export function createCacheService(
  host: ServiceHost,
  store: CacheStore,
): GoogleAppsScript.Cache.CacheService {
  return {
    /** Null outside a document, like getDocumentLock (see lock.ts). */
    getDocumentCache(): GoogleAppsScript.Cache.Cache | null {
      host.call('CacheService', 'getDocumentCache');
      if (host.source === 'time-trigger') return null;
      return createCache(host, store, `document:${host.state.id}`);
    },
    getScriptCache() {
      host.call('CacheService', 'getScriptCache');
      return createCache(host, store, 'script');
    },
    getUserCache() {
      host.call('CacheService', 'getUserCache');
      return createCache(host, store, `user:${host.user}`);
    },
  };
}
