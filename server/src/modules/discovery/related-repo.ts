// The related-pins endpoint's SQL: candidate pins with what ranking needs (board, pinner, first
// image and its dHash), text-similar pins, the board's and the topic's popular pins, and the board
// names a viewer's topics come from. Every candidate query applies the same rules: originals only
// (a save shows its original's picture, so the original stands for all its copies), on PUBLIC
// boards, never a pin whose pinner or board owner and the viewer have blocked each other.
//
// Id lists travel as one bigint[] parameter, so each query's text is the same whatever the list's
// length and runs as one prepared statement.
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PinsService } from '../pins/index.ts';
import { notBlockedFilter } from '../social/index.ts';

export interface CandidateRow {
  id: string;
  board_id: string;
  owner_id: string;
  save_count: number;
  /** The first image's stored id and dHash (null for a pin without images). */
  image_id: string | null;
  phash: string | null;
}

const CANDIDATE_COLUMNS = sql`p.id::text as id, p.board_id::text as board_id, p.owner_id::text as owner_id,
  p.save_count, pi.image_id::text as image_id, im.phash::text as phash`;

const CANDIDATE_JOINS = sql`join boards b on b.id = p.board_id and b.privacy = 'PUBLIC'
  left join pin_images pi on pi.pin_id = p.id and pi.position = 0
  left join images im on im.id = pi.image_id`;

/** Originals on public boards whose pinner and board owner the viewer may see (no block either way). */
function shownTo(viewerId: string | null): RawBuilder<SqlBool> {
  return sql<SqlBool>`p.id = p.origin_pin_id and ${notBlockedFilter(viewerId, 'p.owner_id')}
    and ${notBlockedFilter(viewerId, 'b.owner_id')}`;
}

/** The pins among `ids` that may be shown to the viewer as recommendations (any order). */
export async function shownCandidates(
  db: Kysely<DB>,
  ids: readonly string[],
  viewerId: string | null,
): Promise<CandidateRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<CandidateRow>`
    select ${CANDIDATE_COLUMNS}
    from pins p ${CANDIDATE_JOINS}
    where p.id = any(${sql.val(ids)}::bigint[]) and ${shownTo(viewerId)}`.execute(db);
  return result.rows;
}

export interface TextMatchQuery {
  /** Words of the pin: title, description, its board's name. */
  text: string;
  /** The pin's original (never returned). */
  originId: string;
  viewerId: string | null;
  limit: number;
}

/** At most this many distinct words of a pin make its text query (they are OR-ed). */
const MAX_QUERY_WORDS = 24;

/**
 * Pins sharing words with the text (any of them, stemmed as pins.search is), best text rank first,
 * then most saved. The query is built from the text's own lexemes, so no word of it is parsed as
 * query syntax.
 */
export async function textMatches(db: Kysely<DB>, q: TextMatchQuery): Promise<CandidateRow[]> {
  const result = await sql<CandidateRow>`
    with words as (
      select to_tsquery('simple', string_agg(quote_literal(w.lexeme), ' | ')) as query
      from (select lexeme from unnest(to_tsvector('english', ${q.text})) limit ${MAX_QUERY_WORDS}) w
    )
    select ${CANDIDATE_COLUMNS}
    from pins p ${CANDIDATE_JOINS}
    where p.search @@ (select query from words) and p.parent_pin_id is null
      and p.id <> ${q.originId}::bigint and ${shownTo(q.viewerId)}
    order by ts_rank(p.search, (select query from words)) desc, p.save_count desc, p.id desc
    limit ${q.limit}`.execute(db);
  return result.rows;
}

export interface BoardPopularQuery {
  boardId: string;
  originId: string;
  viewerId: string | null;
  limit: number;
}

