/**
 * CacheService: key ≤ 250 characters, value ≤ 100 KB, expiry ≤ 6 hours (default 10 min),
 * at most 1,000 items per cache (oldest evicted), expiry on the simulated clock.
 * https://developers.google.com/apps-script/reference/cache/cache
 */
import { COST_MODEL, type ServiceHost } from '../execution';

const MAX_ITEMS = 1000;
const MAX_KEY = 250;
const MAX_VALUE = 100 * 1024;
const MAX_TTL_SECONDS = 21_600;
const DEFAULT_TTL_SECONDS = 600;

export type CacheStore = Map<string, Map<string, { value: string; expires: number }>>;

export function newCacheStore(): CacheStore {
  return new Map();
}

class EmuCache {
  constructor(
    private readonly host: ServiceHost,
    private readonly items: Map<string, { value: string; expires: number }>,
  ) {}
  private live(key: string): string | null {
    const item = this.items.get(key);
    if (!item) return null;
    if (item.expires <= this.host.now().getTime()) {
      this.items.delete(key);
      return null;
    }
    return item.value;
  }
  private store(key: string, value: string, ttlSeconds: number): void {
    if (key.length > MAX_KEY) throw new Error(`Argument too large: key`);
    if (value.length > MAX_VALUE) throw new Error(`Argument too large: value`);
    const ttl = Math.min(Math.max(1, ttlSeconds), MAX_TTL_SECONDS);
    this.items.delete(key);
    this.items.set(key, { value, expires: this.host.now().getTime() + ttl * 1000 });
    while (this.items.size > MAX_ITEMS) this.items.delete(this.items.keys().next().value as string);
  }
  get(key: string): string | null {
    this.host.call('Cache', 'get', { costMs: COST_MODEL.cacheGetMs });
    return this.live(key);
  }
  getAll(keys: string[]): Record<string, string> {
    this.host.call('Cache', 'getAll', { costMs: COST_MODEL.cacheGetMs });
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = this.live(key);
      if (value !== null) out[key] = value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = DEFAULT_TTL_SECONDS): void {
    this.host.call('Cache', 'put', { costMs: COST_MODEL.cachePutMs });
    this.store(key, String(value), expirationInSeconds);
  }
  putAll(values: Record<string, string>, expirationInSeconds = DEFAULT_TTL_SECONDS): void {
    this.host.call('Cache', 'putAll', { costMs: COST_MODEL.cachePutMs });
    for (const [key, value] of Object.entries(values))
      this.store(key, String(value), expirationInSeconds);
  }
  remove(key: string): void {
    this.host.call('Cache', 'remove', { costMs: COST_MODEL.cachePutMs });
    this.items.delete(key);
  }
  removeAll(keys: string[]): void {
    this.host.call('Cache', 'removeAll', { costMs: COST_MODEL.cachePutMs });
    for (const key of keys) this.items.delete(key);
  }
}

export function createCacheService(host: ServiceHost, store: CacheStore) {
  const cache = (name: string) => {
    let items = store.get(name);
    if (!items) store.set(name, (items = new Map()));
    return new EmuCache(host, items);
  };
  return {
    getDocumentCache(): EmuCache | null {
      host.call('CacheService', 'getDocumentCache');
      return host.source === 'time-trigger' ? null : cache(`document:${host.state.id}`);
    },
    getScriptCache(): EmuCache {
      host.call('CacheService', 'getScriptCache');
      return cache('script');
    },
    getUserCache(): EmuCache {
      host.call('CacheService', 'getUserCache');
      return cache(`user:${host.user}`);
    },
  };
}
