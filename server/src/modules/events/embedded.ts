// The embedded event log: consumers read event_log in commit order and store their position in the
// same transaction as their effects. Any number of processes may run the loops: a consumer's batch
// starts by locking its position row (skip locked), so processes take turns and never apply a batch
// twice. Listeners keep their position in memory and start at the end of the log.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.ts';
import type { LoggedEvent } from './catalog.ts';
import { type EventConsumer, type EventListener, type ReadLogOptions, wants } from './consumer.ts';
import {
  backoff,
  CONSUMER_BATCH,
  DrainTimeoutError,
  type EventDelivery,
  IDLE_POLL_MS,
  KeyedMutex,
  Linger,
  type Subscribers,
  sleep,
  Waker,
} from './delivery.ts';
import * as repo from './repo.ts';

/** 'full': the batch took as many rows as it could (more are likely waiting); 'partial': fewer. */
type BatchOutcome = 'full' | 'partial' | 'idle' | 'locked';

const RETENTION_EVERY_MS = 10 * 60 * 1000;
const RETENTION_DELETE_CHUNK = 10_000;
/** How long a batch read for one consumer may serve the others at the same place in the log. */
const SHARED_READ_TTL_MS = 2000;

/**
 * Batches read from the log, by the cursor they start after, for the consumers that come to the
 * same place: under load they move in step, so each batch is read and parsed once instead of once
 * per consumer. Only full batches are kept (a read after the same cursor gets exactly the same
 * rows, so a consumer retrying a batch sees the same one); a shorter batch serves only the readers
 * that asked while it was being read. The events are shared: consumers must not change them.
 */
class SharedReads {
  private readonly batches = new Map<string, { at: number; batch: Promise<repo.LogBatch<LoggedEvent>> }>();

  /** `capacity`: how many batches to keep, asked at each read (consumers register after construction). */
  constructor(private readonly capacity: () => number) {}

  read(
    cursor: repo.LogCursor,
    load: () => Promise<repo.LogBatch<LoggedEvent>>,
  ): Promise<repo.LogBatch<LoggedEvent>> {
    const key = `${cursor.tx}:${cursor.position}`;
    const now = Date.now();
    const kept = this.batches.get(key);
    if (kept && now - kept.at < SHARED_READ_TTL_MS) return kept.batch;
    const batch = load();
    this.batches.set(key, { at: now, batch });
    batch.then(
      (loaded) => {
        if (!loaded.full) this.forget(key, batch);
      },
      () => this.forget(key, batch),
    );
    // Oldest first (insertion order): beyond capacity, the oldest go.
    for (const oldest of this.batches.keys()) {
      if (this.batches.size <= this.capacity()) break;
      this.batches.delete(oldest);
    }
    return batch;
  }

  private forget(key: string, batch: Promise<unknown>): void {
    if (this.batches.get(key)?.batch === batch) this.batches.delete(key);
  }
}

export interface EmbeddedOptions {
  db: Kysely<DB>;
  log: Logger;
  retentionDays: number;
  batchSize?: number;
}

export class EmbeddedDelivery implements EventDelivery {
  private running = false;
  private readonly wakers = new Set<Waker>();
  private readonly loops: Promise<void>[] = [];
  private readonly mutex = new KeyedMutex();
  /** Listener positions: in memory, per process. */
  private readonly listenerCursors = new Map<string, repo.LogCursor>();
  private readonly batchSize: number;
  private initialCursor: repo.LogCursor | undefined;
  private readonly sharedReads: SharedReads;
  private readonly linger = new Linger();

  constructor(
    private readonly options: EmbeddedOptions,
    private readonly subscribers: Subscribers,
  ) {
    this.batchSize = options.batchSize ?? CONSUMER_BATCH;
    this.sharedReads = new SharedReads(() => subscribers.consumers.size * 2 + 2);
  }

