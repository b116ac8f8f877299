// Named prepared statements: repeated parameterized queries are prepared once per connection,
// within a bound; one-off and parameterless statements are not; a statement whose result columns
// change under it (a migration by another process) is retried unnamed; and the switch turns it off.
// Runs on PGlite, or on a database of its own on DATABASE_URL's server with a one-connection pool.
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { provisionDatabase } from '../testing/harness.ts';
import { type Database, openDatabase } from './database.ts';
import { MAX_PREPARED_PER_CONNECTION } from './prepared-statements.ts';
import type { DB } from './schema.ts';

const opened: { database: Database; drop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const { database, drop } of opened.splice(0)) {
    await database.close();
    await drop();
  }
});

async function open(preparedStatements = true): Promise<Kysely<DB>> {
  const provisioned = await provisionDatabase();
  const database = await openDatabase({
    databaseUrl: provisioned.databaseUrl,
    dataDir: '',
    poolSize: 1,
    inMemory: true,
    preparedStatements,
  });
  opened.push({ database, drop: provisioned.drop });
  return database.db;
}

async function prepared(db: Kysely<DB>): Promise<string[]> {
  const result = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
  return result.rows.map((row) => row.statement);
}

const lookup = (db: Kysely<DB>, n: number) => sql<{ n: number }>`select ${n}::int + 1 as n`.execute(db);

describe('prepared statements', () => {
  it('prepare a parameterized statement from its second use, and give the same answers', async () => {
    const db = await open();
    expect((await lookup(db, 1)).rows).toEqual([{ n: 2 }]);
    expect(await prepared(db)).toEqual([]);
    expect((await lookup(db, 2)).rows).toEqual([{ n: 3 }]);
    expect((await lookup(db, 3)).rows).toEqual([{ n: 4 }]);
    const statements = await prepared(db);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('+ 1 as n');
  });

  it('leave parameterless statements alone, and keep at most the bound per connection', async () => {
    const db = await open();
    for (let i = 0; i < 3; i++) await sql`select 1 as one`.execute(db);
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 20; i++) {
      for (let use = 0; use < 2; use++) {
        const result = await sql<{ n: number }>`select ${use}::int + ${sql.raw(String(i))} as n`.execute(db);
        expect(result.rows[0]?.n).toBe(use + i);
      }
    }
    const statements = await prepared(db);
    expect(statements.length).toBe(MAX_PREPARED_PER_CONNECTION);
    expect(statements.some((s) => s.includes('select 1 as one'))).toBe(false);
  });

  it('survive a change of result columns under them, outside a transaction', async () => {
    const db = await open();
    await sql`create table gadgets (id int primary key, name text)`.execute(db);
    await sql`insert into gadgets values (1, 'spring')`.execute(db);
    const read = () => sql`select * from gadgets where id = ${1}`.execute(db);
    for (let i = 0; i < 3; i++) await read();
    expect(await prepared(db)).toHaveLength(1);
    await sql`alter table gadgets add column colour text`.execute(db);
    expect((await read()).rows).toEqual([{ id: 1, name: 'spring', colour: null }]);
    expect((await read()).rows).toEqual([{ id: 1, name: 'spring', colour: null }]);
  });

  it('are not used at all when switched off', async () => {
    const db = await open(false);
    for (let i = 0; i < 3; i++) await lookup(db, i);
    expect(await prepared(db)).toEqual([]);
  });
});
