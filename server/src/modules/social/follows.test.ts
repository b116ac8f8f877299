import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import { type Actor, actor, call, createBoard, tokenHeaders, userCounts, walk } from '../boards/test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const follow = (who: Actor, username: string) =>
  call(t.app, 'POST', `/v5/user_account/following/${username}`, who.headers, {});
const names = (body: { items: { username: string }[] }) => body.items.map((u) => u.username);

describe('POST /v5/user_account/following/{username}', () => {
  it('follows a user, answering the spec’s UserSummary, and keeps both counts right', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const response = await follow(ada, bob.username.toUpperCase());
    expect(response.status).toBe(200);
    assertMatchesSpec('POST', '/user_account/following/{username}', 200, response.body);
    expect(response.body).toEqual({ type: 'user', username: bob.username });
    expect(await userCounts(t.app, ada.userId)).toMatchObject({ following_count: 1, follower_count: 0 });
    expect(await userCounts(t.app, bob.userId)).toMatchObject({ following_count: 0, follower_count: 1 });
    // Following again changes nothing.
    expect((await follow(ada, bob.username)).status).toBe(200);
    expect((await userCounts(t.app, bob.userId)).follower_count).toBe(1);
    const account = await call(t.app, 'GET', '/v5/user_account', bob.headers);
    expect(account.body.follower_count).toBe(1);
  });

  it('answers 404 code 30 for an unknown user and 400 for yourself', async () => {
    const ada = await actor(t.app);
    const missing = await follow(ada, 'nobody_by_this_name');
    expect(missing.status).toBe(404);
    assertMatchesSpec('POST', '/user_account/following/{username}', 404, missing.body);
    expect(missing.body).toEqual({ code: 30, message: 'User not found.' });
    const self = await follow(ada, ada.username);
    expect(self.status).toBe(400);
    expect((await userCounts(t.app, ada.userId)).following_count).toBe(0);
  });

  it('requires the FollowUserRequest body, as the spec does: {} or auto_follow, nothing unknown', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const plain = await t.app.inject({
      method: 'POST',
      url: `/v5/user_account/following/${bob.username}`,
      headers: ada.headers,
    });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().code).toBe(1);
    const auto = await call(t.app, 'POST', `/v5/user_account/following/${bob.username}`, ada.headers, {
      auto_follow: true,
    });
    expect(auto.status).toBe(200);
    const extra = await call(t.app, 'POST', `/v5/user_account/following/${bob.username}`, ada.headers, {
      nope: 1,
    });
    expect(extra.status).toBe(400);
  });

  it('needs user_accounts:write (403 code 3)', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const token = await tokenHeaders(t.app, ada, ['user_accounts:read']);
    const response = await call(t.app, 'POST', `/v5/user_account/following/${bob.username}`, token, {});
    expect(response.status).toBe(403);
    expect(response.body.code).toBe(3);
  });
});

describe('DELETE /v5/user_account/following/{username}', () => {
  it('unfollows (204), idempotently, fixing both counts', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    await follow(ada, bob.username);
    const url = `/v5/user_account/following/${bob.username}`;
    expect((await call(t.app, 'DELETE', url, ada.headers)).status).toBe(204);
    expect((await call(t.app, 'DELETE', url, ada.headers)).status).toBe(204);
    expect((await userCounts(t.app, ada.userId)).following_count).toBe(0);
    expect((await userCounts(t.app, bob.userId)).follower_count).toBe(0);
    expect(
      (await call(t.app, 'DELETE', '/v5/user_account/following/nobody_by_this_name', ada.headers)).status,
    ).toBe(404);
  });
});

