// Trending: rising saves against the window before, topics from public board names of several
// pinners, and the viewer's rules (public boards only, no blocked pinners).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard } from '../boards/test-kit.ts';
import { textPin, word } from '../search/test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ trendingCacheSeconds: 0 });
});
afterAll(async () => t?.close());

const HOUR = 3_600_000;
const trending = (who: Actor, query = '') => call(t.app, 'GET', `/v5/trending${query}`, who.headers);

/** `count` saves of `originId` onto `boardId` by `saver`, made `hoursAgo` hours ago. */
async function saves(saver: Actor, boardId: string, originId: string, count: number, hoursAgo: number) {
  for (let i = 0; i < count; i++) {
    const id = await textPin(t.app, saver.userId, boardId, { title: 'saved', originPinId: originId });
    await t.app.services.ctx.db
      .updateTable('pins')
      .set({ created_at: new Date(Date.now() - hoursAgo * HOUR - i * 1000) })
      .where('id', '=', id)
      .execute();
  }
}

const pinIds = (body: { pins: { pin: { id: string } }[] }) => body.pins.map((p) => p.pin.id);

describe('trending', () => {
  it('ranks pins by rising saves, leaves out steady ones and secret ones, and honours blocks', async () => {
    const owner = await actor(t.app);
    const saver = await actor(t.app);
    const viewer = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const secretBoard = await createBoard(t.app, owner, { privacy: 'SECRET' });
    const savedInto = await createBoard(t.app, saver);
    const rising = await textPin(t.app, owner.userId, board.id, { title: word() });
    const small = await textPin(t.app, owner.userId, board.id, { title: word() });
    const steady = await textPin(t.app, owner.userId, board.id, { title: word() });
    const hidden = await textPin(t.app, owner.userId, secretBoard.id, { title: word() });
    await saves(saver, savedInto.id, rising, 6, 2);
    await saves(saver, savedInto.id, rising, 1, 30);
    await saves(saver, savedInto.id, small, 2, 3);
    await saves(saver, savedInto.id, steady, 3, 5);
    await saves(saver, savedInto.id, steady, 3, 30);
    await saves(saver, savedInto.id, hidden, 9, 1);

    const day = await trending(viewer, '?window=24h');
    expect(day.status).toBe(200);
    expect(pinIds(day.body)).toEqual([rising, small]);
    expect(day.body.pins[0]).toMatchObject({ recent_saves: 6, previous_saves: 1 });
    expect(day.body.pins[0].score).toBeCloseTo(6 * Math.log(7 / 2), 3);
    expect(day.body.pins[0].pin).toMatchObject({ id: rising, board_id: board.id });
    // Over a week, all of steady's saves are recent too.
    expect(pinIds((await trending(viewer)).body)).toEqual([rising, steady, small]);

    await call(t.app, 'POST', `/v5/user_account/blocks/${owner.username}`, viewer.headers);
    expect(pinIds((await trending(viewer, '?window=24h')).body)).toEqual([]);
    expect(pinIds((await trending(saver, '?window=24h')).body)).toEqual([rising, small]);
  });

  it('names topics after public board names that several pinners save into', async () => {
    const owner = await actor(t.app);
    const [ana, ben, solo] = [await actor(t.app), await actor(t.app), await actor(t.app)];
    const [shared, alone, secret] = [word(), word(), word()];
    const origin = await textPin(t.app, owner.userId, (await createBoard(t.app, owner)).id, {
      title: word(),
    });
    await saves(ana, (await createBoard(t.app, ana, { name: `Cozy ${shared}` })).id, origin, 3, 1);
    await saves(ben, (await createBoard(t.app, ben, { name: `cozy  ${shared}` })).id, origin, 2, 2);
    await saves(solo, (await createBoard(t.app, solo, { name: `Cozy ${alone}` })).id, origin, 5, 1);
    const secretOf = (who: Actor) => createBoard(t.app, who, { name: `Hidden ${secret}`, privacy: 'SECRET' });
    await saves(ana, (await secretOf(ana)).id, origin, 4, 1);
    await saves(ben, (await secretOf(ben)).id, origin, 4, 1);

    const found = await trending(owner, '?window=24h&limit=50');
    const topic = found.body.topics.find((tp: { query: string }) => tp.query === `cozy ${shared}`);
    expect(topic).toMatchObject({ name: `Cozy ${shared}`, recent_saves: 5, previous_saves: 0 });
    const text = JSON.stringify(found.body.topics);
    expect(text).not.toContain(alone);
    expect(text).not.toContain(secret);
  });

  it('refuses windows and limits it does not know, and anonymous callers', async () => {
    const viewer = await actor(t.app);
    expect((await trending(viewer, '?window=1y')).status).toBe(400);
    expect((await trending(viewer, '?limit=51')).status).toBe(400);
    expect((await t.app.inject({ url: '/v5/trending' })).statusCode).toBe(401);
  });
});
