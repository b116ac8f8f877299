// The vocabulary's SQL: rebuilding search_terms from public pins and boards, and the words that
// refine a query (guided search), counted over its best matches.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type CandidatesQuery, publicCandidates } from './repo.ts';

export interface Refresh {
  refreshedAt: Date;
  terms: number;
  publicPins: number;
  seconds: number;
}

/** Advisory lock key: "cbsearch" + 1, one vocabulary rebuild at a time across processes. */
const REBUILD_LOCK = 0x63627365_6172_01n;

/** The last rebuild, if any. */
export async function lastRefresh(db: Kysely<DB>): Promise<Refresh | undefined> {
  const row = await db.selectFrom('search_term_refreshes').selectAll().executeTakeFirst();
  return row
    ? {
        refreshedAt: new Date(row.refreshed_at),
        terms: row.terms,
        publicPins: row.public_pins,
        seconds: row.seconds,
      }
    : undefined;
}

/**
 * Takes the rebuild lock for the transaction: waiting for it (`wait`), or giving up at once when
 * another process holds it. Returns whether it is held.
 */
export async function lockRebuild(trx: Kysely<DB>, wait: boolean): Promise<boolean> {
  const key = REBUILD_LOCK.toString();
  if (wait) {
    await sql`select pg_advisory_xact_lock(${key}::bigint)`.execute(trx);
    return true;
  }
  const result = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${key}::bigint) as ok`.execute(
    trx,
  );
  return result.rows[0]!.ok;
}

/**
 * Rebuilds search_terms in the transaction `trx`: the words (letters only, 3 to 40 of them, not
 * English stop words) of public pin titles, counted by pins, and of public board names, counted by
 * boards; and public board names of two words or more (up to 60 characters), counted by boards.
 * Rows are upserted and the ones no longer found deleted, so readers never see an empty table.
 * One pass over public pins: O(pins), seconds for a million.
 */
export async function rebuildTerms(trx: Kysely<DB>, startedMs: number): Promise<Refresh> {
  await sql`
    insert into search_terms (term, pins, boards, refreshed_at)
    select term, sum(pins)::integer, sum(boards)::integer, now() from (
      select w.word as term, count(*) as pins, 0 as boards
      from pins join boards on boards.id = pins.board_id
      cross join lateral unnest(tsvector_to_array(to_tsvector('simple', pins.title))) as w(word)
      where boards.privacy = 'PUBLIC' and w.word ~ '^[[:alpha:]]{3,40}$'
      group by w.word
      union all
      select w.word, 0, count(*)
      from boards cross join lateral unnest(tsvector_to_array(to_tsvector('simple', boards.name))) as w(word)
      where boards.privacy = 'PUBLIC' and w.word ~ '^[[:alpha:]]{3,40}$'
      group by w.word
      union all
      select search_phrase(boards.name), 0, count(*)
      from boards
      where boards.privacy = 'PUBLIC' and search_phrase(boards.name) like '% %'
        and length(search_phrase(boards.name)) <= 60
      group by 1
    ) as found
    where to_tsvector('english', term) <> ''::tsvector
    group by term
    on conflict (term) do update
      set pins = excluded.pins, boards = excluded.boards, refreshed_at = excluded.refreshed_at`.execute(trx);
  await sql`delete from search_terms where refreshed_at < now()`.execute(trx);
  const counts = await sql<{ terms: number; public_pins: number }>`select
      (select count(*)::integer from search_terms) as terms,
      (select coalesce(sum(pin_count), 0)::integer from boards where privacy = 'PUBLIC') as public_pins`.execute(
    trx,
  );
  const { terms, public_pins: publicPins } = counts.rows[0]!;
  const seconds = (Date.now() - startedMs) / 1000;
  const row = await trx
    .insertInto('search_term_refreshes')
    .values({ refreshed_at: sql`now()`, terms, public_pins: publicPins, seconds })
    .onConflict((oc) =>
      oc.column('singleton').doUpdateSet((eb) => ({
        refreshed_at: eb.ref('excluded.refreshed_at'),
        terms: eb.ref('excluded.terms'),
        public_pins: eb.ref('excluded.public_pins'),
        seconds: eb.ref('excluded.seconds'),
      })),
    )
    .returning('refreshed_at')
    .executeTakeFirstOrThrow();
  return { refreshedAt: new Date(row.refreshed_at), terms, publicPins, seconds };
}

export interface RefinementsQuery extends CandidatesQuery {
  /** The query's own text: its words (stemmed) are not refinements. */
  text: string;
  limit: number;
}

export interface RefinementWord {
  term: string;
  /** How many sampled pins have the word in their title or board name. */
  pins: number;
}

/**
 * Words in the titles and board names of the query's best matches (the ranking candidates), other
 * than the query's own words, stop words and words under 3 letters, found in at least 2 of them
 * and in at most 90% (a word on nearly every match does not narrow anything);
 * ordered by how many have the word times how rare it is among all public pins (its inverse
 * document frequency from search_terms; without a vocabulary yet, by count alone).
 */
export async function refinementWords(db: Kysely<DB>, q: RefinementsQuery): Promise<RefinementWord[]> {
  const result = await sql<RefinementWord>`
    with candidates as materialized (${publicCandidates(db, q)}),
    sample_words as (
      select w.word, count(*)::integer as pins
      from candidates c
      join pins on pins.id = c.id
      join boards on boards.id = pins.board_id
      cross join lateral unnest(tsvector_to_array(to_tsvector('simple', pins.title || ' ' || boards.name))) as w(word)
      group by w.word
    ),
    sample as (select count(*) as pins from candidates),
    total as (select coalesce(max(public_pins), 0) as pins from search_term_refreshes)
    select s.word as term, s.pins
    from sample_words s
    cross join sample
    cross join total
    left join search_terms t on t.term = s.word
    where s.pins >= 2 and s.pins * 10 <= sample.pins * 9
      and s.word ~ '^[[:alpha:]]{3,40}$'
      and to_tsvector('english', s.word) <> ''::tsvector
      and not (tsvector_to_array(to_tsvector('english', s.word))
               && tsvector_to_array(to_tsvector('english', ${q.text})))
    order by s.pins * ln((total.pins + 2.0) / (least(coalesce(t.pins + t.boards, 0), total.pins) + 1.0)) desc,
      s.pins desc, s.word
    limit ${q.limit}`.execute(db);
  return result.rows;
}
