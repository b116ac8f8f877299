// The server's own events: each change records its event in the change's transaction, with the
// fields consumers need; a change that does not happen records nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { actor, call, createBoard } from '../boards/test-kit.ts';
import { patternImage } from '../media/test-images.ts';

let t: TestApp;
let png: string;
beforeAll(async () => {
  t = await startTestApp();
  png = (await patternImage(64, 48, 'png')).toString('base64');
});
afterAll(async () => t?.close());

interface Row {
  type: string;
  actor_id: string | null;
  object_type: string;
  object_id: string;
  app_type: string;
  surface: string | null;
  data: Record<string, unknown>;
}

/** Events of `type` recorded by `actorId`, oldest first. */
async function recorded(type: string, actorId: string): Promise<Row[]> {
  const result = await sql<Row>`
    select type, actor_id::text as actor_id, object_type, object_id, app_type, surface, data
    from event_log where type = ${type} and actor_id = ${actorId} order by position
  `.execute(t.app.services.ctx.db);
  return result.rows;
}

async function createPin(headers: Record<string, string>, boardId: string) {
  const response = await call(t.app, 'POST', '/v5/pins', headers, {
    board_id: boardId,
    title: 'Fig jam',
    media_source: { source_type: 'image_base64', content_type: 'image/png', data: png },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string };
}

describe('server-side events', () => {
  it('pins: created, saved (with the original’s owner) and deleted', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const adaBoard = await createBoard(t.app, ada);
    const bobBoard = await createBoard(t.app, bob);
    const pin = await createPin(ada.headers, adaBoard.id);
    expect(await recorded('pin.created.v1', ada.userId)).toEqual([
      {
        type: 'pin.created.v1',
        actor_id: ada.userId,
        object_type: 'pin',
        object_id: pin.id,
        app_type: 'web',
        surface: null,
        data: { board_id: adaBoard.id, section_id: null, pin_owner_id: ada.userId },
      },
    ]);

    const saved = await call(t.app, 'POST', `/v5/pins/${pin.id}/save`, bob.headers, {
      board_id: bobBoard.id,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const [save] = await recorded('pin.saved.v1', bob.userId);
    expect(save).toMatchObject({
      object_type: 'pin',
      object_id: pin.id,
      data: {
        board_id: bobBoard.id,
        pin_owner_id: ada.userId,
        parent_pin_id: null,
        saved_pin_id: saved.body.id,
      },
    });
    // A save is not a created pin.
    expect(await recorded('pin.created.v1', bob.userId)).toEqual([]);

    expect((await call(t.app, 'DELETE', `/v5/pins/${pin.id}`, ada.headers)).status).toBe(204);
    expect(await recorded('pin.deleted.v1', ada.userId)).toMatchObject([
      { object_id: pin.id, data: { board_id: adaBoard.id, pin_owner_id: ada.userId } },
    ]);
  });

  it('follows: a user or a board, once; a refused follow records nothing', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const bobBoard = await createBoard(t.app, bob);
    for (let i = 0; i < 2; i++) {
      expect(
        (await call(t.app, 'POST', `/v5/user_account/following/${bob.username}`, ada.headers, {})).status,
      ).toBe(200);
      expect((await call(t.app, 'POST', `/v5/boards/${bobBoard.id}/follow`, ada.headers)).status).toBe(200);
    }
    expect(await recorded('user.followed.v1', ada.userId)).toMatchObject([
      { object_type: 'user', object_id: bob.userId, data: {} },
    ]);
    expect(await recorded('board.followed.v1', ada.userId)).toMatchObject([
      { object_type: 'board', object_id: bobBoard.id, data: { board_owner_id: bob.userId } },
    ]);
    expect(
      (await call(t.app, 'POST', `/v5/user_account/following/${ada.username}`, ada.headers, {})).status,
    ).toBe(400);
    expect((await recorded('user.followed.v1', ada.userId)).length).toBe(1);
  });

  it('searches: the first page of a search, with its normalized query and result count', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    await createPin(ada.headers, board.id);
    await createPin(ada.headers, board.id);
    const partner = await call(
      t.app,
      'GET',
      '/v5/search/partner/pins?term=Fig%20%20JAM&country_code=US&limit=1',
      ada.headers,
    );
    expect(partner.status, JSON.stringify(partner.body)).toBe(200);
    const own = await call(t.app, 'GET', '/v5/search/pins?query=fig', ada.headers);
    expect(own.status).toBe(200);
    const searches = await recorded('search.performed.v1', ada.userId);
    expect(searches).toMatchObject([
      {
        object_type: 'search',
        object_id: 'fig jam',
        data: { scope: 'partner_pins', query: 'Fig  JAM', result_count: 1 },
      },
      {
        object_type: 'search',
        object_id: 'fig',
        data: { scope: 'user_pins', query: 'fig', result_count: 2 },
      },
    ]);
    // The next page is the same search.
    expect(partner.body.bookmark).toBeTruthy();
    const next = `/v5/search/partner/pins?term=fig&country_code=US&limit=1&bookmark=${partner.body.bookmark}`;
    expect((await call(t.app, 'GET', next, ada.headers)).status).toBe(200);
    expect((await recorded('search.performed.v1', ada.userId)).length).toBe(2);
  });
});
