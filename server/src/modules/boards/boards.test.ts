import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import {
  type Actor,
  actor,
  call,
  createBoard,
  createSection,
  insertPin,
  tokenHeaders,
  userCounts,
  walk,
} from './test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('POST /v5/boards', () => {
  it('creates a board exactly as the spec defines it and counts it on the owner', async () => {
    const ada = await actor(t.app);
    const response = await call(t.app, 'POST', '/v5/boards', ada.headers, {
      name: '  Summer recipes ',
      description: 'My favorite summer recipes',
      privacy: 'PROTECTED',
    });
    expect(response.status).toBe(201);
    assertMatchesSpec('POST', '/boards', 201, response.body);
    expect(response.body).toMatchObject({
      name: 'Summer recipes',
      description: 'My favorite summer recipes',
      privacy: 'PROTECTED',
      owner: { username: ada.username },
      pin_count: 0,
      follower_count: 0,
      collaborator_count: 0,
      is_ads_only: false,
      media: { image_cover_url: null, pin_thumbnail_urls: [] },
    });
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'board_pins_modified_at',
        'collaborator_count',
        'created_at',
        'description',
        'follower_count',
        'id',
        'is_ads_only',
        'media',
        'name',
        'owner',
        'pin_count',
        'privacy',
      ].sort(),
    );
    expect((await userCounts(t.app, ada.userId)).board_count).toBe(1);
  });

  it('defaults to PUBLIC with an empty description', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada, { name: 'Plain' });
    expect(board).toMatchObject({ privacy: 'PUBLIC', description: '' });
  });

  it('refuses a second board of the same name, ignoring case, with 409; other users may reuse it', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    await createBoard(t.app, ada, { name: 'Gardens' });
    const duplicate = await call(t.app, 'POST', '/v5/boards', ada.headers, { name: 'gARDENS ' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe(409);
    assertMatchesSpec('POST', '/boards', 409, duplicate.body);
    await createBoard(t.app, bob, { name: 'Gardens' });
    expect((await userCounts(t.app, ada.userId)).board_count).toBe(1);
  });

  it.each([
    ['a blank name', { name: '   ' }],
    ['no name', { description: 'x' }],
    ['an unknown privacy', { name: 'x', privacy: 'HIDDEN' }],
    ['an unknown field', { name: 'x', colour: 'red' }],
    ['an ad-only board', { name: 'x', is_ads_only: true }],
  ])('answers %s with 400 and code 1', async (_name, body) => {
    const ada = await actor(t.app);
    const response = await call(t.app, 'POST', '/v5/boards', ada.headers, body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(1);
  });

  it('needs boards:write (403 code 3) and boards:write_secret for a secret board', async () => {
    const ada = await actor(t.app);
    const readOnly = await tokenHeaders(t.app, ada, ['boards:read']);
    expect((await call(t.app, 'POST', '/v5/boards', readOnly, { name: 'x' })).body.code).toBe(3);
    const writer = await tokenHeaders(t.app, ada, ['boards:read', 'boards:write']);
    const secret = await call(t.app, 'POST', '/v5/boards', writer, { name: 'Hidden', privacy: 'SECRET' });
    expect(secret.status).toBe(403);
    expect(secret.body.code).toBe(3);
    expect((await call(t.app, 'POST', '/v5/boards', writer, { name: 'Open' })).status).toBe(201);
  });

  it('refuses Business Access (ad_account_id) with 403', async () => {
    const ada = await actor(t.app);
    const response = await call(t.app, 'POST', '/v5/boards?ad_account_id=123', ada.headers, { name: 'x' });
    expect(response.status).toBe(403);
  });

  it('answers 401 without credentials', async () => {
    const response = await call(t.app, 'GET', '/v5/boards', {});
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(2);
  });
});

