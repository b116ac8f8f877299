// Opening the events' NATS connection, putting their stream in place, and reading it from a time
// (readLog) (jetstream.ts).
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos, nuid } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { LoggedEvent } from './catalog.ts';
import { type ReadLogOptions, wants } from './consumer.ts';
import { decode, NATS_TIMEOUT_MS, RestartConsumer } from './jetstream-workers.ts';

export interface Nats {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** A connection that reconnects by itself forever once opened. */
export async function openNats(natsUrl: string): Promise<Nats> {
  const nc = await connect({
    servers: natsUrl,
    name: 'corkboard-events',
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    timeout: NATS_TIMEOUT_MS,
  });
  return {
    nc,
    js: jetstream(nc, { timeout: NATS_TIMEOUT_MS }),
    jsm: await jetstreamManager(nc, { timeout: NATS_TIMEOUT_MS }),
  };
}

/** Logs the workers' failures: a NATS outage once, a restart at the stored position quietly. */
export class OutageLog {
  private outage = false;

  constructor(private readonly log: Logger) {}

  failure(what: string, error: unknown, failures: number): void {
    if (error instanceof RestartConsumer) {
      this.log.debug(
        { reason: error.message },
        'events: restarting a JetStream consumer at its stored position',
      );
      return;
    }
    const message = String((error as Error)?.message ?? error);
    if (/CONNECTION|TIMEOUT|timed out|no responders|disconnect|closed|ECONNREFUSED/i.test(message)) {
      // Once per outage: events wait in the outbox meanwhile, and serving goes on.
      if (!this.outage) this.log.warn({ err: error }, 'events: NATS unreachable; events wait in the outbox');
      this.outage = true;
    } else if (failures === 1 || failures % 20 === 0) {
      this.log.error({ err: error, failures }, `events: ${what} failed; retrying`);
    }
  }

  success(): void {
    if (this.outage) this.log.info('events: NATS reachable again; relaying the outbox');
    this.outage = false;
  }
}

export interface StreamSettings {
  name: string;
  /** The subjects it captures, `<prefix>.>`. */
  subjects: string;
  maxAgeMs: number;
  maxBytes: number;
  duplicateWindowMs: number;
}

/** Creates the stream, or brings an existing one's limits up to date. */
export async function putStream(jsm: JetStreamManager, settings: StreamSettings): Promise<void> {
  const config = {
    name: settings.name,
    subjects: [settings.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(settings.maxAgeMs),
    max_bytes: settings.maxBytes,
    duplicate_window: nanos(settings.duplicateWindowMs),
  };
  try {
    await jsm.streams.info(settings.name);
    await jsm.streams.update(settings.name, config);
  } catch (error) {
    if (!/stream not found/i.test(String((error as Error).message))) throw error;
    await jsm.streams.add(config);
  }
}

/**
 * A consumer of the stream that only reads, from stream sequence `start` on: no acks, in memory,
 * and gone by itself 60 s after its last pull (one left behind by a process that died). Returns its
 * name, `<prefix>_<unique id>`.
 */
export async function addEphemeralReader(
  jsm: JetStreamManager,
  stream: string,
  subjects: string,
  prefix: string,
  start: number,
): Promise<string> {
  const name = `${prefix}_${nuid.next()}`;
  await jsm.consumers.add(stream, {
    name,
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: start,
    filter_subject: subjects,
    inactive_threshold: nanos(60_000),
    mem_storage: true,
    num_replicas: 1,
  });
  return name;
}

/**
 * The events stored from `options.from` on (by stream time; then by occurred_at) up to the stream's
 * end at the call, in batches of at most `size`, through an ordered consumer of their own.
 */
export async function readStream(
  { js, jsm }: Nats,
  stream: string,
  subjects: string,
  options: ReadLogOptions,
  size: number,
  onBatch: (events: readonly LoggedEvent[]) => Promise<void> | void,
): Promise<void> {
  const last = (await jsm.streams.info(stream)).state.last_seq;
  if (last === 0) return;
  const reader = await js.consumers.get(stream, {
    filter_subjects: subjects,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: options.from.toISOString(),
  });
  const from = options.from.getTime();
  let batch: LoggedEvent[] = [];
  const messages = await reader.consume({ max_messages: Math.min(size, 10_000) });
  try {
    for await (const message of messages) {
      const event = decode(message);
      if (wants(options, event.type) && Date.parse(event.occurred_at) >= from) batch.push(event);
      if (batch.length >= size || message.seq >= last || messages.getPending() === 0) {
        if (batch.length > 0) await onBatch(batch);
        batch = [];
      }
      if (message.seq >= last) break;
    }
  } finally {
    messages.stop();
    await reader.delete().catch(() => undefined);
  }
}
