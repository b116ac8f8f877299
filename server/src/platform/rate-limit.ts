// Fixed-window limits kept in the shared cache, so every API process counts against one budget.
import type { Cache } from './cache/index.ts';
import { AppError } from './errors.ts';

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** Counts one attempt against every limit and throws 429 with Retry-After if any is exceeded. */
export async function enforceLimits(cache: Cache, limits: Limit[]): Promise<void> {
  const counts = await Promise.all(limits.map((l) => cache.hit(`ratelimit:${l.key}`, l.windowSeconds)));
  let retryAfterMs = 0;
  counts.forEach((count, i) => {
    if (count.count > limits[i]!.max) retryAfterMs = Math.max(retryAfterMs, count.resetMs);
  });
  if (retryAfterMs > 0) {
    throw new AppError('RATE_LIMITED', undefined, {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
    });
  }
}
