import type { Config } from '../../config.ts';
import type { Cache } from './cache.ts';
import { MemoryCache } from './memory-cache.ts';
import { RedisCache } from './redis-cache.ts';

export type { Cache, WindowCount } from './cache.ts';
export { MemoryCache } from './memory-cache.ts';
export { RedisCache } from './redis-cache.ts';

export function createCache(config: Pick<Config, 'redisUrl'>, prefix?: string): Cache {
  return config.redisUrl ? new RedisCache(config.redisUrl, prefix) : new MemoryCache();
}
