// The seeders' SQL: bulk writes (COPY on PostgreSQL, unnest() inserts anywhere), the locks that
// keep concurrent seeders apart, run slots, and the set-based recount of denormalized counters.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from '../../db/schema.ts';
import { MAX_RUN_SLOTS, RUN_MARK_MASK, runMark, SYNTHETIC_SHARD } from './id-minter.ts';

export type Cell = string | number | boolean | null;
export type Row = Cell[];

export interface TableSpec {
  table: string;
  /** [column, PostgreSQL type] */
  columns: readonly (readonly [string, string])[];
}

const TS = 'timestamptz';
export const TABLES = {
  users: {
    table: 'users',
    columns: [
      ['id', 'bigint'],
      ['username', 'text'],
      ['email', 'text'],
      ['password_hash', 'text'],
      ['display_name', 'text'],
      ['about', 'text'],
      ['board_count', 'int'],
      ['pin_count', 'int'],
      ['follower_count', 'int'],
      ['following_count', 'int'],
      ['created_at', TS],
      ['updated_at', TS],
    ],
  },
  boards: {
    table: 'boards',
    columns: [
      ['id', 'bigint'],
      ['owner_id', 'bigint'],
      ['name', 'text'],
      ['description', 'text'],
      ['pin_count', 'int'],
      ['follower_count', 'int'],
      ['created_at', TS],
      ['updated_at', TS],
      ['pins_modified_at', TS],
    ],
  },
  pins: {
    table: 'pins',
    columns: [
      ['id', 'bigint'],
      ['owner_id', 'bigint'],
      ['board_id', 'bigint'],
      ['parent_pin_id', 'bigint'],
      ['origin_pin_id', 'bigint'],
      ['title', 'text'],
      ['description', 'text'],
      ['link', 'text'],
      ['alt_text', 'text'],
      ['dominant_color', 'text'],
      ['media_type', 'text'],
      ['sort_key', 'float8'],
      ['save_count', 'int'],
      ['comment_count', 'int'],
      ['reaction_count', 'int'],
      ['created_at', TS],
      ['updated_at', TS],
    ],
  },
  pinImages: {
    table: 'pin_images',
    columns: [
      ['pin_id', 'bigint'],
      ['position', 'int'],
      ['image_id', 'bigint'],
    ],
  },
  userFollows: {
    table: 'user_follows',
    columns: [
      ['follower_id', 'bigint'],
      ['followee_id', 'bigint'],
      ['created_at', TS],
    ],
  },
  boardFollows: {
    table: 'board_follows',
    columns: [
      ['user_id', 'bigint'],
      ['board_id', 'bigint'],
      ['created_at', TS],
    ],
  },
  comments: {
    table: 'comments',
    columns: [
      ['id', 'bigint'],
      ['pin_id', 'bigint'],
      ['author_id', 'bigint'],
      ['text', 'text'],
      ['created_at', TS],
    ],
  },
  reactions: {
    table: 'reactions',
    columns: [
      ['pin_id', 'bigint'],
      ['user_id', 'bigint'],
      ['kind', 'text'],
      ['created_at', TS],
    ],
  },
} as const satisfies Record<string, TableSpec>;

/** One multi-row INSERT: each column travels as one array parameter and unnest() zips them. */
export async function insertRows(db: Kysely<DB>, spec: TableSpec, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = spec.columns.map((_, c) => rows.map((row) => row[c] ?? null));
  await sql`insert into ${sql.table(spec.table)} (${sql.join(spec.columns.map(([name]) => sql.ref(name)))})
    select * from unnest(${sql.join(arrays.map((values, c) => sql`${values}::${sql.raw(spec.columns[c]![1])}[]`))})`.execute(
    db,
  );
}

