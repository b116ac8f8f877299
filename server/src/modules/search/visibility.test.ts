// Who sees what in search: board privacy, collaborators, blocks, scopes, and one pin per original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard, tokenHeaders } from '../boards/test-kit.ts';
import { ids, textPin, urls, word } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const get = (who: Actor | Record<string, string>, url: string) =>
  call(t.app, 'GET', url, 'headers' in who ? (who as Actor).headers : (who as Record<string, string>));

/** An owner with a pin titled `w` on a board of each privacy. */
async function pinsOfEveryPrivacy(w: string) {
  const owner = await actor(t.app);
  const board = {
    PUBLIC: await createBoard(t.app, owner, { name: `${w} public` }),
    PROTECTED: await createBoard(t.app, owner, { name: `${w} protected`, privacy: 'PROTECTED' }),
    SECRET: await createBoard(t.app, owner, { name: `${w} secret`, privacy: 'SECRET' }),
  };
  const pin = {
    PUBLIC: await textPin(t.app, owner.userId, board.PUBLIC.id, { title: w }),
    PROTECTED: await textPin(t.app, owner.userId, board.PROTECTED.id, { title: w }),
    SECRET: await textPin(t.app, owner.userId, board.SECRET.id, { title: w }),
  };
  return { owner, board, pin };
}

describe('board privacy', () => {
  it('keeps secret and protected pins out of partner search, even the caller’s own', async () => {
    const w = word();
    const { owner, pin } = await pinsOfEveryPrivacy(w);
    const stranger = await actor(t.app);
    expect(ids((await get(stranger, urls.partner(w))).body)).toEqual([pin.PUBLIC]);
    expect(ids((await get(owner, urls.partner(w))).body)).toEqual([pin.PUBLIC]);
  });

  it('shows the caller all their own pins and boards, secret ones included, and no one else’s', async () => {
    const w = word();
    const { owner, board, pin } = await pinsOfEveryPrivacy(w);
    const stranger = await actor(t.app);
    const own = await get(owner, urls.pins(w));
    expect(ids(own.body).sort()).toEqual(Object.values(pin).sort());
    const ownBoards = await get(owner, urls.boards(w));
    expect(ids(ownBoards.body).sort()).toEqual(
      Object.values(board)
        .map((b) => b.id)
        .sort(),
    );
    expect((await get(stranger, urls.pins(w))).body.items).toEqual([]);
    expect((await get(stranger, urls.boards(w))).body.items).toEqual([]);
  });

  it('lets an accepted collaborator find the group board, and partner search still hides its pins', async () => {
    const w = word();
    const { owner, board, pin } = await pinsOfEveryPrivacy(w);
    const friend = await actor(t.app);
    const invited = await actor(t.app);
    for (const who of [friend, invited]) {
      await call(t.app, 'POST', `/v5/boards/${board.SECRET.id}/collaborators`, owner.headers, {
        username: who.username,
      });
    }
    await call(t.app, 'POST', `/v5/boards/${board.SECRET.id}/collaborators/accept`, friend.headers);
    const mine = await textPin(t.app, friend.userId, board.SECRET.id, { description: w });
    expect(ids((await get(friend, urls.boards(w))).body)).toEqual([board.SECRET.id]);
    // The friend's search covers the pins they pinned, not the owner's pins on the group board.
    expect(ids((await get(friend, urls.pins(w))).body)).toEqual([mine]);
    expect((await get(invited, urls.boards(w))).body.items).toEqual([]);
    expect(ids((await get(friend, urls.partner(w))).body)).toEqual([pin.PUBLIC]);
    expect(ids((await get(owner, urls.pins(w))).body)).not.toContain(mine);
  });

  it('drops the caller’s pins on a protected group board they were removed from', async () => {
    const w = word();
    const host = await actor(t.app);
    const friend = await actor(t.app);
    const group = await createBoard(t.app, host, { privacy: 'PROTECTED' });
    await call(t.app, 'POST', `/v5/boards/${group.id}/collaborators`, host.headers, {
      username: friend.username,
    });
    await call(t.app, 'POST', `/v5/boards/${group.id}/collaborators/accept`, friend.headers);
    const pinned = await textPin(t.app, friend.userId, group.id, { title: w });
    expect(ids((await get(friend, urls.pins(w))).body)).toEqual([pinned]);
    const removed = await call(
      t.app,
      'DELETE',
      `/v5/boards/${group.id}/collaborators/${friend.username}`,
      host.headers,
    );
    expect(removed.status).toBe(204);
    expect((await get(friend, urls.pins(w))).body.items).toEqual([]);
  });
});

