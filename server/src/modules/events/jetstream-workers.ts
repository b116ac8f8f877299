// The two kinds of JetStream worker, each run by one process at a time (jetstream.ts elects it):
// the relay, which publishes the outbox in commit order, and the feeder of one durable consumer,
// which applies pulled batches with the consumer's position in the same transaction.
import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CorkboardEvent, EventType, LoggedEvent } from './catalog.ts';
import { type EventConsumer, wants } from './consumer.ts';
import { type OutgoingMessage, PipelinedPublisher } from './jetstream-publish.ts';
import { ackThrough, nakAll, type PulledMessage, pullAvailable } from './jetstream-pull.ts';
import type { StreamTap } from './jetstream-tap.ts';
import * as repo from './repo.ts';

export const RELAY = 'relay';
/**
 * Rows per relay batch, all published at once and awaiting their acks together. JetStream stores a
 * subject's messages in the order they arrive on one connection, so a whole batch can be in flight;
 * smaller slices each waited for a turn of the event loop busy with ingestion.
 */
const RELAY_BATCH = 20_000;
export const NATS_TIMEOUT_MS = 5000;
const ACK_WAIT_MS = 30_000;

export interface WorkerContext {
  db: Kysely<DB>;
  nats: { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager };
  stream: string;
  /** The stream's subjects, `<prefix>.>`. */
  subjects: string;
  subjectPrefix: string;
  batchSize: number;
  /** Shared by the process's consumer workers. */
  decoded: DecodedEvents;
  /** The process's shared read of the stream, for consumer workers (jetstream-tap.ts). */
  tap?: StreamTap;
}

/**
 * 'full': the batch took as many as it could (more are likely waiting); 'partial': fewer, it
 * emptied its source; 'idle': there was nothing.
 */
export type Outcome = 'full' | 'partial' | 'idle';

