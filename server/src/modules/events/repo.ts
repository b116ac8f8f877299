// The event log's SQL. Readers take rows in commit order: by (tx, position), and only rows whose
// writing transaction is older than every transaction still running (HORIZON). A bigserial
// is taken when a row is inserted, not when it commits, so reading by position alone could pass a
// row that commits later with a smaller position and never see it. (Queries that select tx and
// position as text order by the qualified columns: a bare ORDER BY name would sort the text alias.)
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  CLIENT_EVENT_TYPES,
  type CorkboardEvent,
  type EventType,
  type LoggedEvent,
  type ObjectType,
  type Surface,
} from './catalog.ts';

// Readers' positions and the leader locks live in positions-repo.ts; re-exported here so that the
// module's SQL keeps one namespace for its callers.
export * from './positions-repo.ts';

/**
 * Rows whose transaction id is below this horizon come from finished transactions, so no row can
 * later appear in front of them. It is the oldest transaction still running, leaving out those of
 * other databases (they cannot write this event_log, and a long one there, such as a bulk load in
 * another installation on the same server, must not hold delivery back), or the snapshot's xmax when
 * none runs. A transaction is known to be another database's only when pg_stat_activity shows its
 * xid (superuser, pg_read_all_stats or the same role); otherwise it counts, which is safe.
 */
const HORIZON = sql`(
  select coalesce(
    (select min(x) from pg_snapshot_xip(snap.s) as x
     where not exists (
       select 1 from pg_stat_activity a
       where a.backend_xid = x::xid and a.datname is distinct from current_database())),
    pg_snapshot_xmax(snap.s))
  from (select pg_current_snapshot() as s) as snap
)`;

export type PositionLog = 'embedded' | 'jetstream' | 'relay';

/** A place in commit order: the writing transaction's id and the row's position (decimal strings). */
export interface LogCursor {
  tx: string;
  position: string;
}

export const LOG_START: LogCursor = { tx: '0', position: '0' };

/**
 * A lone surrogate or NUL as JSON.stringify escapes them (it escapes nothing else in the surrogate
 * range), after an even number of backslashes so that an escaped backslash followed by "ud800" is
 * left alone. PostgreSQL's JSON parser rejects such surrogates, and its text cannot hold NUL; like
 * node-postgres over a socket does with surrogates, both become U+FFFD.
 */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)/g;

/**
 * One event as the insert's JSON carries it: an array of its fields in the insert's column order
 * (no keys to send or look up), data last and left out when empty (client events have none).
 */
type InsertRow = (string | null | object)[];

/**
 * Inserts the events in one statement; an id already in the log is skipped (deduplication).
 * Returns how many were new. The batch goes as one JSON parameter, parsed once as jsonb and taken
 * apart by position: PostgreSQL's json_to_recordset looks every key up by name in every object,
 * which made parsing the batch cost more than inserting it (16.6 -> 11.4 µs per event on
 * PostgreSQL 15, 19.8 -> 14.8 on PGlite, three indexes included); eleven array literals cost
 * about as much as json_to_recordset, and the driver has to build them too.
 */
