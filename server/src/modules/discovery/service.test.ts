// The graph built from a real database and kept current by the real event stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard } from '../boards/test-kit.ts';
import { patternImage } from '../media/test-images.ts';
import type { DiscoveryService } from './service.ts';

let t: TestApp;
let discovery: DiscoveryService;
let png: string;
beforeAll(async () => {
  // The app's own service (its listener registered by services.ts), built when this test says.
  t = await startTestApp({ discoveryGraph: false });
  discovery = t.app.services.discovery;
  png = (await patternImage(64, 48, 'png')).toString('base64');
});
afterAll(async () => t?.close());

async function createPin(who: Actor, boardId: string): Promise<string> {
  const response = await call(t.app, 'POST', '/v5/pins', who.headers, {
    board_id: boardId,
    media_source: { source_type: 'image_base64', content_type: 'image/png', data: png },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

async function save(who: Actor, pinId: string, boardId: string): Promise<string> {
  const response = await call(t.app, 'POST', `/v5/pins/${pinId}/save`, who.headers, { board_id: boardId });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

async function remove(who: Actor, pinId: string): Promise<void> {
  const response = await call(t.app, 'DELETE', `/v5/pins/${pinId}`, who.headers);
  expect(response.status).toBe(204);
}

const sorted = (list: string[]) => [...list].sort();

describe('discovery graph from the database', () => {
  it('builds on canonical pins, keeps secrets out of results, and follows saves and deletions', async () => {
    const alice = await actor(t.app);
    const bob = await actor(t.app);
    const pasta = await createBoard(t.app, alice, { name: 'Pasta Night' });
    const stash = await createBoard(t.app, alice, { name: 'Stash', privacy: 'SECRET' });
    const dinners = await createBoard(t.app, bob, { name: 'Weeknight Dinners' });
    const p1 = await createPin(alice, pasta.id);
    const p2 = await createPin(alice, pasta.id);
    const secret = await createPin(alice, stash.id);
    const bobsCopy = await save(bob, p1, dinners.id);
    await save(alice, secret, pasta.id); // a public save of a secret original
    const copyOfCopy = await save(alice, bobsCopy, stash.id);

    const graph = await discovery.start();
    // Saves join their original's node: p1 sits on both boards, and no copy is a node.
    expect(sorted(graph.boardsOf(p1))).toEqual(sorted([pasta.id, dinners.id, stash.id]));
    expect(graph.hasPin(bobsCopy)).toBe(false);
    expect(graph.hasPin(copyOfCopy)).toBe(false);
    expect(sorted(graph.pinsOf(pasta.id))).toEqual(sorted([p1, p2, secret]));
    expect(discovery.stats()).toMatchObject({ pins: 3, boards: 3, edges: 6 });

    const related = async (id: string) =>
      (await discovery.related([{ id }], { steps: 5000, limit: 10, seed: 1 })).map((r) => r.pinId);
    // The secret original is on a public board too, but may not be shown.
    expect(await related(p2)).toEqual([p1]);
    expect(await related(p1)).toEqual([p2]);

    // Changes after the build arrive through the event stream.
    const p4 = await createPin(bob, dinners.id);
    await save(bob, p2, dinners.id);
    await t.app.services.events.drain();
    expect(sorted(graph.pinsOf(dinners.id))).toEqual(sorted([p1, p2, p4]));
    expect(sorted(await related(p4))).toEqual(sorted([p1, p2]));

    await remove(bob, bobsCopy);
    await t.app.services.events.drain();
    expect(sorted(graph.boardsOf(p1))).toEqual(sorted([pasta.id, stash.id]));

    // Deleting an original: its node stays (saves still join boards through it), never shown again.
    await remove(alice, p2);
    await t.app.services.events.drain();
    expect(graph.boardsOf(p2)).toEqual([dinners.id]);
    expect(await related(p4)).toEqual([]);
    expect(await related(p1)).toEqual([]);
  });

  it('follows board changes: a board made secret or deleted no longer carries walks', async () => {
    const carol = await actor(t.app);
    const paths = await createBoard(t.app, carol, { name: 'Garden paths' });
    const benches = await createBoard(t.app, carol, { name: 'Garden benches' });
    const lights = await createBoard(t.app, carol, { name: 'Garden lights' });
    const onPaths = await createPin(carol, paths.id);
    const onLights = await createPin(carol, lights.id);
    // The two meet only on benches.
    await save(carol, onPaths, benches.id);
    await save(carol, onLights, benches.id);
    await t.app.services.events.drain();
    const graph = await discovery.ready();
    const related = async (id: string) =>
      (await discovery.related([{ id }], { steps: 5000, limit: 10, seed: 3 })).map((r) => r.pinId);
    expect(await related(onPaths)).toContain(onLights);

    const privacy = async (value: string) => {
      const response = await call(t.app, 'PATCH', `/v5/boards/${benches.id}`, carol.headers, {
        privacy: value,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      await t.app.services.events.drain();
    };
    await privacy('SECRET');
    expect(await related(onPaths)).not.toContain(onLights);
    await privacy('PUBLIC');
    expect(await related(onPaths)).toContain(onLights);

    const deleted = await call(t.app, 'DELETE', `/v5/boards/${benches.id}`, carol.headers);
    expect(deleted.status).toBe(204);
    await t.app.services.events.drain();
    expect(graph.pinsOf(benches.id)).toEqual([]);
    expect(await related(onPaths)).toEqual([]);
  });
});
