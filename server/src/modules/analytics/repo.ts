// The analytics tables: the consumers' upserts (one multi-row statement per table, from arrays
// through unnest), replay's deletions, and the reads behind the analytics API and pin_metrics.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppType } from '../events/index.ts';
import type {
  ActiveDay,
  Counts,
  EngagementKind,
  EngagementRow,
  PinDayDelta,
  PlatformDayDelta,
} from './aggregate.ts';
import type { DayRow } from './metrics.ts';

const counters = (rows: Counts[]) => ({
  impression: rows.map((r) => r.impression),
  pinClick: rows.map((r) => r.pin_click),
  outboundClick: rows.map((r) => r.outbound_click),
  save: rows.map((r) => r.save),
});

const addExcluded = (table: string) =>
  sql.raw(`impression = ${table}.impression + excluded.impression,
    pin_click = ${table}.pin_click + excluded.pin_click,
    outbound_click = ${table}.outbound_click + excluded.outbound_click,
    save = ${table}.save + excluded.save`);

/**
 * Adds a batch's engagement to the pin, board and user rollups and pins' lifetime totals, in one
 * statement. Client events carry only the pin id: the pin's owner and board come from joining
 * pins here, and events about pins that do not exist (or no longer do) are dropped. A save also
 * counts for the root original of its save chain, as pins.save_count does.
 */
export async function addEngagement(db: Kysely<DB>, deltas: PinDayDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const c = counters(deltas);
  await sql`
    with input as (
      select * from unnest(
        ${deltas.map((d) => d.pinId)}::bigint[], ${deltas.map((d) => d.day)}::date[],
        ${deltas.map((d) => d.appType)}::text[], ${c.impression}::int[], ${c.pinClick}::int[],
        ${c.outboundClick}::int[], ${c.save}::int[]
      ) as t (pin_id, day, app_type, impression, pin_click, outbound_click, save)
    ),
    credited as (
      select * from input
      union all
      select p.origin_pin_id, i.day, i.app_type, 0, 0, 0, i.save
      from input i join pins p on p.id = i.pin_id
      where i.save > 0 and p.origin_pin_id <> p.id
    ),
    summed as (
      select c.pin_id, c.day, c.app_type, p.owner_id, p.board_id,
        sum(c.impression)::int as impression, sum(c.pin_click)::int as pin_click,
        sum(c.outbound_click)::int as outbound_click, sum(c.save)::int as save
      from credited c join pins p on p.id = c.pin_id
      group by c.pin_id, c.day, c.app_type, p.owner_id, p.board_id
    ),
    pin_days as (
      insert into pin_daily_metrics (pin_id, day, app_type, owner_id, impression, pin_click, outbound_click, save)
      select pin_id, day, app_type, owner_id, impression, pin_click, outbound_click, save from summed
      on conflict (pin_id, day, app_type) do update set ${addExcluded('pin_daily_metrics')}
      returning 1
    ),
    lifetimes as (
      insert into pin_lifetime_metrics (pin_id, impression, pin_click, outbound_click, save)
      select pin_id, sum(impression), sum(pin_click), sum(outbound_click), sum(save) from summed group by pin_id
      on conflict (pin_id) do update set ${addExcluded('pin_lifetime_metrics')}
      returning 1
    ),
    board_days as (
      insert into board_daily_metrics (board_id, day, app_type, impression, pin_click, outbound_click, save)
      select board_id, day, app_type, sum(impression), sum(pin_click), sum(outbound_click), sum(save)
      from summed group by board_id, day, app_type
      on conflict (board_id, day, app_type) do update set ${addExcluded('board_daily_metrics')}
      returning 1
    ),
    user_days as (
      insert into user_daily_metrics (user_id, day, app_type, impression, pin_click, outbound_click, save)
      select owner_id, day, app_type, sum(impression), sum(pin_click), sum(outbound_click), sum(save)
      from summed group by owner_id, day, app_type
      on conflict (user_id, day, app_type) do update set ${addExcluded('user_daily_metrics')}
      returning 1
    )
    select (select count(*) from pin_days) + (select count(*) from lifetimes)
      + (select count(*) from board_days) + (select count(*) from user_days) as written`.execute(db);
}

