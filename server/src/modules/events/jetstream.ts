// Events over NATS JetStream (NATS_URL). event_log is the outbox: record()/ingest() only write
// PostgreSQL, so serving never depends on NATS. A relay (one process at a time) publishes committed
// rows in commit order to `corkboard.events.<type>` with Nats-Msg-Id = event id, so a batch
// published again after a failure is dropped by the stream's duplicate window. Consumers take
// batches from the process's one shared read of the stream (jetstream-tap.ts), or through a durable
// JetStream consumer of their own when behind it; a consumer's position (the stream sequence) is
// stored with its effects in one transaction and messages at or below it are skipped, so effects
// happen exactly once.
//
// Order matters for that position: a batch is applied only when the messages in hand are every
// message the consumer has outstanding, and whenever anything fails (NATS gone, handler threw) the
// worker gives up its lock and starts over just after the stored position. Messages lost in
// flight or left by a crashed process are thus delivered again in order.
import type { JetStreamManager } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.ts';
import type { LoggedEvent } from './catalog.ts';
import type { EventConsumer, ReadLogOptions } from './consumer.ts';
import {
  backoff,
  CONSUMER_BATCH,
  DrainTimeoutError,
  type EventDelivery,
  IDLE_POLL_MS,
  Linger,
  type Subscribers,
  sleep,
  Waker,
} from './delivery.ts';
import { JetStreamListeners } from './jetstream-listeners.ts';
import { type Nats, OutageLog, openNats, putStream, readStream } from './jetstream-stream.ts';
import { StreamTap } from './jetstream-tap.ts';
import {
  consumerWorker,
  DecodedEvents,
  type Outcome,
  RELAY,
  relayOnce,
  relayWorker,
  type WorkerContext,
} from './jetstream-workers.ts';
import * as repo from './repo.ts';

const LEADER_RETRY_MS = 2000;
const ALIVE_CHECK_MS = 1000;
/** Retries after NATS failures stay frequent, so delivery resumes soon after NATS is back. */
const MAX_RETRY_MS = 5000;
/** Published rows stay this long so that a client retrying within its 24 h window is still deduplicated. */
const OUTBOX_KEEP_MS = 25 * 60 * 60 * 1000;
const OUTBOX_PRUNE_EVERY_MS = 10 * 60 * 1000;

export interface JetStreamOptions {
  db: Kysely<DB>;
  log: Logger;
  natsUrl: string;
  /** The stream's name and the subject prefix it captures (`<prefix>.<event type>`). */
  stream: string;
  subjectPrefix: string;
  databaseKind: 'postgres' | 'pglite';
  retentionDays: number;
  streamMaxBytes: number;
  duplicateWindowSeconds: number;
  batchSize?: number;
}

export class JetStreamDelivery implements EventDelivery {
  private nats: Promise<Nats> | undefined;
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Set<Waker>();
  private readonly linger = new Linger();
  private readonly batchSize: number;
  private readonly decoded: DecodedEvents;
  private readonly tap: StreamTap;
  private readonly listenerRunner: JetStreamListeners;
  private readonly outage: OutageLog;
  private streamReady = false;
  private readonly stream: string;
  private readonly allSubjects: string;

  constructor(
    private readonly options: JetStreamOptions,
    private readonly subscribers: Subscribers,
  ) {
    this.batchSize = options.batchSize ?? CONSUMER_BATCH;
    // Room for two to four batches: the slowest consumer may trail the first by a batch.
    this.decoded = new DecodedEvents(this.batchSize * 2);
    this.stream = options.stream;
    this.allSubjects = `${options.subjectPrefix}.>`;
    this.outage = new OutageLog(options.log);
    this.tap = new StreamTap(() => this.connection(), this.stream, this.allSubjects, this.batchSize);
    this.listenerRunner = new JetStreamListeners(
      () => this.connection(),
      options.log,
      this.stream,
      this.allSubjects,
      this.tap,
    );
  }

  private get db() {
    return this.options.db;
  }

  /** The connection, opened on first use; the client then reconnects by itself forever. */
  private connection(): Promise<Nats> {
    if (!this.nats) {
      const opening = openNats(this.options.natsUrl);
      this.nats = opening;
      // A failed first connection is retried by the next caller.
      opening.catch(() => {
        if (this.nats === opening) this.nats = undefined;
      });
    }
    return this.nats;
  }