/** A value in COPY's text format. */
function copyText(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/**
 * Streams batches of rows into the table with COPY … FROM STDIN (PostgreSQL only: PGlite's pg
 * adapter has no socket for pg-copy-streams to write CopyData to). Returns the rows written.
 */
export async function copyRows(
  client: pg.ClientBase,
  spec: TableSpec,
  batches: Iterable<Row[]>,
  onBatch: (rows: number) => void = () => {},
): Promise<number> {
  let written = 0;
  function* text(): Generator<string> {
    for (const batch of batches) {
      let chunk = '';
      for (const row of batch) chunk += `${row.map(copyText).join('\t')}\n`;
      written += batch.length;
      onBatch(batch.length);
      yield chunk;
    }
  }
  const columns = spec.columns.map(([name]) => `"${name}"`).join(', ');
  await pipeline(Readable.from(text()), client.query(copyFrom(`copy ${spec.table} (${columns}) from stdin`)));
  return written;
}

/** Session settings for a bulk-loading connection: nothing here changes what gets stored. */
export async function tuneBulkSession(client: pg.ClientBase): Promise<void> {
  await client.query(
    "set synchronous_commit = off; set gin_pending_list_limit = '64MB'; set work_mem = '256MB'; set temp_buffers = '256MB'",
  );
}

export async function anyUsers(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

// Advisory lock keys: "cbseed" + a kind.
const SEED_WRITE_LOCK = 0x63627365_6564_01n;
const DEMO_CLAIM_LOCK = 0x63627365_6564_02n;

/** Serialises seed writes (demo check-and-write, run slot claims) until the transaction ends. */
export async function lockSeedWrites(trx: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SEED_WRITE_LOCK.toString()}::bigint)`.execute(trx);
}

/** One session's claim to seed the demo (a session lock: hold the connection while seeding). */
export async function tryClaimDemo(conn: Kysely<DB>): Promise<boolean> {
  const result = await sql<{
    ok: boolean;
  }>`select pg_try_advisory_lock(${DEMO_CLAIM_LOCK.toString()}::bigint) as ok`.execute(conn);
  return result.rows[0]!.ok;
}

export async function releaseDemoClaim(conn: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_unlock(${DEMO_CLAIM_LOCK.toString()}::bigint)`.execute(conn);
}

/**
 * The smallest run slot no user in the database carries. Every run writes users, and everything a
 * run writes is owned by its users, so a slot in no user id is in no id at all. Call under
 * lockSeedWrites, in the transaction that then writes the run's users.
 */
export async function freeRunSlot(trx: Kysely<DB>): Promise<number> {
  const result = await sql<{ slot: number }>`
    select distinct (id & 4095)::int as slot from users
    where ((id >> 12) & 1023) = ${SYNTHETIC_SHARD}`.execute(trx);
  const used = new Set(result.rows.map((r) => r.slot));
  for (let slot = 0; slot < MAX_RUN_SLOTS; slot++) if (!used.has(slot)) return slot;
  throw new Error(`all ${MAX_RUN_SLOTS} seed run slots are taken`);
}

type Scope = (column: string) => RawBuilder<unknown>;

const everywhere: Scope = () => sql`true`;
const inRun =
  (slot: number): Scope =>
  (column) =>
    sql`(${sql.ref(column)} & ${RUN_MARK_MASK}) = ${runMark(slot)}`;

/** Each counter: its table and column, and the real count per id (rows with none are left out). */
const COUNTERS: { table: string; column: string; actual: (scope: Scope) => RawBuilder<unknown> }[] = [
  {
    table: 'users',
    column: 'board_count',
    actual: (s) => sql`select owner_id as id, count(*) as n from boards where ${s('owner_id')} group by 1`,
  },
  {
    table: 'users',
    column: 'pin_count',
    actual: (s) => sql`select owner_id as id, count(*) as n from pins where ${s('owner_id')} group by 1`,
  },
  {
    table: 'users',
    column: 'follower_count',
    actual: (s) =>
      sql`select followee_id as id, count(*) as n from user_follows where ${s('followee_id')} group by 1`,
  },
  {
    table: 'users',
    column: 'following_count',
    actual: (s) =>
      sql`select follower_id as id, count(*) as n from user_follows where ${s('follower_id')} group by 1`,
  },
  {
    table: 'boards',
    column: 'pin_count',
    actual: (s) => sql`select board_id as id, count(*) as n from pins where ${s('board_id')} group by 1`,
  },
  {
    table: 'boards',
    column: 'follower_count',
    actual: (s) =>
      sql`select board_id as id, count(*) as n from board_follows where ${s('board_id')} group by 1`,
  },
  {
    // A save counts for the pin it was saved from and for the original, once if they are the same.
    table: 'pins',
    column: 'save_count',
    actual: (s) => sql`select id, count(*) as n from (
        select parent_pin_id as id from pins where parent_pin_id is not null and ${s('parent_pin_id')}
        union all
        select origin_pin_id from pins
        where parent_pin_id is not null and parent_pin_id <> origin_pin_id and ${s('origin_pin_id')}
      ) edges group by 1`,
  },
  {
    table: 'pins',
    column: 'comment_count',
    actual: (s) => sql`select pin_id as id, count(*) as n from comments where ${s('pin_id')} group by 1`,
  },
  {
    table: 'pins',
    column: 'reaction_count',
    actual: (s) => sql`select pin_id as id, count(*) as n from reactions where ${s('pin_id')} group by 1`,
  },
];