const PLATFORM_COLUMNS = [
  'events',
  'impression',
  'pin_click',
  'outbound_click',
  'save',
  'pin_created',
  'user_followed',
  'board_followed',
  'search',
] as const;

export async function addPlatformTotals(db: Kysely<DB>, deltas: PlatformDayDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const arrays = PLATFORM_COLUMNS.map((column) => sql`${deltas.map((d) => d[column])}::bigint[]`);
  const columns = sql.raw(PLATFORM_COLUMNS.join(', '));
  const sums = sql.raw(
    PLATFORM_COLUMNS.map((x) => `${x} = platform_daily_metrics.${x} + excluded.${x}`).join(', '),
  );
  await sql`
    insert into platform_daily_metrics (day, ${columns})
    select * from unnest(${deltas.map((d) => d.day)}::date[], ${sql.join(arrays)})
    on conflict (day) do update set ${sums}`.execute(db);
}

/** Marks users active on days; actors that are not (or no longer) users are dropped. */
export async function addActiveDays(db: Kysely<DB>, rows: ActiveDay[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into user_activity_days (day, user_id)
    select t.day, t.user_id
    from unnest(${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.userId)}::bigint[]) as t (day, user_id)
    join users u on u.id = t.user_id
    on conflict do nothing`.execute(db);
}

/** Adds engagement rows, then trims each touched user to their `cap` newest. */
export async function addRecentEngagement(db: Kysely<DB>, rows: EngagementRow[], cap: number): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into recent_engagement (user_id, occurred_at, pin_id, kind)
    select t.user_id, t.occurred_at, t.pin_id, t.kind
    from unnest(${rows.map((r) => r.userId)}::bigint[], ${rows.map((r) => r.occurredAt)}::timestamptz[],
      ${rows.map((r) => r.pinId)}::bigint[], ${rows.map((r) => r.kind)}::text[]) as t (user_id, occurred_at, pin_id, kind)
    join users u on u.id = t.user_id
    on conflict do nothing`.execute(db);
  // Each touched user's (cap+1)-th newest row, found by walking the primary key backwards; it and
  // everything older go.
  const users = [...new Set(rows.map((r) => r.userId))];
  await sql`
    delete from recent_engagement r
    using (
      select u.user_id, c.occurred_at, c.pin_id, c.kind
      from unnest(${users}::bigint[]) as u (user_id)
      cross join lateral (
        select occurred_at, pin_id, kind from recent_engagement e where e.user_id = u.user_id
        order by occurred_at desc, pin_id desc, kind desc offset ${cap} limit 1
      ) c
    ) cut
    where r.user_id = cut.user_id and (r.occurred_at, r.pin_id, r.kind) <= (cut.occurred_at, cut.pin_id, cut.kind)`.execute(
    db,
  );
}

/** Records that a consumer applied a batch now (the API's latest_available_timestamp). */
export async function markApplied(db: Kysely<DB>, consumer: string, events: number): Promise<void> {
  await sql`
    insert into analytics_progress (consumer, applied_at, events) values (${consumer}, now(), ${events})
    on conflict (consumer) do update
      set applied_at = now(), events = analytics_progress.events + excluded.events`.execute(db);
}

export async function lastAppliedAt(db: Kysely<DB>, consumer: string): Promise<Date | undefined> {
  const result = await sql<{ applied_at: Date }>`
    select applied_at from analytics_progress where consumer = ${consumer}`.execute(db);
  return result.rows[0]?.applied_at;
}

// ---- reads ----

const COUNTER_SUMS = sql`sum(impression)::int as impression, sum(pin_click)::int as pin_click,
  sum(outbound_click)::int as outbound_click, sum(save)::int as save`;

export interface PinDayRow extends DayRow {
  pin_id: string;
}

export async function pinDays(
  db: Kysely<DB>,
  pinIds: string[],
  from: string,
  to: string,
): Promise<PinDayRow[]> {
  const result = await sql<PinDayRow>`
    select pin_id::text, to_char(day, 'YYYY-MM-DD') as day, app_type, impression, pin_click, outbound_click, save
    from pin_daily_metrics
    where pin_id = any(${pinIds}::bigint[]) and day between ${from}::date and ${to}::date`.execute(db);
  return result.rows;
}

