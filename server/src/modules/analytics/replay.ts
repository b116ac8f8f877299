// `corkboard events replay --from DAY`: rebuilds every analytics table from the log, from DAY on,
// while the live consumers keep running.
//
// 1. One transaction, under each consumer's lock: a fence row per consumer (replay from DAY), and
//    every row derived from DAY on deleted. From here on, for events of DAY or later, the live
//    consumer and the replay each claim an event's log position before applying it: exactly one
//    of them applies it. Earlier days stay the live consumer's alone and are not touched.
// 2. events.readLog from two days before DAY (client events may be logged up to a day after they
//    happened; NATS reads by stream time), keeping events of DAY or later, applied batch by batch
//    with the consumers' own apply functions.
// 3. events.drain(): the live consumers pass every event the replay read, so none of those is
//    still ahead of them when the fence goes.
// 4. The fences (and their claims) are removed; live consumption continues unfenced.
// The result is what live consumption alone would have produced, at the live consumers' position.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { EventsService, EventType, LoggedEvent } from '../events/index.ts';
import { dayOf } from './aggregate.ts';
import { claimedEvents, PROJECTIONS } from './consumers.ts';
import { addDays, dayStart } from './dates.ts';
import * as replayRepo from './replay-repo.ts';

const LATE_EVENT_MARGIN_DAYS = 2;
const DRAIN_TIMEOUT_MS = 10 * 60 * 1000;

export interface ReplaySummary {
  from: string;
  /** Events of DAY or later read from the log. */
  read: number;
  /** Applications by the replay, summed over consumers (the rest the live consumers applied). */
  applied: Record<string, number>;
  seconds: number;
}

export interface ReplayOptions {
  /** Take over the fence a replay that died left behind (it then runs from the earlier day). */
  restart?: boolean;
}

/** Consumers in one fixed order, so transactions taking several locks cannot deadlock. */
const ORDERED = [...PROJECTIONS].sort((a, b) => a.name.localeCompare(b.name));

async function raiseFences(db: Kysely<DB>, day: string, restart: boolean): Promise<string> {
  return db.transaction().execute(async (trx) => {
    let from = day;
    for (const projection of ORDERED) {
      await replayRepo.lockConsumer(trx, projection.name);
      const running = await replayRepo.replayFrom(trx, projection.name);
      if (running !== undefined && !restart) {
        throw new AppError(
          'CONFLICT',
          `A replay from ${running} is running for ${projection.name}. If it died, run again with --restart.`,
        );
      }
      if (running !== undefined && running < from) from = running;
    }
    for (const projection of ORDERED) {
      await replayRepo.finishReplay(trx, projection.name);
      await replayRepo.startReplay(trx, projection.name, from);
      await projection.deleteFrom(trx, from);
    }
    return from;
  });
}

async function lowerFences(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const projection of ORDERED) {
      await replayRepo.lockConsumer(trx, projection.name);
      await replayRepo.finishReplay(trx, projection.name);
    }
  });
}

export async function replayFrom(
  db: Kysely<DB>,
  events: EventsService,
  day: string,
  options: ReplayOptions = {},
): Promise<ReplaySummary> {
  if (Number.isNaN(dayStart(day)))
    throw new AppError('INVALID_PARAMETERS', '--from must be a date (YYYY-MM-DD).');
  const started = Date.now();
  const from = await raiseFences(db, day, options.restart ?? false);
  const applied = Object.fromEntries(ORDERED.map((p) => [p.name, 0]));
  let read = 0;
  let failure: unknown;
  try {
    const types = [...new Set(ORDERED.flatMap((p) => p.types))] as EventType[];
    const since = new Date(dayStart(addDays(from, -LATE_EVENT_MARGIN_DAYS)));
    await events.readLog({ from: since, types }, async (batch) => {
      const inRange = batch.filter((event) => dayOf(event.occurred_at) >= from);
      if (inRange.length === 0) return;
      read += inRange.length;
      await db.transaction().execute(async (trx) => {
        for (const projection of ORDERED) {
          await replayRepo.lockConsumer(trx, projection.name);
          const wanted: LoggedEvent[] = inRange.filter((event) => projection.types.includes(event.type));
          const mine = await claimedEvents(trx, projection.name, wanted, from, false);
          await projection.apply(trx, mine);
          applied[projection.name]! += mine.length;
        }
      });
    });
  } catch (error) {
    failure = error;
  }
  // Even after a failure the live consumers must pass what the replay applied before the fences
  // go; if they cannot, the fences stay (live consumption stays exact) and --restart resumes.
  await events.drain(DRAIN_TIMEOUT_MS);
  await lowerFences(db);
  if (failure) {
    throw new Error(`replay failed; analytics from ${from} on are incomplete until it is run again`, {
      cause: failure,
    });
  }
  return { from, read, applied, seconds: (Date.now() - started) / 1000 };
}
