// The embedded event log: events exist exactly when their transaction commits, consumers see every
// committed event once in commit order (also across restarts and failures), listeners start now.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { CLIENT_EVENT_TYPES, type LoggedEvent } from './catalog.ts';
import { EmbeddedDelivery } from './embedded.ts';
import * as repo from './repo.ts';
import {
  countingConsumer,
  createEffectsTable,
  effects,
  followEvent,
  impression,
  loggedIds,
  type TestDatabase,
  testDatabase,
} from './test-kit.ts';

let database: TestDatabase;
let services: Services;
beforeAll(async () => {
  database = await testDatabase();
  services = await database.open();
  await createEffectsTable(services.ctx.db);
});
afterAll(async () => {
  await services?.close();
  await database?.drop();
});

describe('record()', () => {
  it('writes events only when the transaction commits', async () => {
    const kept = followEvent();
    const lost = followEvent();
    await services.ctx.db.transaction().execute((trx) => services.events.record(trx, kept));
    await expect(
      services.ctx.db.transaction().execute(async (trx) => {
        await services.events.record(trx, lost);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const ids = await loggedIds(services.ctx.db);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(lost.id);
  });

  it('refuses an event that does not match its schema (a bug, not input)', async () => {
    const bad = { ...followEvent(), data: { unexpected: true } } as never;
    await expect(services.events.record(services.ctx.db, bad)).rejects.toThrow(/invalid server event/);
  });
});

describe('delivery (embedded)', () => {
  it('delivers every event of concurrent writers exactly once while the loops run', async () => {
    const consumer = countingConsumer('storm');
    const target = services;
    target.events.registerConsumer(consumer);
    await target.events.start();
    const written: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let round = 0; round < 5; round++) {
          const batch = Array.from({ length: 1 + ((writer + round) % 4) }, () =>
            impression(String(writer + 1)),
          );
          await target.ctx.db.transaction().execute((trx) => target.events.record(trx, batch));
          written.push(...batch.map((e) => e.id));
        }
      }),
    );
    await target.events.drain(10_000);
    await target.events.stop();
    const applied = await effects(target.ctx.db, 'storm');
    const all = await loggedIds(target.ctx.db);
    expect(written.every((id) => applied.get(id) === 1)).toBe(true);
    // It also caught up with everything recorded earlier in this database, once each.
    expect(applied.size).toBe(all.length);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
  });

  it('never passes a transaction still open with a smaller position (PostgreSQL)', async (context) => {
    if (services.database.kind !== 'postgres') {
      context.skip('needs DATABASE_URL: PGlite runs one transaction at a time, so there is no interleaving');
    }
    const seen: string[] = [];
    const consumer = countingConsumer('order');
    const handle = consumer.handle;
    consumer.handle = async (events, trx) => {
      seen.push(...events.map((e) => e.id));
      await handle(events, trx);
    };
    const fresh = await database.open();
    try {
      fresh.events.registerConsumer(consumer);
      await fresh.events.drain(10_000);
      seen.length = 0;
      const first = followEvent();
      const second = followEvent();
      let inserted!: () => void;
      const insertedFirst = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      let commitFirst!: () => void;
      const gate = new Promise<void>((resolve) => {
        commitFirst = resolve;
      });
      // The first writer takes the smaller position and stays open while the second commits.
      const slow = fresh.ctx.db.transaction().execute(async (trx) => {
        await fresh.events.record(trx, first);
        inserted();
        await gate;
      });
      await insertedFirst;
      await fresh.ctx.db.transaction().execute((trx) => fresh.events.record(trx, second));
      await expect(fresh.events.drain(300)).rejects.toThrow(/did not drain/);
      expect(seen).toEqual([]);
      commitFirst();
      await slow;
      await fresh.events.drain(10_000);
      expect(seen).toEqual([first.id, second.id]);
    } finally {
      await fresh.close();
    }
  });
});

describe('consumers', () => {
  it('retry a failed batch until it succeeds; its effects happen once', async () => {
    const consumer = countingConsumer('flaky');
    consumer.failNext = 2;
    const event = followEvent();
    await services.events.record(services.ctx.db, event);
    services.events.registerConsumer(consumer);
    await services.events.start();
    await services.events.drain(15_000);
    await services.events.stop();
    expect(consumer.batches.filter((batch) => batch.includes(event.id))).toHaveLength(3);
    expect((await effects(services.ctx.db, 'flaky')).get(event.id)).toBe(1);
  });

  it('get only the types they ask for, and still move past the others', async () => {
    const consumer = countingConsumer('follows-only', ['user.followed.v1']);
    const follow = followEvent();
    const seen = impression();
    await services.events.record(services.ctx.db, [seen, follow]);
    services.events.registerConsumer(consumer);
    await services.events.drain(10_000);
    const applied = await effects(services.ctx.db, 'follows-only');
    expect(applied.get(follow.id)).toBe(1);
    expect(applied.has(seen.id)).toBe(false);
    const types = await sql<{ type: string }>`
      select distinct type from test_event_effects where consumer = 'follows-only'
    `.execute(services.ctx.db);
    expect(types.rows).toEqual([{ type: 'user.followed.v1' }]);
  });

  it('can be reset to reprocess the log', async () => {
    services.events.registerConsumer(countingConsumer('resettable'));
    await services.events.drain(10_000);
    const once = await effects(services.ctx.db, 'resettable');
    await services.events.resetConsumer('resettable');
    await services.events.drain(10_000);
    const twice = await effects(services.ctx.db, 'resettable');
    expect(once.size).toBeGreaterThan(0);
    for (const [id, n] of once) expect(twice.get(id)).toBe(n + 1);
  });
});

