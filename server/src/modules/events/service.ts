// Events: typed, versioned facts about what happened (docs/events.md). The server records its own
// events inside the transaction of the change they describe (record), clients post theirs
// (ingest), and consumers apply their effects exactly once. Where the log lives is the delivery's
// business: the event_log table (embedded) or, with NATS_URL, JetStream fed from that table.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { type Principal, userIdOf } from '../../platform/principal.ts';
import { enforceLimits } from '../../platform/rate-limit.ts';
import { type CorkboardEvent, eventProblem, type LoggedEvent } from './catalog.ts';
import { parseClientBatch } from './client-events.ts';
import type { EventConsumer, EventListener, ReadLogOptions } from './consumer.ts';
import type { EventDelivery } from './delivery.ts';
import { EmbeddedDelivery } from './embedded.ts';
import { JetStreamDelivery } from './jetstream.ts';
import * as repo from './repo.ts';

export interface IngestResult {
  /** Events new to the log. */
  accepted: number;
  /** Events whose id was already recorded (a retried batch), or repeated within the batch. */
  duplicates: number;
}

export interface EventsOptions {
  /** 'postgres' lets N processes share the work through locks; 'pglite' is one process. */
  databaseKind: 'postgres' | 'pglite';
  /** Rows per consumer batch (tests use small ones). */
  batchSize?: number;
}

export class EventsService {
  private readonly consumers = new Map<string, EventConsumer>();
  private readonly listeners = new Map<string, EventListener>();
  private readonly delivery: EventDelivery;
  private started = false;

  constructor(
    private readonly ctx: ServiceContext,
    options: EventsOptions,
  ) {
    const subscribers = { consumers: this.consumers, listeners: this.listeners };
    const { config, db, log } = ctx;
    this.delivery = config.natsUrl
      ? new JetStreamDelivery(
          {
            db,
            log,
            natsUrl: config.natsUrl,
            stream: config.natsStream,
            subjectPrefix: config.natsSubjectPrefix,
            databaseKind: options.databaseKind,
            retentionDays: config.eventLogRetentionDays,
            streamMaxBytes: config.natsStreamMaxBytes,
            duplicateWindowSeconds: config.natsDuplicateWindowSeconds,
            batchSize: options.batchSize,
          },
          subscribers,
        )
      : new EmbeddedDelivery(
          { db, log, retentionDays: config.eventLogRetentionDays, batchSize: options.batchSize },
          subscribers,
        );
  }

  /**
   * Records server-side events in `trx`, the transaction of the change they describe: they exist
   * exactly when the change commits. Pass the service's own db for a change that has no transaction.
   */
  async record(trx: Kysely<DB>, events: CorkboardEvent | readonly CorkboardEvent[]): Promise<void> {
    const list = Array.isArray(events) ? (events as readonly CorkboardEvent[]) : [events as CorkboardEvent];
    if (list.length === 0) return;
    for (const event of list) {
      const problem = eventProblem(event);
      // A server event that does not match its schema is a bug here, not bad input.
      if (problem) throw new Error(`invalid server event: ${problem}`);
    }
    await repo.insertEvents(trx, list);
    // The transaction may not have committed yet; the loops look again at their next poll anyway.
    setTimeout(() => this.delivery.wake(), 5).unref?.();
  }

  /** Client events (POST /v5/events): validated, attributed to the caller, deduplicated by id. */
  async ingest(principal: Principal | null, batch: readonly unknown[]): Promise<IngestResult> {
    const actorId = userIdOf(principal);
    await enforceLimits(this.ctx.cache, [
      { key: `events:${actorId}`, max: this.ctx.config.eventsIngestLimitPerMinute, windowSeconds: 60 },
    ]);
    if (batch.length === 0) throw invalid('events must not be empty.');
    const events = parseClientBatch(batch, actorId, Date.now());
    const accepted = await repo.insertEvents(this.ctx.db, events);
    if (accepted > 0) this.delivery.wake();
    return { accepted, duplicates: events.length - accepted };
  }

  /** Adds a durable consumer; register every consumer before start(). */
  registerConsumer(consumer: EventConsumer): void {
    this.assertNotStarted(consumer.name);
    if (this.consumers.has(consumer.name))
      throw new Error(`event consumer ${consumer.name} is registered twice`);
    this.consumers.set(consumer.name, consumer);
  }

  /** Adds an in-memory, per-process listener; it sees events committed after start(). */
  registerListener(listener: EventListener): void {
    this.assertNotStarted(listener.name);
    if (this.listeners.has(listener.name))
      throw new Error(`event listener ${listener.name} is registered twice`);
    this.listeners.set(listener.name, listener);
  }

  private assertNotStarted(name: string): void {
    if (this.started) throw new Error(`cannot register ${name}: events already started`);
  }

  /** Starts delivery (the server calls this once it is ready; the CLI does not). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.delivery.start();
  }

  /** Stops delivery and lets go of its connections (a drain or replay may have opened one). */
  async stop(): Promise<void> {
    this.started = false;
    await this.delivery.stop();
  }

  /**
   * Resolves when every registered consumer and listener has processed every event committed
   * before the call (tests, benchmarks, the CLI). Works whether or not start() was called.
   */
  drain(timeoutMs = 30_000): Promise<void> {
    return this.delivery.drain(timeoutMs);
  }

  /** Replays the log: events that occurred at or after `from`, in log order, in batches. */
  readLog(
    options: ReadLogOptions,
    onBatch: (events: readonly LoggedEvent[]) => Promise<void> | void,
  ): Promise<void> {
    return this.delivery.readLog(options, onBatch);
  }

  /** Moves a consumer to just after `toPosition`, or to the start of the log (it then reprocesses everything kept). */
  resetConsumer(name: string, toPosition?: bigint): Promise<void> {
    return this.delivery.resetConsumer(name, toPosition);
  }
}
