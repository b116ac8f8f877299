// Board follows and collaborators, with the counts they move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import { type Actor, actor, call, createBoard, tokenHeaders, userCounts, walk } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const board = async (who: Actor, id: string) =>
  (await call(t.app, 'GET', `/v5/boards/${id}`, who.headers)).body;
const followingBoards = async (who: Actor, query = '') => {
  const response = await call(t.app, 'GET', `/v5/user_account/following/boards${query}`, who.headers);
  expect(response.status).toBe(200);
  assertMatchesSpec('GET', '/user_account/following/boards', 200, response.body);
  return (response.body.items as { id: string }[]).map((b) => b.id);
};

describe('board follows', () => {
  it('follow and unfollow keep follower_count right and are idempotent', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const cy = await actor(t.app);
    const target = await createBoard(t.app, ada);
    const followed = await call(t.app, 'POST', `/v5/boards/${target.id}/follow`, bob.headers);
    expect(followed.status).toBe(200);
    assertMatchesSpec('GET', '/boards/{board_id}', 200, followed.body);
    expect(followed.body.follower_count).toBe(1);
    await call(t.app, 'POST', `/v5/boards/${target.id}/follow`, bob.headers);
    await call(t.app, 'POST', `/v5/boards/${target.id}/follow`, cy.headers);
    expect((await board(ada, target.id)).follower_count).toBe(2);
    expect(await followingBoards(bob)).toEqual([target.id]);

    expect((await call(t.app, 'DELETE', `/v5/boards/${target.id}/follow`, bob.headers)).status).toBe(204);
    expect((await call(t.app, 'DELETE', `/v5/boards/${target.id}/follow`, bob.headers)).status).toBe(204);
    expect((await board(ada, target.id)).follower_count).toBe(1);
    expect(await followingBoards(bob)).toEqual([]);
  });

  it('cannot follow your own board (400) or a board you cannot see (404)', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const own = await createBoard(t.app, ada);
    expect((await call(t.app, 'POST', `/v5/boards/${own.id}/follow`, ada.headers)).status).toBe(400);
    const secret = await createBoard(t.app, ada, { privacy: 'SECRET' });
    const response = await call(t.app, 'POST', `/v5/boards/${secret.id}/follow`, bob.headers);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe(40);
    expect((await board(ada, secret.id)).follower_count).toBe(0);
  });

  it('end for non-members when the board becomes secret, and the count follows', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const cole = await actor(t.app);
    const target = await createBoard(t.app, ada);
    await call(t.app, 'POST', `/v5/boards/${target.id}/collaborators`, ada.headers, {
      username: cole.username,
    });
    await call(t.app, 'POST', `/v5/boards/${target.id}/collaborators/accept`, cole.headers);
    await call(t.app, 'POST', `/v5/boards/${target.id}/follow`, bob.headers);
    await call(t.app, 'POST', `/v5/boards/${target.id}/follow`, cole.headers);
    expect((await board(ada, target.id)).follower_count).toBe(2);
    const patched = await call(t.app, 'PATCH', `/v5/boards/${target.id}`, ada.headers, { privacy: 'SECRET' });
    expect(patched.body.follower_count).toBe(1);
    expect(await followingBoards(cole)).toEqual([target.id]);
    expect(await followingBoards(bob)).toEqual([]);
  });

  it('following a user implicitly follows their boards unless explicit_following=true', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const first = await createBoard(t.app, ada);
    const second = await createBoard(t.app, ada);
    await createBoard(t.app, ada, { privacy: 'SECRET' });
    const other = await actor(t.app);
    const explicit = await createBoard(t.app, other);
    await call(t.app, 'POST', `/v5/boards/${explicit.id}/follow`, bob.headers);
    await call(t.app, 'POST', `/v5/user_account/following/${ada.username}`, bob.headers, {});
    expect((await followingBoards(bob)).sort()).toEqual([first.id, second.id, explicit.id].sort());
    expect(await followingBoards(bob, '?explicit_following=true')).toEqual([explicit.id]);
  });

  it('list every followed board exactly once with bookmarks, most recent first', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      const b = await createBoard(t.app, ada);
      await call(t.app, 'POST', `/v5/boards/${b.id}/follow`, bob.headers);
      order.unshift(b.id);
    }
    for (const pageSize of [1, 2, 4, 9]) {
      const items = await walk<{ id: string }>(
        t.app,
        `/v5/user_account/following/boards?explicit_following=true&page_size=${pageSize}`,
        bob.headers,
        (body) => assertMatchesSpec('GET', '/user_account/following/boards', 200, body),
      );
      expect(items.map((b) => b.id)).toEqual(order);
    }
  });

  it('the followed-boards list needs user_accounts:read; following needs user_accounts:write', async () => {
    const ada = await actor(t.app);
    const target = await createBoard(t.app, ada);
    const bob = await actor(t.app);
    const reader = await tokenHeaders(t.app, bob, ['boards:read']);
    expect((await call(t.app, 'GET', '/v5/user_account/following/boards', reader)).body.code).toBe(3);
    expect((await call(t.app, 'POST', `/v5/boards/${target.id}/follow`, reader)).body.code).toBe(3);
    const writer = await tokenHeaders(t.app, bob, ['boards:read', 'user_accounts:write']);
    expect((await call(t.app, 'POST', `/v5/boards/${target.id}/follow`, writer)).status).toBe(200);
  });
});

