// One contract, two implementations: the in-process cache always, Redis when REDIS_URL is set.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environment } from '../../testing/harness.ts';
import { type Cache, TOMBSTONE } from './cache.ts';
import { MemoryCache } from './memory-cache.ts';
import { RedisCache } from './redis-cache.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uniquePrefix = () => `cbtest:${randomBytes(6).toString('hex')}:`;

function cacheContract(make: () => Cache): void {
  let cache: Cache;
  let n = 0;
  const key = () => `key:${++n}`;
  beforeAll(() => {
    cache = make();
  });
  afterAll(async () => cache?.close());

  it('returns undefined for a key never written', async () => {
    expect(await cache.get(key())).toBeUndefined();
  });

  it('fills an absent key and returns the value as JSON', async () => {
    const k = key();
    const value = {
      id: '117813047006855169',
      scopes: ['pins:read'],
      n: 1.5,
      nested: { ok: true },
      text: 'ü 🙂',
    };
    expect(await cache.fill(k, value, 60)).toBe(true);
    expect(await cache.get(k)).toEqual(value);
    const falsy = key();
    expect(await cache.fill(falsy, 0, 60)).toBe(true);
    expect(await cache.get(falsy)).toBe(0);
  });

  it('never overwrites with fill: the first value stays', async () => {
    const k = key();
    expect(await cache.fill(k, 'first', 60)).toBe(true);
    expect(await cache.fill(k, 'second', 60)).toBe(false);
    expect(await cache.get(k)).toBe('first');
  });

  it('invalidate hides the value and blocks every later fill while the tombstone lives', async () => {
    const k = key();
    await cache.fill(k, 'stale', 60);
    await cache.invalidate(k, 60);
    expect(await cache.get(k)).toBeUndefined();
    expect(await cache.fill(k, 'stale again', 60)).toBe(false);
    expect(await cache.get(k)).toBeUndefined();
    const never = key();
    await cache.invalidate(never, 60); // also for a key that held nothing yet
    expect(await cache.fill(never, 'x', 60)).toBe(false);
    expect(await cache.get(never)).toBeUndefined();
  });

  it('keeps a value that merely looks like the tombstone apart from a real one', async () => {
    const k = key();
    expect(await cache.fill(k, TOMBSTONE, 60)).toBe(true);
    expect(await cache.get(k)).toBe(TOMBSTONE);
  });

  it('lets values and tombstones expire after their TTL', async () => {
    const value = key();
    const tombstoned = key();
    await cache.fill(value, 'short-lived', 1);
    await cache.invalidate(tombstoned, 1);
    expect(await cache.get(value)).toBe('short-lived');
    await sleep(1200);
    expect(await cache.get(value)).toBeUndefined();
    expect(await cache.fill(tombstoned, 'fresh', 60)).toBe(true);
    expect(await cache.get(tombstoned)).toBe('fresh');
  });

  it('counts hits in a fixed window that starts with the first hit', async () => {
    const k = key();
    const first = await cache.hit(k, 60);
    expect(first.count).toBe(1);
    expect(first.resetMs).toBeGreaterThan(58_000);
    expect(first.resetMs).toBeLessThanOrEqual(60_000);
    const second = await cache.hit(k, 60);
    const third = await cache.hit(k, 60);
    expect([second.count, third.count]).toEqual([2, 3]);
    expect(third.resetMs).toBeLessThanOrEqual(first.resetMs); // the window does not slide
    expect((await cache.hit(key(), 60)).count).toBe(1); // windows are per key
  });

  it('starts a new window once the old one has passed', async () => {
    const k = key();
    await cache.hit(k, 1);
    await cache.hit(k, 1);
    await sleep(1100);
    const next = await cache.hit(k, 1);
    expect(next.count).toBe(1);
    expect(next.resetMs).toBeGreaterThan(500);
    expect(next.resetMs).toBeLessThanOrEqual(1000);
  });

  it('counts concurrent hits atomically', async () => {
    const k = key();
    const counts = await Promise.all(Array.from({ length: 100 }, () => cache.hit(k, 60)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
  });
}

describe('MemoryCache', () => {
  cacheContract(() => new MemoryCache());

  it('keeps separate instances separate', async () => {
    const a = new MemoryCache();
    const b = new MemoryCache();
    await a.fill('k', 1, 60);
    expect(await b.get('k')).toBeUndefined();
  });
});

describe.skipIf(!environment.redisUrl)('RedisCache (needs REDIS_URL; skipped without it)', () => {
  const prefix = uniquePrefix();
  cacheContract(() => new RedisCache(environment.redisUrl!, prefix));

  it('shares values between clients with one prefix and isolates other prefixes', async () => {
    const one = new RedisCache(environment.redisUrl!, prefix);
    const two = new RedisCache(environment.redisUrl!, prefix);
    const other = new RedisCache(environment.redisUrl!, uniquePrefix());
    try {
      expect(await one.fill('shared', { v: 1 }, 60)).toBe(true);
      expect(await two.get('shared')).toEqual({ v: 1 });
      expect(await other.get('shared')).toBeUndefined();
      await two.invalidate('shared', 60);
      expect(await one.get('shared')).toBeUndefined();
      expect(await one.fill('shared', { v: 2 }, 60)).toBe(false);
      expect((await one.hit('window', 60)).count).toBe(1);
      expect((await two.hit('window', 60)).count).toBe(2);
      expect((await other.hit('window', 60)).count).toBe(1);
    } finally {
      await Promise.all([one.close(), two.close(), other.close()]);
    }
  });
});
