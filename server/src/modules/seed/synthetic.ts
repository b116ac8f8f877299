// Synthetic worlds for benchmarks (`corkboard seed`): many users with interests, topic boards,
// Zipf-popular pins and saves that cluster on popular pins and on boards of the matching theme.
// Rows are planned in memory (world.ts), then streamed: with COPY on PostgreSQL, with multi-row
// unnest() INSERTs on PGlite (its pg adapter cannot carry COPY data); into an empty pins table, with
// the indexes, foreign keys and search documents built after the load (fresh-load-repo.ts). A run
// adds to the database and never deletes; its ids carry shard 1023 and a run slot of their own (see
// id-minter.ts).
// Saves copy their pin's title and link but not its description: a save row is then about a quarter
// cheaper to index (the generated full-text column), and saves are most of the rows. Counters are
// written with the rows (the plan knows them) and verified by a set-based recount at the end. A run
// that fails part-way keeps what it wrote; its slot stays taken.
import os from 'node:os';
import pg from 'pg';
import type { Services } from '../../services.ts';
import { beginFreshLoad, type FreshLoad, finishFreshLoad, STAGED_PINS } from './fresh-load-repo.ts';
import { Timeline } from './id-minter.ts';
import { topicImages } from './images.ts';
import * as repo from './repo.ts';
import { type Part, WorldRows } from './rows.ts';
import { TOPICS } from './topics.ts';
import { planWorld } from './world.ts';

export interface SyntheticOptions {
  users: number;
  boards: number;
  pins: number;
  saves: number;
  seed?: string;
  imagesPerTopic?: number;
  imageWidth?: number;
  followsPerUser?: number;
  /**
   * Parallel COPY connections on PostgreSQL, each writing the pins of its share of the users
   * (default: one per core, at most 4).
   */
  writers?: number;
  /**
   * Into an empty pins table, load without indexes, foreign keys and the search trigger and build
   * them after, in one transaction (default true; PostgreSQL only).
   */
  freshLoad?: boolean;
  /** Progress lines, a few seconds apart. */
  progress?: (line: string) => void;
}

export interface SyntheticSummary {
  slot: number;
  mode: 'copy' | 'insert';
  rows: Record<string, number>;
  /** Seconds per phase, and in total. */
  seconds: Record<string, number>;
  /** Rows the final recount had to fix, per counter (0 everywhere when the plan's counts held). */
  corrected: Record<string, number>;
}

type SeedServices = Pick<Services, 'ctx' | 'database' | 'media'>;

const round = (s: number) => Math.round(s * 10) / 10;

