// Onboarding topics and interests through the HTTP API (the home feed has home.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard, insertPin, walk } from '../boards/test-kit.ts';
import { TOPICS } from '../seed/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

async function pinWithSaves(owner: Actor, boardId: string, saves = 0): Promise<string> {
  const { pinId } = await insertPin(t.app, owner.userId, boardId);
  await t.app.services.ctx.db
    .updateTable('pins')
    .set({ save_count: saves, origin_pin_id: pinId, dominant_color: '#aabbcc' })
    .where('id', '=', pinId)
    .execute();
  return pinId;
}

const homeIds = async (who: Actor, pageSize = 3) =>
  (await walk<{ id: string }>(t.app, `/v5/feeds/home?page_size=${pageSize}`, who.headers)).map(
    (pin) => pin.id,
  );

describe('topics and interests', () => {
  it('lists every topic, with a cover from a matching public board', async () => {
    const owner = await actor(t.app);
    const board = await createBoard(t.app, owner, { name: 'My tattoos' });
    const pinId = await pinWithSaves(owner, board.id, 3);
    const response = await call(t.app, 'GET', '/v5/topics', {});
    expect(response.status).toBe(200);
    expect(response.body.items.map((topic: { key: string }) => topic.key)).toEqual(TOPICS.map((x) => x.key));
    const tattoos = response.body.items.find((topic: { key: string }) => topic.key === 'tattoos');
    expect(tattoos).toMatchObject({ label: 'Tattoos', cover: { pin_id: pinId, dominant_color: '#aabbcc' } });
    expect(tattoos.cover.url).toMatch(/\/media\/.*400x300\.jpg$/);
  });

  it('follows the most followed matching boards and their owners, and fills the home feed', async () => {
    const ada = await actor(t.app);
    const baker = await actor(t.app);
    const fan = await actor(t.app);
    const sourdough = await createBoard(t.app, baker, { name: 'Sourdough' });
    const cookies = await createBoard(t.app, baker, { name: 'Weekend cookies' });
    const unrelated = await createBoard(t.app, baker, { name: 'Cookiesque things' });
    // Matches the topic but has no pins yet.
    await createBoard(t.app, baker, { name: 'Bread Baking' });
    await createBoard(t.app, baker, { name: 'Secret baking', privacy: 'SECRET' });
    for (const board of [sourdough, cookies, unrelated]) await pinWithSaves(baker, board.id);
    await call(t.app, 'POST', `/v5/boards/${cookies.id}/follow`, fan.headers);
    await call(t.app, 'POST', `/v5/boards/${cookies.id}/follow`, (await actor(t.app)).headers);

    const response = await call(t.app, 'POST', '/v5/user_account/interests', ada.headers, {
      topics: ['baking'],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const followed = response.body.followed_boards.map((b: { id: string }) => b.id);
    // Cookies has more followers; the empty, secret and merely similar boards are left out.
    expect(followed).toEqual([cookies.id, sourdough.id]);
    expect(response.body.followed_users).toContainEqual({ username: baker.username });
    const boards = await call(t.app, 'GET', '/v5/user_account/following/boards', ada.headers);
    expect(boards.body.items.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining(followed));
    const feed = await homeIds(ada, 25);
    expect(feed.length).toBeGreaterThan(0);

    // Picking again is harmless (follows are idempotent).
    const again = await call(t.app, 'POST', '/v5/user_account/interests', ada.headers, {
      topics: ['baking'],
    });
    expect(again.status).toBe(200);
  });

  it('rejects unknown topics and empty picks', async () => {
    const ada = await actor(t.app);
    const unknown = await call(t.app, 'POST', '/v5/user_account/interests', ada.headers, {
      topics: ['baking', 'no-such-topic'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('no-such-topic');
    const none = await call(t.app, 'POST', '/v5/user_account/interests', ada.headers, { topics: [] });
    expect(none.status).toBe(400);
    const anonymous = await call(t.app, 'POST', '/v5/user_account/interests', {}, { topics: ['baking'] });
    expect(anonymous.status).toBe(401);
  });
});
