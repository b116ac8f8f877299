// The event log's SQL for readers' positions (event_consumer_positions) and for the advisory locks
// that let one process at a time relay or feed a JetStream consumer. Re-exported by repo.ts.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LogCursor, PositionLog } from './repo.ts';

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

/**
 * Stores a reader's position. `flushOnCommit: false` is for the last statement of a batch: the
 * transaction then commits without waiting for its WAL to reach disk (synchronous_commit off, for
 * this transaction only). Under ingestion every commit otherwise queues behind the flush of all
 * the log's inserts before it, which set the pace of the relay and the consumers. Losing such a
 * commit in a database crash loses the position together with the batch's effects (same
 * transaction), so the batch is simply delivered again: from the log (embedded), from the stream
 * after the stored position (JetStream consumers), or published again and dropped by the stream's
 * duplicate window (relay). Anything whose loss would lose events (the log's own inserts) keeps
 * the durable default.
 */
export async function savePosition(
  db: Kysely<DB>,
  log: PositionLog,
  consumer: string,
  cursor: LogCursor,
  options: { flushOnCommit?: boolean } = {},
): Promise<void> {
  // set_config in the same statement: relaxing the commit costs no extra round trip.
  const relaxed =
    options.flushOnCommit === false
      ? sql`from (select set_config('synchronous_commit', 'off', true)) as relaxed`
      : sql``;
  await sql`
    insert into event_consumer_positions (log, consumer, tx, position, updated_at)
    select ${log}, ${consumer}, ${cursor.tx}::xid8, ${cursor.position}::bigint, now() ${relaxed}
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
 * its own (PostgreSQL), so one process at a time relays or feeds a JetStream consumer. `work` gets
 * that connection (`conn`) for its own queries: the leader's reads, transactions and position
 * writes never wait for a pool connection behind request traffic, and they run only while the
 * lock is held. `alive` tells `work` whether the lock is still held: false once that connection is
 * gone. Returns false at once when another process holds the lock. On PGlite (one process, one
 * connection) `work` simply runs on `db`.
 */
export async function whileHoldingLock(
  db: Kysely<DB>,
  kind: 'postgres' | 'pglite',
  name: string,
  work: (conn: Kysely<DB>, alive: () => Promise<boolean>) => Promise<void>,
): Promise<boolean> {
  if (kind === 'pglite') {
    await work(db, async () => true);
    return true;
  }
  return db.connection().execute(async (conn) => {
    const got = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${LOCK_CLASS}, hashtext(${name})) as locked
    `.execute(conn);
    if (got.rows[0]?.locked !== true) return false;
    try {
      await work(conn, async () => {
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
