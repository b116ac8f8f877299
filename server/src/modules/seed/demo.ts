// The demo world: on the first start with an empty database (no users), about 20 people, 60 boards
// across recognisable topics, 1,500 pins with generated pictures, saves, follows, comments and
// reactions, plus a demo account whose login is printed once. It runs in the background after the
// server listens, so /readyz and requests never wait for it (see startDemoSeed).
//
// Only one process seeds, however many start at once on one database: on PostgreSQL a session
// advisory lock elects the seeder before any work (the others skip at once), and every writer takes
// a transaction-level advisory lock and checks again that there are no users before writing the
// whole world in one transaction. A seeder that dies mid-way leaves nothing, so the next start seeds.
import { randomBytes } from 'node:crypto';
import type { Services } from '../../services.ts';
import { hashPassword } from '../accounts/index.ts';
import { Timeline } from './id-minter.ts';
import { topicImages } from './images.ts';
import * as repo from './repo.ts';
import { WorldRows } from './rows.ts';
import { TOPICS } from './topics.ts';
import { planWorld, type WorldSize } from './world.ts';

export const DEMO_SIZE: Required<WorldSize> = {
  users: 20,
  boards: 60,
  pins: 1500,
  saves: 600,
  comments: 400,
  reactions: 900,
  followsPerUser: 6,
  boardFollowsPerUser: 3,
};

export interface DemoOptions {
  size?: Partial<WorldSize>;
  /** Distinct pictures per topic, reused across that topic's pins. */
  imagesPerTopic?: number;
  imageWidth?: number;
  seed?: string;
  username?: string;
  /** Random unless given. */
  password?: string;
  signal?: AbortSignal;
  /** Where the one-line demo login goes (stdout, from main.ts). */
  announce?: (line: string) => void;
}

export type DemoOutcome =
  | { status: 'seeded'; username: string; password: string; counts: Record<string, number>; ms: number }
  | { status: 'skipped'; reason: string };

type SeedServices = Pick<Services, 'ctx' | 'database' | 'media'>;

/** Seeds the demo world if the database has no users; otherwise (or if another process is at it) skips. */
export async function seedDemo(services: SeedServices, options: DemoOptions = {}): Promise<DemoOutcome> {
  const { db } = services.ctx;
  if (await repo.anyUsers(db)) return { status: 'skipped', reason: 'the database has users' };
  // PGlite belongs to this process alone (DATA_DIR lock); PostgreSQL may be shared by many. The
  // claim pins a pooled connection for the duration, so a pool of one does without it (the write
  // lock alone still keeps seeding to one process; others then only repeat the image work).
  if (services.database.kind === 'pglite' || services.ctx.config.dbPoolSize < 2) {
    return seedEmpty(services, options);
  }
  return db.connection().execute(async (conn) => {
    if (!(await repo.tryClaimDemo(conn))) return { status: 'skipped', reason: 'another process is seeding' };
    try {
      if (await repo.anyUsers(conn)) return { status: 'skipped', reason: 'the database has users' };
      return await seedEmpty(services, options);
    } finally {
      await repo.releaseDemoClaim(conn);
    }
  });
}

async function seedEmpty(services: SeedServices, options: DemoOptions): Promise<DemoOutcome> {
  const { db, log } = services.ctx;
  const started = performance.now();
  const seed = options.seed ?? 'corkboard-demo';
  const images = await topicImages(services.media, TOPICS, {
    perTopic: options.imagesPerTopic ?? 10,
    width: options.imageWidth ?? 480,
    signal: options.signal,
  });
  log.info({ ms: Math.round(performance.now() - started) }, 'demo seed: images ready');
  options.signal?.throwIfAborted();

  const timeline = Timeline.lastDays(90);
  const world = planWorld({ ...DEMO_SIZE, ...options.size }, seed, timeline, { firstUserMostActive: true });
  const username = options.username ?? 'demo';
  world.people[0] = { displayName: world.people[0]!.displayName, username };
  const password = options.password ?? randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);

  const written = await db.transaction().execute(async (trx) => {
    await repo.lockSeedWrites(trx);
    if (await repo.anyUsers(trx)) return false;
    const slot = await repo.freeRunSlot(trx);
    const rows = new WorldRows(world, {
      slot,
      timeline,
      images,
      passwordHash: (u) => (u === 0 ? passwordHash : undefined),
      usernameSuffix: '',
      emailDomain: 'demo.corkboard.invalid',
      saveText: 'full',
      batchSize: 1000,
    });
    const { TABLES: t } = repo;
    const parts = [
      [t.users, rows.users()],
      [t.boards, rows.boards()],
      [t.pins, rows.pins()],
      [t.pinImages, rows.pinImages()],
      [t.pins, rows.saves()],
      [t.pinImages, rows.saveImages()],
      [t.userFollows, rows.follows()],
      [t.boardFollows, rows.boardFollows()],
      [t.comments, rows.comments()],
      [t.reactions, rows.reactions()],
    ] as const;
    for (const [spec, batches] of parts) for (const batch of batches) await repo.insertRows(trx, spec, batch);
    const corrected = await repo.recountCounters(trx, slot);
    if (Object.values(corrected).some((n) => n > 0)) log.warn({ corrected }, 'demo seed: counters corrected');
    return true;
  });
  if (!written) return { status: 'skipped', reason: 'the database has users' };
  const counts = await repo.tableCounts(db);
  const ms = Math.round(performance.now() - started);
  log.info({ counts, ms }, 'demo seed: done');
  options.announce?.(`Demo login: username=${username} password=${password}`);
  return { status: 'seeded', username, password, counts, ms };
}

export interface DemoSeed {
  /** Settles when seeding ends, with its outcome (undefined when it failed or was stopped). */
  done: Promise<DemoOutcome | undefined>;
  /** Stops seeding at the next step (a started write transaction finishes) and waits for it. */
  stop(): Promise<void>;
}

/** Seeds in the background; failures are logged, never thrown: the server serves either way. */
export function startDemoSeed(services: SeedServices, options: DemoOptions = {}): DemoSeed {
  const controller = new AbortController();
  const { log } = services.ctx;
  const done = seedDemo(services, { ...options, signal: controller.signal }).then(
    (outcome) => {
      if (outcome.status === 'skipped') log.debug({ reason: outcome.reason }, 'demo seed skipped');
      return outcome;
    },
    (error: unknown) => {
      if (controller.signal.aborted) log.info('demo seed stopped');
      else log.error({ err: error }, 'demo seed failed');
      return undefined;
    },
  );
  return {
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