/**
 * Sets every denormalized counter of the run's rows (all rows without a slot) to the real count,
 * one set-based UPDATE … FROM (SELECT … GROUP BY) per table for all of its counters (one pass over
 * pins' 11M rows instead of three), writing only rows that differ. Returns how many rows each
 * counter corrected.
 */
export async function recountCounters(db: Kysely<DB>, slot?: number): Promise<Record<string, number>> {
  const scope = slot === undefined ? everywhere : inRun(slot);
  const corrected: Record<string, number> = {};
  const tables = [...new Set(COUNTERS.map((c) => c.table))];
  for (const table of tables) {
    const counters = COUNTERS.filter((c) => c.table === table);
    const real = (i: number) => sql.ref(`c.n${i}`);
    const was = (i: number) => sql.ref(`c.was${i}`);
    const result = await sql<Record<string, string>>`
      with changed as (
        update ${sql.table(table)} as t
        set ${sql.join(counters.map((c, i) => sql`${sql.ref(c.column)} = ${real(i)}`))}
        from (
          select k.id,
            ${sql.join(counters.map((c, i) => sql`${sql.ref(`k.${c.column}`)} as ${sql.ref(`was${i}`)}, coalesce(${sql.ref(`a${i}.n`)}, 0)::int as ${sql.ref(`n${i}`)}`))}
          from ${sql.table(table)} as k
          ${sql.join(
            counters.map(
              (c, i) =>
                sql`left join (${c.actual(scope)}) as ${sql.ref(`a${i}`)} on ${sql.ref(`a${i}.id`)} = k.id`,
            ),
            sql` `,
          )}
          where ${scope('k.id')}
        ) as c
        where t.id = c.id and (${sql.join(
          counters.map((_, i) => sql`${was(i)} <> ${real(i)}`),
          sql` or `,
        )})
        returning ${sql.join(counters.map((_, i) => sql`${was(i)} <> ${real(i)} as ${sql.ref(`d${i}`)}`))}
      )
      select ${sql.join(counters.map((_, i) => sql`count(*) filter (where ${sql.ref(`d${i}`)}) as ${sql.ref(`d${i}`)}`))}
      from changed`.execute(db);
    const row = result.rows[0]!;
    counters.forEach((c, i) => {
      corrected[`${table}.${c.column}`] = Number(row[`d${i}`]);
    });
  }
  return corrected;
}

/** Rows whose counter differs from the real count, per counter, over the whole database. */
export async function counterMismatches(db: Kysely<DB>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { table, column, actual } of COUNTERS) {
    const result = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(table)} as t left join (${actual(everywhere)}) as a on a.id = t.id
      where ${sql.ref(`t.${column}`)} <> coalesce(a.n, 0)`.execute(db);
    out[`${table}.${column}`] = Number(result.rows[0]!.n);
  }
  return out;
}

/** Row counts of the tables a seed writes (for summaries and tests). */
export async function tableCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const result = await sql<Record<string, string>>`select
    (select count(*) from users) as users, (select count(*) from boards) as boards,
    (select count(*) from pins where parent_pin_id is null) as pins,
    (select count(*) from pins where parent_pin_id is not null) as saves,
    (select count(*) from pin_images) as pin_images, (select count(*) from images) as images,
    (select count(*) from user_follows) as user_follows, (select count(*) from board_follows) as board_follows,
    (select count(*) from comments) as comments, (select count(*) from reactions) as reactions`.execute(db);
  return Object.fromEntries(Object.entries(result.rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/** Fresh planner statistics after a large load (PostgreSQL). */
export async function analyzeSeededTables(db: Kysely<DB>): Promise<void> {
  await sql`analyze users, boards, pins, pin_images, user_follows, board_follows`.execute(db);
}
