// A small demo world on a fresh database (PGlite, or PostgreSQL with DATABASE_URL): counters agree
// with the rows, the demo account logs in, pictures are served, and a second seeder does nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../../testing/clients.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type DemoOutcome, seedDemo } from './demo.ts';
import { counterMismatches, tableCounts } from './repo.ts';

const SMALL = {
  size: { users: 3, boards: 6, pins: 40, saves: 15, comments: 10, reactions: 20 },
  imagesPerTopic: 1,
  imageWidth: 160,
};

describe('demo seed', () => {
  let t: TestApp;
  let outcomes: DemoOutcome[];
  const announced: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    // Two seeders at once: exactly one may write.
    outcomes = await Promise.all([
      seedDemo(t.app.services, { ...SMALL, announce: (line) => announced.push(line) }),
      seedDemo(t.app.services, { ...SMALL, announce: (line) => announced.push(line) }),
    ]);
  });
  afterAll(() => t.close());

  it('seeds once, however many seeders race, and prints the login on one line', () => {
    expect(outcomes.map((o) => o.status).sort()).toEqual(['seeded', 'skipped']);
    const seeded = outcomes.find((o) => o.status === 'seeded')!;
    if (seeded.status !== 'seeded') throw new Error('unreachable');
    expect(announced).toEqual([`Demo login: username=demo password=${seeded.password}`]);
  });

  it('writes the world it was asked for, with every counter equal to the real count', async () => {
    const counts = await tableCounts(t.app.services.ctx.db);
    expect(counts).toMatchObject({ users: 3, boards: 6, pins: 40, saves: 15, pin_images: 55, comments: 10 });
    expect(counts.images).toBe(14);
    expect(counts.reactions).toBeGreaterThan(0);
    expect(counts.user_follows).toBeGreaterThan(0);
    expect(Object.values(await counterMismatches(t.app.services.ctx.db))).toEqual(new Array(9).fill(0));
  });

  it('lets the demo user log in (POST /v5/auth/login) and serves the pictures of its pins', async () => {
    const seeded = outcomes.find((o) => o.status === 'seeded')!;
    if (seeded.status !== 'seeded') throw new Error('unreachable');
    const session = await logIn(t.app, 'demo', seeded.password);
    const account = await t.app.inject({ method: 'GET', url: '/v5/user_account', headers: session.headers });
    expect(account.json()).toMatchObject({ username: 'demo' });
    const boards = await t.app.inject({ method: 'GET', url: '/v5/boards', headers: session.headers });
    expect(boards.statusCode).toBe(200);
    const board = (boards.json() as { items: { id: string; pin_count: number }[] }).items.find(
      (b) => b.pin_count > 0,
    )!;
    const pins = await t.app.inject({
      method: 'GET',
      url: `/v5/boards/${board.id}/pins`,
      headers: session.headers,
    });
    const pin = (
      pins.json() as { items: { title: string; media: { images: Record<string, { url: string }> } }[] }
    ).items[0]!;
    expect(pin.title.length).toBeGreaterThan(3);
    const url = new URL(pin.media.images['600x']!.url);
    const image = await t.app.inject({ method: 'GET', url: url.pathname });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.length).toBeGreaterThan(500);
  });

  it('does nothing on a database that has users', async () => {
    const again = await seedDemo(t.app.services, SMALL);
    expect(again).toEqual({ status: 'skipped', reason: 'the database has users' });
    expect((await tableCounts(t.app.services.ctx.db)).users).toBe(3);
  });
});