describe('scopes', () => {
  it('requires the *_secret scopes the spec lists for user search, 403 code 3 without', async () => {
    const w = word();
    const { owner, board, pin } = await pinsOfEveryPrivacy(w);
    const reader = await tokenHeaders(t.app, owner, ['boards:read', 'pins:read']);
    for (const url of [urls.pins(w), urls.boards(w)]) {
      const refused = await get(reader, url);
      expect(refused.status, url).toBe(403);
      expect(refused.body.code).toBe(3);
    }
    const noPinSecret = await tokenHeaders(t.app, owner, ['boards:read', 'boards:read_secret', 'pins:read']);
    expect((await get(noPinSecret, urls.pins(w))).body.code).toBe(3);
    expect(ids((await get(noPinSecret, urls.boards(w))).body).sort()).toEqual(
      Object.values(board)
        .map((b) => b.id)
        .sort(),
    );

    const full = await tokenHeaders(t.app, owner, [
      'boards:read',
      'boards:read_secret',
      'pins:read',
      'pins:read_secret',
    ]);
    expect(ids((await get(full, urls.pins(w))).body).sort()).toEqual(Object.values(pin).sort());
    const partner = await get(reader, urls.partner(w));
    expect(partner.status).toBe(200);
    expect(ids(partner.body)).toEqual([pin.PUBLIC]);
    expect((await get(await tokenHeaders(t.app, owner, ['pins:read']), urls.partner(w))).body.code).toBe(3);
    expect((await t.app.inject({ url: urls.partner(w) })).statusCode).toBe(401);
  });
});

describe('blocks', () => {
  it('hide each other’s pins from partner search, both ways, wherever they are pinned', async () => {
    const w = word();
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const host = await actor(t.app);
    const adaPin = await textPin(t.app, ada.userId, (await createBoard(t.app, ada)).id, { title: w });
    const bobPin = await textPin(t.app, bob.userId, (await createBoard(t.app, bob)).id, { title: w });
    // Bob's pin on a third user's public group board.
    const group = await createBoard(t.app, host);
    await call(t.app, 'POST', `/v5/boards/${group.id}/collaborators`, host.headers, {
      username: bob.username,
    });
    await call(t.app, 'POST', `/v5/boards/${group.id}/collaborators/accept`, bob.headers);
    const bobElsewhere = await textPin(t.app, bob.userId, group.id, { description: w });
    const hostPin = await textPin(t.app, host.userId, group.id, { alt_text: w });

    const everything = [adaPin, bobPin, bobElsewhere, hostPin].sort();
    expect(ids((await get(ada, urls.partner(w))).body).sort()).toEqual(everything);

    const blocked = await call(t.app, 'POST', `/v5/user_account/blocks/${bob.username}`, ada.headers);
    expect(blocked.status).toBe(200);
    expect(ids((await get(ada, urls.partner(w))).body).sort()).toEqual([adaPin, hostPin].sort());
    expect(ids((await get(bob, urls.partner(w))).body).sort()).toEqual(
      [bobPin, bobElsewhere, hostPin].sort(),
    );
    expect(ids((await get(host, urls.partner(w))).body).sort()).toEqual(everything);

    // A blocked board owner hides the board's pins, whoever pinned them.
    await call(t.app, 'POST', `/v5/user_account/blocks/${host.username}`, ada.headers);
    expect(ids((await get(ada, urls.partner(w))).body)).toEqual([adaPin]);
  });
});

describe('copies of one original', () => {
  it('appear once in partner search, as the best-ranked public copy', async () => {
    const w = word();
    const owner = await actor(t.app);
    const saver = await actor(t.app);
    const original = await textPin(t.app, owner.userId, (await createBoard(t.app, owner)).id, {
      description: w,
      saveCount: 2,
    });
    const saverBoard = await createBoard(t.app, saver);
    const copies = [
      await textPin(t.app, saver.userId, saverBoard.id, { description: w, originPinId: original }),
      await textPin(t.app, saver.userId, saverBoard.id, { description: `${w} ${w}`, originPinId: original }),
    ];
    expect(ids((await get(saver, urls.partner(w))).body)).toEqual([original]);
    // With the original hidden (its board made secret), one copy stands in for it.
    const originalBoard = (await get(owner, urls.pins(w))).body.items[0].board_id;
    await call(t.app, 'PATCH', `/v5/boards/${originalBoard}`, owner.headers, { privacy: 'SECRET' });
    expect(ids((await get(saver, urls.partner(w))).body)).toEqual([copies[1]]);
    // The saver's own search lists each of their copies.
    expect((await get(saver, urls.pins(w))).body.items.length).toBe(2);
  });
});