export async function userDays(db: Kysely<DB>, userId: string, from: string, to: string): Promise<DayRow[]> {
  const result = await sql<DayRow>`
    select to_char(day, 'YYYY-MM-DD') as day, app_type, impression, pin_click, outbound_click, save
    from user_daily_metrics
    where user_id = ${userId} and day between ${from}::date and ${to}::date`.execute(db);
  return result.rows;
}

export async function lifetimeTotals(db: Kysely<DB>, pinIds: string[]): Promise<Map<string, Counts>> {
  if (pinIds.length === 0) return new Map();
  const result = await sql<Counts & { pin_id: string }>`
    select pin_id::text, impression::int, pin_click::int, outbound_click::int, save::int
    from pin_lifetime_metrics where pin_id = any(${pinIds}::bigint[])`.execute(db);
  return new Map(result.rows.map(({ pin_id, ...counts }) => [pin_id, counts]));
}

/** Each pin's totals from `since` to today (pin_metrics' "90d"). */
export async function totalsSince(
  db: Kysely<DB>,
  pinIds: string[],
  since: string,
): Promise<Map<string, Counts>> {
  if (pinIds.length === 0) return new Map();
  const result = await sql<Counts & { pin_id: string }>`
    select pin_id::text, ${COUNTER_SUMS}
    from pin_daily_metrics where pin_id = any(${pinIds}::bigint[]) and day >= ${since}::date
    group by pin_id`.execute(db);
  return new Map(result.rows.map(({ pin_id, ...counts }) => [pin_id, counts]));
}

const SORT_EXPRESSIONS = {
  ENGAGEMENT: 'sum(m.save + m.pin_click + m.outbound_click)',
  IMPRESSION: 'sum(m.impression)',
  OUTBOUND_CLICK: 'sum(m.outbound_click)',
  PIN_CLICK: 'sum(m.pin_click)',
  SAVE: 'sum(m.save)',
} as const;

export interface TopPinsQuery {
  ownerId: string;
  from: string;
  to: string;
  appTypes: AppType[];
  sortBy: keyof typeof SORT_EXPRESSIONS;
  limit: number;
  /** Leave out pins on secret boards (the caller lacks pins:read_secret). */
  withoutSecret: boolean;
  createdSince?: Date;
}

/** The owner's pins ranked by a metric over the range, from the (owner, day) index. */
export async function topPins(db: Kysely<DB>, q: TopPinsQuery): Promise<(Counts & { pin_id: string })[]> {
  const result = await sql<Counts & { pin_id: string }>`
    select m.pin_id::text, sum(m.impression)::int as impression, sum(m.pin_click)::int as pin_click,
      sum(m.outbound_click)::int as outbound_click, sum(m.save)::int as save
    from pin_daily_metrics m
    join pins p on p.id = m.pin_id
    join boards b on b.id = p.board_id
    where m.owner_id = ${q.ownerId} and m.day between ${q.from}::date and ${q.to}::date
      and m.app_type = any(${q.appTypes}::text[])
      and (${!q.withoutSecret} or b.privacy <> 'SECRET')
      and (${q.createdSince ?? null}::timestamptz is null or p.created_at >= ${q.createdSince ?? null}::timestamptz)
    group by m.pin_id
    order by ${sql.raw(SORT_EXPRESSIONS[q.sortBy])} desc, m.pin_id desc
    limit ${q.limit}`.execute(db);
  return result.rows;
}

export interface RecentEngagement {
  pin_id: string;
  kind: EngagementKind;
  occurred_at: Date;
}

/** A user's newest engagement with pins that still exist. */
export async function recentEngagement(
  db: Kysely<DB>,
  userId: string,
  limit: number,
): Promise<RecentEngagement[]> {
  const result = await sql<RecentEngagement>`
    select r.pin_id::text, r.kind, r.occurred_at
    from recent_engagement r join pins p on p.id = r.pin_id
    where r.user_id = ${userId}
    order by r.occurred_at desc, r.pin_id desc, r.kind desc
    limit ${limit}`.execute(db);
  return result.rows;
}