describe('GET /v5/boards', () => {
  let ada: Actor;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ada = await actor(t.app);
    for (const privacy of ['PUBLIC', 'PROTECTED', 'SECRET'] as const) {
      ids[privacy] = (await createBoard(t.app, ada, { name: privacy, privacy })).id;
    }
  });

  const listed = async (query: string, headers: Record<string, string>) => {
    const response = await call(t.app, 'GET', `/v5/boards${query}`, headers);
    expect(response.status).toBe(200);
    assertMatchesSpec('GET', '/boards', 200, response.body);
    return (response.body.items as { name: string }[]).map((b) => b.name).sort();
  };

  it('filters by privacy, with ALL and PUBLIC_AND_SECRET', async () => {
    expect(await listed('', ada.headers)).toEqual(['PROTECTED', 'PUBLIC', 'SECRET']);
    expect(await listed('?privacy=ALL', ada.headers)).toEqual(['PROTECTED', 'PUBLIC', 'SECRET']);
    expect(await listed('?privacy=PUBLIC', ada.headers)).toEqual(['PUBLIC']);
    expect(await listed('?privacy=PROTECTED', ada.headers)).toEqual(['PROTECTED']);
    expect(await listed('?privacy=SECRET', ada.headers)).toEqual(['SECRET']);
    expect(await listed('?privacy=PUBLIC_AND_SECRET', ada.headers)).toEqual(['PUBLIC', 'SECRET']);
  });

  it('leaves secret boards out for a token without boards:read_secret', async () => {
    const token = await tokenHeaders(t.app, ada, ['boards:read']);
    expect(await listed('', token)).toEqual(['PROTECTED', 'PUBLIC']);
    expect(await listed('?privacy=SECRET', token)).toEqual([]);
    expect(await listed('?privacy=PUBLIC_AND_SECRET', token)).toEqual(['PUBLIC']);
    const secretReader = await tokenHeaders(t.app, ada, ['boards:read', 'boards:read_secret']);
    expect(await listed('?privacy=SECRET', secretReader)).toEqual(['SECRET']);
  });

  it('rejects an unknown privacy filter with 400', async () => {
    expect((await call(t.app, 'GET', '/v5/boards?privacy=HIDDEN', ada.headers)).status).toBe(400);
  });

  it('needs boards:read (403 code 3)', async () => {
    const token = await tokenHeaders(t.app, ada, ['pins:read']);
    const response = await call(t.app, 'GET', '/v5/boards', token);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe(3);
  });

  it('walks every board exactly once with bookmarks, newest first', async () => {
    const many = await actor(t.app);
    const created: string[] = [];
    for (let i = 0; i < 13; i++) created.push((await createBoard(t.app, many, { name: `b${i}` })).id);
    for (const pageSize of [1, 4, 13, 25]) {
      const items = await walk<{ id: string }>(
        t.app,
        `/v5/boards?page_size=${pageSize}`,
        many.headers,
        (body) => assertMatchesSpec('GET', '/boards', 200, body),
      );
      expect(items.map((b) => b.id)).toEqual([...created].reverse());
    }
    const bad = await call(t.app, 'GET', '/v5/boards?bookmark=nonsense', many.headers);
    expect(bad.status).toBe(400);
  });
});

