// Synthetic seed throughput on PostgreSQL: `corkboard seed`'s code path (COPY) into a fresh
// database. Sizes: BENCH_SEED_PINS (default 100000) original pins and BENCH_SEED_SAVES (default
// 1000000) saves; users and boards scale with the pins (BENCH_SEED_USERS, BENCH_SEED_BOARDS
// override). The database is made for the run and dropped after, unless BENCH_WORLD_DB names it:
// then it must be absent or empty, and is kept, settled (VACUUM ANALYZE) for the home and search
// benchmarks to reuse (see bench/support/world.ts). Needs DATABASE_URL; without it, says so and skips.
import { report } from '../support/report.ts';
import { envCount, worldDatabase } from '../support/world.ts';

const BENCH = 'seed';

export async function run(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    process.stderr.write('seed: DATABASE_URL is not set; this benchmark needs PostgreSQL. Skipped.\n');
    return;
  }
  const size = {
    pins: envCount('BENCH_SEED_PINS', 100_000),
    saves: envCount('BENCH_SEED_SAVES', 1_000_000),
    users: process.env.BENCH_SEED_USERS ? envCount('BENCH_SEED_USERS', 0) : undefined,
    boards: process.env.BENCH_SEED_BOARDS ? envCount('BENCH_SEED_BOARDS', 0) : undefined,
  };
  const say = (line: string) => process.stderr.write(`seed: ${line}\n`);
  const world = await worldDatabase(base, size, {
    keep: process.env.BENCH_WORLD_DB || undefined,
    fresh: true,
    say,
  });
  try {
    const summary = world.seeded!;
    const { seconds } = summary;
    say(JSON.stringify({ ...size, ...summary }));
    const corrected = Object.values(summary.corrected).reduce((a, b) => a + b, 0);
    report(BENCH, 'pins_per_s', size.pins / seconds.pins!, 'pins/s');
    report(BENCH, 'saves_per_s', size.saves / seconds.saves!, 'saves/s');
    report(BENCH, 'recount_s', seconds.recount!, 's');
    report(BENCH, 'total_s', seconds.total!, 's');
    report(BENCH, 'counters_corrected', corrected, 'rows');
  } finally {
    await world.release();
  }
}
