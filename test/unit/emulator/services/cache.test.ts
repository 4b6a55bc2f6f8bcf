import { describe, expect, it } from 'vitest';
import { createCacheService, newCacheStore } from '../../../../src/local/emulator/services/cache';
import { FakeHost, newWorld } from '../fake-host';

describe('CacheService', () => {
  it('expires entries on the simulated clock (default 600 s)', () => {
    const world = newWorld();
    const host = new FakeHost(world);
    const cache = createCacheService(host, newCacheStore()).getScriptCache();
    cache.put('a', '1');
    cache.put('b', '2', 60);
    world.clock.ms += 59_000;
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ a: '1', b: '2' });
    world.clock.ms += 1_000;
    expect(cache.get('b')).toBeNull();
    world.clock.ms += 540_000;
    expect(cache.get('a')).toBeNull();
  });

  it('caps expiry at 6 hours', () => {
    const world = newWorld();
    const cache = createCacheService(new FakeHost(world), newCacheStore()).getUserCache();
    cache.put('k', 'v', 24 * 3600);
    world.clock.ms += 21600 * 1000 - 1;
    expect(cache.get('k')).toBe('v');
    world.clock.ms += 1;
    expect(cache.get('k')).toBeNull();
  });

  it('rejects keys over 250 characters and values over 100 KB', () => {
    const cache = createCacheService(new FakeHost(newWorld()), newCacheStore()).getScriptCache();
    cache.put('k'.repeat(250), 'v');
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
  });

  it('evicts the oldest item beyond 1000', () => {
    const cache = createCacheService(new FakeHost(newWorld()), newCacheStore()).getScriptCache();
    const many: Record<string, string> = {};
    for (let i = 0; i < 1001; i++) many[`k${i}`] = String(i);
    cache.putAll(many);
    expect(cache.get('k0')).toBeNull();
    expect(cache.get('k1')).toBe('1');
    expect(cache.get('k1000')).toBe('1000');
  });

  it('survives executions of one runtime and keeps user caches apart', () => {
    const world = newWorld();
    const store = newCacheStore();
    createCacheService(new FakeHost(world), store).getUserCache().put('k', 'ala');
    createCacheService(new FakeHost(world), store).getDocumentCache()!.put('k', 'doc');
    const ola = createCacheService(new FakeHost(world, { user: 'ola@example.com' }), store);
    expect(ola.getUserCache().get('k')).toBeNull();
    expect(ola.getDocumentCache()!.get('k')).toBe('doc');
    expect(createCacheService(new FakeHost(world), store).getUserCache().get('k')).toBe('ala');
    const remover = createCacheService(new FakeHost(world), store).getDocumentCache()!;
    remover.removeAll(['k']);
    expect(remover.get('k')).toBeNull();
  });
});