  private get db() {
    return this.options.db;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const end = await repo.logEnd(this.db);
    for (const listener of this.subscribers.listeners.values()) {
      if (!this.listenerCursors.has(listener.name)) this.listenerCursors.set(listener.name, end);
    }
    for (const consumer of this.subscribers.consumers.values()) {
      this.loops.push(this.loop(`consumer ${consumer.name}`, () => this.consumerBatch(consumer)));
    }
    for (const listener of this.subscribers.listeners.values()) {
      this.loops.push(this.loop(`listener ${listener.name}`, () => this.listenerBatch(listener)));
    }
    this.loops.push(this.retentionLoop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    this.linger.hurry();
    await Promise.all(this.loops.splice(0));
  }

  wake(): void {
    for (const waker of this.wakers) waker.wake();
  }

  private async loop(name: string, batch: () => Promise<BatchOutcome>): Promise<void> {
    const waker = new Waker();
    this.wakers.add(waker);
    let failures = 0;
    try {
      while (this.running) {
        try {
          const outcome = await batch();
          failures = 0;
          if (outcome === 'partial') await this.linger.wait();
          else if (outcome !== 'full') await waker.sleep(IDLE_POLL_MS);
        } catch (error) {
          failures++;
          // Logged on the first failure and then sparingly: a broken consumer retries its batch forever.
          if (failures === 1 || failures % 20 === 0) {
            this.options.log.error({ err: error, failures }, `events: ${name} failed; retrying its batch`);
          }
          await waker.sleep(backoff(failures));
        }
      }
    } finally {
      this.wakers.delete(waker);
    }
  }

  /** One batch of a consumer in one transaction: lock position, read, handle, move position. */
  private consumerBatch(consumer: EventConsumer): Promise<BatchOutcome> {
    return this.mutex.run(`consumer:${consumer.name}`, async () => {
      // Read before the transaction: PGlite has one connection, which the transaction holds.
      const start = await this.startOfLog();
      return this.db.transaction().execute(async (trx) => {
        const cursor = await repo.lockPosition(trx, 'embedded', consumer.name, start);
        if (!cursor) return 'locked';
        const batch = await this.sharedReads.read(cursor, () => repo.readEvents(trx, cursor, this.batchSize));
        if (!batch.last) return 'idle';
        const events = consumer.types
          ? batch.items.filter((event) => wants(consumer, event.type))
          : batch.items;
        if (events.length > 0) await consumer.handle(events, trx);
        await repo.savePosition(trx, 'embedded', consumer.name, batch.last, { flushOnCommit: false });
        return batch.full ? 'full' : 'partial';
      });
    });
  }

  private listenerBatch(listener: EventListener): Promise<BatchOutcome> {
    return this.mutex.run(`listener:${listener.name}`, async () => {
      const cursor = this.listenerCursors.get(listener.name) ?? (await repo.logEnd(this.db));
      const batch = await repo.readEvents(this.db, cursor, this.batchSize, listener.types);
      if (!batch.last) return 'idle';
      this.listenerCursors.set(listener.name, batch.last);
      const outcome = batch.full ? 'full' : 'partial';
      const events = batch.items;
      if (events.length === 0) return outcome;
      try {
        await listener.onEvents(events);
      } catch (error) {
        // A listener keeps an in-memory view; a failure must not stall it, so the batch is skipped.
        this.options.log.error({ err: error }, `events: listener ${listener.name} failed; batch skipped`);
      }
      return outcome;
    });
  }

  /**
   * Where a consumer without a position starts: the beginning of the log, or, in an installation
   * that used JetStream before, after what the relay published (JetStream consumers applied it).
   */
  private async startOfLog(): Promise<repo.LogCursor> {
    this.initialCursor ??= (await repo.readPosition(this.db, 'relay', 'relay')) ?? repo.LOG_START;
    return this.initialCursor;
  }

  drain(timeoutMs: number): Promise<void> {
    return this.linger.duringDrain(() => this.drainUpToNow(timeoutMs));
  }

  private async drainUpToNow(timeoutMs: number): Promise<void> {
    const upTo = await repo.maxVisiblePosition(this.db);
    if (upTo === null) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind: string[] = [];
      for (const consumer of this.subscribers.consumers.values()) {
        const cursor =
          (await repo.readPosition(this.db, 'embedded', consumer.name)) ?? (await this.startOfLog());
        if (await repo.hasUnread(this.db, cursor, upTo, consumer.types)) behind.push(consumer.name);
      }
      for (const listener of this.subscribers.listeners.values()) {
        const cursor = this.listenerCursors.get(listener.name);
        if (cursor && (await repo.hasUnread(this.db, cursor, upTo, listener.types)))
          behind.push(listener.name);
      }
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new DrainTimeoutError(timeoutMs, behind);
      if (this.running) {
        this.wake();
        await sleep(10);
      } else {
        // Without the loops (CLI, tests), drain does the work itself.
        for (const name of behind) {
          const consumer = this.subscribers.consumers.get(name);
          const listener = this.subscribers.listeners.get(name);
          const outcome = consumer ? await this.consumerBatch(consumer) : await this.listenerBatch(listener!);
          if (outcome === 'locked') await sleep(10);
        }
      }
    }
  }

