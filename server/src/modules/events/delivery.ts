// How events travel from the log to consumers and listeners. Two implementations: EmbeddedDelivery
// (consumers read the event_log table) and JetStreamDelivery (a relay publishes the table, as an
// outbox, to NATS JetStream; consumers read the stream). EventsService picks one from the config.

import type { LoggedEvent } from './catalog.ts';
import type { EventConsumer, EventListener, ReadLogOptions } from './consumer.ts';

export interface EventDelivery {
  /** Starts the background loops (relay, consumers, listeners, retention). */
  start(): Promise<void>;
  /** Stops the loops, letting a batch in progress finish. */
  stop(): Promise<void>;
  /** Events were just committed in this process: look now instead of at the next poll. */
  wake(): void;
  /** Resolves when every consumer and listener has processed every event committed before the call. */
  drain(timeoutMs: number): Promise<void>;
  readLog(
    options: ReadLogOptions,
    onBatch: (events: readonly LoggedEvent[]) => Promise<void> | void,
  ): Promise<void>;
  /** Moves a consumer back (or forward) to just after `toPosition`; to the start of the log when omitted. */
  resetConsumer(name: string, toPosition?: bigint): Promise<void>;
}

export interface Subscribers {
  consumers: ReadonlyMap<string, EventConsumer>;
  listeners: ReadonlyMap<string, EventListener>;
}

/**
 * Rows per consumer batch: large batches amortize the transaction, its locks and the position
 * write (about ten round trips, each waiting its turn on an event loop busy with ingestion). A
 * consumer behind by a backlog catches up in batches this size; one that keeps up takes what is
 * there, so a large limit costs no latency.
 */
export const CONSUMER_BATCH = 20_000;
export const IDLE_POLL_MS = 250;
export const MAX_BACKOFF_MS = 30_000;

/** A sleep that ends early when woken. */
export class Waker {
  private wakeUp: (() => void) | undefined;
  private pending = false;

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  async sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
    this.pending = false;
  }
}

/** How long a loop that emptied its source waits before it reads again (see Linger). */
export const LINGER_MS = 200;

/**
 * The wait of a delivery loop (consumer, listener, relay) after a batch that emptied its source:
 * under steady ingestion it would otherwise apply one request's worth of events at a time, and a
 * batch's fixed work (transaction, locks, upserts by key, position, ack) would cost more than its
 * events. New events do not end the wait (that is its point); a drain in progress skips it and
 * hurry() (stop) ends it.
 */
export class Linger {
  private drains = 0;
  private readonly waiting = new Set<Waker>();

  async wait(): Promise<void> {
    if (this.drains > 0) return;
    const waker = new Waker();
    this.waiting.add(waker);
    try {
      await waker.sleep(LINGER_MS);
    } finally {
      this.waiting.delete(waker);
    }
  }

  /** Ends every wait in progress. */
  hurry(): void {
    for (const waker of this.waiting) waker.wake();
  }

  /** Runs `drain` with no loop lingering meanwhile. */
  async duringDrain<T>(drain: () => Promise<T>): Promise<T> {
    this.drains++;
    this.hurry();
    try {
      return await drain();
    } finally {
      this.drains--;
    }
  }
}

/** Runs one task at a time per key, so a background loop and a drain never overlap on one subscriber. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

export function backoff(failures: number, maxMs = MAX_BACKOFF_MS): number {
  return Math.min(maxMs, 100 * 2 ** Math.min(failures, 10));
}

export const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });

export class DrainTimeoutError extends Error {
  constructor(timeoutMs: number, behind: string[]) {
    super(`events did not drain within ${timeoutMs} ms (behind: ${behind.join(', ')})`);
    this.name = 'DrainTimeoutError';
  }
}
