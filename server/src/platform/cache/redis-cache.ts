import { Redis } from 'ioredis';
import { type Cache, TOMBSTONE, type WindowCount } from './cache.ts';

// INCR and the expiry of a new window must happen atomically, or a crash between them leaves a
// counter that never resets and locks a user out for good.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

/** Shared by every API process, so a write on one is seen by all as soon as it returns. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'cb:',
  ) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    this.redis.defineCommand('cbHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    if (raw === null || raw === TOMBSTONE) return undefined;
    return JSON.parse(raw) as T;
  }

  async fill(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    const result = await this.redis.set(this.prefix + key, JSON.stringify(value), 'EX', ttlSeconds, 'NX');
    return result === 'OK';
  }

  async invalidate(key: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, TOMBSTONE, 'EX', ttlSeconds);
  }

  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    const run = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<[number, number]>>)
      .cbHit!;
    const [count, ttl] = await run.call(this.redis, this.prefix + key, windowSeconds * 1000);
    return { count, resetMs: ttl };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