describe('GET, PATCH and DELETE /v5/boards/{board_id}', () => {
  it('gets a board as the spec defines it', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada, { name: 'Walls' });
    const response = await call(t.app, 'GET', `/v5/boards/${board.id}`, ada.headers);
    expect(response.status).toBe(200);
    assertMatchesSpec('GET', '/boards/{board_id}', 200, response.body);
    expect(response.body).toEqual(board);
  });

  it('answers 404 code 40 for a missing or out-of-range id and 400 for a non-numeric one', async () => {
    const ada = await actor(t.app);
    for (const id of ['1', '99999999999999999999', '9223372036854775808']) {
      const response = await call(t.app, 'GET', `/v5/boards/${id}`, ada.headers);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ code: 40, message: 'Board not found.' });
      assertMatchesSpec('GET', '/boards/{board_id}', 404, response.body);
    }
    expect((await call(t.app, 'GET', '/v5/boards/abc', ada.headers)).status).toBe(400);
  });

  it('updates name and description, and changes privacy both ways', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada, { name: 'Before' });
    const renamed = await call(t.app, 'PATCH', `/v5/boards/${board.id}`, ada.headers, {
      name: 'After',
      description: 'new',
      privacy: 'SECRET',
    });
    expect(renamed.status).toBe(200);
    assertMatchesSpec('PATCH', '/boards/{board_id}', 200, renamed.body);
    expect(renamed.body).toMatchObject({ name: 'After', description: 'new', privacy: 'SECRET' });
    const stranger = await actor(t.app);
    expect((await call(t.app, 'GET', `/v5/boards/${board.id}`, stranger.headers)).status).toBe(404);
    const back = await call(t.app, 'PATCH', `/v5/boards/${board.id}`, ada.headers, {
      privacy: 'PUBLIC',
      description: null,
    });
    expect(back.body).toMatchObject({ name: 'After', description: '', privacy: 'PUBLIC' });
    expect((await call(t.app, 'GET', `/v5/boards/${board.id}`, stranger.headers)).status).toBe(200);
    const empty = await call(t.app, 'PATCH', `/v5/boards/${board.id}`, ada.headers, {});
    expect(empty.status).toBe(200);
    expect(empty.body.name).toBe('After');
  });

  it('refuses PROTECTED through PATCH (the spec allows PUBLIC and SECRET) and a taken name with 409', async () => {
    const ada = await actor(t.app);
    const one = await createBoard(t.app, ada, { name: 'One' });
    await createBoard(t.app, ada, { name: 'Two' });
    const protectedPatch = await call(t.app, 'PATCH', `/v5/boards/${one.id}`, ada.headers, {
      privacy: 'PROTECTED',
    });
    expect(protectedPatch.status).toBe(400);
    const taken = await call(t.app, 'PATCH', `/v5/boards/${one.id}`, ada.headers, { name: 'TWO' });
    expect(taken.status).toBe(409);
    const same = await call(t.app, 'PATCH', `/v5/boards/${one.id}`, ada.headers, { name: 'ONE' });
    expect(same.status).toBe(200);
    expect(same.body.name).toBe('ONE');
  });

  it('making a board secret needs boards:write_secret, and so does changing a secret one', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada, { name: 'Open' });
    const secretBoard = await createBoard(t.app, ada, { name: 'Closed', privacy: 'SECRET' });
    const token = await tokenHeaders(t.app, ada, ['boards:read', 'boards:write', 'boards:read_secret']);
    const toSecret = await call(t.app, 'PATCH', `/v5/boards/${board.id}`, token, { privacy: 'SECRET' });
    expect(toSecret.status).toBe(403);
    expect(toSecret.body.code).toBe(3);
    const rename = await call(t.app, 'PATCH', `/v5/boards/${secretBoard.id}`, token, { name: 'x' });
    expect(rename.status).toBe(403);
    const full = await tokenHeaders(t.app, ada, ['boards:read', 'boards:write', 'boards:write_secret']);
    expect((await call(t.app, 'PATCH', `/v5/boards/${board.id}`, full, { privacy: 'SECRET' })).status).toBe(
      200,
    );
  });

  it('deletes a board with its pins and sections, fixing board_count and every pin owner’s pin_count', async () => {
    const ada = await actor(t.app);
    const cole = await actor(t.app);
    const board = await createBoard(t.app, ada, { name: 'Doomed' });
    const keep = await createBoard(t.app, ada, { name: 'Kept' });
    const section = await createSection(t.app, ada, board.id, 'Part');
    await insertPin(t.app, ada.userId, board.id);
    await insertPin(t.app, ada.userId, board.id, { sectionId: section.id });
    await insertPin(t.app, cole.userId, board.id);
    await insertPin(t.app, ada.userId, keep.id);
    expect(await userCounts(t.app, ada.userId)).toMatchObject({ board_count: 2, pin_count: 3 });
    expect((await call(t.app, 'GET', `/v5/boards/${board.id}`, ada.headers)).body.pin_count).toBe(3);

    const response = await t.app.inject({
      method: 'DELETE',
      url: `/v5/boards/${board.id}`,
      headers: ada.headers,
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(await userCounts(t.app, ada.userId)).toMatchObject({ board_count: 1, pin_count: 1 });
    expect((await userCounts(t.app, cole.userId)).pin_count).toBe(0);
    expect((await call(t.app, 'GET', `/v5/boards/${board.id}`, ada.headers)).status).toBe(404);
    const db = t.app.services.ctx.db;
    const left = await db.selectFrom('pins').select('id').where('board_id', '=', board.id).execute();
    expect(left).toEqual([]);
    const sections = await db
      .selectFrom('board_sections')
      .select('id')
      .where('board_id', '=', board.id)
      .execute();
    expect(sections).toEqual([]);
    expect((await call(t.app, 'DELETE', `/v5/boards/${board.id}`, ada.headers)).status).toBe(404);
  });

  it('lets only the owner update or delete (a collaborator gets 403 code 29)', async () => {
    const ada = await actor(t.app);
    const cole = await actor(t.app);
    const board = await createBoard(t.app, ada);
    await call(t.app, 'POST', `/v5/boards/${board.id}/collaborators`, ada.headers, {
      username: cole.username,
    });
    await call(t.app, 'POST', `/v5/boards/${board.id}/collaborators/accept`, cole.headers);
    const patch = await call(t.app, 'PATCH', `/v5/boards/${board.id}`, cole.headers, { name: 'mine' });
    expect(patch.status).toBe(403);
    expect(patch.body.code).toBe(29);
    expect((await call(t.app, 'DELETE', `/v5/boards/${board.id}`, cole.headers)).status).toBe(403);
  });

  it('DELETE needs boards:write (403 code 3)', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const token = await tokenHeaders(t.app, ada, ['boards:read']);
    const response = await call(t.app, 'DELETE', `/v5/boards/${board.id}`, token);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe(3);
  });
});

