// The process's shared read of the stream (StreamTap) and the consumer workers on it: messages are
// handed over only right after the asker's position, a worker behind the window pulls through its
// durable consumer and comes back to the shared read, and every event is applied once either way;
// and the relay's pipelined publishing.
// Needs NATS_URL; the tests use a stream and subjects of their own.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { environment } from '../../testing/harness.ts';
import { PipelinedPublisher } from './jetstream-publish.ts';
import { type Nats, openNats, putStream } from './jetstream-stream.ts';
import { StreamTap } from './jetstream-tap.ts';
import {
  consumerWorker,
  DecodedEvents,
  durableName,
  relayOnce,
  type WorkerContext,
} from './jetstream-workers.ts';
import {
  countingConsumer,
  createEffectsTable,
  effects,
  impression,
  type TestDatabase,
  testDatabase,
} from './test-kit.ts';

const natsUrl = environment.natsUrl;
/** Small batches, so that a few dozen events make a window that workers fall behind. */
const BATCH = 4;

describe.skipIf(!natsUrl)('JetStream shared read (needs NATS_URL; skipped without it)', () => {
  const suffix = randomBytes(4).toString('hex');
  const stream = `CB_TAP_${suffix}`;
  const subjects = `cbtap.${suffix}.>`;
  let database: TestDatabase;
  let services: Services;
  let nats: Nats;
  let context: WorkerContext;

  beforeAll(async () => {
    database = await testDatabase({ natsUrl, natsStream: stream, natsSubjectPrefix: `cbtap.${suffix}` });
    services = await database.open();
    await services.events.stop();
    await createEffectsTable(services.ctx.db);
    nats = await openNats(natsUrl!);
    await putStream(nats.jsm, {
      name: stream,
      subjects,
      maxAgeMs: 3_600_000,
      maxBytes: 10_000_000,
      duplicateWindowMs: 60_000,
    });
    context = {
      db: services.ctx.db,
      nats,
      stream,
      subjects,
      subjectPrefix: `cbtap.${suffix}`,
      batchSize: BATCH,
      decoded: new DecodedEvents(BATCH * 2),
      tap: new StreamTap(async () => nats, stream, subjects, BATCH),
    };
    // 30 events in the stream, published by the relay as in production.
    await services.events.record(
      services.ctx.db,
      Array.from({ length: 30 }, (_, i) => impression(String(100 + i))),
    );
    for (let i = 0; i < 10; i++) await relayOnce(context);
    expect((await nats.jsm.streams.info(stream)).state.last_seq).toBe(30);
  });
  afterAll(async () => {
    await context?.tap?.close();
    await nats?.jsm.streams.delete(stream).catch(() => undefined);
    await nats?.nc.close();
    await services?.close();
    await database?.drop();
  });

  it('hands over the messages right after a position, and none from behind its window', async () => {
    const tap = new StreamTap(async () => nats, stream, subjects, BATCH);
    try {
      // The first asker starts the read just after its position.
      expect((await tap.after(10, BATCH))!.map((m) => m.seq)).toEqual([11, 12, 13, 14]);
      expect((await tap.after(12, 10))!.map((m) => m.seq)).toEqual([13, 14]);
      // At the front: it reads on (window of two reads: 11..18).
      expect((await tap.after(14, BATCH))!.map((m) => m.seq)).toEqual([15, 16, 17, 18]);
      expect(await tap.after(9, BATCH)).toBeUndefined();
      // Ahead by less than a read: reached by reading on; the window then moves past 11..14.
      expect((await tap.after(20, BATCH))!.map((m) => m.seq)).toEqual([21, 22]);
      expect(await tap.after(12, BATCH)).toBeUndefined();
      // Far ahead: starts over there.
      expect((await tap.after(28, BATCH))!.map((m) => m.seq)).toEqual([29, 30]);
      expect(await tap.after(30, BATCH)).toEqual([]);
    } finally {
      await tap.close();
    }
  });

  it('applies every event once, through the shared read or the durable consumer behind it', async () => {
    const ahead = countingConsumer('tap-ahead');
    const behind = countingConsumer('tap-behind');
    const run = async (step: () => Promise<string>) => {
      for (let i = 0; i < 50; i++) if ((await step()) === 'idle') return;
      throw new Error('did not get idle');
    };
    await run(await consumerWorker(context, ahead));
    // The window now holds the last two reads; this one starts at 0, behind it.
    const step = await consumerWorker(context, behind);
    expect(await step()).toBe('full');
    const durable = durableName('tap-behind');
    expect((await nats.jsm.consumers.info(stream, durable)).name).toBe(durable);
    await run(step);
    // Back on the shared read, it let go of its durable consumer.
    await expect(nats.jsm.consumers.info(stream, durable)).rejects.toThrow();

    for (const name of ['tap-ahead', 'tap-behind']) {
      const applied = await effects(services.ctx.db, name);
      expect(applied.size).toBe(30);
      expect([...applied.values()].every((n) => n === 1)).toBe(true);
    }
    expect(behind.batches.flat()).toEqual(ahead.batches.flat());
  });

  // Last: it adds messages no consumer could read.
  it('publishes batches acked as a whole, duplicates included, and fails one the stream refuses', async () => {
    const publisher = new PipelinedPublisher(nats.nc);
    try {
      const data = new TextEncoder().encode('{}');
      const batch = ['a', 'b', 'c'].map((id) => ({
        subject: `cbtap.${suffix}.x`,
        data,
        msgId: `${suffix}-${id}`,
      }));
      await publisher.publishAll(batch, 5000);
      await publisher.publishAll(batch, 5000); // dropped by the duplicate window, acked all the same
      expect((await nats.jsm.streams.info(stream)).state.last_seq).toBe(33);
      const nowhere = [{ subject: `cbnowhere.${suffix}`, data, msgId: `${suffix}-d` }];
      await expect(publisher.publishAll(nowhere, 5000)).rejects.toThrow(/503/);
    } finally {
      publisher.close();
    }
  });
});