describe('GET /v5/user_account/followers and /following', () => {
  it('list users as the spec’s UserSummary, most recent first', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const cy = await actor(t.app);
    await follow(bob, ada.username);
    await follow(cy, ada.username);
    await follow(ada, bob.username);

    const followers = await call(t.app, 'GET', '/v5/user_account/followers', ada.headers);
    expect(followers.status).toBe(200);
    assertMatchesSpec('GET', '/user_account/followers', 200, followers.body);
    expect(followers.body).toEqual({
      items: [
        { type: 'user', username: cy.username },
        { type: 'user', username: bob.username },
      ],
      bookmark: null,
    });

    const following = await call(t.app, 'GET', '/v5/user_account/following', ada.headers);
    expect(following.status).toBe(200);
    assertMatchesSpec('GET', '/user_account/following', 200, following.body);
    expect(names(following.body)).toEqual([bob.username]);
    for (const feedType of ['ALL', 'RANKED', 'CREATOR_ONLY', 'RANKED_CREATOR_ONLY']) {
      const typed = await call(t.app, 'GET', `/v5/user_account/following?feed_type=${feedType}`, ada.headers);
      expect(names(typed.body)).toEqual([bob.username]);
    }
    expect((await call(t.app, 'GET', '/v5/user_account/following?feed_type=BEST', ada.headers)).status).toBe(
      400,
    );
  });

  it('includes owners of followed boards in /following unless explicit_following=true', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const board = await createBoard(t.app, bob);
    await call(t.app, 'POST', `/v5/boards/${board.id}/follow`, ada.headers);
    const implicit = await call(t.app, 'GET', '/v5/user_account/following', ada.headers);
    expect(names(implicit.body)).toEqual([bob.username]);
    const explicit = await call(
      t.app,
      'GET',
      '/v5/user_account/following?explicit_following=true',
      ada.headers,
    );
    expect(names(explicit.body)).toEqual([]);
    // Following the owner as well lists them once.
    await follow(ada, bob.username);
    expect(names((await call(t.app, 'GET', '/v5/user_account/following', ada.headers)).body)).toEqual([
      bob.username,
    ]);
  });

  it('walk every follower and followee exactly once with bookmarks', async () => {
    const star = await actor(t.app);
    const fans: string[] = [];
    for (let i = 0; i < 8; i++) {
      const fan = await actor(t.app);
      await follow(fan, star.username);
      await follow(star, fan.username);
      fans.unshift(fan.username);
    }
    expect(await userCounts(t.app, star.userId)).toMatchObject({ follower_count: 8, following_count: 8 });
    for (const pageSize of [1, 3, 8]) {
      for (const path of ['/user_account/followers', '/user_account/following']) {
        const items = await walk<{ username: string }>(
          t.app,
          `/v5${path}?page_size=${pageSize}`,
          star.headers,
          (body) => assertMatchesSpec('GET', path, 200, body),
        );
        expect(items.map((u) => u.username)).toEqual(fans);
      }
    }
    const bad = await call(t.app, 'GET', '/v5/user_account/followers?bookmark=WzEsMl0', star.headers);
    expect(bad.status).toBe(400);
    assertMatchesSpec('GET', '/user_account/followers', 400, bad.body);
  });

  it('need user_accounts:read (403 code 3)', async () => {
    const ada = await actor(t.app);
    const token = await tokenHeaders(t.app, ada, ['boards:read']);
    for (const url of ['/v5/user_account/followers', '/v5/user_account/following']) {
      const response = await call(t.app, 'GET', url, token);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe(3);
    }
  });
});

describe('GET /v5/users/{username}/followers and /following (extensions)', () => {
  it("list another user's followers and followings, hidden once either blocks the other", async () => {
    const [ada, bob, cy] = [await actor(t.app), await actor(t.app), await actor(t.app)];
    await follow(ada, bob.username);
    await follow(bob, cy.username);
    const followers = await call(t.app, 'GET', `/v5/users/${bob.username}/followers`, cy.headers);
    expect(followers.status).toBe(200);
    expect(names(followers.body)).toEqual([ada.username]);
    const following = await call(t.app, 'GET', `/v5/users/${bob.username}/following`, ada.headers);
    expect(names(following.body)).toEqual([cy.username]);
    expect((await call(t.app, 'GET', '/v5/users/nobody_by_this_name/followers', ada.headers)).status).toBe(
      404,
    );
    await call(t.app, 'POST', `/v5/user_account/blocks/${cy.username}`, bob.headers);
    expect((await call(t.app, 'GET', `/v5/users/${bob.username}/following`, cy.headers)).status).toBe(404);
  });
});