/** The board's other pins, most saved first (nothing when the board is not public). */
export async function boardPopular(db: Kysely<DB>, q: BoardPopularQuery): Promise<CandidateRow[]> {
  const result = await sql<CandidateRow>`
    select ${CANDIDATE_COLUMNS}
    from pins p ${CANDIDATE_JOINS}
    where p.board_id = ${q.boardId}::bigint and p.id <> ${q.originId}::bigint and ${shownTo(q.viewerId)}
    order by p.save_count desc, p.id desc
    limit ${q.limit}`.execute(db);
  return result.rows;
}

export interface TopicPopularQuery {
  /** A board-name pattern (topic-match.ts), for `~*`. */
  pattern: string;
  originId: string;
  viewerId: string | null;
  /** Only pins created in the last this many days. */
  withinDays: number;
  limit: number;
}

/** Recent pins on public boards of the topic, most saved first. */
export async function topicPopular(db: Kysely<DB>, q: TopicPopularQuery): Promise<CandidateRow[]> {
  const result = await sql<CandidateRow>`
    select ${CANDIDATE_COLUMNS}
    from pins p ${CANDIDATE_JOINS}
    where b.name ~* ${q.pattern} and p.id <> ${q.originId}::bigint and ${shownTo(q.viewerId)}
      and p.created_at > now() - make_interval(days => ${q.withinDays})
    order by p.save_count desc, p.id desc
    limit ${q.limit}`.execute(db);
  return result.rows;
}

export interface QueryPinFacts {
  board_name: string;
  image_id: string | null;
  phash: string | null;
}

/** The pin's board name and first image, which the walk and the fallbacks start from. */
export async function queryPinFacts(db: Kysely<DB>, pinId: string): Promise<QueryPinFacts | undefined> {
  const result = await sql<QueryPinFacts>`
    select b.name as board_name, pi.image_id::text as image_id, im.phash::text as phash
    from pins p join boards b on b.id = p.board_id
      left join pin_images pi on pi.pin_id = p.id and pi.position = 0
      left join images im on im.id = pi.image_id
    where p.id = ${pinId}::bigint`.execute(db);
  return result.rows[0];
}

/** Names of the boards the user keeps and follows, newest first (where their topics show). */
export async function boardNamesOf(db: Kysely<DB>, userId: string, limit: number): Promise<string[]> {
  const result = await sql<{ name: string }>`
    (select name from boards where owner_id = ${userId}::bigint order by id desc limit ${limit})
    union all
    (select b.name from board_follows f join boards b on b.id = f.board_id
     where f.user_id = ${userId}::bigint order by f.created_at desc limit ${limit})`.execute(db);
  return result.rows.map((row) => row.name);
}

/** What PinsService.present takes: a pin with its board's owner and privacy. */
export type PinRow = Parameters<PinsService['present']>[1][number];

/** The rows of a page of related pins, re-checked by the same rules (blocks may be new since). */
export function pagePins(db: Kysely<DB>, ids: readonly string[], viewerId: string | null): Promise<PinRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pins as p')
    .innerJoin('boards as b', 'b.id', 'p.board_id')
    .innerJoin('users as board_owner', 'board_owner.id', 'b.owner_id')
    .select([
      'p.id',
      'p.owner_id',
      'p.board_id',
      'p.section_id',
      'p.parent_pin_id',
      'p.origin_pin_id',
      'p.title',
      'p.description',
      'p.link',
      'p.alt_text',
      'p.dominant_color',
      'p.media_type',
      'p.creative_type',
      'p.is_standard',
      'p.sort_key',
      'p.save_count',
      'p.comment_count',
      'p.reaction_count',
      'p.created_at',
      'p.updated_at',
      'b.owner_id as board_owner_id',
      'board_owner.username as board_owner_username',
      'b.privacy as board_privacy',
    ])
    .where(sql<SqlBool>`p.id = any(${sql.val(ids)}::bigint[])`)
    .where('b.privacy', '=', 'PUBLIC')
    .where(shownTo(viewerId))
    .execute();
}
