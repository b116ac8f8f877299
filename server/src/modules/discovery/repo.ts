import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface BoardRow {
  id: string;
  name: string;
  privacy: 'PUBLIC' | 'PROTECTED' | 'SECRET';
}

export interface PinEdgeRow {
  id: string;
  board_id: string;
  origin_pin_id: string;
}

/** Boards in id order after `after` (keyset pages, so a large table streams in bounded memory). */
export function boardPage(db: Kysely<DB>, after: string | null, limit: number): Promise<BoardRow[]> {
  let query = db.selectFrom('boards').select(['id', 'name', 'privacy']).orderBy('id').limit(limit);
  if (after !== null) query = query.where('id', '>', after);
  return query.execute();
}

/** Pin rows (originals and saves) in id order after `after`: each is an edge origin ↔ board. */
export function pinEdgePage(db: Kysely<DB>, after: string | null, limit: number): Promise<PinEdgeRow[]> {
  let query = db.selectFrom('pins').select(['id', 'board_id', 'origin_pin_id']).orderBy('id').limit(limit);
  if (after !== null) query = query.where('id', '>', after);
  return query.execute();
}

export interface BoardEdgesRow {
  board_id: string;
  name: string;
  privacy: 'PUBLIC' | 'PROTECTED' | 'SECRET';
  /** Null for a board without pins. */
  origin_pin_id: string | null;
  /** The original still exists and is on a PUBLIC board. */
  origin_open: boolean;
}

/** Each board's privacy and the canonical pins on it now, with whether each may be shown. */
export async function boardEdges(db: Kysely<DB>, boardIds: readonly string[]): Promise<BoardEdgesRow[]> {
  if (boardIds.length === 0) return [];
  const result = await sql<BoardEdgesRow>`
    select b.id::text as board_id, b.name, b.privacy, e.origin_pin_id::text as origin_pin_id,
           coalesce(ob.privacy = 'PUBLIC', false) as origin_open
    from boards b
    left join lateral (select distinct p.origin_pin_id from pins p where p.board_id = b.id) e on true
    left join pins o on o.id = e.origin_pin_id
    left join boards ob on ob.id = o.board_id
    where b.id = any(${sql.val(boardIds)}::bigint[])
  `.execute(db);
  return result.rows;
}