  async readLog(
    options: ReadLogOptions,
    onBatch: (events: readonly LoggedEvent[]) => Promise<void> | void,
  ): Promise<void> {
    // Everything committed before the call: rows up to the largest visible position, taken in
    // commit order once no older transaction can still commit in front of them.
    const upTo = await repo.maxVisiblePosition(this.db);
    if (upTo === null) return;
    const last = BigInt(upTo);
    let cursor = repo.LOG_START;
    for (;;) {
      if (!(await repo.hasUnread(this.db, cursor, upTo, options.types, options.from))) return;
      const batch = await repo.readEvents(
        this.db,
        cursor,
        options.batchSize ?? this.batchSize,
        undefined,
        options.from,
      );
      if (!batch.last) {
        await sleep(10); // an older transaction is still open; its rows come first
        continue;
      }
      const events = batch.items.filter((event) => event.position <= last && wants(options, event.type));
      if (events.length > 0) await onBatch(events);
      cursor = batch.last;
    }
  }

  async resetConsumer(name: string, toPosition?: bigint): Promise<void> {
    await this.mutex.run(`consumer:${name}`, async () => {
      if (toPosition === undefined) return repo.deletePosition(this.db, 'embedded', name);
      const cursor = await repo.cursorAt(this.db, toPosition);
      if (!cursor) throw new Error(`no event at log position ${toPosition} to reset ${name} to`);
      await repo.savePosition(this.db, 'embedded', name, cursor);
    });
  }

  /** Deletes rows older than the retention that every consumer has passed. */
  async applyRetention(now = new Date()): Promise<number> {
    const names = [...this.subscribers.consumers.keys()];
    const passed =
      names.length === 0
        ? await repo.logEnd(this.db)
        : await repo.slowestPosition(this.db, 'embedded', names);
    if (!passed) return 0;
    const before = new Date(now.getTime() - this.options.retentionDays * 24 * 60 * 60 * 1000);
    let total = 0;
    for (;;) {
      const deleted = await repo.deletePassed(this.db, before, passed, RETENTION_DELETE_CHUNK);
      total += deleted;
      if (deleted < RETENTION_DELETE_CHUNK || !this.running) return total;
    }
  }

  private async retentionLoop(): Promise<void> {
    const waker = new Waker();
    this.wakers.add(waker);
    try {
      while (this.running) {
        try {
          const deleted = await this.applyRetention();
          if (deleted > 0) this.options.log.info({ deleted }, 'events: log rows past retention deleted');
        } catch (error) {
          this.options.log.error({ err: error }, 'events: retention failed');
        }
        // Woken by every wake(); only the timer matters here, so sleep in full-length steps.
        const until = Date.now() + RETENTION_EVERY_MS;
        while (this.running && Date.now() < until) await waker.sleep(until - Date.now());
      }
    } finally {
      this.wakers.delete(waker);
    }
  }
}