export async function seedSynthetic(
  services: SeedServices,
  options: SyntheticOptions,
): Promise<SyntheticSummary> {
  const { db, config } = services.ctx;
  const say = options.progress ?? (() => {});
  const started = performance.now();
  const seconds: Record<string, number> = {};
  let phaseStart = started;
  const phase = (name: string) => {
    const now = performance.now();
    seconds[name] = round((now - phaseStart) / 1000);
    phaseStart = now;
  };

  const images = await topicImages(services.media, TOPICS, {
    perTopic: options.imagesPerTopic ?? 6,
    width: options.imageWidth ?? 480,
  });
  phase('images');
  say(`images: ${images.flat().length} (${seconds.images} s)`);

  const timeline = Timeline.lastDays(90);
  const world = planWorld(
    {
      users: options.users,
      boards: options.boards,
      pins: options.pins,
      saves: options.saves,
      followsPerUser: options.followsPerUser ?? 8,
      boardFollowsPerUser: 2,
    },
    options.seed ?? 'corkboard',
    timeline,
  );
  phase('plan');
  say(
    `planned: ${world.follows.length} follows, ${world.boardFollows.length} board follows (${seconds.plan} s)`,
  );

  // The slot is claimed by writing the run's users under the seed lock, in one transaction.
  let rows!: WorldRows;
  const slot = await db.transaction().execute(async (trx) => {
    await repo.lockSeedWrites(trx);
    const free = await repo.freeRunSlot(trx);
    rows = new WorldRows(world, {
      slot: free,
      timeline,
      images,
      usernameSuffix: `_r${free}`,
      emailDomain: 'synthetic.corkboard.invalid',
      saveText: 'title',
      batchSize: 5000,
    });
    for (const batch of rows.users()) await repo.insertRows(trx, repo.TABLES.users, batch);
    return free;
  });
  phase('users');
  say(`users: ${options.users} (run slot ${slot}, ${seconds.users} s)`);

  const writers = config.databaseUrl
    ? Math.max(1, options.writers ?? Math.min(4, os.availableParallelism()))
    : 0;
  const clients = Array.from(
    { length: writers },
    () => new pg.Client({ connectionString: config.databaseUrl }),
  );
  let fresh: FreshLoad | null = null;
  try {
    for (const client of clients) {
      await client.connect();
      await repo.tuneBulkSession(client);
    }
    type Source = (share?: Part) => Iterable<repo.Row[]>;
    const write = async (
      label: string,
      spec: repo.TableSpec,
      source: Source,
      total: number,
      split = false,
    ) => {
      let done = 0;
      let shown = performance.now();
      const tick = (n: number) => {
        done += n;
        if (performance.now() - shown < 3000) return;
        shown = performance.now();
        const rate = Math.round(done / ((shown - phaseStart) / 1000));
        say(`${label}: ${done}/${total} (${rate} rows/s)`);
      };
      if (clients.length > 0 && !split) return repo.copyRows(clients[0]!, spec, source(), tick);
      if (clients.length > 0) {
        const parts = clients.length;
        await Promise.all(clients.map((c, part) => repo.copyRows(c, spec, source({ part, parts }), tick)));
        return done;
      }
      for (const batch of source()) {
        await repo.insertRows(db, spec, batch);
        tick(batch.length);
      }
      return done;
    };
    const { TABLES: t } = repo;
    await write('boards', t.boards, () => rows.boards(), options.boards);
    phase('boards');
    // Into an empty pins table: one transaction on one connection, indexes built after (fresh-load-repo.ts).
    fresh = clients[0] && options.freshLoad !== false ? await beginFreshLoad(clients[0]) : null;
    if (fresh) say('fresh world: indexes, foreign keys and search documents are built after the load');
    const pinsInto = fresh ? { ...t.pins, table: STAGED_PINS } : t.pins;
    await write('pins', pinsInto, (share) => rows.pins(share), options.pins, !fresh);
    await write('pin images', t.pinImages, (share) => rows.pinImages(share), options.pins, !fresh);
    phase('pins');
    say(`pins: ${options.pins} (${seconds.pins} s)`);
    await write('saves', pinsInto, (share) => rows.saves(share), options.saves, !fresh);
    await write('save images', t.pinImages, (share) => rows.saveImages(share), options.saves, !fresh);
    phase('saves');
    say(`saves: ${options.saves} (${seconds.saves} s)`);
    if (fresh) {
      await finishFreshLoad(
        fresh,
        t.pins.columns.map(([name]) => name),
        (line) => say(`build: ${line}`),
      );
      fresh = null;
      phase('build');
      say(`built search documents, indexes and foreign keys (${seconds.build} s)`);
    }
    await write('follows', t.userFollows, () => rows.follows(), world.follows.length);
    await write('board follows', t.boardFollows, () => rows.boardFollows(), world.boardFollows.length);
    phase('follows');
  } finally {
    if (fresh) await fresh.client.query('rollback').catch(() => {});
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }

  say('recounting denormalized counters');
  const corrected = await repo.recountCounters(db, slot);
  if (services.database.kind === 'postgres') await repo.analyzeSeededTables(db);
  phase('recount');
  seconds.total = round((performance.now() - started) / 1000);
  return {
    slot,
    mode: writers > 0 ? 'copy' : 'insert',
    rows: {
      users: options.users,
      boards: options.boards,
      pins: options.pins,
      saves: options.saves,
      pin_images: options.pins + options.saves,
      images: images.flat().length,
      user_follows: world.follows.length,
      board_follows: world.boardFollows.length,
    },
    seconds,
    corrected,
  };
}

/** The summary `corkboard seed` prints. */
export function formatSummary(s: SyntheticSummary): string {
  const per = (n: number, sec: number | undefined) => (sec ? ` (${Math.round(n / sec)}/s)` : '');
  const lines = [
    `Seeded run ${s.slot} in ${s.seconds.total} s (${s.mode === 'copy' ? 'COPY' : 'multi-row INSERT'}):`,
    ...Object.entries(s.rows).map(([name, n]) => {
      const rate = name === 'pins' ? per(n, s.seconds.pins) : name === 'saves' ? per(n, s.seconds.saves) : '';
      return `  ${name.padEnd(14)}${String(n).padStart(12)}${rate}`;
    }),
    `Phases (s): ${Object.entries(s.seconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `Counters corrected by the recount: ${Object.values(s.corrected).reduce((a, b) => a + b, 0)}`,
  ];
  return `${lines.join('\n')}\n`;
}
