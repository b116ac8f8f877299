// A small synthetic world (PGlite with multi-row INSERTs, or PostgreSQL with COPY when DATABASE_URL
// is set): counts consistent, ids from shard 1023 with the run's slot, times that make sense, and a
// second run beside the first without collisions.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeId } from '../../db/ids.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { counterMismatches, recountCounters, tableCounts } from './repo.ts';
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

  it('the recount puts wrong counters right and says how many it fixed, per counter', async () => {
    const db = t.app.services.ctx.db;
    await sql`update pins set save_count = save_count + 5, reaction_count = 7
      where id in (select id from pins order by id limit 3)`.execute(db);
    await sql`update users set following_count = following_count + 1
      where id in (select id from users order by id limit 2)`.execute(db);
    const fixed = await recountCounters(db);
    expect(fixed).toMatchObject({
      'pins.save_count': 3,
      'pins.reaction_count': 3,
      'pins.comment_count': 0,
      'users.following_count': 2,
      'users.pin_count': 0,
    });
    expect(Object.values(await counterMismatches(db))).toEqual(new Array(9).fill(0));
  });

  it('loads a fresh world without indexes and builds them, the keys and the search documents after', async () => {
    const db = t.app.services.ctx.db;
    // Only the first run found the pins table empty, and only COPY (PostgreSQL) takes that path.
    expect(first.seconds.build !== undefined).toBe(Boolean(t.config.databaseUrl));
    expect(second.seconds.build).toBeUndefined();
    const stale = await sql<{ n: string }>`
      select count(*) as n from pins p join boards b on b.id = p.board_id
      where p.search is distinct from pin_search_document(p.title, p.description, p.alt_text, b.name,
        p.save_count + p.comment_count + p.reaction_count)`.execute(db);
    expect(Number(stale.rows[0]!.n)).toBe(0);
    const indexes = await sql<{ name: string }>`
      select indexname as name from pg_indexes where tablename in ('pins', 'pin_images') order by 1`.execute(
      db,
    );
    expect(indexes.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'pins_search',
        'pins_board_order',
        'pins_origin',
        'pin_images_image',
        'pins_pkey',
      ]),
    );
    const keys = await sql<{ name: string }>`
      select conname as name from pg_constraint
      where contype = 'f' and conrelid in ('pins'::regclass, 'pin_images'::regclass)`.execute(db);
    expect(keys.rows.map((r) => r.name).sort()).toEqual([
      'pin_images_image_id_fkey',
      'pin_images_pin_id_fkey',
      'pins_board_id_fkey',
      'pins_owner_id_fkey',
      'pins_section_id_fkey',
    ]);
    const trigger = await sql<{ enabled: string }>`
      select tgenabled as enabled from pg_trigger where tgname = 'pins_maintain_search'`.execute(db);
    expect(trigger.rows[0]?.enabled).toBe('O');
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
