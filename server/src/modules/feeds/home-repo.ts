// The home feed's sources in SQL: pins of the users and boards the viewer follows (and the viewer's
// own), the pins a viewer's walks start from, which recommended pins the viewer may be shown, and
// the two global lists (pins with the most saves this week, the newest originals).
//
// Id lists travel as one bigint[] parameter, so each query's text is the same whatever the list's
// length and runs as one prepared statement.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { ID_EPOCH_MS } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';

/** A `where` condition over the boards table aliased `b` (BoardsService.visibleBoardsFilter(viewer, 'b')). */
export type AliasedBoardCondition = () => Expression<SqlBool>;

export interface FollowedRow {
  id: string;
  origin: string;
  board: string;
  creator: string;
  creator_username: string;
  board_name: string;
  /** How the pin reached the feed: the viewer's own, a followed user's, or a followed board's. */
  via: 'self' | 'user' | 'board';
}

export interface FollowedQuery {
  viewerId: string;
  boardVisible: AliasedBoardCondition;
  /** Whether the viewer's own pins on secret boards may appear (the pins:read_secret scope). */
  ownSecrets: boolean;
  limit: number;
}

/**
 * The newest pins of the viewer, of the users they follow and on the boards they follow, newest
 * first, at most `limit`. Each followed user and board offers its newest `limit` through its own
 * index range (so the cost follows what the viewer follows, not the size of the pins table), and
 * only the newest 2 × `limit` of those are joined and checked: boards the viewer may see, nobody's
 * secret pins but the viewer's own. Blocks are the caller's to apply (HomeSources, with the
 * viewer's block list).
 */
export async function followedPins(db: Kysely<DB>, q: FollowedQuery): Promise<FollowedRow[]> {
  const secretAllowed = q.ownSecrets ? sql<SqlBool>`p.owner_id = ${q.viewerId}::bigint` : sql<SqlBool>`false`;
  const result = await sql<FollowedRow>`
    with offered as (
      select mine.id, case when f.user_id = ${q.viewerId}::bigint then 'self' else 'user' end as via
      from (select ${q.viewerId}::bigint as user_id
            union all
            select followee_id from user_follows where follower_id = ${q.viewerId}::bigint) f
      cross join lateral (
        select id from pins where owner_id = f.user_id order by id desc limit ${q.limit}) mine
      union all
      select theirs.id, 'board' as via
      from board_follows bf
      cross join lateral (
        select id from pins where board_id = bf.board_id order by sort_key desc, id desc limit ${q.limit}) theirs
      where bf.user_id = ${q.viewerId}::bigint
    ),
    newest as (
      select distinct on (id) id, via from offered order by id desc, via desc limit ${q.limit * 2}
    )
    select p.id::text as id, p.origin_pin_id::text as origin, p.board_id::text as board,
      p.owner_id::text as creator, u.username as creator_username, b.name as board_name, c.via
    from newest c
    join pins p on p.id = c.id
    join boards b on b.id = p.board_id
    join users u on u.id = p.owner_id
    where ${q.boardVisible()} and (b.privacy <> 'SECRET' or ${secretAllowed})
    order by p.id desc
    limit ${q.limit}`.execute(db);
  return result.rows;
}

/** The users the viewer blocked and those who blocked the viewer. */
export async function blockedEitherWay(db: Kysely<DB>, viewerId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select blocked_id::text as id from user_blocks where blocker_id = ${viewerId}::bigint
    union
    select blocker_id::text as id from user_blocks where blocked_id = ${viewerId}::bigint`.execute(db);
  return result.rows.map((row) => row.id);
}

export interface SeedRow {
  /** 'own': a pin of the viewer's; 'engaged': a pin the viewer engaged with. */
  kind: 'own' | 'engaged';
  id: string;
  origin: string;
}

/** The originals of the viewer's newest pins (saves and creations) and of the pins they engaged with. */
export async function seedOrigins(
  db: Kysely<DB>,
  viewerId: string,
  engagedIds: readonly string[],
  ownLimit: number,
): Promise<SeedRow[]> {
  const result = await sql<SeedRow>`
    (select 'own' as kind, id::text as id, origin_pin_id::text as origin
     from pins where owner_id = ${viewerId}::bigint order by id desc limit ${ownLimit})
    union all
    (select 'engaged' as kind, id::text as id, origin_pin_id::text as origin
     from pins where id = any(${sql.val(engagedIds)}::bigint[]))`.execute(db);
  return result.rows;
}

export interface RecommendedRow {
  id: string;
  board: string;
  creator: string;
  board_owner: string;
}

/**
 * Which of these pins may be recommended to anyone: originals on a PUBLIC board. Whether the
 * viewer may be shown them (their own, blocks) is the caller's to check against `creator` and
 * `board_owner`.
 */
export async function recommendable(db: Kysely<DB>, ids: readonly string[]): Promise<RecommendedRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<RecommendedRow>`
    select p.id::text as id, p.board_id::text as board, p.owner_id::text as creator,
      b.owner_id::text as board_owner
    from pins p join boards b on b.id = p.board_id and b.privacy = 'PUBLIC'
    where p.id = any(${sql.val(ids)}::bigint[]) and p.id = p.origin_pin_id`.execute(db);
  return result.rows;
}

export interface TrendingRow {
  id: string;
  saves: number;
}

/**
 * Originals by how often they were saved in the last `days` days. Pin ids begin with their
 * creation time in milliseconds (db/ids.ts), so the window is a range of the primary key.
 */
export async function trendingOrigins(db: Kysely<DB>, days: number, limit: number): Promise<TrendingRow[]> {
  // A week of saves is millions of rows at scale (2M of 10M: 450k originals to count). Enough
  // memory for the count to stay in one in-memory hash (the default spilled it to disk in 21
  // batches), and no parallel workers: this is a background refresh, and three processes at once
  // took the cores that requests needed (12 CPU-seconds against 4 on one core).
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '96MB'`.execute(trx);
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return countSavesByOrigin(trx, days, limit);
  });
}

async function countSavesByOrigin(db: Kysely<DB>, days: number, limit: number): Promise<TrendingRow[]> {
  const result = await sql<TrendingRow>`
    select s.origin_pin_id::text as id, count(*)::int as saves
    from pins s
    where s.id >= (((extract(epoch from now()) * 1000)::bigint - ${days}::bigint * 86400000
                    - ${Number(ID_EPOCH_MS)}::bigint) << 22)
      and s.parent_pin_id is not null
    group by s.origin_pin_id
    order by saves desc, s.origin_pin_id desc
    limit ${limit}`.execute(db);
  return result.rows;
}

export interface FreshRow extends RecommendedRow {
  created_at: Date;
}

/** The newest originals on public boards. */
export async function freshOrigins(db: Kysely<DB>, limit: number): Promise<FreshRow[]> {
  const result = await sql<FreshRow>`
    select p.id::text as id, p.board_id::text as board, p.owner_id::text as creator,
      b.owner_id::text as board_owner, p.created_at
    from pins p join boards b on b.id = p.board_id and b.privacy = 'PUBLIC'
    where p.id = p.origin_pin_id
    order by p.id desc
    limit ${limit}`.execute(db);
  return result.rows;
}
