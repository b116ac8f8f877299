// GET /v5/pins/{pin_id}/related through the HTTP API: walks over the graph this app built and
// keeps current from pin events, visibility, paging, determinism, fallbacks, duplicate pictures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import { type Actor, actor, call, createBoard, walk } from '../boards/test-kit.ts';
import { hammingDistance } from '../media/index.ts';
import { patternImage } from '../media/test-images.ts';
import { makePin, recompressed, savePin, settle } from './related-test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

type Item = { id: string };
const related = (who: Actor, pinId: string, query = '') =>
  call(t.app, 'GET', `/v5/pins/${pinId}/related?page_size=50${query}`, who.headers);
const ids = (body: { items: Item[] }) => body.items.map((pin) => pin.id);

/** `count` boards of `owner`, each holding a save of `queryPin` and `perBoard` new pins of the owner's. */
async function coSaved(owner: Actor, queryPin: string, count: number, perBoard: number, privacy = 'PUBLIC') {
  const made: string[] = [];
  for (let b = 0; b < count; b++) {
    const board = await createBoard(t.app, owner, { privacy: privacy as 'PUBLIC' | 'SECRET' });
    await savePin(t.app, owner, queryPin, board.id);
    for (let p = 0; p < perBoard; p++) made.push(await makePin(t.app, owner, board.id));
  }
  return made;
}

