// GET /v5/feeds/home through the HTTP API: the four sources and their reasons, visibility, the run
// rule, no repeats within a session, stable pages through bookmarks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import { type Actor, actor, call, createBoard } from '../boards/test-kit.ts';
import { makePin, savePin, settle } from '../discovery/related-test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ feedGlobalListsTtlSeconds: 0 });
});
afterAll(async () => t?.close());

type Reason = { source: string; detail: string };
type Item = { id: string; board_id: string; reason?: Reason };

const follow = (who: Actor, username: string) =>
  call(t.app, 'POST', `/v5/user_account/following/${username}`, who.headers, {});

/** Every page of a session, each page fetched twice to check that a bookmark always gives the same page. */
async function session(who: Actor, pageSize: number, debug = false): Promise<Item[][]> {
  const pages: Item[][] = [];
  let bookmark: string | null = null;
  do {
    const url: string = `/v5/feeds/home?page_size=${pageSize}${debug ? '&debug=true' : ''}${bookmark ? `&bookmark=${bookmark}` : ''}`;
    const response = await call(t.app, 'GET', url, who.headers);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    if (bookmark) {
      const again = await call(t.app, 'GET', url, who.headers);
      expect(again.body).toEqual(response.body);
    }
    pages.push(response.body.items);
    bookmark = response.body.bookmark;
  } while (bookmark && pages.length < 50);
  return pages;
}

const idsOf = (pages: Item[][]) => pages.flat().map((item) => item.id);

async function ownersOf(ids: string[]): Promise<Map<string, { owner: string; origin: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await t.app.services.ctx.db
    .selectFrom('pins')
    .select(['id', 'owner_id', 'origin_pin_id'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, { owner: row.owner_id, origin: row.origin_pin_id }]));
}

