import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { signUp, uniqueName } from '../testing/clients.ts';
import { environment, startTestApp, type TestApp } from '../testing/harness.ts';
import { type Cache, MemoryCache, RedisCache } from './cache/index.ts';
import { AppError } from './errors.ts';
import { enforceLimits, type Limit } from './rate-limit.ts';

async function rejection(cache: Cache, limits: Limit[]): Promise<AppError> {
  const error = await enforceLimits(cache, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function limitsContract(make: () => Cache): void {
  const caches: Cache[] = [];
  const fresh = () => {
    const cache = make();
    caches.push(cache);
    return cache;
  };
  afterAll(async () => Promise.all(caches.map((c) => c.close())));

  it('lets max attempts through, then throws RATE_LIMITED with Retry-After', async () => {
    const cache = fresh();
    const limits = [{ key: 'login:account:ada', max: 3, windowSeconds: 60 }];
    for (let i = 0; i < 3; i++) await expect(enforceLimits(cache, limits)).resolves.toBeUndefined();
    const error = await rejection(cache, limits);
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.toBody()).toMatchObject({ code: 8 });
    expect(Number(error.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(Number(error.headers['retry-after'])).toBeLessThanOrEqual(60);
    await rejection(cache, limits); // and stays limited for the rest of the window
  });

  it('counts every attempt against every limit, in the shared ratelimit: namespace', async () => {
    const cache = fresh();
    const limits = [
      { key: 'a', max: 1, windowSeconds: 60 },
      { key: 'b', max: 100, windowSeconds: 60 },
    ];
    await enforceLimits(cache, limits);
    await rejection(cache, limits);
    expect((await cache.hit('ratelimit:a', 60)).count).toBe(3);
    expect((await cache.hit('ratelimit:b', 60)).count).toBe(3);
    await expect(enforceLimits(cache, [{ key: 'c', max: 1, windowSeconds: 60 }])).resolves.toBeUndefined();
  });

  it('answers with the longest wait among the limits exceeded', async () => {
    const cache = fresh();
    const limits = [
      { key: 'short', max: 0, windowSeconds: 10 },
      { key: 'long', max: 0, windowSeconds: 100 },
      { key: 'unexceeded', max: 5, windowSeconds: 1000 },
    ];
    const error = await rejection(cache, limits);
    expect(error.headers['retry-after']).toBe('100');
  });

  it('rounds a wait of under a second up to Retry-After: 1', async () => {
    const cache = fresh();
    const limits = [{ key: 'tiny', max: 0, windowSeconds: 1 }];
    await rejection(cache, limits);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect((await rejection(cache, limits)).headers['retry-after']).toBe('1');
  });
}

describe('enforceLimits with MemoryCache', () => {
  limitsContract(() => new MemoryCache());
});

describe.skipIf(!environment.redisUrl)(
  'enforceLimits with RedisCache (needs REDIS_URL; skipped without it)',
  () => {
    limitsContract(() => new RedisCache(environment.redisUrl!, `cbtest:${randomBytes(6).toString('hex')}:`));
  },
);

describe('the login limit over HTTP', () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('answers 429 with code 8 and Retry-After once an account has too many attempts', async () => {
    t = await startTestApp({ loginLimitPerAccount: 2, loginLimitWindowSeconds: 120 });
    const victim = await signUp(t.app);
    const attempt = (username: string, password = 'wrong password') =>
      t.app.inject({ method: 'POST', url: '/v5/auth/login', payload: { username, password } });
    expect((await attempt(victim.username)).statusCode).toBe(401);
    expect((await attempt(victim.username.toUpperCase())).statusCode).toBe(401); // same account
    const limited = await attempt(victim.username, victim.password); // even the right password
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ code: 8, message: expect.any(String) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(119);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(120);
    expect((await attempt(uniqueName())).statusCode).toBe(401); // other accounts are unaffected
  });
});
