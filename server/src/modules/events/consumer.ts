// What reads the event log. A consumer is durable: its position is stored in the same transaction
// as its effects, so every effect happens exactly once even though delivery is at least once. A
// listener is per process and in memory (indexes rebuilt at start); it begins at "now".
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { EventType, LoggedEvent } from './catalog.ts';

export interface EventConsumer {
  /** Durable name, stable across releases: 'rollups', 'core_metrics', ... */
  name: string;
  /** Only these types are delivered (all when omitted). */
  types?: readonly EventType[];
  /**
   * Apply effects for a batch, inside `trx`. The runner stores the consumer's position in the same
   * transaction, so effects happen exactly once. Throwing rolls the batch back; it is delivered again.
   */
  handle(events: readonly LoggedEvent[], trx: Transaction<DB>): Promise<void>;
}

export interface EventListener {
  name: string;
  types?: readonly EventType[];
  /** Called after the events are committed to the log; errors are logged and the events skipped. */
  onEvents(events: readonly LoggedEvent[]): void | Promise<void>;
}

export interface ReadLogOptions {
  /** Events that occurred at or after this time (embedded: by occurred_at; NATS: by stream time). */
  from: Date;
  types?: readonly EventType[];
  /** Largest batch handed to onBatch. */
  batchSize?: number;
}

/** Whether a consumer or listener wants an event of this type. */
export function wants(subscriber: { types?: readonly EventType[] }, type: EventType): boolean {
  return subscriber.types === undefined || subscriber.types.includes(type);
}
