// Pinterest's list convention: `page_size` 1..250 (default 25) and an opaque `bookmark` cursor
// that is null on the last page. Bookmarks are keyset positions, so pages stay stable while
// rows are added, and they are base64url JSON so clients cannot mistake them for ids.
import { type Static, Type } from 'typebox';
import { invalid } from './errors.ts';

export const PageQuery = Type.Object({
  bookmark: Type.Optional(
    Type.String({ maxLength: 2048, description: 'Cursor used to fetch the next page of items' }),
  ),
  page_size: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 250,
      default: 25,
      description: 'Maximum number of items in one page.',
    }),
  ),
});
export type PageQuery = Static<typeof PageQuery>;

export const DEFAULT_PAGE_SIZE = 25;

export function encodeBookmark(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The keyset position a bookmark encodes; 400 for anything this server did not issue. */
export function decodeBookmark(bookmark: string, arity: number): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bookmark, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((p) => typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p)))
    ) {
      return parsed as (string | number)[];
    }
  } catch {
    // fall through to the one error below
  }
  throw invalid('Invalid bookmark.');
}

export interface Page<T> {
  items: T[];
  bookmark: string | null;
}

/**
 * Builds a page from rows fetched with `limit pageSize + 1`: the extra row only proves a next page
 * exists, and the bookmark points at the last row returned.
 */
export function pageFrom<T>(
  rows: T[],
  pageSize: number,
  positionOf: (row: T) => (string | number)[],
): Page<T> {
  const items = rows.slice(0, pageSize);
  const last = items[items.length - 1];
  const bookmark = rows.length > pageSize && last !== undefined ? encodeBookmark(positionOf(last)) : null;
  return { items, bookmark };
}

export const pageSchema = <T extends import('typebox').TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), bookmark: Type.Union([Type.String(), Type.Null()]) });

const TIME_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID_KEY = /^\d{1,19}$/;

/**
 * The [timestamp, id] position of a list ordered by a timestamp and then an id, both descending
 * (follows, blocks, collaborators). Timestamps travel with microseconds, as PostgreSQL keeps
 * them, so a page boundary never falls between two rows of the same millisecond.
 */
export function decodeTimeBookmark(bookmark: string): [string, string] {
  const [time, id] = decodeBookmark(bookmark, 2);
  if (typeof time !== 'string' || !TIME_KEY.test(time) || typeof id !== 'string' || !ID_KEY.test(id)) {
    throw invalid('Invalid bookmark.');
  }
  return [time, id];
}

/** The id position of a list ordered by id. */
export function decodeIdBookmark(bookmark: string): string {
  const [id] = decodeBookmark(bookmark, 1);
  if (typeof id !== 'string' || !ID_KEY.test(id)) throw invalid('Invalid bookmark.');
  return id;
}
