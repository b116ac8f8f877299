// The event log's SQL. Readers take rows in commit order: by (tx, position), and only rows whose
// writing transaction is older than every transaction still running (HORIZON). A bigserial
// is taken when a row is inserted, not when it commits, so reading by position alone could pass a
// row that commits later with a smaller position and never see it. (Queries that select tx and
// position as text order by the qualified columns: a bare ORDER BY name would sort the text alias.)
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CorkboardEvent, EventType, LoggedEvent, ObjectType, Surface } from './catalog.ts';

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

export interface LogRow {
  position: string;
  tx: string;
  id: string;
  type: string;
  actor_id: string | null;
  object_type: string;
  object_id: string;
  occurred_at: Date;
  app_type: string;
  locale: string | null;
  session_id: string | null;
  surface: string | null;
  data: Record<string, unknown>;
}

export function toLoggedEvent(row: LogRow): LoggedEvent {
  return {
    position: BigInt(row.position),
    id: row.id,
    type: row.type as EventType,
    actor_id: row.actor_id,
    object: { type: row.object_type as ObjectType, id: row.object_id },
    occurred_at: row.occurred_at.toISOString(),
    context: {
      app_type: row.app_type as LoggedEvent['context']['app_type'],
      locale: row.locale,
      session_id: row.session_id,
      surface: row.surface as Surface | null,
    },
    data: row.data as LoggedEvent['data'],
  };
}

/**
 * Inserts the events in one statement; an id already in the log is skipped (deduplication).
 * Returns how many were new.
 */
export async function insertEvents(db: Kysely<DB>, events: readonly CorkboardEvent[]): Promise<number> {
  const n = events.length;
  const ids = new Array<string>(n);
  const types = new Array<string>(n);
  const actors = new Array<string | null>(n);
  const objectTypes = new Array<string>(n);
  const objectIds = new Array<string>(n);
  const times = new Array<string>(n);
  const appTypes = new Array<string>(n);
  const locales = new Array<string | null>(n);
  const sessions = new Array<string | null>(n);
  const surfaces = new Array<string | null>(n);
  const data = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    ids[i] = e.id;
    types[i] = e.type;
    actors[i] = e.actor_id;
    objectTypes[i] = e.object.type;
    objectIds[i] = e.object.id;
    times[i] = e.occurred_at;
    appTypes[i] = e.context.app_type;
    locales[i] = e.context.locale;
    sessions[i] = e.context.session_id;
    surfaces[i] = e.context.surface;
    data[i] = JSON.stringify(e.data);
  }
  const result = await sql`
    insert into event_log
      (id, type, actor_id, object_type, object_id, occurred_at, app_type, locale, session_id, surface, data)
    select id, type, actor_id, object_type, object_id, occurred_at, app_type, locale, session_id, surface, data::jsonb
    from unnest(${ids}::uuid[], ${types}::text[], ${actors}::bigint[], ${objectTypes}::text[],
                ${objectIds}::text[], ${times}::timestamptz[], ${appTypes}::text[], ${locales}::text[],
                ${sessions}::text[], ${surfaces}::text[], ${data}::text[])
      as e(id, type, actor_id, object_type, object_id, occurred_at, app_type, locale, session_id, surface, data)
    on conflict (id) do nothing
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

const COLUMNS = sql`position::text as position, tx::text as tx, id::text as id, type, actor_id::text as actor_id,
  object_type, object_id, occurred_at, app_type, locale, session_id, surface, data`;

/** Committed rows after `after` in commit order, at most `limit`. */
export async function readAfter(db: Kysely<DB>, after: LogCursor, limit: number): Promise<LogRow[]> {
  const result = await sql<LogRow>`
    select ${COLUMNS} from event_log
    where (tx, position) > (${after.tx}::xid8, ${after.position}::bigint)
      and tx < ${HORIZON}
    order by event_log.tx, event_log.position
    limit ${limit}
  `.execute(db);
  return result.rows;
}

/** Committed rows after `after` that occurred at or after `from`, in commit order (replay). */
export async function readSince(
  db: Kysely<DB>,
  from: Date,
  after: LogCursor,
  limit: number,
): Promise<LogRow[]> {
  const result = await sql<LogRow>`
    select ${COLUMNS} from event_log
    where (tx, position) > (${after.tx}::xid8, ${after.position}::bigint)
      and tx < ${HORIZON}
      and occurred_at >= ${from}
    order by event_log.tx, event_log.position
    limit ${limit}
  `.execute(db);
  return result.rows;
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
      ${typeFilter} ${fromFilter}
    limit 1
  `.execute(db);
  return result.rows.length > 0;
}

// ---- positions ----

