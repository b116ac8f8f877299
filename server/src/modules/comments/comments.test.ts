import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard, walk } from '../boards/test-kit.ts';
import { patternImage } from '../media/test-images.ts';

let t: TestApp;
let png: string;
beforeAll(async () => {
  t = await startTestApp();
  png = (await patternImage(200, 200, 'png')).toString('base64');
});
afterAll(async () => t?.close());

async function pinOf(owner: Actor): Promise<string> {
  const board = await createBoard(t.app, owner);
  const response = await call(t.app, 'POST', '/v5/pins', owner.headers, {
    board_id: board.id,
    media_source: { source_type: 'image_base64', content_type: 'image/png', data: png },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

const metrics = async (who: Actor, pinId: string) =>
  (await call(t.app, 'GET', `/v5/pins/${pinId}?pin_metrics=true`, who.headers)).body.pin_metrics
    .lifetime_metrics;

describe('comments', () => {
  it('are created, listed newest first and counted', async () => {
    const owner = await actor(t.app);
    const fan = await actor(t.app);
    const pinId = await pinOf(owner);
    for (const text of ['first', 'second', 'third']) {
      const made = await call(t.app, 'POST', `/v5/pins/${pinId}/comments`, fan.headers, { text });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ text, pin_id: pinId, author: { username: fan.username } });
    }
    const listed = await walk<{ text: string }>(
      t.app,
      `/v5/pins/${pinId}/comments?page_size=2`,
      owner.headers,
    );
    expect(listed.map((c) => c.text)).toEqual(['third', 'second', 'first']);
    expect((await metrics(owner, pinId)).comment).toBe(3);
  });

  it('are deleted by their author or the pin’s owner, and by no one else', async () => {
    const owner = await actor(t.app);
    const author = await actor(t.app);
    const bystander = await actor(t.app);
    const pinId = await pinOf(owner);
    const one = (await call(t.app, 'POST', `/v5/pins/${pinId}/comments`, author.headers, { text: 'one' }))
      .body;
    const two = (await call(t.app, 'POST', `/v5/pins/${pinId}/comments`, author.headers, { text: 'two' }))
      .body;
    const refused = await call(t.app, 'DELETE', `/v5/pins/${pinId}/comments/${one.id}`, bystander.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(29);
    expect((await call(t.app, 'DELETE', `/v5/pins/${pinId}/comments/${one.id}`, author.headers)).status).toBe(
      204,
    );
    expect((await call(t.app, 'DELETE', `/v5/pins/${pinId}/comments/${two.id}`, owner.headers)).status).toBe(
      204,
    );
    expect((await call(t.app, 'DELETE', `/v5/pins/${pinId}/comments/${two.id}`, owner.headers)).status).toBe(
      404,
    );
    expect((await metrics(owner, pinId)).comment).toBe(0);
  });

  it('reject empty or whitespace-only text', async () => {
    const owner = await actor(t.app);
    const pinId = await pinOf(owner);
    for (const text of ['', '   ']) {
      const response = await call(t.app, 'POST', `/v5/pins/${pinId}/comments`, owner.headers, { text });
      expect(response.status).toBe(400);
    }
  });
});

describe('reactions', () => {
  it('keep one reaction per person, changeable and removable, with counts', async () => {
    const owner = await actor(t.app);
    const a = await actor(t.app);
    const b = await actor(t.app);
    const pinId = await pinOf(owner);
    await t.app.inject({
      method: 'PUT',
      url: `/v5/pins/${pinId}/reactions`,
      headers: a.headers,
      payload: { kind: 'love' },
    });
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/v5/pins/${pinId}/reactions`,
      headers: a.headers,
      payload: { kind: 'wow' },
    });
    expect(changed.json()).toMatchObject({ total: 1, counts: { wow: 1 }, mine: 'wow' });
    await t.app.inject({
      method: 'PUT',
      url: `/v5/pins/${pinId}/reactions`,
      headers: b.headers,
      payload: { kind: 'wow' },
    });
    const summary = await call(t.app, 'GET', `/v5/pins/${pinId}/reactions`, owner.headers);
    expect(summary.body).toMatchObject({ total: 2, counts: { wow: 2 }, mine: null });
    expect((await metrics(owner, pinId)).reaction).toBe(2);
    expect((await call(t.app, 'DELETE', `/v5/pins/${pinId}/reactions`, a.headers)).status).toBe(204);
    expect((await metrics(owner, pinId)).reaction).toBe(1);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/v5/pins/${pinId}/reactions`,
      headers: b.headers,
      payload: { kind: 'meh' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('blocks', () => {
  it('stop a blocked user from seeing or commenting on the blocker’s pins', async () => {
    const owner = await actor(t.app);
    const blocked = await actor(t.app);
    const pinId = await pinOf(owner);
    const block = await call(t.app, 'POST', `/v5/user_account/blocks/${blocked.username}`, owner.headers);
    expect([200, 201, 204]).toContain(block.status);
    expect((await call(t.app, 'GET', `/v5/pins/${pinId}`, blocked.headers)).status).toBe(404);
    expect(
      (await call(t.app, 'POST', `/v5/pins/${pinId}/comments`, blocked.headers, { text: 'hi' })).status,
    ).toBe(404);
  });
});
