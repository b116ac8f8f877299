// A small synthetic world (PGlite with multi-row INSERTs, or PostgreSQL with COPY when DATABASE_URL
// is set): counts consistent, ids from shard 1023 with the run's slot, times that make sense, and a
// second run beside the first without collisions.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeId } from '../../db/ids.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { counterMismatches, tableCounts } from './repo.ts';
import { type SyntheticSummary, seedSynthetic } from './synthetic.ts';

const SIZE = { users: 20, boards: 40, pins: 200, saves: 2000, imagesPerTopic: 1, imageWidth: 160 };

describe('synthetic seed', () => {
  let t: TestApp;
  let first: SyntheticSummary;
  let second: SyntheticSummary;
  const progress: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    first = await seedSynthetic(t.app.services, { ...SIZE, progress: (line) => progress.push(line) });
    second = await seedSynthetic(t.app.services, { ...SIZE, seed: 'another' });
  });
  afterAll(() => t.close());

  it('writes what was asked, by COPY on PostgreSQL and INSERT on PGlite, and says how it went', async () => {
    expect(first.mode).toBe(t.config.databaseUrl ? 'copy' : 'insert');
    expect(first.rows).toMatchObject({ users: 20, boards: 40, pins: 200, saves: 2000, pin_images: 2200 });
    expect(first.seconds.total).toBeGreaterThan(0);
    expect(progress.some((line) => line.startsWith('saves: 2000'))).toBe(true);
    const counts = await tableCounts(t.app.services.ctx.db);
    expect(counts).toMatchObject({
      users: 40,
      boards: 80,
      pins: 400,
      saves: 4000,
      pin_images: 4400,
      images: 14,
    });
  });

  it('leaves every denormalized counter equal to the real count', async () => {
    expect(Object.values(first.corrected)).toEqual(new Array(9).fill(0));
    expect(Object.values(await counterMismatches(t.app.services.ctx.db))).toEqual(new Array(9).fill(0));
  });

  it('mints ids in shard 1023 with a slot per run, whose time is the row’s created_at', async () => {
    expect([first.slot, second.slot]).toEqual([0, 1]);
    const rows = await sql<{ id: string; created_at: Date }>`
      select id, created_at from pins union all select id, created_at from users
      union all select id, created_at from boards`.execute(t.app.services.ctx.db);
    const slots = new Set<number>();
    for (const row of rows.rows) {
      const decoded = decodeId(row.id);
      expect(decoded.shard).toBe(1023);
      expect(decoded.createdAt.getTime()).toBe(row.created_at.getTime());
      slots.add(decoded.sequence);
    }
    expect([...slots].sort()).toEqual([0, 1]);
    const ninetyDaysAgo = Date.now() - 91 * 86_400_000;
    expect(
      rows.rows.every((r) => r.created_at.getTime() > ninetyDaysAgo && r.created_at.getTime() < Date.now()),
    ).toBe(true);
  });

  it('saves come after what they save, from boards of other users, and usernames stay unique', async () => {
    const db = t.app.services.ctx.db;
    const early = await sql<{ n: string }>`
      select count(*) as n from pins s join pins p on p.id = s.parent_pin_id where s.created_at <= p.created_at`.execute(
      db,
    );
    expect(Number(early.rows[0]!.n)).toBe(0);
    const chains = await sql<{ n: string }>`
      select count(*) as n from pins s join pins p on p.id = s.parent_pin_id where p.origin_pin_id <> s.origin_pin_id`.execute(
      db,
    );
    expect(Number(chains.rows[0]!.n)).toBe(0);
    const names = await sql<{ username: string }>`select username from users`.execute(db);
    expect(names.rows.every((r) => /^[a-z_0-9]{3,30}$/.test(r.username))).toBe(true);
  });
});
