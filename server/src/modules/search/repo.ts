// The search module's SQL for the three Pinterest search operations: full-text matches over
// pins.search (title, description, alt text and board name, with engagement tier markers; see
// ranking.ts) and boards.search (name and description), ranked and paged by (rank, id) keysets.
//
// Ranks travel in bookmarks, so they are rounded to a fixed number of decimals as `numeric`: the
// same query over the same rows always yields the same exact value, and comparing a bookmark's
// rank with a recomputed one is exact (no float text round trips).
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { withGenericPlans } from '../../db/generic-plans.ts';
import type { DB } from '../../db/schema.ts';
import type { BoardView } from '../boards/index.ts';
import { PIN_COLUMNS, PIN_IMAGES_JSON, type PinsService } from '../pins/index.ts';
import { notBlockedFilter } from '../social/index.ts';
import { bandQuery, candidateBands, ownIndexRange, prefixBands, rankSql, type TierBand } from './ranking.ts';
import type { TextQuery } from './text-query.ts';

/** What PinsService.present takes: a pin with its board's owner and privacy. */
export type PinRow = Parameters<PinsService['present']>[1][number];

/** A (rank, id) keyset position; rank is a decimal string. */
export type RankKey = [rank: string, id: string];

export type Ranked<T> = T & { rank: string };

/** A `where` condition over the unaliased `boards` table (BoardsService.visibleBoardsFilter). */
export type BoardCondition = () => Expression<SqlBool>;

/** A tsquery expression. */
export type TsQuery = RawBuilder<unknown>;

const RANK_DECIMALS = 9;

/** Every column of BoardsTable, named: `boards.*` would also fetch the search tsvector. */
const BOARD_COLUMNS = [
  'boards.id',
  'boards.owner_id',
  'boards.name',
  'boards.description',
  'boards.privacy',
  'boards.pin_count',
  'boards.follower_count',
  'boards.collaborator_count',
  'boards.created_at',
  'boards.updated_at',
  'boards.pins_modified_at',
] as const;

/** The words of a search box: websearch syntax, OR the same words with the last as a prefix. */
export function textTsQuery(q: TextQuery): TsQuery {
  const web = sql`websearch_to_tsquery('english', ${q.text})`;
  return q.prefix === null ? web : sql`(${web} || to_tsquery('english', ${q.prefix}))`;
}

/** Pins matching any of the queries. */
export const eitherTsQuery = (a: TsQuery, b: TsQuery): TsQuery => sql`(${a} || ${b})`;

/** A term as plain words, all required (a suggestion the user did not type). */
export const termTsQuery = (term: string): TsQuery => sql`plainto_tsquery('english', ${term})`;

const rounded = (rank: RawBuilder<unknown>) => sql<string>`round((${rank})::numeric, ${RANK_DECIMALS})`;

const afterKey = (after: RankKey, table = 'm') =>
  sql<SqlBool>`(${sql.ref(`${table}.rank`)}, ${sql.ref(`${table}.id`)}) < (${after[0]}::numeric, ${after[1]}::bigint)`;

