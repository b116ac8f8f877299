// Trending's SQL: saves (pins with a parent) counted per original and per board name over two
// windows, read through pins_saves_by_time; and the pins among them a viewer may see.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { PIN_COLUMNS, type PinsService } from '../pins/index.ts';
import { notBlockedFilter } from '../social/index.ts';
import { MIN_RECENT_SAVES, MIN_TOPIC_PINNERS, risingSql } from './rising.ts';

/** What PinsService.present takes: a pin with its board's owner and privacy. */
export type PinRow = Parameters<PinsService['present']>[1][number];

/** A `where` condition over the unaliased `boards` table (BoardsService.visibleBoardsFilter). */
export type BoardCondition = () => Expression<SqlBool>;

export interface Windows {
  since: Date;
  previousSince: Date;
  limit: number;
}

export interface RisingPin {
  id: string;
  recent: number;
  previous: number;
  score: number;
}

export interface RisingTopic {
  name: string;
  phrase: string;
  recent: number;
  previous: number;
  score: number;
}

const RISING = sql.raw(risingSql('recent', 'previous'));

/**
 * Originals on public boards whose saves rose the most: at least MIN_RECENT_SAVES in the recent
 * window and more than in the one before. Saves count wherever they were made (as save_count
 * does); only the original itself must be public. Viewer rules come later (visiblePins).
 */
export async function risingPins(db: Kysely<DB>, w: Windows): Promise<RisingPin[]> {
  const result = await sql<RisingPin>`
    with saves as (
      select s.origin_pin_id as id,
        count(*) filter (where s.created_at >= ${w.since})::integer as recent,
        count(*) filter (where s.created_at < ${w.since})::integer as previous
      from pins s
      where s.parent_pin_id is not null and s.created_at >= ${w.previousSince}
      group by s.origin_pin_id
    ),
    rising as (select saves.*, ${RISING} as score from saves where recent >= ${MIN_RECENT_SAVES})
    select rising.id::text as id, rising.recent, rising.previous, rising.score
    from rising
    join pins on pins.id = rising.id
    join boards on boards.id = pins.board_id
    where rising.score > 0 and boards.privacy = 'PUBLIC'
    order by rising.score desc, rising.id desc
    limit ${w.limit}`.execute(db);
  return result.rows.map((row) => ({ ...row, score: Number(row.score) }));
}

/**
 * Board names (compared as search_phrase: case and spacing aside) that saves into public boards
 * rose the most under, named as most of those boards spell them; only names at least
 * MIN_TOPIC_PINNERS pinners use, so a topic is never one person's board.
 */
export async function risingTopics(db: Kysely<DB>, w: Windows): Promise<RisingTopic[]> {
  const result = await sql<RisingTopic>`
    with saves as (
      select search_phrase(boards.name) as phrase,
        mode() within group (order by boards.name) as name,
        count(*) filter (where s.created_at >= ${w.since})::integer as recent,
        count(*) filter (where s.created_at < ${w.since})::integer as previous,
        count(distinct boards.owner_id) as pinners
      from pins s join boards on boards.id = s.board_id
      where s.parent_pin_id is not null and s.created_at >= ${w.previousSince} and boards.privacy = 'PUBLIC'
      group by search_phrase(boards.name)
    )
    select name, phrase, recent, previous, ${RISING} as score
    from saves
    where recent >= ${MIN_RECENT_SAVES} and pinners >= ${MIN_TOPIC_PINNERS} and ${RISING} > 0
    order by score desc, phrase
    limit ${w.limit}`.execute(db);
  return result.rows.map((row) => ({ ...row, score: Number(row.score) }));
}

/** The pins among `ids` on public boards the viewer may see, never a blocked pinner's (any order). */
export function visiblePins(
  db: Kysely<DB>,
  ids: string[],
  viewerId: string | null,
  boardVisible: BoardCondition,
): Promise<PinRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
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
    .where('pins.id', 'in', ids)
    .where('boards.privacy', '=', 'PUBLIC')
    .where(boardVisible())
    .where(notBlockedFilter(viewerId, 'pins.owner_id'))
    .execute();
}
