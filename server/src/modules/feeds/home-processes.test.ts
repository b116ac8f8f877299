// Two API processes behind a load balancer: two apps with services of their own (each its own graph,
// its own memory) on one PostgreSQL database and one Redis. A session's pages may be answered by
// either, in any order, and stay the same pages with no repeats. Runs with DATABASE_URL and REDIS_URL.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { type Cache, createCache } from '../../platform/cache/index.ts';
import { createLogger } from '../../platform/logger.ts';
import {
  environment,
  type ProvisionedDatabase,
  provisionDatabase,
  testConfig,
} from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard } from '../boards/test-kit.ts';
import { makePin, savePin, settle } from '../discovery/related-test-kit.ts';

const enabled = Boolean(environment.databaseUrl && environment.redisUrl);

describe.runIf(enabled)('home feed across two processes', () => {
  let database: ProvisionedDatabase;
  const apps: FastifyInstance[] = [];
  const caches: Cache[] = [];

  beforeAll(async () => {
    database = await provisionDatabase();
    const prefix = `cbtest:${randomBytes(6).toString('hex')}:`;
    const config = testConfig({ databaseUrl: database.databaseUrl, redisUrl: environment.redisUrl });
    for (let i = 0; i < 2; i++) {
      const cache = createCache(environment, prefix);
      caches.push(cache);
      const app = await buildApp(config, { cache, log: createLogger('silent') });
      await app.ready();
      apps.push(app);
    }
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const cache of caches) await cache.close();
    await database?.drop();
  });

  it('serves each bookmark the same page on either process, with no repeats', async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const ada: Actor = await actor(a);
    const others = [await actor(a), await actor(a), await actor(a)];
    for (const other of others) {
      await call(a, 'POST', `/v5/user_account/following/${other.username}`, ada.headers, {});
      const board = await createBoard(a, other);
      for (let i = 0; i < 3; i++) await makePin(a, other, board.id);
    }
    const seen = await makePin(a, others[0]!, (await createBoard(a, others[0]!)).id);
    await savePin(a, ada, seen, (await createBoard(a, ada)).id);
    await settle(a);
    await settle(b);

    const ids: string[] = [];
    let bookmark: string | null = null;
    let turn = 0;
    do {
      const url: string = `/v5/feeds/home?page_size=2${bookmark ? `&bookmark=${bookmark}` : ''}`;
      const here = turn % 2 === 0 ? a : b;
      const there = turn % 2 === 0 ? b : a;
      const page = await call(here, 'GET', url, ada.headers);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      if (bookmark) expect((await call(there, 'GET', url, ada.headers)).body).toEqual(page.body);
      ids.push(...page.body.items.map((item: { id: string }) => item.id));
      bookmark = page.body.bookmark;
      turn++;
    } while (bookmark && turn < 40);
    expect(ids.length).toBeGreaterThanOrEqual(9);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