describe('collaborators', () => {
  it('invite (201), accept, list and remove, keeping collaborator_count right', async () => {
    const ada = await actor(t.app);
    const cole = await actor(t.app);
    const dana = await actor(t.app);
    const target = await createBoard(t.app, ada, { privacy: 'SECRET' });
    const url = `/v5/boards/${target.id}/collaborators`;

    const invited = await call(t.app, 'POST', url, ada.headers, { username: cole.username.toUpperCase() });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      user: { id: cole.userId, username: cole.username },
      status: 'invited',
    });
    await call(t.app, 'POST', url, ada.headers, { username: dana.username });
    const again = await call(t.app, 'POST', url, ada.headers, { username: cole.username });
    expect(again.status).toBe(409);
    expect((await board(ada, target.id)).collaborator_count).toBe(0);

    const invites = await call(t.app, 'GET', '/v5/user_account/board_invites', cole.headers);
    expect(invites.body.items).toHaveLength(1);
    expect(invites.body.items[0]).toMatchObject({
      board: { id: target.id },
      invited_by: { username: ada.username },
    });
    assertMatchesSpec('GET', '/boards/{board_id}', 200, invites.body.items[0].board);

    const accepted = await call(t.app, 'POST', `${url}/accept`, cole.headers);
    expect(accepted.status).toBe(200);
    assertMatchesSpec('GET', '/boards/{board_id}', 200, accepted.body);
    expect(accepted.body.collaborator_count).toBe(1);
    expect((await call(t.app, 'POST', `${url}/accept`, cole.headers)).status).toBe(404);
    expect((await call(t.app, 'GET', '/v5/user_account/board_invites', cole.headers)).body.items).toEqual([]);

    const ownerView = await call(t.app, 'GET', url, ada.headers);
    expect(
      ownerView.body.items.map((c: { user: { username: string }; status: string }) => c.status).sort(),
    ).toEqual(['accepted', 'invited']);
    const memberView = await call(t.app, 'GET', url, cole.headers);
    expect(memberView.body.items).toEqual([
      expect.objectContaining({ user: { id: cole.userId, username: cole.username }, status: 'accepted' }),
    ]);

    // The invitee declines; the member leaves; neither changes what the other sees.
    expect((await call(t.app, 'DELETE', `${url}/${dana.username}`, dana.headers)).status).toBe(204);
    expect((await board(ada, target.id)).collaborator_count).toBe(1);
    expect((await call(t.app, 'DELETE', `${url}/${cole.username}`, cole.headers)).status).toBe(204);
    expect((await board(ada, target.id)).collaborator_count).toBe(0);
    expect((await call(t.app, 'GET', `/v5/boards/${target.id}`, cole.headers)).status).toBe(404);
    expect((await call(t.app, 'DELETE', `${url}/${cole.username}`, cole.headers)).status).toBe(404);
  });

  it('the owner removes a member; nobody else may', async () => {
    const ada = await actor(t.app);
    const cole = await actor(t.app);
    const eve = await actor(t.app);
    const target = await createBoard(t.app, ada);
    const url = `/v5/boards/${target.id}/collaborators`;
    await call(t.app, 'POST', url, ada.headers, { username: cole.username });
    await call(t.app, 'POST', `${url}/accept`, cole.headers);
    const byStranger = await call(t.app, 'DELETE', `${url}/${cole.username}`, eve.headers);
    expect(byStranger.status).toBe(403);
    expect(byStranger.body.code).toBe(29);
    const invitedByMember = await call(t.app, 'POST', url, cole.headers, { username: eve.username });
    expect(invitedByMember.status).toBe(403);
    expect((await call(t.app, 'DELETE', `${url}/${cole.username}`, ada.headers)).status).toBe(204);
    expect((await board(ada, target.id)).collaborator_count).toBe(0);
    expect((await call(t.app, 'DELETE', `${url}/${cole.username}`, ada.headers)).status).toBe(404);
  });

  it('cannot invite yourself (400), nobody (404) or someone blocked either way (404)', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const target = await createBoard(t.app, ada);
    const url = `/v5/boards/${target.id}/collaborators`;
    expect((await call(t.app, 'POST', url, ada.headers, { username: ada.username })).status).toBe(400);
    const nobody = await call(t.app, 'POST', url, ada.headers, { username: 'nobody_at_all_here' });
    expect(nobody.status).toBe(404);
    expect(nobody.body.code).toBe(30);
    await call(t.app, 'POST', `/v5/user_account/blocks/${ada.username}`, bob.headers);
    const blocked = await call(t.app, 'POST', url, ada.headers, { username: bob.username });
    expect(blocked.status).toBe(404);
    expect(blocked.body.code).toBe(30);
  });

  it('a collaborator’s group board shows in their GET /v5/boards, and they can add to it', async () => {
    const ada = await actor(t.app);
    const cole = await actor(t.app);
    const target = await createBoard(t.app, ada, { privacy: 'PROTECTED' });
    await call(t.app, 'POST', `/v5/boards/${target.id}/collaborators`, ada.headers, {
      username: cole.username,
    });
    const before = await call(t.app, 'GET', '/v5/boards', cole.headers);
    expect(before.body.items).toEqual([]);
    await call(t.app, 'POST', `/v5/boards/${target.id}/collaborators/accept`, cole.headers);
    const after = await call(t.app, 'GET', '/v5/boards', cole.headers);
    expect(after.body.items.map((b: { id: string }) => b.id)).toEqual([target.id]);
    const writable = await t.app.services.boards.writableBoard(
      { userId: cole.userId, scopes: new Set(['boards:write']), via: 'token' },
      target.id,
      null,
    );
    expect(writable.board.id).toBe(target.id);
    expect((await userCounts(t.app, cole.userId)).board_count).toBe(0);
  });

  it('page every collaborator exactly once', async () => {
    const ada = await actor(t.app);
    const target = await createBoard(t.app, ada);
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const who = await actor(t.app);
      await call(t.app, 'POST', `/v5/boards/${target.id}/collaborators`, ada.headers, {
        username: who.username,
      });
      names.unshift(who.username);
    }
    const items = await walk<{ user: { username: string } }>(
      t.app,
      `/v5/boards/${target.id}/collaborators?page_size=2`,
      ada.headers,
    );
    expect(items.map((c) => c.user.username)).toEqual(names);
  });
});
