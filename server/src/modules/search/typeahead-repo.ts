// Typeahead's SQL: trigram (pg_trgm) matches over the search_terms vocabulary, the caller's own
// boards and people; other boards are found by the names the vocabulary matched. Each match scores 2 for the exact text, 1 for text that starts with the input, plus the
// better of similarity (whole strings: "kitchn" ~ "kitchen" 0.5) and word_similarity (the input
// against the closest stretch of words: "inspo" in "kitchen inspo" 1.0). The filters `%` and `<%`
// (thresholds 0.3 and 0.6, pg_trgm's defaults) and the LIKE prefix all use the GIN trigram indexes.
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BoardView } from '../boards/index.ts';
import { notBlockedFilter } from '../social/index.ts';
import { tierLexeme } from './ranking.ts';
import type { BoardCondition } from './repo.ts';

export interface TermMatch {
  term: string;
  pins: number;
  boards: number;
}

export interface UserMatch {
  id: string;
  username: string;
  display_name: string;
  profile_image: string;
  follower_count: number;
}

/** The input, and the LIKE pattern of text that starts with it. */
export interface TypedText {
  text: string;
  startsWith: string;
}

/** Whether `column` matches the typed text, and how well. */
function trigramMatch(column: RawBuilder<unknown>, t: TypedText) {
  return {
    where: sql<SqlBool>`(${column} % ${t.text} or ${t.text} <% ${column} or ${column} like ${t.startsWith})`,
    score: sql<number>`(case when ${column} = ${t.text} then 2 when ${column} like ${t.startsWith} then 1 else 0 end
      + greatest(similarity(${column}, ${t.text}), word_similarity(${t.text}, ${column})))`,
  };
}

/** Vocabulary terms like the typed text, best first, then the most used. */
export async function matchingTerms(db: Kysely<DB>, t: TypedText, limit: number): Promise<TermMatch[]> {
  const m = trigramMatch(sql.ref('search_terms.term'), t);
  return db
    .selectFrom('search_terms')
    .select(['term', 'pins', 'boards'])
    .where(m.where)
    .orderBy(m.score, 'desc')
    .orderBy(sql`pins + boards`, 'desc')
    .orderBy('term')
    .limit(limit)
    .execute();
}

/**
 * Makes the rest of the transaction plan without sequential scans where an index can serve. For
 * visibleTerms: an EXISTS over pins for a term known only at run time is planned as "scan pins
 * until the first match", cheap for a common word and a read of the whole table for a rare one;
 * the GIN index answers both quickly.
 */
export async function preferIndexScans(trx: Kysely<DB>): Promise<void> {
  await sql`set local enable_seqscan = off`.execute(trx);
}

/**
 * The terms that still name something the viewer may see: a public board with that name, or a
 * public original pin with the words in its title, description, alt text or board name, never a
 * blocked pinner's (originals stand for their saves: only they are indexed). The vocabulary is
 * rebuilt now and then; this keeps a board that turned secret (or a pinner the viewer blocked) out
 * of suggestions in the meantime. Pins are looked for among engaged
 * ones first: for a common word that answers from a few GIN postings. Run it after
 * preferIndexScans, in the same transaction.
 */
export async function visibleTerms(
  db: Kysely<DB>,
  terms: string[],
  viewerId: string | null,
  boardVisible: BoardCondition,
): Promise<string[]> {
  if (terms.length === 0) return [];
  const publicPinWith = (extra: string | null) => sql<SqlBool>`exists (
      select 1 from pins join boards on boards.id = pins.board_id
      where pins.search @@ ${
        extra === null
          ? sql`plainto_tsquery('english', t.term)`
          : sql`(plainto_tsquery('english', t.term) && ${sql.lit(`'${extra}'`)}::tsquery)`
      }
        and pins.parent_pin_id is null and boards.privacy = 'PUBLIC' and ${boardVisible()} and ${notBlockedFilter(viewerId, 'pins.owner_id')})`;
  const result = await sql<{ term: string }>`
    select t.term from unnest(${terms}::text[]) with ordinality as t(term, position)
    where exists (select 1 from boards
                  where search_phrase(boards.name) = t.term and boards.privacy = 'PUBLIC' and ${boardVisible()})
       or ${publicPinWith(tierLexeme(2))}
       or ${publicPinWith(null)}
    order by t.position`.execute(db);
  return result.rows.map((row) => row.term);
}

const BOARD_VIEW_COLUMNS = sql.raw(`boards.id, boards.owner_id, boards.name, boards.description,
  boards.privacy, boards.pin_count, boards.follower_count, boards.collaborator_count, boards.created_at,
  boards.updated_at, boards.pins_modified_at, board_owner.username as owner_username`);

/**
 * The caller's own boards and the group boards they joined whose name is like the typed text,
 * best match first (their secret ones only where the board filter admits them).
 */
export async function ownBoardsLike(
  db: Kysely<DB>,
  t: TypedText,
  userId: string,
  boardVisible: BoardCondition,
  limit: number,
): Promise<BoardView[]> {
  const m = trigramMatch(sql`search_phrase(boards.name)`, t);
  const result = await sql<BoardView>`
    select ${BOARD_VIEW_COLUMNS}
    from boards join users as board_owner on board_owner.id = boards.owner_id
    where boards.id in (
        select mine.id from boards as mine where mine.owner_id = ${userId}
        union all
        select bc.board_id from board_collaborators bc where bc.user_id = ${userId} and bc.status = 'accepted')
      and ${m.where} and ${boardVisible()}
    order by ${m.score} desc, boards.id desc
    limit ${limit}`.execute(db);
  return result.rows;
}

/**
 * For each name in turn (search_phrase form, e.g. vocabulary terms), the most followed boards the
 * viewer may see that are called exactly that: an index range per name (boards_name_phrase), not a
 * trigram scan over every board that shares a popular name.
 */
export async function boardsNamed(
  db: Kysely<DB>,
  names: string[],
  boardVisible: BoardCondition,
  limit: number,
): Promise<BoardView[]> {
  if (names.length === 0) return [];
  const result = await sql<BoardView>`
    select named.* from unnest(${names}::text[]) with ordinality as n(name, position)
    cross join lateral (
      select ${BOARD_VIEW_COLUMNS}
      from boards join users as board_owner on board_owner.id = boards.owner_id
      where search_phrase(boards.name) = n.name and ${boardVisible()}
      order by boards.follower_count desc, boards.id desc
      limit ${limit}
    ) as named
    order by n.position, named.follower_count desc, named.id desc
    limit ${limit}`.execute(db);
  return result.rows;
}

/** People whose username or display name is like the typed text, never one blocked either way. */
export function matchingUsers(
  db: Kysely<DB>,
  t: TypedText,
  viewerId: string | null,
  limit: number,
): Promise<UserMatch[]> {
  const byName = trigramMatch(sql`lower(users.username)`, t);
  const byDisplay = trigramMatch(sql`lower(users.display_name)`, t);
  const where: Expression<SqlBool> = sql<SqlBool>`(${byName.where} or ${byDisplay.where})`;
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'profile_image', 'follower_count'])
    .where(where)
    .where(notBlockedFilter(viewerId, 'users.id'))
    .orderBy(sql`greatest(${byName.score}, ${byDisplay.score})`, 'desc')
    .orderBy('follower_count', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
