import { type Kysely, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { BoardPrivacy, BoardSectionsTable, BoardsTable, DB, ImageVariant } from '../../db/schema.ts';
import { notBlockedFilter } from '../social/index.ts';

export type BoardRow = Selectable<BoardsTable>;
export type SectionRow = Selectable<BoardSectionsTable>;

/** A board with its owner's username, which every Board response shows. */
export interface BoardView extends BoardRow {
  owner_username: string;
}

/** What visibility depends on: who is looking, and whether their credential may see secret boards. */
export interface Viewer {
  userId: string | null;
  readSecret: boolean;
}

/**
 * The boards `viewer` may see, as a condition on the board table named `table` (unaliased
 * 'boards' by default): PUBLIC boards, and PROTECTED and (with boards:read_secret) SECRET boards
 * the viewer owns or has joined as an accepted collaborator; never the boards of a user who has
 * blocked the viewer or whom the viewer blocked.
 */
export function visibilityFilter(viewer: Viewer, table = 'boards'): RawBuilder<SqlBool> {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  if (viewer.userId === null) return sql<SqlBool>`${column('privacy')} = 'PUBLIC'`;
  const hidden = viewer.readSecret ? sql`('PROTECTED', 'SECRET')` : sql`('PROTECTED')`;
  return sql<SqlBool>`((${column('privacy')} = 'PUBLIC'
      or (${column('privacy')} in ${hidden}
          and (${column('owner_id')} = ${viewer.userId}
               or exists (select 1 from board_collaborators bc
                          where bc.board_id = ${column('id')} and bc.user_id = ${viewer.userId}
                            and bc.status = 'accepted'))))
    and ${notBlockedFilter(viewer.userId, `${table}.owner_id`)})`;
}

function boardViews(db: Kysely<DB>) {
  return db
    .selectFrom('boards')
    .innerJoin('users as board_owner', 'board_owner.id', 'boards.owner_id')
    .selectAll('boards')
    .select('board_owner.username as owner_username');
}

/** The board, if it exists and (when a viewer is given) the viewer may see it. */
export function findBoard(db: Kysely<DB>, id: string, viewer?: Viewer): Promise<BoardView | undefined> {
  let query = boardViews(db).where('boards.id', '=', id);
  if (viewer) query = query.where(visibilityFilter(viewer));
  return query.executeTakeFirst();
}

/** Locks the board row until the transaction ends, so no pin or section lands on it meanwhile. */
export function lockBoard(db: Kysely<DB>, id: string): Promise<BoardRow | undefined> {
  return db.selectFrom('boards').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function isAcceptedCollaborator(
  db: Kysely<DB>,
  boardId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('board_collaborators')
    .select('user_id')
    .where('board_id', '=', boardId)
    .where('user_id', '=', userId)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewBoard {
  owner_id: string;
  name: string;
  description: string;
  privacy: BoardPrivacy;
}

export function insertBoard(db: Kysely<DB>, board: NewBoard): Promise<BoardRow> {
  return db.insertInto('boards').values(board).returningAll().executeTakeFirstOrThrow();
}

export interface BoardPatch {
  name?: string;
  description?: string;
  privacy?: BoardPrivacy;
}

export async function updateBoard(db: Kysely<DB>, id: string, patch: BoardPatch): Promise<void> {
  await db
    .updateTable('boards')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/**
 * Deletes the board's pins, taking each pin's owner's pin_count down by their number, then the
 * board itself (sections, follows and collaborators go with it by cascade). Call with the board
 * locked, inside the transaction that also fixes the owner's board_count.
 */
export async function deleteBoardWithPins(db: Kysely<DB>, id: string): Promise<void> {
  await sql`
    with gone as (delete from pins where board_id = ${id} returning owner_id)
    update users set pin_count = greatest(users.pin_count - counted.n, 0)
    from (select owner_id, count(*)::int as n from gone group by owner_id) counted
    where users.id = counted.owner_id`.execute(db);
  await db.deleteFrom('boards').where('id', '=', id).execute();
}

/** Adds `delta` to the board's pin_count and marks its pins as modified now. */
export async function adjustPinCount(db: Kysely<DB>, boardId: string, delta: number): Promise<void> {
  await db
    .updateTable('boards')
    .set({
      pin_count: sql<number>`greatest(pin_count + ${delta}, 0)`,
      pins_modified_at: sql`now()`,
    })
    .where('id', '=', boardId)
    .execute();
}

export async function adjustFollowerCount(db: Kysely<DB>, boardId: string, delta: number): Promise<void> {
  await db
    .updateTable('boards')
    .set({ follower_count: sql<number>`greatest(follower_count + ${delta}, 0)` })
    .where('id', '=', boardId)
    .execute();
}

export async function adjustCollaboratorCount(db: Kysely<DB>, boardId: string, delta: number): Promise<void> {
  await db
    .updateTable('boards')
    .set({ collaborator_count: sql<number>`greatest(collaborator_count + ${delta}, 0)` })
    .where('id', '=', boardId)
    .execute();
}

/** Ends the follows of everyone who can no longer see the board (neither owner nor accepted collaborator). */
export async function dropFollowersWithoutAccess(db: Kysely<DB>, boardId: string): Promise<void> {
  await sql`
    with gone as (
      delete from board_follows bf using boards b
      where bf.board_id = b.id and b.id = ${boardId} and bf.user_id <> b.owner_id
        and not exists (select 1 from board_collaborators bc
                        where bc.board_id = b.id and bc.user_id = bf.user_id and bc.status = 'accepted')
      returning bf.board_id)
    update boards set follower_count = greatest(boards.follower_count - (select count(*)::int from gone), 0)
    where boards.id = ${boardId}`.execute(db);
}

export interface BoardListQuery {
  privacies: BoardPrivacy[];
  afterId: string | undefined;
  limit: number;
}

/** Boards `userId` owns or collaborates on (accepted), newest first, of the given privacies. */
export function listMemberBoards(
  db: Kysely<DB>,
  userId: string,
  viewer: Viewer,
  q: BoardListQuery,
): Promise<BoardView[]> {
  let query = boardViews(db)
    .where('boards.privacy', 'in', q.privacies)
    .where((eb) =>
      eb.or([
        eb('boards.owner_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('board_collaborators as bc')
            .select('bc.user_id')
            .whereRef('bc.board_id', '=', 'boards.id')
            .where('bc.user_id', '=', userId)
            .where('bc.status', '=', 'accepted'),
        ),
      ]),
    )
    .where(visibilityFilter(viewer));
  if (q.afterId) query = query.where('boards.id', '<', q.afterId);
  return query.orderBy('boards.id', 'desc').limit(q.limit).execute();
}

/** Boards `ownerId` owns that `viewer` may see, newest first. */
export function listOwnedBoards(
  db: Kysely<DB>,
  ownerId: string,
  viewer: Viewer,
  afterId: string | undefined,
  limit: number,
): Promise<BoardView[]> {
  let query = boardViews(db).where('boards.owner_id', '=', ownerId).where(visibilityFilter(viewer));
  if (afterId) query = query.where('boards.id', '<', afterId);
  return query.orderBy('boards.id', 'desc').limit(limit).execute();
}

// ---- sections ----

export function findSection(
  db: Kysely<DB>,
  boardId: string,
  sectionId: string,
): Promise<SectionRow | undefined> {
  return db
    .selectFrom('board_sections')
    .selectAll()
    .where('id', '=', sectionId)
    .where('board_id', '=', boardId)
    .executeTakeFirst();
}

/** Sections in the order they were made. */
export function listSections(
  db: Kysely<DB>,
  boardId: string,
  afterId: string | undefined,
  limit: number,
): Promise<SectionRow[]> {
  let query = db.selectFrom('board_sections').selectAll().where('board_id', '=', boardId);
  if (afterId) query = query.where('id', '>', afterId);
  return query.orderBy('id', 'asc').limit(limit).execute();
}

export function insertSection(db: Kysely<DB>, boardId: string, name: string): Promise<SectionRow> {
  return db
    .insertInto('board_sections')
    .values({ board_id: boardId, name })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function renameSection(
  db: Kysely<DB>,
  sectionId: string,
  name: string,
): Promise<SectionRow | undefined> {
  return db
    .updateTable('board_sections')
    .set({ name })
    .where('id', '=', sectionId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Deletes a section and, as Pinterest does, the pins in it: their owners' pin_count and the
 * board's pin_count go down in the same statement. Call inside a transaction with the board locked.
 */
export async function deleteSectionWithPins(
  db: Kysely<DB>,
  boardId: string,
  sectionId: string,
): Promise<void> {
  await sql`
    with gone as (delete from pins where section_id = ${sectionId} returning owner_id),
    users_fixed as (
      update users set pin_count = greatest(users.pin_count - counted.n, 0)
      from (select owner_id, count(*)::int as n from gone group by owner_id) counted
      where users.id = counted.owner_id)
    update boards
    set pin_count = greatest(boards.pin_count - (select count(*)::int from gone), 0), pins_modified_at = now()
    where boards.id = ${boardId}`.execute(db);
  await db.deleteFrom('board_sections').where('id', '=', sectionId).execute();
}

/** The board a pin is on (for access checks of pins referred to by id). */
export async function boardOfPin(db: Kysely<DB>, pinId: string): Promise<string | undefined> {
  const row = await db.selectFrom('pins').select('board_id').where('id', '=', pinId).executeTakeFirst();
  return row?.board_id;
}

// ---- media ----

export interface MediaRow {
  board_id: string;
  variants: Record<string, ImageVariant>;
}

/**
 * The first image of each board's first four pins (in board order), in that order per board:
 * the cover and the thumbnails of Board.media.
 */
export function boardMediaRows(db: Kysely<DB>, boardIds: string[]): Promise<MediaRow[]> {
  if (boardIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('boards')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('pins')
          .select(['pins.id as pin_id', 'pins.sort_key'])
          .whereRef('pins.board_id', '=', 'boards.id')
          .orderBy('pins.sort_key', 'desc')
          .orderBy('pins.id', 'desc')
          .limit(4)
          .as('p'),
      (join) => join.onTrue(),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('pin_images')
          .innerJoin('images', 'images.id', 'pin_images.image_id')
          .select('images.variants')
          .whereRef('pin_images.pin_id', '=', 'p.pin_id')
          .orderBy('pin_images.position', 'asc')
          .limit(1)
          .as('img'),
      (join) => join.onTrue(),
    )
    .select(['boards.id as board_id', 'img.variants'])
    .where('boards.id', 'in', boardIds)
    .orderBy('boards.id')
    .orderBy('p.sort_key', 'desc')
    .orderBy('p.pin_id', 'desc')
    .execute();
}
