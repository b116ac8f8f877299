// Helpers for the events tests: services on a database of their own (reopenable, to play a
// restart), and a consumer whose effects are rows counting how often each event was applied.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { createLogger } from '../../platform/logger.ts';
import { createServices, type Services } from '../../services.ts';
import { provisionDatabase, testCache, testConfig } from '../../testing/harness.ts';
import type { CorkboardEvent, EventType } from './catalog.ts';
import { serverEvent } from './catalog.ts';
import type { EventConsumer } from './consumer.ts';

export interface TestDatabase {
  config: Config;
  /** Opens services on this database (apply migrations); close them before opening the next. */
  open(overrides?: Partial<Config>): Promise<Services>;
  drop(): Promise<void>;
}

/**
 * A database of the test's own: PostgreSQL when DATABASE_URL is set, else PGlite, on disk when it
 * must outlive one services instance (a restart), in memory (quicker to create) when not.
 */
export async function testDatabase(
  overrides: Partial<Config> = {},
  { reopenable = false }: { reopenable?: boolean } = {},
): Promise<TestDatabase> {
  const provisioned = await provisionDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-events-'));
  const config = testConfig({ databaseUrl: provisioned.databaseUrl, dataDir, ...overrides });
  const cache = testCache();
  return {
    config,
    open: (more = {}) =>
      createServices({ ...config, ...more }, { cache, log: createLogger('silent'), inMemory: !reopenable }),
    async drop() {
      await cache.close();
      await provisioned.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createEffectsTable(db: Kysely<DB>): Promise<void> {
  await sql`
    create table if not exists test_event_effects (
      consumer text not null, event_id uuid not null, type text not null, applied integer not null,
      primary key (consumer, event_id)
    )
  `.execute(db);
}

/** event id → how many times `consumer` applied it. */
export async function effects(db: Kysely<DB>, consumer: string): Promise<Map<string, number>> {
  const result = await sql<{ event_id: string; applied: number }>`
    select event_id::text as event_id, applied from test_event_effects where consumer = ${consumer}
  `.execute(db);
  return new Map(result.rows.map((row) => [row.event_id, row.applied]));
}

export interface CountingConsumer extends EventConsumer {
  /** Every batch handed over, in order (including ones that failed). */
  batches: string[][];
  failNext: number;
}

/**
 * Applies each event by counting it in test_event_effects, in the runner's transaction: an event
 * applied twice shows as applied = 2. `failNext` batches throw after writing their effects.
 */
export function countingConsumer(name: string, types?: readonly EventType[]): CountingConsumer {
  const consumer: CountingConsumer = {
    name,
    types,
    batches: [],
    failNext: 0,
    async handle(events, trx) {
      consumer.batches.push(events.map((e) => e.id));
      const ids = events.map((e) => e.id);
      const kinds = events.map((e) => e.type);
      await sql`
        insert into test_event_effects (consumer, event_id, type, applied)
        select ${name}, id, type, 1 from unnest(${ids}::uuid[], ${kinds}::text[]) as e(id, type)
        on conflict (consumer, event_id) do update set applied = test_event_effects.applied + 1
      `.execute(trx);
      if (consumer.failNext > 0) {
        consumer.failNext--;
        throw new Error('consumer failed on purpose');
      }
    },
  };
  return consumer;
}

export function followEvent(actorId = '1', objectId = '2'): CorkboardEvent {
  return serverEvent('user.followed.v1', actorId, objectId, {});
}

export function impression(pinId = '42', at = new Date()): CorkboardEvent {
  return {
    id: randomUUID(),
    type: 'pin.impression.v1',
    actor_id: '7',
    object: { type: 'pin', id: pinId },
    occurred_at: at.toISOString(),
    context: { app_type: 'web', locale: null, session_id: null, surface: 'home' },
    data: {},
  };
}

export async function loggedIds(db: Kysely<DB>): Promise<string[]> {
  const result = await sql<{
    id: string;
  }>`select id::text as id from event_log order by tx, position`.execute(db);
  return result.rows.map((row) => row.id);
}