/**
 * Locks the consumer's position row for this transaction (creating it at `initial`), or returns
 * undefined when another process holds it: that process is handling this consumer's next batch.
 */
export async function lockPosition(
  trx: Transaction<DB>,
  log: PositionLog,
  consumer: string,
  initial: LogCursor,
): Promise<LogCursor | undefined> {
  const select = () =>
    sql<{ tx: string | null; position: string }>`
      select tx::text as tx, position::text as position from event_consumer_positions
      where log = ${log} and consumer = ${consumer}
      for update skip locked
    `.execute(trx);
  let rows = (await select()).rows;
  if (rows.length === 0) {
    const inserted = await sql`
      insert into event_consumer_positions (log, consumer, tx, position)
      values (${log}, ${consumer}, ${initial.tx}::xid8, ${initial.position}::bigint)
      on conflict do nothing
    `.execute(trx);
    if ((inserted.numAffectedRows ?? 0n) > 0n) return initial;
    rows = (await select()).rows;
  }
  const row = rows[0];
  return row ? { tx: row.tx ?? '0', position: row.position } : undefined;
}

export async function savePosition(
  db: Kysely<DB>,
  log: PositionLog,
  consumer: string,
  cursor: LogCursor,
): Promise<void> {
  await sql`
    insert into event_consumer_positions (log, consumer, tx, position, updated_at)
    values (${log}, ${consumer}, ${cursor.tx}::xid8, ${cursor.position}::bigint, now())
    on conflict (log, consumer) do update
      set tx = excluded.tx, position = excluded.position, updated_at = excluded.updated_at
  `.execute(db);
}

export async function readPosition(
  db: Kysely<DB>,
  log: PositionLog,
  consumer: string,
): Promise<LogCursor | undefined> {
  const row = await db
    .selectFrom('event_consumer_positions')
    .select([sql<string>`coalesce(tx::text, '0')`.as('tx'), sql<string>`position::text`.as('position')])
    .where('log', '=', log)
    .where('consumer', '=', consumer)
    .executeTakeFirst();
  return row;
}

export async function deletePosition(db: Kysely<DB>, log: PositionLog, consumer: string): Promise<void> {
  await db
    .deleteFrom('event_consumer_positions')
    .where('log', '=', log)
    .where('consumer', '=', consumer)
    .execute();
}

/** The earliest position among these readers; undefined if one of them has none yet. */
export async function slowestPosition(
  db: Kysely<DB>,
  log: PositionLog,
  consumers: readonly string[],
): Promise<LogCursor | undefined> {
  if (consumers.length === 0) return undefined;
  const result = await sql<{ tx: string; position: string; n: string }>`
    select tx::text as tx, position::text as position, count(*) over () as n
    from event_consumer_positions p
    where log = ${log} and consumer = any(${[...consumers]}::text[])
    order by p.tx, p.position
    limit 1
  `.execute(db);
  const row = result.rows[0];
  return row && Number(row.n) === consumers.length ? { tx: row.tx, position: row.position } : undefined;
}

/** The earliest position stored in `log`, whatever the consumer; undefined when none is stored. */
export async function earliestPosition(db: Kysely<DB>, log: PositionLog): Promise<LogCursor | undefined> {
  const result = await sql<LogCursor>`
    select coalesce(tx, '0'::xid8)::text as tx, position::text as position
    from event_consumer_positions p where log = ${log}
    order by p.tx, p.position
    limit 1
  `.execute(db);
  return result.rows[0];
}

/** The first key of the events module's two-key advisory locks ("EVNT"), apart from every other lock. */
const LOCK_CLASS = 0x45564e54;

/**
 * Runs `work` while this process holds the session-level advisory lock `name` on a connection of
 * its own (PostgreSQL), so one process at a time relays or feeds a JetStream consumer. `alive`
 * tells `work` whether the lock is still held: false once that connection is gone. Returns false
 * at once when another process holds the lock. On PGlite (one process) `work` simply runs.
 */
export async function whileHoldingLock(
  db: Kysely<DB>,
  kind: 'postgres' | 'pglite',
  name: string,
  work: (alive: () => Promise<boolean>) => Promise<void>,
): Promise<boolean> {
  if (kind === 'pglite') {
    await work(async () => true);
    return true;
  }
  return db.connection().execute(async (conn) => {
    const got = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${LOCK_CLASS}, hashtext(${name})) as locked
    `.execute(conn);
    if (got.rows[0]?.locked !== true) return false;
    try {
      await work(async () => {
        try {
          await sql`select 1`.execute(conn);
          return true;
        } catch {
          return false;
        }
      });
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_CLASS}, hashtext(${name}))`
        .execute(conn)
        .catch(() => undefined);
    }
    return true;
  });
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
