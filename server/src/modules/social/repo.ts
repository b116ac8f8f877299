import { type Kysely, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import { afterTimeKey, type TimeKeyset, timeKey } from '../../db/keyset.ts';
import type { DB, ReportsTable } from '../../db/schema.ts';

export type { TimeKeyset } from '../../db/keyset.ts';

export type ReportRow = Selectable<ReportsTable>;

/** A user in a list, with its keyset position: when the relation began (to the microsecond) and the user id. */
export interface ListedUser {
  username: string;
  key_time: string;
  key_id: string;
}

/**
 * True unless the viewer and the user in `ownerColumn` (e.g. 'boards.owner_id', 'pins.owner_id')
 * have blocked each other either way. Anonymous viewers see everything. Use it in a `where` of any
 * query whose tables include ownerColumn:
 *
 *   db.selectFrom('pins').selectAll().where(notBlockedFilter(viewerId, 'pins.owner_id'))
 */
export function notBlockedFilter(viewerId: string | null, ownerColumn: string): RawBuilder<SqlBool> {
  if (viewerId === null) return sql<SqlBool>`true`;
  const owner = sql.ref(ownerColumn);
  return sql<SqlBool>`not exists (
    select 1 from user_blocks ub
    where (ub.blocker_id = ${viewerId} and ub.blocked_id = ${owner})
       or (ub.blocker_id = ${owner} and ub.blocked_id = ${viewerId}))`;
}

export async function isBlockedEitherWay(db: Kysely<DB>, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_blocks')
    .select('blocker_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
        eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- user follows ----

/** Adds the follow; false when it already existed. */
export async function insertFollow(db: Kysely<DB>, followerId: string, followeeId: string): Promise<boolean> {
  const result = await db
    .insertInto('user_follows')
    .values({ follower_id: followerId, followee_id: followeeId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Removes the follow; false when there was none. */
export async function deleteFollow(db: Kysely<DB>, followerId: string, followeeId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('user_follows')
    .where('follower_id', '=', followerId)
    .where('followee_id', '=', followeeId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Users following `userId`, most recent first. */
export function listFollowers(
  db: Kysely<DB>,
  userId: string,
  after: TimeKeyset | undefined,
  limit: number,
): Promise<ListedUser[]> {
  let query = db
    .selectFrom('user_follows as f')
    .innerJoin('users as u', 'u.id', 'f.follower_id')
    .select(['u.username', 'f.follower_id as key_id', timeKey('f.created_at').as('key_time')])
    .where('f.followee_id', '=', userId);
  if (after) query = query.where(afterTimeKey('f.created_at', 'f.follower_id', after));
  return query.orderBy('f.created_at', 'desc').orderBy('f.follower_id', 'desc').limit(limit).execute();
}

/**
 * Users `userId` follows, most recently followed first. Unless `explicitOnly`, this includes the
 * implicit follows Pinterest counts: owners of boards the user follows. (Reading board_follows and
 * boards here is the one place social looks at board tables.)
 */
export function listFollowing(
  db: Kysely<DB>,
  userId: string,
  explicitOnly: boolean,
  after: TimeKeyset | undefined,
  limit: number,
): Promise<ListedUser[]> {
  let follows = db
    .selectFrom('user_follows')
    .select(['followee_id as user_id', 'created_at as followed_at'])
    .where('follower_id', '=', userId);
  if (!explicitOnly) {
    follows = follows.unionAll(
      db
        .selectFrom('board_follows')
        .innerJoin('boards', 'boards.id', 'board_follows.board_id')
        .select(['boards.owner_id as user_id', 'board_follows.created_at as followed_at'])
        .where('board_follows.user_id', '=', userId)
        .where('boards.owner_id', '<>', userId),
    );
  }
  let query = db
    .with('f', () => follows)
    .with('g', (qc) =>
      qc
        .selectFrom('f')
        .select((eb) => ['f.user_id', eb.fn.max('f.followed_at').as('followed_at')])
        .groupBy('f.user_id'),
    )
    .selectFrom('g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.username', 'g.user_id as key_id', timeKey('g.followed_at').as('key_time')])
    .where(notBlockedFilter(userId, 'g.user_id'));
  if (after) query = query.where(afterTimeKey('g.followed_at', 'g.user_id', after));
  return query.orderBy('g.followed_at', 'desc').orderBy('g.user_id', 'desc').limit(limit).execute();
}

/**
 * Before a user is deleted (their follows go by cascade): one follower fewer for everyone they
 * follow, one followee fewer for everyone following them.
 */
export async function releaseFollowCounts(db: Kysely<DB>, userId: string): Promise<void> {
  await sql`
    update users set follower_count = greatest(users.follower_count - 1, 0)
    from user_follows f where f.follower_id = ${userId} and users.id = f.followee_id`.execute(db);
  await sql`
    update users set following_count = greatest(users.following_count - 1, 0)
    from user_follows f where f.followee_id = ${userId} and users.id = f.follower_id`.execute(db);
}

// ---- blocks ----

export async function insertBlock(db: Kysely<DB>, blockerId: string, blockedId: string): Promise<boolean> {
  const result = await db
    .insertInto('user_blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteBlock(db: Kysely<DB>, blockerId: string, blockedId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('user_blocks')
    .where('blocker_id', '=', blockerId)
    .where('blocked_id', '=', blockedId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Users `userId` has blocked, most recent first. */
export function listBlocked(
  db: Kysely<DB>,
  userId: string,
  after: TimeKeyset | undefined,
  limit: number,
): Promise<ListedUser[]> {
  let query = db
    .selectFrom('user_blocks as b')
    .innerJoin('users as u', 'u.id', 'b.blocked_id')
    .select(['u.username', 'b.blocked_id as key_id', timeKey('b.created_at').as('key_time')])
    .where('b.blocker_id', '=', userId);
  if (after) query = query.where(afterTimeKey('b.created_at', 'b.blocked_id', after));
  return query.orderBy('b.created_at', 'desc').orderBy('b.blocked_id', 'desc').limit(limit).execute();
}

// ---- reports ----

export interface NewReport {
  reporter_id: string;
  target_type: 'pin' | 'user';
  target_id: string;
  reason: string;
  details: string;
}

export function insertReport(db: Kysely<DB>, report: NewReport): Promise<ReportRow> {
  return db.insertInto('reports').values(report).returningAll().executeTakeFirstOrThrow();
}
