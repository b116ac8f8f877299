// Read-through caching for credential lookups (sessions, tokens), which every request makes.
// A revoked credential is tombstoned for longer than any fill lives, so no process can serve it.
import type { Cache } from './cache/index.ts';

export const CREDENTIAL_CACHE_SECONDS = 300;
const MISSING = { missing: true } as const;

export async function cachedCredential<T extends object>(
  cache: Cache,
  key: string,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const hit = await cache.get<T | typeof MISSING>(key);
  if (hit !== undefined) return 'missing' in hit ? undefined : hit;
  const value = await load();
  // Unknown secrets are cached as missing too, so guessing tokens costs the database nothing.
  await cache.fill(key, value ?? MISSING, CREDENTIAL_CACHE_SECONDS);
  return value;
}

export async function invalidateCredentials(cache: Cache, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => cache.invalidate(key, CREDENTIAL_CACHE_SECONDS * 2)));
}
