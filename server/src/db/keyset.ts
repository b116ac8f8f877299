// SQL for keyset pagination over (timestamp, id) positions, shared by every repo that lists
// relations in the order they began (follows, blocks, collaborators). The timestamp travels as
// text with microseconds, exactly as PostgreSQL stores it, so no two rows of the same millisecond
// are skipped or repeated at a page boundary; platform/pagination.ts decodes such bookmarks.
import { type RawBuilder, type SqlBool, sql } from 'kysely';

export type TimeKeyset = [time: string, id: string];

const TIME_KEY_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

/** A timestamptz column as the exact text a time bookmark carries. */
export function timeKey(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', ${TIME_KEY_FORMAT})`;
}

/** `(timeColumn, idColumn) < position`: the rows after a time bookmark, both columns descending. */
export function afterTimeKey(timeColumn: string, idColumn: string, after: TimeKeyset): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) < (${after[0]}::timestamptz, ${after[1]}::bigint)`;
}
