import { type Kysely, type Selectable, sql } from 'kysely';
import type { CommentsTable, DB, ReactionsTable } from '../../db/schema.ts';

export type CommentRow = Selectable<CommentsTable> & { author_username: string };

export async function insertComment(
  db: Kysely<DB>,
  pinId: string,
  authorId: string,
  text: string,
): Promise<string> {
  const row = await db
    .insertInto('comments')
    .values({ pin_id: pinId, author_id: authorId, text })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function commentsWithAuthors(db: Kysely<DB>) {
  return db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .selectAll('comments')
    .select('users.username as author_username');
}

export function findComment(db: Kysely<DB>, pinId: string, id: string): Promise<CommentRow | undefined> {
  return commentsWithAuthors(db)
    .where('comments.id', '=', id)
    .where('comments.pin_id', '=', pinId)
    .executeTakeFirst();
}

/** Newest first; blocked authors are hidden from the viewer (both directions). */
export function listComments(
  db: Kysely<DB>,
  pinId: string,
  viewerId: string | null,
  beforeId: string | undefined,
  limit: number,
): Promise<CommentRow[]> {
  let query = commentsWithAuthors(db).where('comments.pin_id', '=', pinId);
  if (viewerId) {
    query = query.where(
      ({ exists, selectFrom }) =>
        sql<boolean>`not ${exists(
          selectFrom('user_blocks')
            .select(sql`1`.as('one'))
            .where((eb) =>
              eb.or([
                eb.and([
                  eb('blocker_id', '=', viewerId),
                  eb('blocked_id', '=', eb.ref('comments.author_id')),
                ]),
                eb.and([
                  eb('blocked_id', '=', viewerId),
                  eb('blocker_id', '=', eb.ref('comments.author_id')),
                ]),
              ]),
            ),
        )}`,
    );
  }
  if (beforeId) query = query.where('comments.id', '<', beforeId);
  return query.orderBy('comments.id', 'desc').limit(limit).execute();
}

export async function deleteComment(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

/**
 * Before a user is deleted (their comments and reactions go by cascade): the comment_count and
 * reaction_count of the pins they commented on or reacted to.
 */
export async function releaseEngagement(db: Kysely<DB>, userId: string): Promise<void> {
  await sql`
    update pins set comment_count = greatest(pins.comment_count - counted.n, 0)
    from (select pin_id, count(*)::int as n from comments where author_id = ${userId} group by pin_id) counted
    where pins.id = counted.pin_id`.execute(db);
  await sql`
    update pins set reaction_count = greatest(pins.reaction_count - 1, 0)
    from reactions r where r.user_id = ${userId} and pins.id = r.pin_id`.execute(db);
}

export type ReactionRow = Selectable<ReactionsTable>;

/** Sets the user's reaction; returns whether it is new (not a change of kind). */
export async function upsertReaction(
  db: Kysely<DB>,
  pinId: string,
  userId: string,
  kind: string,
): Promise<boolean> {
  const row = await db
    .insertInto('reactions')
    .values({ pin_id: pinId, user_id: userId, kind })
    .onConflict((oc) => oc.columns(['pin_id', 'user_id']).doUpdateSet({ kind, created_at: sql`now()` }))
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  return row.inserted;
}

export async function deleteReaction(db: Kysely<DB>, pinId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('reactions')
    .where('pin_id', '=', pinId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function reactionSummary(
  db: Kysely<DB>,
  pinId: string,
  viewerId: string | null,
): Promise<{ counts: Record<string, number>; mine: string | null }> {
  const rows = await db
    .selectFrom('reactions')
    .select(['kind', sql<string>`count(*)`.as('n')])
    .where('pin_id', '=', pinId)
    .groupBy('kind')
    .execute();
  const mine = viewerId
    ? await db
        .selectFrom('reactions')
        .select('kind')
        .where('pin_id', '=', pinId)
        .where('user_id', '=', viewerId)
        .executeTakeFirst()
    : undefined;
  return { counts: Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])), mine: mine?.kind ?? null };
}
