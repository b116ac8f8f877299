// The feeds module's SQL: the topics' cover pins and boards (onboarding), and the rows a page of
// any feed presents. The home feed's sources are in home-repo.ts.
import type { Expression, Kysely, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TopicMatcher } from '../discovery/index.ts';
import { PIN_COLUMNS, PIN_IMAGES_JSON, type PinsService } from '../pins/index.ts';
import { notBlockedFilter } from '../social/index.ts';

/** What PinsService.present takes: a pin with its board's owner and privacy. */
export type PinRow = Parameters<PinsService['present']>[1][number];

/** A `where` condition over the unaliased `boards` table (BoardsService.visibleBoardsFilter). */
export type BoardCondition = () => Expression<SqlBool>;

/** Pins with their board's owner and privacy and their images: rows PinsService.present shows as they are. */
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
    ])
    .select(PIN_IMAGES_JSON.as('images'));
}

const topicTable = (matchers: TopicMatcher[]) =>
  sql`(values ${sql.join(matchers.map((m) => sql`(${m.key}::text, ${m.pattern}::text)`))}) as t(key, pattern)`;

/**
 * For each topic, its most saved original on a public board that matches it (one query), never
 * from a pinner the viewer and whom have blocked each other.
 */
export async function topicCoverPins(
  db: Kysely<DB>,
  matchers: TopicMatcher[],
  viewerId: string | null,
): Promise<{ key: string; pin_id: string }[]> {
  if (matchers.length === 0) return [];
  const result = await sql<{ key: string; pin_id: string }>`
    select distinct on (t.key) t.key, pins.id as pin_id
    from ${topicTable(matchers)}
    join boards on boards.privacy = 'PUBLIC' and boards.name ~* t.pattern
    join pins on pins.board_id = boards.id and pins.parent_pin_id is null
    where ${notBlockedFilter(viewerId, 'pins.owner_id')}
    order by t.key, pins.save_count desc, pins.id desc`.execute(db);
  return result.rows;
}

export interface TopicBoard {
  key: string;
  id: string;
  name: string;
  owner_username: string;
}

/**
 * For each topic, up to `perTopic` public boards with pins that match it, most followed first,
 * never the viewer's own nor one whose owner and the viewer have blocked each other.
 */
export async function topicBoards(
  db: Kysely<DB>,
  matchers: TopicMatcher[],
  viewerId: string,
  perTopic: number,
): Promise<TopicBoard[]> {
  if (matchers.length === 0) return [];
  const result = await sql<TopicBoard>`
    select key, id, name, owner_username from (
      select t.key, boards.id, boards.name, owner.username as owner_username,
        row_number() over (partition by t.key
          order by boards.follower_count desc, boards.pin_count desc, boards.id desc) as place
      from ${topicTable(matchers)}
      join boards on boards.privacy = 'PUBLIC' and boards.name ~* t.pattern
      join users owner on owner.id = boards.owner_id
      where boards.pin_count > 0 and boards.owner_id <> ${viewerId}
        and ${notBlockedFilter(viewerId, 'boards.owner_id')}
    ) ranked
    where place <= ${perTopic}
    order by key, place`.execute(db);
  return result.rows;
}

/** The pins with these ids that are on boards the condition admits. */
export function visiblePinsByIds(
  db: Kysely<DB>,
  ids: string[],
  boardVisible: BoardCondition,
): Promise<PinRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return pinsWithBoards(db)
    .where(sql<SqlBool>`pins.id = any(${sql.val(ids)}::bigint[])`)
    .where(boardVisible())
    .execute() as Promise<PinRow[]>;
}

export interface FeedPageQuery {
  viewerId: string;
  boardVisible: BoardCondition;
  /** Whether the viewer's own pins on secret boards may appear (the pins:read_secret scope). */
  ownSecrets: boolean;
}

/**
 * The pins of a feed page that the viewer may still see (any order): boards the viewer may see,
 * nobody's secret pins but the viewer's own, never a pinner the viewer blocked or who blocked them.
 */
export function feedPagePins(db: Kysely<DB>, ids: readonly string[], q: FeedPageQuery): Promise<PinRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const secretAllowed = q.ownSecrets
    ? sql<SqlBool>`pins.owner_id = ${q.viewerId}::bigint`
    : sql<SqlBool>`false`;
  return pinsWithBoards(db)
    .where(sql<SqlBool>`pins.id = any(${sql.val(ids)}::bigint[])`)
    .where(q.boardVisible())
    .where(notBlockedFilter(q.viewerId, 'pins.owner_id'))
    .where(sql<SqlBool>`(boards.privacy <> 'SECRET' or ${secretAllowed})`)
    .execute() as Promise<PinRow[]>;
}
