// One kept synthetic world shared by the seed, home and search benchmarks. BENCH_WORLD_DB names a
// database on DATABASE_URL's server (default cb_bench_world_1m for home and search): the seed bench
// seeds it when it is absent or empty and keeps it; home and search reuse it when it already holds
// at least the pins they ask for, and otherwise seed it first (seeding 1M pins takes minutes).
// Without a kept name a run works in a database of its own, dropped at the end.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseConfig } from '../../server/src/config.ts';
import { type SyntheticSummary, seedSynthetic } from '../../server/src/modules/seed/index.ts';
import { createLogger } from '../../server/src/platform/logger.ts';
import { createServices } from '../../server/src/services.ts';

export const DEFAULT_WORLD_DB = 'cb_bench_world_1m';

export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

export interface WorldSize {
  pins: number;
  saves: number;
  users?: number;
  boards?: number;
}

export interface World {
  name: string;
  url: string;
  /** The seed's summary when this run seeded the world; undefined when it reused one. */
  seeded?: SyntheticSummary;
  /** Drops the database unless it is kept. */
  release(): Promise<void>;
}

/** Original pins already in the database (0 when it has no tables yet). */
async function originalPins(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`select to_regclass('pins') is not null as ok`);
    if (!exists.rows[0].ok) return 0;
    return Number(
      (await client.query('select count(*) as n from pins where parent_pin_id is null')).rows[0].n,
    );
  } finally {
    await client.end();
  }
}

/**
 * The world database: `keep` names a kept one (reused when it holds at least size.pins original
 * pins, unless `fresh` asks for a new seed, which needs it absent or empty); without `keep`, a
 * throwaway database. Seeding settles the tables afterwards with VACUUM (ANALYZE), as autovacuum
 * would some time after a bulk load (visibility maps for index-only scans).
 */
export async function worldDatabase(
  base: string,
  size: WorldSize,
  options: { keep?: string; fresh?: boolean; say: (line: string) => void },
): Promise<World> {
  const { say } = options;
  const keep = options.keep || undefined;
  const name = keep ?? `cb_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error('BENCH_WORLD_DB must be a plain lower-case name');
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const release = async () => {
    if (keep) return;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.end();
  };
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (!exists) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const existing = await originalPins(databaseUrl);
  if (existing > 0 && (options.fresh || existing < size.pins)) {
    throw new Error(
      `${name} already holds ${existing} pins (${options.fresh ? 'a fresh seed needs an empty database' : `fewer than ${size.pins}`}); drop it first`,
    );
  }
  if (existing > 0) {
    say(`reusing ${name}: ${existing} original pins`);
    return { name, url: databaseUrl, release };
  }
  const users = size.users ?? Math.max(10, Math.round(size.pins / 50));
  const boards = size.boards ?? Math.max(users, Math.round(size.pins / 10));
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-world-'));
  const services = await createServices(
    { ...parseConfig({ DATABASE_URL: databaseUrl }), mediaDir },
    { log: createLogger('warn') },
  );
  try {
    say(`seeding ${size.pins} pins and ${size.saves} saves (${users} users, ${boards} boards) into ${name}`);
    const seeded = await seedSynthetic(services, {
      users,
      boards,
      pins: size.pins,
      saves: size.saves,
      progress: (line) => say(`seed: ${line}`),
    });
    await services.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      say('vacuum (analyze)');
      await client.query('vacuum (analyze)');
    } finally {
      await client.end();
    }
    if (keep) say(`kept: ${databaseUrl}`);
    return { name, url: databaseUrl, seeded, release };
  } catch (error) {
    await services.close().catch(() => {});
    await release();
    throw error;
  } finally {
    fs.rmSync(mediaDir, { recursive: true, force: true });
  }
}
