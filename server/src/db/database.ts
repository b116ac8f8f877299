// Opens the one SQL dialect the project speaks: PostgreSQL through node-postgres, either against a
// real server (DATABASE_URL) or against embedded PGlite through its node-postgres adapter.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { kyselyPool } from './prepared-statements.ts';
import type { DB } from './schema.ts';

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean;
  /** Run repeated parameterized statements as named prepared statements (default true). */
  preparedStatements?: boolean;
}

export interface Database {
  db: Kysely<DB>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const prepare = options.preparedStatements ?? true;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: kyselyPool(pool, { prepare }) }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }

  let lock: DataDirLock | undefined;
  let dataDir = 'memory://';
  if (!options.inMemory) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    lock = acquireDataDirLock(options.dataDir);
    dataDir = path.join(options.dataDir, 'pgdata');
  }
  try {
    // Extensions the migrations create (PostgreSQL servers ship them in contrib).
    const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    // PGlite is single-connection; the adapter's pool size is 1 and Kysely queues behind it.
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: kyselyPool(pool, { prepare, mapParameter: wellFormed }) }),
    });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * PGlite's wire encoder miscounts the UTF-8 length of a lone low surrogate that follows a non-ASCII
 * character, which truncates the value (PostgreSQL then rejects it, or stores it cut short). Over a
 * socket node-postgres encodes lone surrogates as U+FFFD; this does the same before PGlite sees them.
 */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\ufffd');
  return Array.isArray(value) ? value.map(wellFormed) : value;
}