  private async ensureStream(jsm: JetStreamManager): Promise<void> {
    if (this.streamReady) return;
    await putStream(jsm, {
      name: this.stream,
      subjects: this.allSubjects,
      maxAgeMs: this.options.retentionDays * 24 * 60 * 60 * 1000,
      maxBytes: this.options.streamMaxBytes,
      duplicateWindowMs: this.options.duplicateWindowSeconds * 1000,
    });
    this.streamReady = true;
  }

  /**
   * What a relay or consumer worker needs: the NATS connection, with the stream in place, and `db`,
   * the leader's own database connection (repo.whileHoldingLock).
   */
  private async workerContext(db: Kysely<DB>): Promise<WorkerContext> {
    const nats = await this.connection();
    await this.ensureStream(nats.jsm);
    return {
      db,
      nats,
      stream: this.stream,
      subjects: this.allSubjects,
      subjectPrefix: this.options.subjectPrefix,
      batchSize: this.batchSize,
      decoded: this.decoded,
      tap: this.tap,
    };
  }

  // ---- lifecycle ----

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loops.push(this.leaderLoop(RELAY, (conn, alive) => this.relayLoop(conn, alive)));
    for (const consumer of this.subscribers.consumers.values()) {
      this.loops.push(
        this.leaderLoop(`consumer:${consumer.name}`, (conn, alive) =>
          this.consumerLoop(consumer, conn, alive),
        ),
      );
    }
    this.listenerRunner.start([...this.subscribers.listeners.values()]);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    this.linger.hurry();
    await this.listenerRunner.stop();
    await Promise.all(this.loops.splice(0));
    await this.tap.close().catch(() => undefined);
    const nats = this.nats;
    this.nats = undefined;
    this.streamReady = false;
    if (nats) await nats.then((n) => n.nc.close()).catch(() => undefined);
  }

  wake(): void {
    for (const waker of this.wakers) waker.wake();
    this.listenerRunner.wake();
  }

  /** Runs `work` whenever this process holds the lock for `name`; restarts it after any failure. */
  private async leaderLoop(
    name: string,
    work: (conn: Kysely<DB>, alive: () => Promise<boolean>) => Promise<void>,
  ): Promise<void> {
    const waker = new Waker();
    this.wakers.add(waker);
    let failures = 0;
    try {
      while (this.running) {
        try {
          const led = await repo.whileHoldingLock(this.db, this.options.databaseKind, `events:${name}`, work);
          failures = 0;
          if (!led) await waker.sleep(LEADER_RETRY_MS);
        } catch (error) {
          failures++;
          this.outage.failure(name, error, failures);
          await waker.sleep(backoff(failures, MAX_RETRY_MS));
        }
      }
    } finally {
      this.wakers.delete(waker);
    }
  }

  /**
   * Repeats `batch` while running and leading, sleeping when there is nothing to do. The lock is
   * checked when idle and at most every ALIVE_CHECK_MS while busy: batches run on the lock's own
   * connection, so a lost connection fails the batch anyway, and a check after every batch was one
   * more round trip each.
   * After a batch that emptied its source the worker lingers (delivery.ts Linger).
   */
  private async repeat(alive: () => Promise<boolean>, batch: () => Promise<Outcome>): Promise<void> {
    const waker = new Waker();
    this.wakers.add(waker);
    let checkedAt = Date.now();
    try {
      while (this.running) {
        const outcome = await batch();
        this.outage.success();
        if (outcome === 'idle') await waker.sleep(IDLE_POLL_MS);
        else if (outcome === 'partial') await this.linger.wait();
        if (outcome === 'idle' || Date.now() - checkedAt >= ALIVE_CHECK_MS) {
          if (!(await alive())) return;
          checkedAt = Date.now();
        }
      }
    } finally {
      this.wakers.delete(waker);
    }
  }

  // ---- relay ----

  private async relayLoop(conn: Kysely<DB>, alive: () => Promise<boolean>): Promise<void> {
    const relay = await relayWorker(await this.workerContext(conn));
    let prunedAt = 0;
    try {
      await this.repeat(alive, async () => {
        if (Date.now() - prunedAt > OUTBOX_PRUNE_EVERY_MS) {
          prunedAt = Date.now();
          await repo.deletePassed(this.db, new Date(Date.now() - OUTBOX_KEEP_MS), relay.cursor(), 10_000);
        }
        const outcome = await relay.batch();
        // What was just published is there for the consumers now, not at their next poll.
        if (outcome !== 'idle') this.wake();
        return outcome;
      });
    } finally {
      relay.close();
    }
  }

  // ---- durable consumers ----

  private async consumerLoop(
    consumer: EventConsumer,
    conn: Kysely<DB>,
    alive: () => Promise<boolean>,
  ): Promise<void> {
    const worker = await consumerWorker(await this.workerContext(conn), consumer);
    await this.repeat(alive, worker);
  }

  // ---- drain, replay, reset ----

  drain(timeoutMs: number): Promise<void> {
    return this.linger.duringDrain(() => this.drainUpToNow(timeoutMs));
  }

  private async drainUpToNow(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const upTo = await repo.maxVisiblePosition(this.db);
    const behindBy = async (): Promise<string[]> => {
      const behind: string[] = [];
      const relayed = (await repo.readPosition(this.db, 'relay', RELAY)) ?? repo.LOG_START;
      if (upTo !== null && (await repo.hasUnread(this.db, relayed, upTo, undefined))) behind.push(RELAY);
      return behind;
    };
    await this.waitUntil(deadline, timeoutMs, behindBy, () => this.pumpOnce(RELAY));
    if (this.subscribers.consumers.size === 0 && this.subscribers.listeners.size === 0) return;
    const { jsm } = await this.connection();
    await this.ensureStream(jsm);
    const last = (await jsm.streams.info(this.stream)).state.last_seq;
    await this.waitUntil(
      deadline,
      timeoutMs,
      async () => {
        const behind: string[] = [];
        for (const consumer of this.subscribers.consumers.values()) {
          const stored = await repo.readPosition(this.db, 'jetstream', consumer.name);
          if (Number(stored?.position ?? 0) < last) behind.push(consumer.name);
        }
        return [...behind, ...this.listenerRunner.behind(last)];
      },
      async (name) => this.pumpOnce(`consumer:${name}`),
    );
  }

  private async waitUntil(
    deadline: number,
    timeoutMs: number,
    behindBy: () => Promise<string[]>,
    pump: (name: string) => Promise<void>,
  ): Promise<void> {
    for (;;) {
      const behind = await behindBy();
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new DrainTimeoutError(timeoutMs, behind);
      if (this.running) {
        this.wake();
        await sleep(20);
      } else {
        for (const name of behind) await pump(name);
      }
    }
  }

  /** Without the loops (CLI, tests): one relay or consumer batch here, if this process may lead. */
  private async pumpOnce(name: string): Promise<void> {
    const consumer = name.startsWith('consumer:')
      ? this.subscribers.consumers.get(name.slice('consumer:'.length))
      : undefined;
    if (name !== RELAY && !consumer) return sleep(20);
    const led = await repo.whileHoldingLock(
      this.db,
      this.options.databaseKind,
      `events:${name}`,
      async (conn) => {
        const context = await this.workerContext(conn);
        if (consumer) await (await consumerWorker(context, consumer))();
        else await relayOnce(context);
      },
    );
    if (!led) await sleep(20);
  }

  async readLog(
    options: ReadLogOptions,
    onBatch: (events: readonly LoggedEvent[]) => Promise<void> | void,
  ): Promise<void> {
    const nats = await this.connection();
    await this.ensureStream(nats.jsm);
    await readStream(
      nats,
      this.stream,
      this.allSubjects,
      options,
      options.batchSize ?? this.batchSize,
      onBatch,
    );
  }

  async resetConsumer(name: string, toPosition?: bigint): Promise<void> {
    // The worker that feeds this consumer (in any process) sees its position move at its next
    // batch and starts over just after the new position.
    if (toPosition === undefined) await repo.deletePosition(this.db, 'jetstream', name);
    else await repo.savePosition(this.db, 'jetstream', name, { tx: '0', position: toPosition.toString() });
  }
}