function pinsWithBoards(db: Kysely<DB>) {
  return db
    .selectFrom('pins')
    .innerJoin('boards', 'boards.id', 'pins.board_id')
    .innerJoin('users as board_owner', 'board_owner.id', 'boards.owner_id')
    .select(PIN_COLUMNS)
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
 * The owner's pins matching the text, or named by id in it, best first, by text relevance alone.
 * A pin named by id ranks above every text match (text ranks stay far below 1000).
 */
export function searchOwnPins(db: Kysely<DB>, q: OwnPinsQuery): Promise<Ranked<PinRow>[]> {
  const tsq = textTsQuery(q.text);
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

/**
 * What public pins must match: `exact` words, and optionally `prefix` (the same words with the last
 * one a prefix, for a partly typed word). Prefix matches are read only after exact ones: a prefix
 * makes GIN collect every posting of every word it starts (all 1M pins for "idea:*"), which exact
 * words, intersected with a tier marker's postings, never do.
 */
export interface TextMatch {
  exact: TsQuery;
  prefix: TsQuery | null;
}

/** The words of a search box as a TextMatch (text-query.ts built the prefix form). */
export function textMatch(q: TextQuery): TextMatch {
  return {
    exact: sql`websearch_to_tsquery('english', ${q.text})`,
    prefix: q.prefix === null ? null : sql`to_tsquery('english', ${q.prefix})`,
  };
}

export interface CandidatesQuery {
  viewerId: string | null;
  match: TextMatch;
  /** Which boards the viewer may see; only the PUBLIC ones among them are searched. */
  boardVisible: BoardCondition;
  /** How many matches to rank at most (see candidateBands). */
  candidates: number;
}

export interface PublicPinsQuery extends CandidatesQuery {
  after?: RankKey;
  limit: number;
}

const anyOf = (m: TextMatch): TsQuery => (m.prefix === null ? m.exact : eitherTsQuery(m.exact, m.prefix));

/** Pins whose document matches `words`, with what ranking needs. */
function matchingPins(db: Kysely<DB>, q: CandidatesQuery, words: TsQuery) {
  return db
    .selectFrom('pins')
    .select([
      'pins.id',
      'pins.origin_pin_id',
      'pins.board_id',
      'pins.owner_id',
      'pins.save_count',
      'pins.comment_count',
      'pins.reaction_count',
    ])
    .select(sql<number>`ts_rank_cd(pins.search, ${anyOf(q.match)})`.as('text_rank'))
    .where(sql<SqlBool>`pins.search @@ ${words}`)
    .limit(q.candidates);
}

/**
 * Originals whose document matches `words` in one engagement band; the lowest band newest first.
 * The two most engaged bands read indexes of their own (ownIndexRange), the others the index of
 * all originals (pins_search_originals) with the band's tier markers; each condition names its
 * index's predicate.
 */
function bandCandidates(db: Kysely<DB>, q: CandidatesQuery, words: TsQuery, band: TierBand) {
  const range = ownIndexRange(band);
  const markers = range === null ? bandQuery(band) : null;
  const matches = markers === null ? words : sql`(${words} && ${sql.lit(markers)}::tsquery)`;
  const engagement = sql`pins.save_count + pins.comment_count + pins.reaction_count`;
  return matchingPins(db, q, matches)
    .where('pins.parent_pin_id', 'is', null)
    .$if(range !== null, (s) => s.where(sql<SqlBool>`${engagement} >= ${sql.lit(range!.min)}`))
    .$if(range?.max != null, (s) => s.where(sql<SqlBool>`${engagement} < ${sql.lit(range!.max)}`))
    .$if(band.from === 0, (s) => s.orderBy('pins.created_at', 'desc').orderBy('pins.id', 'desc'));
}

/**
 * Saves matching the words, newest first, from the index of every pin (pins_search). They stand in
 * for originals the viewer may not see (an original on a board turned secret, saved to public
 * boards); where the original is visible too, the best-ranked of them is kept (publicPinsSql).
 */
function copyCandidates(db: Kysely<DB>, q: CandidatesQuery) {
  return matchingPins(db, q, anyOf(q.match))
    .where('pins.parent_pin_id', 'is not', null)
    .orderBy('pins.created_at', 'desc')
    .orderBy('pins.id', 'desc');
}

/**
 * The pins a public search ranks: visible matches on public boards, never a pinner's who and the
 * viewer have blocked each other (the board filter already excludes blocked board owners), as rows
 * (id, origin_pin_id, save_count, comment_count, reaction_count, text_rank).
 *
 * Only the first `candidates` matches are taken, originals band by band from the most engaged
 * (candidateBands), exact words before prefixes, then saves: `union all` runs its branches in
 * order, and the LIMIT above the visibility join stops it as soon as it has enough visible pins.
 * So a word matching 100k pins reads a few hundred rows, not 100k: each branch reads a band's own
 * index, or intersects the words' GIN postings with a tier marker's. Saves, which outnumber
 * originals ten to one, are read only for queries with few matches (a save's words are its
 * original's, so they add pins only where originals are hidden). A query with fewer matches takes
 * all of them. The set is the same for every page of one search while the pins do not change.
 */
export function publicCandidates(db: Kysely<DB>, q: CandidatesQuery): RawBuilder<unknown> {
  const { exact, prefix } = q.match;
  const branches = candidateBands().map((band) => sql`(${bandCandidates(db, q, exact, band)})`);
  if (prefix !== null) {
    // Prefix matches that are not exact matches already (those came first).
    const rest = sql`(${prefix} && !!${exact})`;
    for (const band of prefixBands()) branches.push(sql`(${bandCandidates(db, q, rest, band)})`);
  }
  branches.push(sql`(${copyCandidates(db, q)})`);
  return sql`select c.id, c.origin_pin_id, c.save_count, c.comment_count, c.reaction_count, c.text_rank
    from (${sql.join(branches, sql` union all `)}) as c
    join boards on boards.id = c.board_id
    where boards.privacy = 'PUBLIC' and ${q.boardVisible()} and ${notBlockedFilter(q.viewerId, 'c.owner_id')}
    limit ${q.candidates}`;
}

/**
 * Public pins matching the query, one per original (the best-ranked copy), best first (ranking.ts).
 * With a generic plan (db/generic-plans.ts): which index each branch reads never depends on the
 * words.
 */
export function searchPublicPins(db: Kysely<DB>, q: PublicPinsQuery): Promise<Ranked<PinRow>[]> {
  return withGenericPlans(db, async (trx) => (await publicPinsSql(trx, q).execute(trx)).rows);
}

/** searchPublicPins's plan as PostgreSQL ran it (EXPLAIN ANALYZE, JSON): which indexes, how many rows. */
export async function explainPublicPins(db: Kysely<DB>, q: PublicPinsQuery): Promise<unknown> {
  const result = await sql<{ 'QUERY PLAN': unknown }>`explain (analyze, buffers, format json) ${publicPinsSql(
    db,
    q,
  )}`.execute(db);
  return result.rows[0]!['QUERY PLAN'];
}

function publicPinsSql(db: Kysely<DB>, q: PublicPinsQuery) {
  const rank = sql.raw(rankSql('c'));
  return sql<Ranked<PinRow>>`
    with candidates as materialized (${publicCandidates(db, q)}),
    best as (
      select distinct on (c.origin_pin_id) c.id, ${rounded(rank)} as rank
      from candidates c
      order by c.origin_pin_id, rank desc, c.id desc
    ),
    page as (
      select best.id, best.rank from best
      where ${q.after === undefined ? sql`true` : afterKey(q.after, 'best')}
      order by best.rank desc, best.id desc
      limit ${q.limit}
    )
    select ${sql.join(PIN_COLUMNS.map((column) => sql.ref(column)))},
      boards.owner_id as board_owner_id, board_owner.username as board_owner_username,
      boards.privacy as board_privacy, ${PIN_IMAGES_JSON} as images, page.rank
    from page
    join pins on pins.id = page.id
    join boards on boards.id = pins.board_id
    join users as board_owner on board_owner.id = boards.owner_id
    order by page.rank desc, page.id desc`;
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
    const tsq = textTsQuery(q.text);
    rank = sql`ts_rank_cd(boards.search, ${tsq})`;
    match = sql<SqlBool>`(boards.search @@ ${tsq}
      or boards.name ilike ${q.contains} or boards.description ilike ${q.contains})`;
  }
  const matches = db
    .selectFrom('boards')
    .innerJoin('users as board_owner', 'board_owner.id', 'boards.owner_id')
    .select(BOARD_COLUMNS)
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
