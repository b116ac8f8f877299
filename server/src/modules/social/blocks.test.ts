import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard, tokenHeaders, userCounts, walk } from '../boards/test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const block = (who: Actor, username: string) =>
  call(t.app, 'POST', `/v5/user_account/blocks/${username}`, who.headers);
const boardOf = async (who: Actor, id: string) =>
  (await call(t.app, 'GET', `/v5/boards/${id}`, who.headers)).body;

describe('blocking a user', () => {
  it('ends follows both ways and fixes every count', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const cy = await actor(t.app);
    await call(t.app, 'POST', `/v5/user_account/following/${bob.username}`, ada.headers, {});
    await call(t.app, 'POST', `/v5/user_account/following/${ada.username}`, bob.headers, {});
    await call(t.app, 'POST', `/v5/user_account/following/${ada.username}`, cy.headers, {});
    const response = await block(ada, bob.username);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ type: 'user', username: bob.username });
    expect(await userCounts(t.app, ada.userId)).toMatchObject({ follower_count: 1, following_count: 0 });
    expect(await userCounts(t.app, bob.userId)).toMatchObject({ follower_count: 0, following_count: 0 });
    const followers = await call(t.app, 'GET', '/v5/user_account/followers', ada.headers);
    expect(followers.body.items).toEqual([{ type: 'user', username: cy.username }]);
    // Neither may follow the other while the block stands.
    for (const [who, other] of [
      [bob, ada],
      [ada, bob],
    ] as const) {
      const again = await call(
        t.app,
        'POST',
        `/v5/user_account/following/${other.username}`,
        who.headers,
        {},
      );
      expect(again.status).toBe(404);
      expect(again.body.code).toBe(30);
    }
    // Blocking twice is fine and changes nothing.
    expect((await block(ada, bob.username)).status).toBe(200);
    expect((await userCounts(t.app, ada.userId)).follower_count).toBe(1);
  });

  it('ends board follows and collaborations between the two, with the boards’ counts', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const cy = await actor(t.app);
    const adaBoard = await createBoard(t.app, ada);
    const bobBoard = await createBoard(t.app, bob);
    await call(t.app, 'POST', `/v5/boards/${adaBoard.id}/follow`, bob.headers);
    await call(t.app, 'POST', `/v5/boards/${adaBoard.id}/follow`, cy.headers);
    await call(t.app, 'POST', `/v5/boards/${bobBoard.id}/follow`, ada.headers);
    await call(t.app, 'POST', `/v5/boards/${adaBoard.id}/collaborators`, ada.headers, {
      username: bob.username,
    });
    await call(t.app, 'POST', `/v5/boards/${adaBoard.id}/collaborators/accept`, bob.headers);
    await call(t.app, 'POST', `/v5/boards/${bobBoard.id}/collaborators`, bob.headers, {
      username: ada.username,
    });
    expect(await boardOf(ada, adaBoard.id)).toMatchObject({ follower_count: 2, collaborator_count: 1 });

    await block(bob, ada.username);
    expect(await boardOf(ada, adaBoard.id)).toMatchObject({ follower_count: 1, collaborator_count: 0 });
    await call(t.app, 'DELETE', `/v5/user_account/blocks/${ada.username}`, bob.headers);
    expect(await boardOf(ada, bobBoard.id)).toMatchObject({ follower_count: 0, collaborator_count: 0 });
    // Nothing comes back with the unblock: no follow, no membership, no invitation.
    const following = await call(t.app, 'GET', '/v5/user_account/following/boards', bob.headers);
    expect(following.body.items).toEqual([]);
    expect((await call(t.app, 'GET', '/v5/user_account/board_invites', ada.headers)).body.items).toEqual([]);
    expect(
      (await call(t.app, 'GET', '/v5/boards', bob.headers)).body.items.map((b: { id: string }) => b.id),
    ).toEqual([bobBoard.id]);
  });

  it('hides the blocker’s secret board from a former collaborator, and public boards both ways', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const secret = await createBoard(t.app, ada, { privacy: 'SECRET' });
    const open = await createBoard(t.app, bob);
    await call(t.app, 'POST', `/v5/boards/${secret.id}/collaborators`, ada.headers, {
      username: bob.username,
    });
    await call(t.app, 'POST', `/v5/boards/${secret.id}/collaborators/accept`, bob.headers);
    expect((await call(t.app, 'GET', `/v5/boards/${secret.id}`, bob.headers)).status).toBe(200);
    await block(ada, bob.username);
    expect((await call(t.app, 'GET', `/v5/boards/${secret.id}`, bob.headers)).status).toBe(404);
    expect((await call(t.app, 'GET', `/v5/boards/${open.id}`, ada.headers)).status).toBe(404);
    const social = t.app.services.social;
    expect(await social.isBlockedEitherWay(ada.userId, bob.userId)).toBe(true);
    expect(await social.isBlockedEitherWay(bob.userId, ada.userId)).toBe(true);
    expect(await social.isBlockedEitherWay(ada.userId, ada.userId)).toBe(false);
  });

  it('cannot block yourself (400) or nobody (404)', async () => {
    const ada = await actor(t.app);
    expect((await block(ada, ada.username)).status).toBe(400);
    const nobody = await block(ada, 'nobody_by_this_name');
    expect(nobody.status).toBe(404);
    expect(nobody.body.code).toBe(30);
  });
});

describe('the blocked list', () => {
  it('pages every blocked user exactly once, most recent first, and unblocking removes them', async () => {
    const ada = await actor(t.app);
    const blocked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const who = await actor(t.app);
      await block(ada, who.username);
      blocked.unshift(who.username);
    }
    for (const pageSize of [1, 2, 5]) {
      const items = await walk<{ type: string; username: string }>(
        t.app,
        `/v5/user_account/blocks?page_size=${pageSize}`,
        ada.headers,
      );
      expect(items).toEqual(blocked.map((username) => ({ type: 'user', username })));
    }
    expect((await call(t.app, 'DELETE', `/v5/user_account/blocks/${blocked[0]}`, ada.headers)).status).toBe(
      204,
    );
    expect((await call(t.app, 'DELETE', `/v5/user_account/blocks/${blocked[0]}`, ada.headers)).status).toBe(
      204,
    );
    const rest = await walk<{ username: string }>(t.app, '/v5/user_account/blocks', ada.headers);
    expect(rest.map((u) => u.username)).toEqual(blocked.slice(1));
  });

  it('needs user_accounts:read to list and user_accounts:write to block (403 code 3)', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const token = await tokenHeaders(t.app, ada, ['boards:read']);
    expect((await call(t.app, 'GET', '/v5/user_account/blocks', token)).body.code).toBe(3);
    expect((await call(t.app, 'POST', `/v5/user_account/blocks/${bob.username}`, token)).body.code).toBe(3);
  });
});
