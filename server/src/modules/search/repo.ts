// The search module's SQL: full-text matches over pins.search (a stored, weighted tsvector with a
// GIN index) and over board names and descriptions, ranked and paged by (rank, id) keysets.
//
// Ranks travel in bookmarks, so they are rounded to a fixed number of decimals as `numeric`: the
// same query over the same rows always yields the same exact value, and comparing a bookmark's
// rank with a recomputed one is exact (no float text round trips).
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BoardView } from '../boards/index.ts';
import type { PinsService } from '../pins/index.ts';
import { notBlockedFilter } from '../social/index.ts';
import type { TextQuery } from './text-query.ts';

/** What PinsService.present takes: a pin with its board's owner and privacy. */
export type PinRow = Parameters<PinsService['present']>[1][number];

/** A (rank, id) keyset position; rank is a decimal string. */
export type RankKey = [rank: string, id: string];

export type Ranked<T> = T & { rank: string };

/** A `where` condition over the unaliased `boards` table (BoardsService.visibleBoardsFilter). */
export type BoardCondition = () => Expression<SqlBool>;

const RANK_DECIMALS = 9;

function tsQuery(q: TextQuery): RawBuilder<unknown> {
  const web = sql`websearch_to_tsquery('english', ${q.text})`;
  return q.prefix === null ? web : sql`(${web} || to_tsquery('english', ${q.prefix}))`;
}

const rounded = (rank: RawBuilder<unknown>) => sql<string>`round((${rank})::numeric, ${RANK_DECIMALS})`;

const afterKey = (after: RankKey) =>
  sql<SqlBool>`(m.rank, m.id) < (${after[0]}::numeric, ${after[1]}::bigint)`;

function pinsWithBoards(db: Kysely<DB>) {
  return db
    .selectFrom('pins')
    .innerJoin('boards', 'boards.id', 'pins.board_id')
    .innerJoin('users as board_owner', 'board_owner.id', 'boards.owner_id')
    .selectAll('pins')
    .select([
      'boards.owner_id as board_owner_id',
      'board_owner.username as board_owner_username',
      'boards.privacy as board_privacy',
    ]);
}

export interface OwnPinsQuery {
  ownerId: string;
  text: TextQuery;
  /** Which boards the pins may be on (what the caller may see). */
  boardVisible: BoardCondition;
  includeSecret: boolean;
  after?: RankKey;
  limit: number;
}

/**
 * The owner's pins matching the text, or named by id in it, best first. A pin named by id ranks
 * above every text match (text ranks stay far below 1000).
 */
export function searchOwnPins(db: Kysely<DB>, q: OwnPinsQuery): Promise<Ranked<PinRow>[]> {
  const tsq = tsQuery(q.text);
  const named = q.text.ids.length > 0 ? sql<SqlBool>`pins.id in (${sql.join(q.text.ids)})` : sql`false`;
  const matches = pinsWithBoards(db)
    .select(
      rounded(sql`ts_rank_cd(pins.search, ${tsq}) + case when ${named} then 1000 else 0 end`).as('rank'),
    )
    .where('pins.owner_id', '=', q.ownerId)
    .where(q.boardVisible())
    .$if(!q.includeSecret, (s) => s.where('boards.privacy', '!=', 'SECRET'))
    .where(sql<SqlBool>`(pins.search @@ ${tsq} or ${named})`);
  return db
    .selectFrom(matches.as('m'))
    .selectAll()
    .$if(q.after !== undefined, (s) => s.where(afterKey(q.after!)))
    .orderBy('m.rank', 'desc')
    .orderBy('m.id', 'desc')
    .limit(q.limit)
    .execute() as Promise<Ranked<PinRow>[]>;
}

export interface PublicPinsQuery {
  viewerId: string | null;
  text: TextQuery;
  /** Which boards the viewer may see; only the PUBLIC ones among them are searched. */
  boardVisible: BoardCondition;
  after?: RankKey;
  limit: number;
}

/**
 * Pins on public boards matching the text, never a pinner's who and the viewer have blocked
 * each other (the board filter already excludes blocked board owners), one per original (the best-ranked of its copies), best
 * first: text relevance times a gentle engagement factor, 1 + ln(1 + saves).
 */
export function searchPublicPins(db: Kysely<DB>, q: PublicPinsQuery): Promise<Ranked<PinRow>[]> {
  const tsq = tsQuery(q.text);
  const matches = pinsWithBoards(db)
    .select(rounded(sql`ts_rank_cd(pins.search, ${tsq}) * (1 + ln(1 + pins.save_count))`).as('rank'))
    .where('boards.privacy', '=', 'PUBLIC')
    .where(q.boardVisible())
    .where(notBlockedFilter(q.viewerId, 'pins.owner_id'))
    .where(sql<SqlBool>`pins.search @@ ${tsq}`);
  const perOrigin = db
    .selectFrom(matches.as('m'))
    .selectAll()
    .distinctOn('m.origin_pin_id')
    .orderBy('m.origin_pin_id')
    .orderBy('m.rank', 'desc')
    .orderBy('m.id', 'desc');
  return db
    .selectFrom(perOrigin.as('m'))
    .selectAll()
    .$if(q.after !== undefined, (s) => s.where(afterKey(q.after!)))
    .orderBy('m.rank', 'desc')
    .orderBy('m.id', 'desc')
    .limit(q.limit)
    .execute() as Promise<Ranked<PinRow>[]>;
}

export interface MemberBoardsQuery {
  userId: string;
  /** Null lists every board the user is a member of. */
  text: TextQuery | null;
  /** A LIKE pattern for substrings of names and descriptions the word search misses. */
  contains: string | null;
  boardVisible: BoardCondition;
  after?: RankKey;
  limit: number;
}

/**
 * Boards the user owns or has joined as an accepted collaborator whose name (weighted above the
 * description) or description match, best first; substring matches rank 0.
 */
export function searchMemberBoards(db: Kysely<DB>, q: MemberBoardsQuery): Promise<Ranked<BoardView>[]> {
  const member = sql<SqlBool>`(boards.owner_id = ${q.userId} or exists (
      select 1 from board_collaborators bc
      where bc.board_id = boards.id and bc.user_id = ${q.userId} and bc.status = 'accepted'))`;
  let rank: RawBuilder<unknown> = sql`0`;
  let match: RawBuilder<SqlBool> = sql<SqlBool>`true`;
  if (q.text) {
    const tsq = tsQuery(q.text);
    const document = sql`(setweight(to_tsvector('english', boards.name), 'A') ||
      setweight(to_tsvector('english', boards.description), 'B'))`;
    rank = sql`ts_rank_cd(${document}, ${tsq})`;
    match = sql<SqlBool>`(${document} @@ ${tsq}
      or boards.name ilike ${q.contains} or boards.description ilike ${q.contains})`;
  }
  const matches = db
    .selectFrom('boards')
    .innerJoin('users as board_owner', 'board_owner.id', 'boards.owner_id')
    .selectAll('boards')
    .select('board_owner.username as owner_username')
    .select(rounded(rank).as('rank'))
    .where(member)
    .where(q.boardVisible())
    .where(match);
  return db
    .selectFrom(matches.as('m'))
    .selectAll()
    .$if(q.after !== undefined, (s) => s.where(afterKey(q.after!)))
    .orderBy('m.rank', 'desc')
    .orderBy('m.id', 'desc')
    .limit(q.limit)
    .execute() as Promise<Ranked<BoardView>[]>;
}
