// SQL for the people around a board: its followers and its collaborators.
import { type Kysely, type Selectable, sql } from 'kysely';
import { afterTimeKey, type TimeKeyset, timeKey } from '../../db/keyset.ts';
import type { BoardCollaboratorsTable, DB } from '../../db/schema.ts';
import { type BoardView, type Viewer, visibilityFilter } from './repo.ts';

export type CollaboratorRow = Selectable<BoardCollaboratorsTable>;

// ---- follows ----

/** Adds the follow; false when it already existed. */
export async function insertBoardFollow(db: Kysely<DB>, userId: string, boardId: string): Promise<boolean> {
  const result = await db
    .insertInto('board_follows')
    .values({ user_id: userId, board_id: boardId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Removes the follow; false when there was none. */
export async function deleteBoardFollow(db: Kysely<DB>, userId: string, boardId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('board_follows')
    .where('user_id', '=', userId)
    .where('board_id', '=', boardId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface FollowedBoard extends BoardView {
  key_time: string;
}

/**
 * Boards `userId` follows that the viewer may see, most recently followed first. Unless
 * `explicitOnly`, following a user counts as following each of their boards (Pinterest's implicit
 * follows), from when the user was followed.
 */
export function listFollowedBoards(
  db: Kysely<DB>,
  userId: string,
  viewer: Viewer,
  explicitOnly: boolean,
  after: TimeKeyset | undefined,
  limit: number,
): Promise<FollowedBoard[]> {
  let follows = db
    .selectFrom('board_follows')
    .select(['board_id', 'created_at as followed_at'])
    .where('user_id', '=', userId);
  if (!explicitOnly) {
    follows = follows.unionAll(
      db
        .selectFrom('user_follows')
        .innerJoin('boards', 'boards.owner_id', 'user_follows.followee_id')
        .select(['boards.id as board_id', 'user_follows.created_at as followed_at'])
        .where('user_follows.follower_id', '=', userId),
    );
  }
  let query = db
    .with('f', () => follows)
    .with('g', (qc) =>
      qc
        .selectFrom('f')
        .select((eb) => ['f.board_id', eb.fn.max('f.followed_at').as('followed_at')])
        .groupBy('f.board_id'),
    )
    .selectFrom('g')
    .innerJoin('boards', 'boards.id', 'g.board_id')
    .innerJoin('users as board_owner', 'board_owner.id', 'boards.owner_id')
    .selectAll('boards')
    .select(['board_owner.username as owner_username', timeKey('g.followed_at').as('key_time')])
    .where(visibilityFilter(viewer));
  if (after) query = query.where(afterTimeKey('g.followed_at', 'boards.id', after));
  return query.orderBy('g.followed_at', 'desc').orderBy('boards.id', 'desc').limit(limit).execute();
}

// ---- collaborators ----

export function findCollaborator(
  db: Kysely<DB>,
  boardId: string,
  userId: string,
): Promise<CollaboratorRow | undefined> {
  return db
    .selectFrom('board_collaborators')
    .selectAll()
    .where('board_id', '=', boardId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Records an invitation; false when the user is already invited or a collaborator. */
export async function insertInvite(
  db: Kysely<DB>,
  boardId: string,
  userId: string,
  invitedBy: string,
): Promise<CollaboratorRow | undefined> {
  return db
    .insertInto('board_collaborators')
    .values({ board_id: boardId, user_id: userId, invited_by: invitedBy, status: 'invited' })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Turns the user's pending invitation into membership; false when there was none pending. */
export async function acceptInvite(db: Kysely<DB>, boardId: string, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('board_collaborators')
    .set({ status: 'accepted' })
    .where('board_id', '=', boardId)
    .where('user_id', '=', userId)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes the membership or invitation; its status, or undefined when there was none. */
export async function deleteCollaborator(
  db: Kysely<DB>,
  boardId: string,
  userId: string,
): Promise<CollaboratorRow['status'] | undefined> {
  const row = await db
    .deleteFrom('board_collaborators')
    .where('board_id', '=', boardId)
    .where('user_id', '=', userId)
    .returning('status')
    .executeTakeFirst();
  return row?.status;
}

export interface ListedCollaborator {
  user_id: string;
  username: string;
  status: CollaboratorRow['status'];
  created_at: Date;
  key_time: string;
}

/** The board's collaborators (and, when asked, pending invitations), most recent first. */
export function listCollaborators(
  db: Kysely<DB>,
  boardId: string,
  includeInvited: boolean,
  after: TimeKeyset | undefined,
  limit: number,
): Promise<ListedCollaborator[]> {
  let query = db
    .selectFrom('board_collaborators as bc')
    .innerJoin('users as u', 'u.id', 'bc.user_id')
    .select([
      'bc.user_id',
      'u.username',
      'bc.status',
      'bc.created_at',
      timeKey('bc.created_at').as('key_time'),
    ])
    .where('bc.board_id', '=', boardId);
  if (!includeInvited) query = query.where('bc.status', '=', 'accepted');
  if (after) query = query.where(afterTimeKey('bc.created_at', 'bc.user_id', after));
  return query.orderBy('bc.created_at', 'desc').orderBy('bc.user_id', 'desc').limit(limit).execute();
}

export interface PendingInvite extends BoardView {
  invited_by_username: string | null;
  invited_at: Date;
  key_time: string;
}

/** Invitations waiting for `userId`, most recent first. */
export function listInvites(
  db: Kysely<DB>,
  userId: string,
  includeSecret: boolean,
  after: TimeKeyset | undefined,
  limit: number,
): Promise<PendingInvite[]> {
  let query = db
    .selectFrom('board_collaborators as bc')
    .innerJoin('boards', 'boards.id', 'bc.board_id')
    .innerJoin('users as board_owner', 'board_owner.id', 'boards.owner_id')
    .leftJoin('users as inviter', 'inviter.id', 'bc.invited_by')
    .selectAll('boards')
    .select([
      'board_owner.username as owner_username',
      'inviter.username as invited_by_username',
      'bc.created_at as invited_at',
      timeKey('bc.created_at').as('key_time'),
    ])
    .where('bc.user_id', '=', userId)
    .where('bc.status', '=', 'invited');
  if (!includeSecret) query = query.where('boards.privacy', '<>', 'SECRET');
  if (after) query = query.where(afterTimeKey('bc.created_at', 'boards.id', after));
  return query.orderBy('bc.created_at', 'desc').orderBy('boards.id', 'desc').limit(limit).execute();
}

/**
 * Before a user is deleted (their board follows and collaborations go by cascade): the
 * follower_count and collaborator_count of the other people's boards they followed or joined.
 */
export async function releaseBoardTies(db: Kysely<DB>, userId: string): Promise<void> {
  await sql`
    update boards set follower_count = greatest(boards.follower_count - 1, 0)
    from board_follows bf
    where bf.user_id = ${userId} and bf.board_id = boards.id and boards.owner_id <> ${userId}`.execute(db);
  await sql`
    update boards set collaborator_count = greatest(boards.collaborator_count - 1, 0)
    from board_collaborators bc
    where bc.user_id = ${userId} and bc.status = 'accepted' and bc.board_id = boards.id
      and boards.owner_id <> ${userId}`.execute(db);
}

/**
 * What a block ends between two users on boards: each one's follows of the other's boards and
 * each one's collaborations (and invitations) on the other's boards, with the boards' counts.
 */
export async function severBoardTies(db: Kysely<DB>, a: string, b: string): Promise<void> {
  await sql`
    with gone as (
      delete from board_follows bf using boards bo
      where bf.board_id = bo.id
        and ((bf.user_id = ${a} and bo.owner_id = ${b}) or (bf.user_id = ${b} and bo.owner_id = ${a}))
      returning bf.board_id)
    update boards set follower_count = greatest(boards.follower_count - counted.n, 0)
    from (select board_id, count(*)::int as n from gone group by board_id) counted
    where boards.id = counted.board_id`.execute(db);
  await sql`
    with gone as (
      delete from board_collaborators bc using boards bo
      where bc.board_id = bo.id
        and ((bc.user_id = ${a} and bo.owner_id = ${b}) or (bc.user_id = ${b} and bo.owner_id = ${a}))
      returning bc.board_id, bc.status)
    update boards set collaborator_count = greatest(boards.collaborator_count - counted.n, 0)
    from (select board_id, count(*)::int as n from gone where status = 'accepted' group by board_id) counted
    where boards.id = counted.board_id`.execute(db);
}
