// Replay's SQL: deleting what a consumer derived from a day on, and the fence that lets a replay
// and the live consumer apply disjoint sets of events (each claims an event's log position before
// applying it; the claim that inserts the row wins).
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** 00:00 UTC of a YYYY-MM-DD day, whatever the session's time zone. */
const utcMidnight = (day: string) => sql`(${day}::date::timestamp at time zone 'UTC')`;

/** Serializes a consumer's live batches with a replay's steps (held until the transaction ends). */
export async function lockConsumer(db: Kysely<DB>, consumer: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`analytics:${consumer}`}))`.execute(db);
}

/**
 * The first day of the replay running for this consumer, if one is. Asked in its own statement
 * after lockConsumer: a statement sees what was committed before it started, so one that waited
 * for the lock inside could miss a fence raised meanwhile.
 */
export async function replayFrom(db: Kysely<DB>, consumer: string): Promise<string | undefined> {
  const result = await sql<{ from_day: string }>`
    select to_char(from_day, 'YYYY-MM-DD') as from_day from analytics_replays where consumer = ${consumer}`.execute(
    db,
  );
  return result.rows[0]?.from_day;
}

/** Starts a replay; false when one is already running for the consumer. */
export async function startReplay(db: Kysely<DB>, consumer: string, day: string): Promise<boolean> {
  const result = await sql`
    insert into analytics_replays (consumer, from_day) values (${consumer}, ${day}::date)
    on conflict do nothing`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

export async function finishReplay(db: Kysely<DB>, consumer: string): Promise<void> {
  await sql`delete from analytics_replays where consumer = ${consumer}`.execute(db);
}

/** Claims log positions for the caller; returns those it won (not claimed before). */
export async function claim(db: Kysely<DB>, consumer: string, positions: bigint[]): Promise<Set<bigint>> {
  if (positions.length === 0) return new Set();
  const result = await sql<{ position: string }>`
    insert into analytics_replay_claims (consumer, position)
    select ${consumer}, p from unnest(${positions.map(String)}::bigint[]) as t (p)
    on conflict do nothing
    returning position::text as position`.execute(db);
  return new Set(result.rows.map((row) => BigInt(row.position)));
}

export async function deleteEngagementFrom(db: Kysely<DB>, day: string): Promise<void> {
  await sql`
    update pin_lifetime_metrics l set
      impression = l.impression - d.impression, pin_click = l.pin_click - d.pin_click,
      outbound_click = l.outbound_click - d.outbound_click, save = l.save - d.save
    from (
      select pin_id, sum(impression) as impression, sum(pin_click) as pin_click,
        sum(outbound_click) as outbound_click, sum(save) as save
      from pin_daily_metrics where day >= ${day}::date group by pin_id
    ) d
    where l.pin_id = d.pin_id`.execute(db);
  await sql`delete from pin_daily_metrics where day >= ${day}::date`.execute(db);
  await sql`delete from board_daily_metrics where day >= ${day}::date`.execute(db);
  await sql`delete from user_daily_metrics where day >= ${day}::date`.execute(db);
}

export async function deleteCoreMetricsFrom(db: Kysely<DB>, day: string): Promise<void> {
  await sql`delete from platform_daily_metrics where day >= ${day}::date`.execute(db);
  await sql`delete from user_activity_days where day >= ${day}::date`.execute(db);
}

export async function deleteRecentEngagementFrom(db: Kysely<DB>, day: string): Promise<void> {
  await sql`delete from recent_engagement where occurred_at >= ${utcMidnight(day)}`.execute(db);
}