describe('Board.media', () => {
  it('shows the first pin’s 400x300 image as the cover and up to four 150x150 thumbnails', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const keys: string[] = [];
    for (let i = 0; i < 5; i++)
      keys.push((await insertPin(t.app, ada.userId, board.id, { sortKey: i })).imageKey);
    const response = await call(t.app, 'GET', `/v5/boards/${board.id}`, ada.headers);
    assertMatchesSpec('GET', '/boards/{board_id}', 200, response.body);
    const base = t.config.publicUrl.replace(/\/+$/, '');
    // Board order is sort_key descending: the last inserted pin comes first.
    const order = [...keys].reverse();
    expect(response.body.media).toEqual({
      image_cover_url: `${base}/media/t/${order[0]}/400x300.jpg`,
      pin_thumbnail_urls: order.slice(0, 4).map((k) => `${base}/media/t/${k}/150x150.jpg`),
    });
    expect(response.body.pin_count).toBe(5);
    const listed = await call(t.app, 'GET', '/v5/boards', ada.headers);
    expect(listed.body.items[0].media).toEqual(response.body.media);
  });
});

describe('GET /v5/users/{username}/boards', () => {
  it("lists a user's public boards to others and every board to the owner, page by page", async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const publicIds: string[] = [];
    for (let i = 0; i < 5; i++) publicIds.push((await createBoard(t.app, ada, { name: `p${i}` })).id);
    await createBoard(t.app, ada, { name: 'secret', privacy: 'SECRET' });
    await createBoard(t.app, ada, { name: 'protected', privacy: 'PROTECTED' });
    const seen = await walk<{ id: string }>(
      t.app,
      `/v5/users/${ada.username}/boards?page_size=2`,
      bob.headers,
    );
    expect(seen.map((b) => b.id)).toEqual([...publicIds].reverse());
    const own = await walk<{ name: string }>(
      t.app,
      `/v5/users/${ada.username}/boards?page_size=3`,
      ada.headers,
    );
    expect(own).toHaveLength(7);
    const missing = await call(t.app, 'GET', '/v5/users/no_such_user_here/boards', bob.headers);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(30);
  });
});
