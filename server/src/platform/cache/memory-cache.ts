import { LRUCache } from 'lru-cache';
import { type Cache, TOMBSTONE, type WindowCount } from './cache.ts';

interface Window {
  count: number;
  resetAt: number;
}

/** The embedded default: bounded, per-process. Correct only while one process serves the API. */
export class MemoryCache implements Cache {
  private readonly values = new LRUCache<string, { json: string }>({ max: 50_000, ttlAutopurge: false });
  private readonly windows = new LRUCache<string, Window>({ max: 100_000 });

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.values.get(key);
    if (!entry || entry.json === TOMBSTONE) return undefined;
    return JSON.parse(entry.json) as T;
  }

  async fill(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    if (this.values.has(key)) return false;
    this.values.set(key, { json: JSON.stringify(value) }, { ttl: ttlSeconds * 1000 });
    return true;
  }

  async invalidate(key: string, ttlSeconds: number): Promise<void> {
    this.values.set(key, { json: TOMBSTONE }, { ttl: ttlSeconds * 1000 });
  }

  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetMs: window.resetAt - now };
  }

  async close(): Promise<void> {
    this.values.clear();
    this.windows.clear();
  }
}
