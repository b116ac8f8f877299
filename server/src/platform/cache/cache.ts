// One cache contract for every deployment: an in-process LRU when the server runs alone, Redis
// when REDIS_URL is set so that N API processes share one view. Values are JSON.
//
// Invalidation uses tombstones rather than deletes: `invalidate` writes a marker that `fill`
// (set-if-absent) cannot overwrite, so a reader that loaded a row just before a write committed
// cannot put the stale row back after the writer invalidated it.

export interface WindowCount {
  count: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface Cache {
  /** The cached value, or undefined when absent or invalidated. */
  get<T>(key: string): Promise<T | undefined>;
  /** Store a value unless the key is present (value or tombstone). Returns whether it was stored. */
  fill(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  /** Drop the value and block refills for ttlSeconds (use the longest TTL of any fill of this key). */
  invalidate(key: string, ttlSeconds: number): Promise<void>;
  /** Count one hit in a fixed window that starts with the first hit. */
  hit(key: string, windowSeconds: number): Promise<WindowCount>;
  close(): Promise<void>;
}

export const TOMBSTONE = '\u0000tombstone';