describe('home feed', () => {
  let ada: Actor;
  let bob: Actor;
  let cy: Actor;
  let bobPins: string[];
  let walkTarget: string;

  beforeAll(async () => {
    [ada, bob, cy] = [await actor(t.app), await actor(t.app), await actor(t.app)];
    const [dee, eve] = [await actor(t.app), await actor(t.app)];
    await follow(ada, bob.username);
    // Bob: many pins on one board, so the run rule has work to do.
    const bobBoard = await createBoard(t.app, bob);
    bobPins = [];
    for (let i = 0; i < 6; i++) bobPins.push(await makePin(t.app, bob, bobBoard.id));
    // Ada saved cy's pin; cy's board holds it next to walkTarget, so walks from Ada's save reach it.
    const cyBoard = await createBoard(t.app, cy);
    const liked = await makePin(t.app, cy, cyBoard.id);
    walkTarget = await makePin(t.app, cy, cyBoard.id);
    await savePin(t.app, ada, liked, (await createBoard(t.app, ada)).id);
    // Trending and fresh pins from people Ada does not follow.
    const deeBoard = await createBoard(t.app, dee);
    const popular = await makePin(t.app, dee, deeBoard.id);
    for (const saver of [eve, cy]) await savePin(t.app, saver, popular, (await createBoard(t.app, saver)).id);
    await makePin(t.app, eve, (await createBoard(t.app, eve)).id);
    await settle(t.app);
  });

  it('blends followed, walk, trending and fresh pins, with reasons only when asked', async () => {
    const pages = await session(ada, 5, true);
    const items = pages.flat();
    const sources = new Set(items.map((item) => item.reason?.source));
    expect([...sources].sort()).toEqual(['followed', 'fresh', 'trending', 'walk']);
    for (const item of items) expect(item.reason!.detail.length).toBeGreaterThan(0);
    expect(items.find((item) => item.id === walkTarget)?.reason?.source).toBe('walk');
    expect(items.filter((item) => bobPins.includes(item.id)).map((item) => item.reason!.detail)).toContain(
      `you follow @${bob.username}`,
    );

    const plain = await call(t.app, 'GET', '/v5/feeds/home?page_size=25', ada.headers);
    expect(plain.status).toBe(200);
    for (const item of plain.body.items) {
      expect(item).not.toHaveProperty('reason');
      assertMatchesSpec('GET', '/pins/{pin_id}', 200, item);
    }
    const debug = await call(t.app, 'GET', '/v5/feeds/home?page_size=25&debug=true', ada.headers);
    for (const { reason, ...pin } of debug.body.items) {
      expect(reason.source).toMatch(/^(followed|walk|trending|fresh)$/);
      assertMatchesSpec('GET', '/pins/{pin_id}', 200, pin);
    }
  });

  it('never repeats a pin or a copy of it within a session, and keeps every page stable', async () => {
    for (const pageSize of [1, 3, 100]) {
      const ids = idsOf(await session(ada, pageSize));
      expect(new Set(ids).size).toBe(ids.length);
      const origins = [...(await ownersOf(ids)).values()].map((pin) => pin.origin);
      expect(new Set(origins).size).toBe(origins.length);
      expect(ids).toContain(walkTarget);
      // Bob's pins share a board and a pinner: the run rule places them only between others.
      expect(bobPins.filter((id) => ids.includes(id)).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('never puts more than two pins of one board or one pinner in a row', async () => {
    const items = (await session(ada, 4)).flat();
    const owners = await ownersOf(items.map((item) => item.id));
    for (let i = 2; i < items.length; i++) {
      const run = items.slice(i - 2, i + 1);
      expect(new Set(run.map((item) => item.board_id)).size, JSON.stringify(run)).toBeGreaterThan(1);
      expect(new Set(run.map((item) => owners.get(item.id)!.owner)).size).toBeGreaterThan(1);
    }
  });

  it('gives a new user trending and fresh pins', async () => {
    const newcomer = await actor(t.app);
    const items = (await session(newcomer, 10, true)).flat();
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((item) => item.reason!.source))).toEqual(new Set(['trending', 'fresh']));
  });
});

describe('home feed visibility', () => {
  it('never shows others’ secret pins or anyone blocked either way, from any source', async () => {
    const [ada, bob, cy, fan] = [
      await actor(t.app),
      await actor(t.app),
      await actor(t.app),
      await actor(t.app),
    ];
    await follow(ada, bob.username);
    await follow(ada, cy.username);
    const adaSecret = await createBoard(t.app, ada, { privacy: 'SECRET' });
    const bobSecret = await createBoard(t.app, bob, { privacy: 'SECRET' });
    const mySecret = await makePin(t.app, ada, adaSecret.id);
    const bobHidden = await makePin(t.app, bob, bobSecret.id);
    // Ada collaborates on Bob's secret board: she may see it, but its pins stay out of her feed.
    await call(t.app, 'POST', `/v5/boards/${bobSecret.id}/collaborators`, bob.headers, {
      username: ada.username,
    });
    await call(t.app, 'POST', `/v5/boards/${bobSecret.id}/collaborators/accept`, ada.headers);
    const bobShown = await makePin(t.app, bob, (await createBoard(t.app, bob)).id);
    const cyShown = await makePin(t.app, cy, (await createBoard(t.app, cy)).id);
    // Both are trending too, and Ada's own save sits next to cy's pin for the walks.
    await savePin(t.app, fan, bobShown, (await createBoard(t.app, fan)).id);
    const fanBoard = await createBoard(t.app, fan);
    await savePin(t.app, fan, cyShown, fanBoard.id);
    const fanPin = await makePin(t.app, fan, fanBoard.id);
    await savePin(t.app, ada, fanPin, (await createBoard(t.app, ada)).id);
    await settle(t.app);

    let feed = idsOf(await session(ada, 25));
    expect(feed).toEqual(expect.arrayContaining([mySecret, bobShown, cyShown]));
    expect(feed).not.toContain(bobHidden);

    // Cy blocks Ada, and Ada blocks Bob: neither's pins appear anywhere in her feed.
    expect((await call(t.app, 'POST', `/v5/user_account/blocks/${ada.username}`, cy.headers)).status).toBe(
      200,
    );
    expect((await call(t.app, 'POST', `/v5/user_account/blocks/${bob.username}`, ada.headers)).status).toBe(
      200,
    );
    feed = idsOf(await session(ada, 25));
    expect(feed).toContain(mySecret);
    expect(feed).not.toContain(bobShown);
    expect(feed).not.toContain(cyShown);
    // Others never see Ada's secret pin.
    expect(idsOf(await session(fan, 25))).not.toContain(mySecret);
  });

  it('rejects bookmarks it did not issue, oversized pages, and anonymous callers', async () => {
    const ada = await actor(t.app);
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const bad = [
      'nope',
      forged(['h', 'short', 5]),
      forged(['h', 'AAAAAAAAAAAAAAAA', 0]),
      forged(['x', 'AAAAAAAAAAAAAAAA', 5]),
    ];
    for (const bookmark of bad) {
      const response = await call(t.app, 'GET', `/v5/feeds/home?bookmark=${bookmark}`, ada.headers);
      expect(response.status, bookmark).toBe(400);
      expect(response.body.code).toBe(1);
    }
    expect((await call(t.app, 'GET', '/v5/feeds/home?page_size=101', ada.headers)).status).toBe(400);
    expect((await call(t.app, 'GET', '/v5/feeds/home', {})).status).toBe(401);
  });
});