describe('related pins', () => {
  let ada: Actor;
  let bob: Actor;
  let query: string;
  let neighbours: string[];
  let hidden: { secret: string[]; blocked: string[]; blocker: string[] };

  beforeAll(async () => {
    [ada, bob] = [await actor(t.app), await actor(t.app)];
    const [cy, dee, eve] = [await actor(t.app), await actor(t.app), await actor(t.app)];
    query = await makePin(t.app, bob, (await createBoard(t.app, bob)).id, { title: 'Query pin' });
    neighbours = await coSaved(cy, query, 2, 2);
    hidden = {
      secret: await coSaved(cy, query, 1, 1, 'SECRET'),
      blocked: await coSaved(dee, query, 1, 1),
      blocker: await coSaved(eve, query, 1, 1),
    };
    expect((await call(t.app, 'POST', `/v5/user_account/blocks/${dee.username}`, ada.headers)).status).toBe(
      200,
    );
    expect((await call(t.app, 'POST', `/v5/user_account/blocks/${ada.username}`, eve.headers)).status).toBe(
      200,
    );
    await settle(t.app);
  });

  it('returns what the walks reach, never secret pins, blocked users either way, or the pin itself', async () => {
    const response = await related(ada, query);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    for (const item of response.body.items) assertMatchesSpec('GET', '/pins/{pin_id}', 200, item);
    const found = ids(response.body);
    expect(found).toEqual(expect.arrayContaining(neighbours));
    for (const id of [query, ...hidden.secret, ...hidden.blocked, ...hidden.blocker])
      expect(found).not.toContain(id);
    // Without the blocks, dee's and eve's pins are reached like the others.
    const bobsView = ids((await related(bob, query)).body);
    expect(bobsView).toEqual(expect.arrayContaining([...hidden.blocked, ...hidden.blocker]));
    for (const id of hidden.secret) expect(bobsView).not.toContain(id);
  });

  it('is deterministic for a seed, by default and through every page', async () => {
    const first = ids((await related(ada, query)).body);
    expect(ids((await related(ada, query)).body)).toEqual(first);
    const seeded = ids((await related(ada, query, '&seed=12345')).body);
    expect(ids((await related(ada, query, '&seed=12345')).body)).toEqual(seeded);
    expect(new Set(seeded)).toEqual(new Set(first));

    const paged = await walk<Item>(t.app, `/v5/pins/${query}/related?page_size=2&seed=12345`, ada.headers);
    expect(paged.map((pin) => pin.id)).toEqual(seeded);
    // Re-asking for a page gives the same page.
    const page1 = await call(t.app, 'GET', `/v5/pins/${query}/related?page_size=2`, ada.headers);
    const again = await call(
      t.app,
      'GET',
      `/v5/pins/${query}/related?page_size=2&bookmark=${page1.body.bookmark}`,
      ada.headers,
    );
    const twice = await call(
      t.app,
      'GET',
      `/v5/pins/${query}/related?page_size=2&bookmark=${page1.body.bookmark}`,
      ada.headers,
    );
    expect(ids(twice.body)).toEqual(ids(again.body));
    expect(ids(again.body)).not.toEqual(expect.arrayContaining(ids(page1.body)));
  });

  it('shows a new save within seconds, without rebuilding the graph', async () => {
    const graph = await t.app.services.discovery.ready();
    const dan = await actor(t.app);
    const lonely = await makePin(t.app, dan, (await createBoard(t.app, dan)).id);
    const other = await makePin(t.app, dan, (await createBoard(t.app, dan)).id);
    const board = await createBoard(t.app, dan);
    await savePin(t.app, dan, lonely, board.id);
    await savePin(t.app, dan, other, board.id);
    const deadline = Date.now() + 5000;
    let found: string[] = [];
    while (Date.now() < deadline) {
      found = ids((await related(ada, lonely)).body);
      if (found.includes(other)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toContain(other);
    expect(await t.app.services.discovery.ready()).toBe(graph);
  });

  it('answers 404 for a pin the caller may not see, and 400 for a bookmark it did not issue', async () => {
    const secretBoard = await createBoard(t.app, bob, { privacy: 'SECRET' });
    const secret = await makePin(t.app, bob, secretBoard.id);
    const outsider = await related(ada, secret);
    expect(outsider.status).toBe(404);
    expect(outsider.body.code).toBe(50);
    expect((await related(bob, secret)).status).toBe(200);
    expect((await related(ada, '999999999')).status).toBe(404);
    expect((await related(ada, 'nope')).status).toBe(404);
    const forged = Buffer.from(JSON.stringify(['x', 1, 2])).toString('base64url');
    expect((await related(ada, query, `&bookmark=${forged}`)).status).toBe(400);
    expect((await related(ada, query, '&seed=-1')).status).toBe(400);
  });
});

describe('related pins without saves', () => {
  it('falls back to pins with similar words, then the board’s and the topic’s popular pins', async () => {
    const [ada, baker, other] = [await actor(t.app), await actor(t.app), await actor(t.app)];
    const baking = await createBoard(t.app, baker, { name: 'Holiday Baking' });
    const fresh = await makePin(t.app, baker, baking.id, {
      title: 'Lemon meringue tart',
      description: 'zesty',
    });
    const sameBoard = await makePin(t.app, baker, baking.id, { title: 'Plain sponge' });
    const wordy = await makePin(t.app, other, (await createBoard(t.app, other)).id, {
      title: 'My lemon tart recipe',
    });
    const secretWordy = await makePin(
      t.app,
      other,
      (await createBoard(t.app, other, { privacy: 'SECRET' })).id,
      {
        title: 'Secret lemon tart',
      },
    );
    const topical = await makePin(t.app, other, (await createBoard(t.app, other, { name: 'Sourdough' })).id, {
      title: 'Crusty loaf',
    });
    await settle(t.app);
    const response = await related(ada, fresh);
    expect(response.status).toBe(200);
    const found = ids(response.body);
    // The board's other pin comes first: the walks reach it through the board the two share.
    expect(found).toEqual([sameBoard, wordy, topical]);
    expect(found).not.toContain(secretWordy);
    expect(found).not.toContain(fresh);
  });
});

describe('duplicate pictures', () => {
  it('shows one pin per picture: identical bytes and near-identical hashes collapse', async () => {
    const [ada, cy, dee] = [await actor(t.app), await actor(t.app), await actor(t.app)];
    const picture = (await patternImage(160, 120, 'png')).toString('base64');
    const query = await makePin(t.app, cy, (await createBoard(t.app, cy)).id);
    const board = await createBoard(t.app, cy);
    await savePin(t.app, cy, query, board.id);
    const original = await makePin(t.app, cy, board.id, { picture });
    const resized = await makePin(t.app, cy, board.id, { picture: await recompressed(picture) });
    const unrelated = await makePin(t.app, cy, board.id);
    // dee uploads the same bytes to a board that also holds the query pin, so walks reach it too.
    const deeBoard = await createBoard(t.app, dee);
    await savePin(t.app, dee, query, deeBoard.id);
    const sameBytes = await makePin(t.app, dee, deeBoard.id, { picture });
    await settle(t.app);

    const hashes = await t.app.services.ctx.db
      .selectFrom('pin_images')
      .innerJoin('images', 'images.id', 'pin_images.image_id')
      .select(['pin_images.pin_id', 'images.id', 'images.phash'])
      .where('pin_images.pin_id', 'in', [original, sameBytes, resized])
      .execute();
    const hashOf = (pin: string) => hashes.find((h) => h.pin_id === pin)!;
    expect(hashOf(sameBytes).id).toBe(hashOf(original).id);
    expect(hashOf(resized).id).not.toBe(hashOf(original).id);
    expect(hammingDistance(hashOf(resized).phash, hashOf(original).phash)).toBeLessThanOrEqual(4);

    const found = ids((await related(ada, query)).body);
    expect(found).toContain(unrelated);
    expect(found.filter((id) => [original, sameBytes, resized].includes(id))).toHaveLength(1);
  });
});
