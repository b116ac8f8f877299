// The analytics consumers. Each is a projection of the event log into its tables: which event types
// it reads, how a batch is applied (pure aggregation in memory, then one upsert per table), and
// what replay deletes before re-applying. The live consumer and `corkboard events replay` apply
// batches through the same functions.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { EVENT_TYPES, type EventConsumer, type EventType, type LoggedEvent } from '../events/index.ts';
import {
  activeDays,
  dayOf,
  ENGAGEMENT_EVENT_TYPES,
  pinDayDeltas,
  platformDayDeltas,
  ROLLUP_EVENT_TYPES,
  recentEngagementRows,
} from './aggregate.ts';
import * as replayRepo from './replay-repo.ts';
import * as repo from './repo.ts';

/** How many recent saves, closeups and outbound clicks are kept per user. */
export const RECENT_ENGAGEMENT_CAP = 200;

export interface Projection {
  /** The durable consumer name (its log position is stored under it). */
  name: string;
  types: readonly EventType[];
  apply(db: Kysely<DB>, events: readonly LoggedEvent[]): Promise<void>;
  /** Deletes what the projection derived from events of `day` and later (replay). */
  deleteFrom(db: Kysely<DB>, day: string): Promise<void>;
}

export const PROJECTIONS: readonly Projection[] = [
  {
    name: 'analytics_rollups',
    types: ROLLUP_EVENT_TYPES,
    apply: (db, events) => repo.addEngagement(db, pinDayDeltas(events)),
    deleteFrom: replayRepo.deleteEngagementFrom,
  },
  {
    name: 'analytics_core_metrics',
    types: EVENT_TYPES,
    async apply(db, events) {
      await repo.addPlatformTotals(db, platformDayDeltas(events));
      await repo.addActiveDays(db, activeDays(events));
    },
    deleteFrom: replayRepo.deleteCoreMetricsFrom,
  },
  {
    name: 'analytics_recent_engagement',
    types: ENGAGEMENT_EVENT_TYPES,
    apply: (db, events) =>
      repo.addRecentEngagement(
        db,
        recentEngagementRows(events, RECENT_ENGAGEMENT_CAP),
        RECENT_ENGAGEMENT_CAP,
      ),
    deleteFrom: replayRepo.deleteRecentEngagementFrom,
  },
];

/**
 * The events of a batch this side may apply while a replay from `fromDay` runs: events of earlier
 * days are the live consumer's alone; from `fromDay` on, only events this side claimed first.
 * Call with the consumer's lock held.
 */
export async function claimedEvents(
  db: Kysely<DB>,
  consumer: string,
  events: readonly LoggedEvent[],
  fromDay: string,
  includeEarlierDays: boolean,
): Promise<LoggedEvent[]> {
  const replayed = events.filter((event) => dayOf(event.occurred_at) >= fromDay);
  const won = await replayRepo.claim(
    db,
    consumer,
    replayed.map((event) => event.position),
  );
  return events.filter((event) =>
    dayOf(event.occurred_at) >= fromDay ? won.has(event.position) : includeEarlierDays,
  );
}

/** A projection as a durable consumer of the live log. */
export function liveConsumer(projection: Projection): EventConsumer {
  return {
    name: projection.name,
    types: projection.types,
    async handle(events, trx) {
      await replayRepo.lockConsumer(trx, projection.name);
      const fromDay = await replayRepo.replayFrom(trx, projection.name);
      const mine =
        fromDay === undefined ? events : await claimedEvents(trx, projection.name, events, fromDay, true);
      await projection.apply(trx, mine);
      await repo.markApplied(trx, projection.name, events.length);
    },
  };
}
