// Test harness: every test app gets a database of its own (a fresh PostgreSQL database when
// DATABASE_URL is set, an in-memory PGlite otherwise) and, with REDIS_URL, a private key prefix,
// so runs never collide.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { type Config, parseConfig } from '../config.ts';
import { type Cache, createCache } from '../platform/cache/index.ts';
import { createLogger } from '../platform/logger.ts';

/** The environment the suite runs against: the machine's servers when their URLs are set. */
export const environment = parseConfig({
  DATABASE_URL: process.env.DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL,
  NATS_URL: process.env.NATS_URL,
});

export interface ProvisionedDatabase {
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/** A new, empty database on the configured PostgreSQL server, or nothing (embedded, in memory). */
export async function provisionDatabase(): Promise<ProvisionedDatabase> {
  if (!environment.databaseUrl) return { databaseUrl: undefined, drop: async () => {} };
  const name = `cb_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: environment.databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(environment.databaseUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: environment.databaseUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function testCache(): Cache {
  return createCache(environment, `cbtest:${randomBytes(6).toString('hex')}:`);
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...parseConfig({}),
    logLevel: 'silent',
    seedDemo: false,
    loginLimitPerIp: 10_000,
    // Images go to a directory of this test's own, never into the work tree's ./data.
    mediaDir: path.join(os.tmpdir(), `cb-test-media-${randomBytes(6).toString('hex')}`),
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

/** A ready app on a database of its own; `beforeReady` may add test-only routes first. */
export async function startTestApp(
  overrides: Partial<Config> = {},
  beforeReady?: (app: FastifyInstance) => void,
): Promise<TestApp> {
  const database = await provisionDatabase();
  const config = testConfig({
    databaseUrl: database.databaseUrl,
    redisUrl: environment.redisUrl,
    ...overrides,
  });
  const cache = testCache();
  const app = await buildApp(config, { inMemory: true, cache, log: createLogger('silent') });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    config,
    async close() {
      await app.close();
      await cache.close();
      await database.drop();
      if (overrides.mediaDir === undefined) await fs.rm(config.mediaDir, { recursive: true, force: true });
    },
  };
}