export async function insertEvents(db: Kysely<DB>, events: readonly CorkboardEvent[]): Promise<number> {
  const rows = new Array<InsertRow>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const context = e.context;
    const row: InsertRow = [
      e.id,
      e.type,
      e.actor_id,
      e.object.type,
      e.object.id,
      e.occurred_at,
      context.app_type,
      context.locale,
      context.session_id,
      context.surface,
    ];
    for (const _ in e.data) {
      row.push(e.data);
      break;
    }
    rows[i] = row;
  }
  const json = JSON.stringify(rows).replace(UNSTORABLE_ESCAPE, '$1\\ufffd');
  const result = await sql`
    insert into event_log
      (id, type, actor_id, object_type, object_id, occurred_at, app_type, locale, session_id, surface, data)
    select (e->>0)::uuid, e->>1, (e->>2)::bigint, e->>3, e->>4, (e->>5)::timestamptz, e->>6, e->>7,
      e->>8, e->>9, coalesce(e->10, '{}')
    from jsonb_array_elements(${json}::jsonb) as e
    on conflict (id) do nothing
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Readers take a whole batch as one JSON text value, each row an array of its fields, and parse it
 * with JSON.parse: returning thousands of rows of a dozen columns each costs far more in the wire
 * protocol's row parsing (PGlite parses it twice) and per-field type parsers than the log's own
 * work. occurred_at comes as epoch milliseconds (cut, as a Date keeps it), not formatted text.
 */
const ROW_FIELDS = sql`json_build_array(b.position::text, b.id, b.type, b.actor_id::text, b.object_type,
  b.object_id, floor(extract(epoch from b.occurred_at) * 1000)::bigint, b.app_type, b.locale, b.session_id,
  b.surface, b.data)`;

type RowFields = [
  position: string,
  id: string,
  type: EventType,
  actorId: string | null,
  objectType: ObjectType,
  objectId: string,
  occurredAtMs: number,
  appType: LoggedEvent['context']['app_type'],
  locale: string | null,
  sessionId: string | null,
  surface: Surface | null,
  data: LoggedEvent['data'],
];

function eventOf(f: RowFields): LoggedEvent {
  return {
    id: f[1],
    type: f[2],
    actor_id: f[3],
    object: { type: f[4], id: f[5] },
    occurred_at: new Date(f[6]).toISOString(),
    context: { app_type: f[7], locale: f[8], session_id: f[9], surface: f[10] },
    data: f[11],
    position: BigInt(f[0]),
  } as LoggedEvent;
}

/** A batch read from the log: where the read ended, and the rows of the wanted types in it. */
export interface LogBatch<T> {
  /** The last row read (wanted or not), undefined when nothing was there: the reader's next cursor. */
  last: LogCursor | undefined;
  /**
   * The read took as many rows as it could (its limit): any later read after the same cursor with
   * the same limit gets exactly these rows, since nothing can appear in front of committed rows
   * below the horizon. A shorter batch ended at the log's end then, and may have grown since.
   */
  full: boolean;
  items: T[];
}

/**
 * For a reader of server event types only: the predicate of the partial index
 * event_log_server_events_commit_order, word for word with the types as literals (PostgreSQL uses
 * a partial index only where it can prove the query's condition implies the index's), so the
 * reader walks that index and never visits the client events that make up most of the log.
 */
const SERVER_EVENTS_ONLY = sql`and type not in (${sql.join(CLIENT_EVENT_TYPES.map((type) => sql.lit(type)))})`;

function serverEventsOnly(types: readonly string[] | undefined) {
  const clientTypes: readonly string[] = CLIENT_EVENT_TYPES;
  return types?.every((type) => !clientTypes.includes(type)) ? SERVER_EVENTS_ONLY : sql``;
}

interface RawBatch {
  tx: string | null;
  position: string | null;
  scanned: number;
  items: string | null;
}

/**
 * Up to `limit` committed rows after `after` in commit order, as one text value whose items are
 * `item` for the rows of `types` (all when undefined). Rows of other types are read past, not
 * returned, so a reader of a few types neither parses nor skips the rest in JS, and its cursor
 * still moves over them.
 */
async function readBatchText(
  db: Kysely<DB>,
  after: LogCursor,
  limit: number,
  types: readonly string[] | undefined,
  from: Date | undefined,
  item = ROW_FIELDS,
): Promise<RawBatch> {
  const typeFilter = types ? sql`where b.type = any(${[...types]}::text[])` : sql``;
  const fromFilter = from ? sql`and occurred_at >= ${from}` : sql``;
  const result = await sql<RawBatch>`
    with b as materialized (
      select * from event_log
      where (tx, position) > (${after.tx}::xid8, ${after.position}::bigint)
        and tx < ${HORIZON} ${fromFilter} ${serverEventsOnly(types)}
      order by event_log.tx, event_log.position
      limit ${limit}
    ),
    last as (select b.tx, b.position from b order by b.tx desc, b.position desc limit 1)
    select (select tx::text from last) as tx, (select position::text from last) as position,
      (select count(*)::int from b) as scanned,
      (select json_agg(${item} order by b.tx, b.position)::text from b ${typeFilter}) as items
  `.execute(db);
  return result.rows[0] ?? { tx: null, position: null, scanned: 0, items: null };
}

function lastOf(raw: RawBatch): LogCursor | undefined {
  return raw.tx !== null && raw.position !== null ? { tx: raw.tx, position: raw.position } : undefined;
}

/**
 * Committed events after `after` in commit order (at most `limit` rows read), those of `types`
 * (all when undefined); with `from`, only rows that occurred at or after it are read (replay).
 */
export async function readEvents(
  db: Kysely<DB>,
  after: LogCursor,
  limit: number,
  types?: readonly EventType[],
  from?: Date,
): Promise<LogBatch<LoggedEvent>> {
  const raw = await readBatchText(db, after, limit, types, from);
  const rows = raw.items === null ? [] : (JSON.parse(raw.items) as RowFields[]);
  const items = new Array<LoggedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) items[i] = eventOf(rows[i]!);
  return { last: lastOf(raw), full: raw.scanned >= limit, items };
}

/**
 * Each row as [id, type, envelope]: the envelope is the event's JSON as published to JetStream,
 * built by PostgreSQL, so the relay sends it as it comes instead of parsing rows into events and
 * serializing them again. Its fields are those of CorkboardEvent, occurred_at in
 * Date#toISOString's form (UTC, milliseconds), as decode() and every consumer expect.
 */
const ENVELOPE_FIELDS = sql`json_build_array(b.id, b.type, json_build_object('id', b.id, 'type', b.type,
  'actor_id', b.actor_id::text, 'object', json_build_object('type', b.object_type, 'id', b.object_id),
  'occurred_at', to_char(b.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'context', json_build_object('app_type', b.app_type, 'locale', b.locale, 'session_id', b.session_id,
    'surface', b.surface),
  'data', b.data)::text)`;

/** An event ready to publish: its id (Nats-Msg-Id), its type (the subject) and its JSON. */
export type Envelope = [id: string, type: EventType, json: string];

/** Like readEvents, for the relay: every row after `after`, as envelopes ready to publish. */
export async function readEnvelopes(
  db: Kysely<DB>,
  after: LogCursor,
  limit: number,
): Promise<LogBatch<Envelope>> {
  const raw = await readBatchText(db, after, limit, undefined, undefined, ENVELOPE_FIELDS);
  const items = raw.items === null ? [] : (JSON.parse(raw.items) as Envelope[]);
  return { last: lastOf(raw), full: raw.scanned >= limit, items };
}

/** The commit-order cursor of the last committed row (LOG_START for an empty log). */
export async function logEnd(db: Kysely<DB>): Promise<LogCursor> {
  const result = await sql<LogCursor>`
    select tx::text as tx, position::text as position from event_log
    where tx < ${HORIZON}
    order by event_log.tx desc, event_log.position desc
    limit 1
  `.execute(db);
  return result.rows[0] ?? LOG_START;
}

/** The largest position of a row visible now; drain waits until readers pass every row up to it. */
export async function maxVisiblePosition(db: Kysely<DB>): Promise<string | null> {
  const result = await sql<{ max: string | null }>`select max(position)::text as max from event_log`.execute(
    db,
  );
  return result.rows[0]?.max ?? null;
}

/**
 * True when some row at or below `upTo`, of one of `types` (any when undefined) and occurring at or
 * after `from` (when given), lies after `cursor`.
 */
export async function hasUnread(
  db: Kysely<DB>,
  cursor: LogCursor,
  upTo: string,
  types: readonly string[] | undefined,
  from?: Date,
): Promise<boolean> {
  const typeFilter = types ? sql`and type = any(${[...types]}::text[])` : sql``;
  const fromFilter = from ? sql`and occurred_at >= ${from}` : sql``;
  const result = await sql<{ found: number }>`
    select 1 as found from event_log
    where position <= ${upTo}::bigint and (tx, position) > (${cursor.tx}::xid8, ${cursor.position}::bigint)
      ${typeFilter} ${fromFilter} ${serverEventsOnly(types)}
    limit 1
  `.execute(db);
  return result.rows.length > 0;
}

/**
 * Deletes up to `limit` rows recorded before `before` that every reader has passed (at or before
 * `passed`). Returns how many went.
 */
export async function deletePassed(
  db: Kysely<DB>,
  before: Date,
  passed: LogCursor,
  limit: number,
): Promise<number> {
  const result = await sql`
    delete from event_log where position in (
      select position from event_log
      where recorded_at < ${before} and (tx, position) <= (${passed.tx}::xid8, ${passed.position}::bigint)
      limit ${limit}
    )
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The commit-order cursor of the row at `position`; undefined when no such row is in the log. */
export async function cursorAt(db: Kysely<DB>, position: bigint): Promise<LogCursor | undefined> {
  const result = await sql<LogCursor>`
    select tx::text as tx, position::text as position from event_log where position = ${position.toString()}::bigint
  `.execute(db);
  return result.rows[0];
}