export interface RelayWorker {
  /** The last row published. */
  cursor(): repo.LogCursor;
  batch(): Promise<Outcome>;
  /** Lets go of the ack subscription. */
  close(): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Durable names may not contain '.', '*', '>', whitespace or path separators. */
export function durableName(consumer: string): string {
  return `corkboard_${consumer.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** Thrown to start a consumer's worker over from its stored position; not a failure. */
export class RestartConsumer extends Error {
  override name = 'RestartConsumer';
}

export function decode(message: { seq: number; data: Uint8Array }): LoggedEvent {
  // The parsed object is fresh: the position is added to it instead of copying every field.
  const event = JSON.parse(decoder.decode(message.data)) as CorkboardEvent & { position?: bigint };
  event.position = BigInt(message.seq);
  return event as LoggedEvent;
}

/**
 * Events decoded from the stream, by sequence, for the consumer workers of one process: they
 * move in step (through the shared read, or each through its durable consumer), so each message is
 * parsed once instead of once per consumer. An entry serves only a message with the same bytes (a stream deleted and
 * made again reuses sequences). The events are shared: consumers must not change them.
 */
export class DecodedEvents {
  // Two generations instead of evicting entry by entry: deleting from the front of a Map leaves
  // holes that every later walk from the front steps over again.
  private current = new Map<number, { data: Uint8Array; event: LoggedEvent }>();
  private previous = new Map<number, { data: Uint8Array; event: LoggedEvent }>();

  /** `capacity`: how many entries a generation holds; up to twice that many are kept. */
  constructor(private readonly capacity: number) {}

  get(message: { seq: number; data: Uint8Array }): LoggedEvent {
    const data = message.data;
    const kept = this.current.get(message.seq) ?? this.previous.get(message.seq);
    if (kept && kept.data.byteLength === data.byteLength && Buffer.compare(kept.data, data) === 0)
      return kept.event;
    const event = decode(message);
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(message.seq, { data, event });
    return event;
  }
}

export async function relayWorker(context: WorkerContext): Promise<RelayWorker> {
  const { db } = context;
  const publisher = new PipelinedPublisher(context.nats.nc);
  // The first relay of an installation that used the embedded log publishes only what its
  // slowest consumer had not read: the rest was applied already (docs/events.md, switching).
  let cursor =
    (await repo.readPosition(db, 'relay', RELAY)) ??
    (await repo.earliestPosition(db, 'embedded')) ??
    repo.LOG_START;
  return {
    cursor: () => cursor,
    batch: async (): Promise<Outcome> => {
      const batch = await repo.readEnvelopes(db, cursor, RELAY_BATCH);
      if (!batch.last) return 'idle';
      await publishAll(publisher, context.subjectPrefix, batch.items);
      cursor = batch.last;
      await repo.savePosition(db, 'relay', RELAY, cursor, { flushOnCommit: false });
      return batch.full ? 'full' : 'partial';
    },
    close: () => publisher.close(),
  };
}

/** One relay batch (drain without the loops). */
export async function relayOnce(context: WorkerContext): Promise<void> {
  const relay = await relayWorker(context);
  try {
    await relay.batch();
  } finally {
    relay.close();
  }
}

/** Whether `messages` are the stream sequences right after `applied`, without a gap. */
export function continues(messages: readonly PulledMessage[], applied: number): boolean {
  for (let i = 0; i < messages.length; i++) if (messages[i]!.seq !== applied + 1 + i) return false;
  return true;
}

/**
 * The batch step of one consumer, from its stored position. While the position is in the window
 * of the process's shared read (StreamTap), the messages after it come from there; otherwise
 * through the consumer's durable JetStream consumer, made just after the position whenever the
 * worker turns to it (and deleted when the worker turns back to the shared read).
 */
export async function consumerWorker(
  context: WorkerContext,
  consumer: EventConsumer,
): Promise<() => Promise<Outcome>> {
  const { db, stream, batchSize, tap } = context;
  const { nc, jsm } = context.nats;
  const durable = durableName(consumer.name);
  const stored = await repo.readPosition(db, 'jetstream', consumer.name);
  let expected = stored ? Number(stored.position) : 0;
  /** Whether the durable consumer delivers what follows `expected`: made there, and pulled since. */
  let durableFollows = false;
  // One left by an earlier worker may be anywhere.
  await jsm.consumers.delete(stream, durable).catch(() => undefined);

  const followWithDurable = async () => {
    await jsm.consumers.delete(stream, durable).catch(() => undefined);
    await jsm.consumers.add(stream, {
      durable_name: durable,
      // One ack per batch: acking a batch's last message acks every message before it.
      ack_policy: AckPolicy.All,
      ack_wait: nanos(ACK_WAIT_MS),
      max_deliver: -1,
      max_ack_pending: batchSize,
      filter_subject: context.subjects,
      ...(expected > 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: expected + 1 }
        : { deliver_policy: DeliverPolicy.All }),
    });
    durableFollows = true;
  };

  const apply = (messages: readonly PulledMessage[]) =>
    db.transaction().execute(async (trx) => {
      const position = await repo.lockPosition(trx, 'jetstream', consumer.name, repo.LOG_START);
      const passed = Number(position?.position ?? 0);
      if (passed !== expected) throw new RestartConsumer(`${consumer.name}: position moved (reset)`);
      const events: LoggedEvent[] = [];
      const typeAt = context.subjectPrefix.length + 1;
      for (const message of messages) {
        if (message.seq <= passed) continue; // delivered again after its effects committed
        // Decoded only when wanted: the subject names the type.
        if (wants(consumer, message.subject.slice(typeAt) as EventType))
          events.push(context.decoded.get(message));
      }
      if (events.length > 0) await consumer.handle(events, trx);
      const last = messages[messages.length - 1]!.seq;
      if (last > passed)
        await repo.savePosition(
          trx,
          'jetstream',
          consumer.name,
          { tx: '0', position: String(last) },
          { flushOnCommit: false },
        );
      expected = Math.max(last, passed);
    });

  return async () => {
    // Handed over only when they start right after `expected`, without a gap: all there is to apply.
    const shared = tap ? await tap.after(expected, batchSize) : undefined;
    if (shared) {
      if (shared.length === 0) return 'idle';
      if (durableFollows) {
        durableFollows = false;
        await jsm.consumers.delete(stream, durable).catch(() => undefined);
      }
      await apply(shared);
      return shared.length >= batchSize ? 'full' : 'partial';
    }
    if (!durableFollows) await followWithDurable();
    const messages = await pullAvailable(nc, stream, durable, batchSize, NATS_TIMEOUT_MS);
    if (messages.length === 0) return 'idle';
    // The stream has no gaps, so a batch that starts right after the last one applied and runs on
    // without a gap is everything outstanding. Otherwise (the first batch, redeliveries, messages
    // lost in flight or expired) ask the server whether messages outside the batch are pending.
    if (!continues(messages, expected)) {
      const info = await jsm.consumers.info(stream, durable);
      if (info.num_ack_pending > messages.length) {
        nakAll(nc, messages);
        throw new RestartConsumer(`${consumer.name}: earlier messages outstanding`);
      }
    }
    try {
      await apply(messages);
    } catch (error) {
      nakAll(nc, messages);
      throw error;
    }
    await ackThrough(nc, messages[messages.length - 1]!, NATS_TIMEOUT_MS);
    return messages.length >= batchSize ? 'full' : 'partial';
  };
}

/** Publishes every event at once, and resolves once all are stored (acked). */
async function publishAll(
  publisher: PipelinedPublisher,
  prefix: string,
  envelopes: readonly repo.Envelope[],
): Promise<void> {
  const messages = new Array<OutgoingMessage>(envelopes.length);
  for (let i = 0; i < envelopes.length; i++) {
    const [id, type, json] = envelopes[i]!;
    messages[i] = { subject: `${prefix}.${type}`, data: encoder.encode(json), msgId: id };
  }
  await publisher.publishAll(messages, NATS_TIMEOUT_MS);
}
