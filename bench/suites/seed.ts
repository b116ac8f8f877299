// Synthetic seed throughput on PostgreSQL: `corkboard seed`'s code path (COPY) into a fresh
// database made for the run and dropped after. Sizes: BENCH_SEED_PINS (default 100000) original
// pins and BENCH_SEED_SAVES (default 1000000) saves; users and boards scale with the pins
// (BENCH_SEED_USERS, BENCH_SEED_BOARDS override). Needs DATABASE_URL; without it, says so and skips.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseConfig } from '../../server/src/config.ts';
import { seedSynthetic } from '../../server/src/modules/seed/index.ts';
import { createLogger } from '../../server/src/platform/logger.ts';
import { createServices } from '../../server/src/services.ts';
import { report } from '../support/report.ts';

const BENCH = 'seed';

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

export async function run(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    process.stderr.write('seed: DATABASE_URL is not set; this benchmark needs PostgreSQL. Skipped.\n');
    return;
  }
  const pins = envCount('BENCH_SEED_PINS', 100_000);
  const saves = envCount('BENCH_SEED_SAVES', 1_000_000);
  const users = envCount('BENCH_SEED_USERS', Math.max(10, Math.round(pins / 50)));
  const boards = envCount('BENCH_SEED_BOARDS', Math.max(users, Math.round(pins / 10)));

  const name = `cb_bench_seed_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-seed-'));
  try {
    const config = { ...parseConfig({ DATABASE_URL: url.toString() }), mediaDir };
    const services = await createServices(config, { log: createLogger('warn') });
    try {
      const summary = await seedSynthetic(services, {
        users,
        boards,
        pins,
        saves,
        progress: (line) => process.stderr.write(`seed: ${line}\n`),
      });
      const { seconds } = summary;
      process.stderr.write(`seed: ${JSON.stringify({ users, boards, pins, saves, ...summary })}\n`);
      report(BENCH, 'pins_per_s', pins / seconds.pins!, 'pins/s');
      report(BENCH, 'saves_per_s', saves / seconds.saves!, 'saves/s');
      report(BENCH, 'recount_s', seconds.recount!, 's');
      report(BENCH, 'total_s', seconds.total!, 's');
    } finally {
      await services.close();
    }
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  }
}
