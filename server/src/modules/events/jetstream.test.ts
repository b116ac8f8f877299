// Events over NATS JetStream: the relay publishes the outbox, durable consumers apply each event
// once (also when a handler fails and the batch is delivered again), listeners follow the stream.
// Needs NATS_URL (the machine's NATS); every test uses a stream and subjects of its own.
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { environment } from '../../testing/harness.ts';
import type { LoggedEvent } from './catalog.ts';
import {
  countingConsumer,
  createEffectsTable,
  effects,
  followEvent,
  impression,
  type TestDatabase,
  testDatabase,
} from './test-kit.ts';

const natsUrl = environment.natsUrl;

describe.skipIf(!natsUrl)('JetStream delivery (needs NATS_URL; skipped without it)', () => {
  const suffix = randomBytes(4).toString('hex');
  const stream = `CB_TEST_${suffix}`;
  const subjectPrefix = `cbtest.${suffix}`;
  let database: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    database = await testDatabase({ natsUrl, natsStream: stream, natsSubjectPrefix: subjectPrefix });
    services = await database.open();
    await createEffectsTable(services.ctx.db);
  });
  afterAll(async () => {
    await services?.close();
    await database?.drop();
    const nc = await connect({ servers: natsUrl });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  /** The services, stopped, so that a test can register its consumers before starting them. */
  async function stopped(): Promise<Services> {
    await services.events.stop();
    return services;
  }

  async function streamState() {
    const nc = await connect({ servers: natsUrl });
    try {
      return await (await jetstreamManager(nc)).streams.info(stream);
    } finally {
      await nc.close();
    }
  }

  it('relays the outbox to the stream and a durable consumer applies each event once', async () => {
    const consumer = countingConsumer('js-once');
    await stopped();
    services.events.registerConsumer(consumer);
    const events = [followEvent(), impression(), impression()];
    // Recorded before anything runs: the outbox holds them until the relay starts.
    await services.events.record(services.ctx.db, events);
    await services.events.start();
    await services.events.drain(15_000);
    const applied = await effects(services.ctx.db, 'js-once');
    for (const event of events) expect(applied.get(event.id)).toBe(1);

    const info = await streamState();
    expect(info.config.subjects).toEqual([`${subjectPrefix}.>`]);
    expect(info.config.max_age).toBe(400 * 24 * 3600 * 1e9);
    expect(info.config.duplicate_window).toBe(120 * 1e9);
    expect(info.state.messages).toBeGreaterThanOrEqual(3);
    const positions = await sql<{ position: string }>`
      select position::text as position from event_consumer_positions where log = 'jetstream' and consumer = 'js-once'
    `.execute(services.ctx.db);
    expect(Number(positions.rows[0]!.position)).toBe(info.state.last_seq);
  });

  it('delivers a failed batch again; its effects happen once', async () => {
    const consumer = countingConsumer('js-flaky');
    await stopped();
    services.events.registerConsumer(consumer);
    await services.events.start();
    await services.events.drain(15_000); // past what earlier tests recorded
    consumer.failNext = 1;
    const event = followEvent();
    await services.events.record(services.ctx.db, event);
    await services.events.drain(15_000);
    expect(consumer.batches.filter((batch) => batch.includes(event.id)).length).toBeGreaterThanOrEqual(2);
    expect((await effects(services.ctx.db, 'js-flaky')).get(event.id)).toBe(1);
  });

  it('drops events the relay publishes again (lost progress) by their id', async () => {
    await stopped();
    services.events.registerConsumer(countingConsumer('js-republished'));
    const event = impression();
    await services.events.record(services.ctx.db, event);
    await services.events.drain(15_000);
    const before = (await streamState()).state.last_seq;
    // The relay published but died before recording its progress: it starts over from the start.
    await sql`delete from event_consumer_positions where log = 'relay'`.execute(services.ctx.db);
    await services.events.drain(15_000);
    expect((await streamState()).state.last_seq).toBe(before);
    const applied = await effects(services.ctx.db, 'js-republished');
    expect(applied.get(event.id)).toBe(1);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
  });

  it('feeds listeners from the stream, starting now, and replays it from a time', async () => {
    await stopped();
    const received: LoggedEvent[] = [];
    services.events.registerListener({
      name: 'js-graph',
      onEvents: (events) => void received.push(...events),
    });
    await services.events.start();
    const from = new Date();
    const next = [followEvent(), impression('77')];
    await services.events.record(services.ctx.db, next);
    await services.events.drain(15_000);
    expect(received.map((e) => e.id)).toEqual(next.map((e) => e.id));
    expect(received[1]).toMatchObject({ type: 'pin.impression.v1', object: { type: 'pin', id: '77' } });
    // The relay publishes envelopes that PostgreSQL builds: field for field what was recorded.
    for (const [i, event] of next.entries()) {
      expect(received[i]).toEqual({ ...event, position: received[i]!.position });
    }

    const replayed: LoggedEvent[] = [];
    await services.events.readLog(
      { from, types: ['pin.impression.v1'] },
      (batch) => void replayed.push(...batch),
    );
    expect(replayed.map((e) => e.id)).toEqual([next[1]!.id]);
    expect(replayed[0]!.position).toBe(received[1]!.position);
  });
});