describe('listeners', () => {
  it('start at the end of the log and get what is committed after start', async () => {
    const old = followEvent();
    await services.events.record(services.ctx.db, old);
    const received: LoggedEvent[] = [];
    services.events.registerListener({ name: 'graph', onEvents: (events) => void received.push(...events) });
    await services.events.start();
    const next = [followEvent(), impression()];
    await services.events.record(services.ctx.db, next);
    await services.events.drain(10_000);
    await services.events.stop();
    expect(received.map((e) => e.id)).toEqual(next.map((e) => e.id));
    expect(received[1]).toMatchObject({ type: 'pin.impression.v1', object: { type: 'pin', id: '42' } });
    expect(typeof received[0]!.position).toBe('bigint');
  });
});

describe('readers of server events only', () => {
  it('take them in commit order past any number of client events, through their own index', async () => {
    const db = services.ctx.db;
    const start = await repo.logEnd(db);
    const first = followEvent('1', '5');
    const second = followEvent('2', '6');
    await repo.insertEvents(
      db,
      Array.from({ length: 50 }, () => impression()),
    );
    await repo.insertEvents(db, [first]);
    await repo.insertEvents(db, [...Array.from({ length: 50 }, () => impression()), second, impression()]);

    const all = await repo.readEvents(db, start, 1000, ['user.followed.v1']);
    expect(all.items.map((e) => e.id)).toEqual([first.id, second.id]);
    const one = await repo.readEvents(db, start, 1, ['user.followed.v1']);
    expect([one.full, one.items.map((e) => e.id)]).toEqual([true, [first.id]]);
    const next = await repo.readEvents(db, one.last!, 1, ['user.followed.v1']);
    expect(next.items.map((e) => e.id)).toEqual([second.id]);
    expect(await repo.hasUnread(db, next.last!, '9223372036854775807', ['user.followed.v1'])).toBe(false);
    // Readers of client types still see them all.
    expect((await repo.readEvents(db, start, 1000, ['pin.impression.v1'])).items).toHaveLength(101);

    // The index leaves out exactly the catalog's client types (the migration had to spell them out).
    const index = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where indexname = 'event_log_server_events_commit_order'`.execute(db);
    const leftOut = [...index.rows[0]!.indexdef.matchAll(/'([a-z_.0-9]+)'/g)].map((m) => m[1]);
    expect(leftOut.sort()).toEqual([...CLIENT_EVENT_TYPES].sort());
  });
});

describe('readLog() and retention', () => {
  it('replays events from a time, in log order, filtered by type', async () => {
    // Everything earlier tests recorded occurred before `from`.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const from = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const old = impression('1', new Date(Date.now() - 3600_000));
    const recent = [impression('2'), followEvent(), impression('3')];
    await services.events.record(services.ctx.db, [old, ...recent]);
    const replayed: LoggedEvent[] = [];
    await services.events.readLog({ from, types: ['pin.impression.v1'], batchSize: 1 }, (batch) => {
      expect(batch.length).toBeLessThanOrEqual(1);
      replayed.push(...batch);
    });
    const ids = replayed.map((e) => e.id);
    expect(ids).toEqual([recent[0]!.id, recent[2]!.id]);
  });

  it('deletes rows past retention only once every consumer has passed them', async () => {
    const db = services.ctx.db;
    const consumer = countingConsumer('retained');
    const delivery = new EmbeddedDelivery(
      { db, log: services.ctx.log, retentionDays: 30 },
      { consumers: new Map([[consumer.name, consumer]]), listeners: new Map() },
    );
    const ancient = followEvent();
    await services.events.record(db, ancient);
    await sql`update event_log set recorded_at = now() - interval '31 days' where id = ${ancient.id}::uuid`.execute(
      db,
    );
    expect(await delivery.applyRetention()).toBe(0); // the consumer has not read it yet
    await delivery.drain(10_000);
    expect(await delivery.applyRetention()).toBeGreaterThanOrEqual(1);
    expect(await loggedIds(db)).not.toContain(ancient.id);
  });
});
