import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import {
  type Actor,
  actor,
  call,
  createBoard,
  createSection,
  tokenHeaders,
  userCounts,
  walk,
} from '../boards/test-kit.ts';
import { patternImage } from '../media/test-images.ts';

let t: TestApp;
let png: string;
let jpeg: string;
beforeAll(async () => {
  t = await startTestApp();
  png = (await patternImage(640, 480, 'png')).toString('base64');
  jpeg = (await patternImage(300, 500, 'jpeg', 1)).toString('base64');
});
afterAll(async () => t?.close());

const base64Source = (data = png) => ({ source_type: 'image_base64', content_type: 'image/png', data });

async function createPin(who: Actor, boardId: string, extra: Record<string, unknown> = {}) {
  const response = await call(t.app, 'POST', '/v5/pins', who.headers, {
    board_id: boardId,
    title: 'Lemon tart',
    description: 'Bright and sharp',
    link: 'https://recipes.example/lemon-tart',
    alt_text: 'A lemon tart on a plate',
    media_source: base64Source(),
    ...extra,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('POST /v5/pins', () => {
  it('creates an image pin with the spec’s sizes, dominant colour and counts', async () => {
    const owner = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const pin = await createPin(owner, board.id);
    assertMatchesSpec('POST', '/pins', 201, pin);
    expect(pin).toMatchObject({
      board_id: board.id,
      board_section_id: null,
      parent_pin_id: null,
      is_owner: true,
      board_owner: { username: owner.username },
      creative_type: 'REGULAR',
      media: { media_type: 'image' },
    });
    expect(pin.dominant_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(pin.media.images['150x150']).toMatchObject({ width: 150, height: 150 });
    expect(pin.media.images['600x'].width).toBe(600);
    const image = await t.app.inject({ url: new URL(pin.media.images['400x300'].url).pathname });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\//);
    expect((await userCounts(t.app, owner.userId)).pin_count).toBe(1);
    const boardAfter = await call(t.app, 'GET', `/v5/boards/${board.id}`, owner.headers);
    expect(boardAfter.body.pin_count).toBe(1);
  });

  it('creates a carousel from several base64 images', async () => {
    const owner = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const pin = await createPin(owner, board.id, {
      media_source: {
        source_type: 'multiple_image_base64',
        items: [
          { content_type: 'image/png', data: png, title: 'First' },
          { content_type: 'image/jpeg', data: jpeg, title: 'Second', link: 'https://example.com/2' },
        ],
      },
    });
    assertMatchesSpec('POST', '/pins', 201, pin);
    expect(pin.creative_type).toBe('CAROUSEL');
    expect(pin.media.media_type).toBe('multiple_images');
    expect(pin.media.items.map((i: { title: string }) => i.title)).toEqual(['First', 'Second']);
  });

  it('puts the pin in a section, and refuses a section of another board', async () => {
    const owner = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const other = await createBoard(t.app, owner);
    const section = await createSection(t.app, owner, board.id, 'Tarts');
    const pin = await createPin(owner, board.id, { board_section_id: section.id });
    expect(pin.board_section_id).toBe(section.id);
    const wrong = await call(t.app, 'POST', '/v5/pins', owner.headers, {
      board_id: other.id,
      board_section_id: section.id,
      media_source: base64Source(),
    });
    expect(wrong.status).toBe(404);
  });

  it('rejects bad media with 400 code 1 and another user’s board with 403 or 404', async () => {
    const owner = await actor(t.app);
    const stranger = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const notImage = await call(t.app, 'POST', '/v5/pins', owner.headers, {
      board_id: board.id,
      media_source: base64Source(Buffer.from('hello, not an image').toString('base64')),
    });
    expect(notImage.status).toBe(400);
    expect(notImage.body.code).toBe(1);
    const foreign = await call(t.app, 'POST', '/v5/pins', stranger.headers, {
      board_id: board.id,
      media_source: base64Source(),
    });
    expect(foreign.status).toBe(403);
    const secret = await createBoard(t.app, owner, { privacy: 'SECRET' });
    const hidden = await call(t.app, 'POST', '/v5/pins', stranger.headers, {
      board_id: secret.id,
      media_source: base64Source(),
    });
    expect(hidden.status).toBe(404);
  });
});

describe('reading, updating and deleting pins', () => {
  it('gets a pin with pin_metrics on request, as the spec describes', async () => {
    const owner = await actor(t.app);
    const reader = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const pin = await createPin(owner, board.id);
    const plain = await call(t.app, 'GET', `/v5/pins/${pin.id}`, reader.headers);
    assertMatchesSpec('GET', '/pins/{pin_id}', 200, plain.body);
    expect(plain.body.pin_metrics).toBeNull();
    expect(plain.body.is_owner).toBe(false);
    const withMetrics = await call(t.app, 'GET', `/v5/pins/${pin.id}?pin_metrics=true`, reader.headers);
    assertMatchesSpec('GET', '/pins/{pin_id}', 200, withMetrics.body);
    expect(withMetrics.body.pin_metrics.lifetime_metrics).toMatchObject({ save: 0, comment: 0, reaction: 0 });
  });

  it('updates text fields and moves the pin between boards, keeping counts right', async () => {
    const owner = await actor(t.app);
    const from = await createBoard(t.app, owner);
    const to = await createBoard(t.app, owner);
    const pin = await createPin(owner, from.id);
    const updated = await call(t.app, 'PATCH', `/v5/pins/${pin.id}`, owner.headers, {
      title: 'Lime tart',
      alt_text: null,
      board_id: to.id,
    });
    expect(updated.status).toBe(200);
    assertMatchesSpec('PATCH', '/pins/{pin_id}', 200, updated.body);
    expect(updated.body).toMatchObject({ title: 'Lime tart', alt_text: null, board_id: to.id });
    expect((await call(t.app, 'GET', `/v5/boards/${from.id}`, owner.headers)).body.pin_count).toBe(0);
    expect((await call(t.app, 'GET', `/v5/boards/${to.id}`, owner.headers)).body.pin_count).toBe(1);
    const stranger = await actor(t.app);
    expect((await call(t.app, 'PATCH', `/v5/pins/${pin.id}`, stranger.headers, { title: 'x' })).status).toBe(
      403,
    );
  });

  it('deletes a pin (204) and then answers 404 with code 50', async () => {
    const owner = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const pin = await createPin(owner, board.id);
    expect((await call(t.app, 'DELETE', `/v5/pins/${pin.id}`, owner.headers)).status).toBe(204);
    const gone = await call(t.app, 'GET', `/v5/pins/${pin.id}`, owner.headers);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe(50);
    expect((await userCounts(t.app, owner.userId)).pin_count).toBe(0);
  });

  it('lists the user’s pins and a board’s pins page by page, matching the spec', async () => {
    const owner = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createPin(owner, board.id, { title: `Pin ${i}` })).id);
    const mine = await walk<{ id: string }>(t.app, '/v5/pins?page_size=2', owner.headers, (body) =>
      assertMatchesSpec('GET', '/pins', 200, body),
    );
    expect(mine.map((p) => p.id)).toEqual([...created].reverse());
    const onBoard = await walk<{ id: string }>(
      t.app,
      `/v5/boards/${board.id}/pins?page_size=2`,
      owner.headers,
      (body) => assertMatchesSpec('GET', '/boards/{board_id}/pins', 200, body),
    );
    expect(onBoard.map((p) => p.id)).toEqual([...created].reverse());
  });

  it('lists a section’s pins', async () => {
    const owner = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const section = await createSection(t.app, owner, board.id, 'Only these');
    const inSection = await createPin(owner, board.id, { board_section_id: section.id });
    await createPin(owner, board.id);
    const listed = await call(
      t.app,
      'GET',
      `/v5/boards/${board.id}/sections/${section.id}/pins`,
      owner.headers,
    );
    assertMatchesSpec('GET', '/boards/{board_id}/sections/{section_id}/pins', 200, listed.body);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([inSection.id]);
  });
});

describe('saving pins', () => {
  it('saves a visible pin to the saver’s board with parent_pin_id, counting the save', async () => {
    const creator = await actor(t.app);
    const saver = await actor(t.app);
    const source = await createPin(creator, (await createBoard(t.app, creator)).id);
    const board = await createBoard(t.app, saver);
    const saved = await call(t.app, 'POST', `/v5/pins/${source.id}/save`, saver.headers, {
      board_id: board.id,
    });
    expect(saved.status).toBe(201);
    assertMatchesSpec('POST', '/pins/{pin_id}/save', 201, saved.body);
    expect(saved.body).toMatchObject({
      parent_pin_id: source.id,
      board_id: board.id,
      is_owner: true,
      title: source.title,
    });
    const again = await call(t.app, 'POST', `/v5/pins/${saved.body.id}/save`, creator.headers, {});
    expect(again.status).toBe(201); // no board_id: the creator's last-used board
    const metrics = await call(t.app, 'GET', `/v5/pins/${source.id}?pin_metrics=true`, creator.headers);
    expect(metrics.body.pin_metrics.lifetime_metrics.save).toBe(2);
    expect((await userCounts(t.app, saver.userId)).pin_count).toBe(1);
  });
});

describe('secret boards', () => {
  it('hide their pins from everyone else through every path', async () => {
    const owner = await actor(t.app);
    const stranger = await actor(t.app);
    const secret = await createBoard(t.app, owner, { privacy: 'SECRET' });
    const section = await createSection(t.app, owner, secret.id, 'Hidden');
    const pin = await createPin(owner, secret.id, { board_section_id: section.id });
    const strangerBoard = await createBoard(t.app, stranger);
    const attempts = [
      await call(t.app, 'GET', `/v5/pins/${pin.id}`, stranger.headers),
      await call(t.app, 'GET', `/v5/boards/${secret.id}/pins`, stranger.headers),
      await call(t.app, 'GET', `/v5/boards/${secret.id}/sections/${section.id}/pins`, stranger.headers),
      await call(t.app, 'POST', `/v5/pins/${pin.id}/save`, stranger.headers, { board_id: strangerBoard.id }),
      await call(t.app, 'PATCH', `/v5/pins/${pin.id}`, stranger.headers, { title: 'mine now' }),
      await call(t.app, 'DELETE', `/v5/pins/${pin.id}`, stranger.headers),
      await call(t.app, 'GET', `/v5/pins/${pin.id}/comments`, stranger.headers),
      await call(t.app, 'POST', `/v5/pins/${pin.id}/comments`, stranger.headers, { text: 'hello' }),
      await call(t.app, 'GET', `/v5/pins/${pin.id}/reactions`, stranger.headers),
    ];
    for (const attempt of attempts) expect(attempt.status, JSON.stringify(attempt.body)).toBe(404);
    const theirPins = await call(t.app, 'GET', `/v5/users/${owner.username}/pins`, stranger.headers);
    expect(theirPins.body.items).toEqual([]);
    expect((await call(t.app, 'GET', `/v5/pins/${pin.id}`, owner.headers)).status).toBe(200);
  });

  it('need the *_secret scopes even for their owner’s tokens', async () => {
    const owner = await actor(t.app);
    const secret = await createBoard(t.app, owner, { privacy: 'SECRET' });
    const pin = await createPin(owner, secret.id);
    const plain = await tokenHeaders(t.app, owner, ['boards:read', 'pins:read']);
    expect((await call(t.app, 'GET', `/v5/pins/${pin.id}`, plain)).status).toBe(404);
    const secretScopes = await tokenHeaders(t.app, owner, [
      'boards:read',
      'boards:read_secret',
      'pins:read',
      'pins:read_secret',
    ]);
    expect((await call(t.app, 'GET', `/v5/pins/${pin.id}`, secretScopes)).status).toBe(200);
    const listed = await call(t.app, 'GET', '/v5/pins', plain);
    expect(listed.body.items).toEqual([]);
  });
});

describe('arranging pins (extensions)', () => {
  it('reorders pins within a board', async () => {
    const owner = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const [a, b, c] = [
      await createPin(owner, board.id),
      await createPin(owner, board.id),
      await createPin(owner, board.id),
    ];
    const order = async () =>
      (await call(t.app, 'GET', `/v5/boards/${board.id}/pins`, owner.headers)).body.items.map(
        (p: { id: string }) => p.id,
      );
    expect(await order()).toEqual([c.id, b.id, a.id]);
    expect(
      (
        await call(t.app, 'POST', `/v5/boards/${board.id}/pins/reorder`, owner.headers, {
          pin_id: a.id,
          after_pin_id: null,
        })
      ).status,
    ).toBe(204);
    expect(await order()).toEqual([a.id, c.id, b.id]);
    await call(t.app, 'POST', `/v5/boards/${board.id}/pins/reorder`, owner.headers, {
      pin_id: c.id,
      after_pin_id: b.id,
    });
    expect(await order()).toEqual([a.id, b.id, c.id]);
  });

  it('moves many pins at once to another board’s section', async () => {
    const owner = await actor(t.app);
    const from = await createBoard(t.app, owner);
    const to = await createBoard(t.app, owner);
    const section = await createSection(t.app, owner, to.id, 'Landing');
    const ids = [(await createPin(owner, from.id)).id, (await createPin(owner, from.id)).id];
    const moved = await call(t.app, 'POST', '/v5/pins/move', owner.headers, {
      pin_ids: ids,
      board_id: to.id,
      board_section_id: section.id,
    });
    expect(moved.body).toEqual({ moved: 2 });
    const listed = await call(t.app, 'GET', `/v5/boards/${to.id}/sections/${section.id}/pins`, owner.headers);
    expect(listed.body.items.map((p: { id: string }) => p.id).sort()).toEqual([...ids].sort());
    expect((await call(t.app, 'GET', `/v5/boards/${from.id}`, owner.headers)).body.pin_count).toBe(0);
  });
});

describe("a user's pins (extension)", () => {
  it('lists what they created or what they saved, as pin_filter asks', async () => {
    const maker = await actor(t.app);
    const saver = await actor(t.app);
    const makerBoard = await createBoard(t.app, maker);
    const saverBoard = await createBoard(t.app, saver);
    const original = await createPin(maker, makerBoard.id);
    const own = await createPin(saver, saverBoard.id);
    const saved = await call(t.app, 'POST', `/v5/pins/${original.id}/save`, saver.headers, {
      board_id: saverBoard.id,
    });
    expect(saved.status).toBe(201);
    const list = async (filter?: string) => {
      const query = filter ? `?pin_filter=${filter}` : '';
      const response = await call(t.app, 'GET', `/v5/users/${saver.username}/pins${query}`, maker.headers);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.items.map((p: { id: string }) => p.id);
    };
    expect(await list()).toEqual([saved.body.id, own.id]);
    expect(await list('exclude_repins')).toEqual([own.id]);
    expect(await list('exclude_native')).toEqual([saved.body.id]);
    expect(
      (await call(t.app, 'GET', `/v5/users/${saver.username}/pins?pin_filter=other`, maker.headers)).status,
    ).toBe(400);
  });
});
