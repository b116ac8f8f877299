import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, personalToken, signUp, uniqueName } from '../../testing/clients.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('GET /v5/user_account', () => {
  it('returns the Account exactly as the spec defines it', async () => {
    const session = await signUp(t.app);
    const token = await personalToken(t.app, session, ['user_accounts:read']);
    const response = await t.app.inject({ url: '/v5/user_account', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    assertMatchesSpec('GET', '/user_account', 200, body);
    expect(body).toMatchObject({ id: session.userId, username: session.username, account_type: 'PINNER' });
    expect(Object.keys(body).sort()).toEqual(
      [
        'about',
        'account_type',
        'board_count',
        'business_name',
        'follower_count',
        'following_count',
        'id',
        'monthly_views',
        'pin_count',
        'profile_image',
        'username',
        'website_url',
      ].sort(),
    );
  });

  it('rejects anonymous callers with 401 and code 2', async () => {
    const response = await t.app.inject({ url: '/v5/user_account' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 2, message: 'Authentication failed.' });
  });

  it('rejects a token without user_accounts:read with 403 and code 3', async () => {
    const session = await signUp(t.app);
    const token = await personalToken(t.app, session, ['pins:read']);
    const response = await t.app.inject({ url: '/v5/user_account', headers: bearer(token) });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe(3);
  });
});

describe('profiles', () => {
  it('updates display name, about, website and profile image, and shows them publicly', async () => {
    const session = await signUp(t.app);
    const patch = {
      display_name: 'Ada L.',
      about: 'Gardens and gears',
      website_url: 'https://ada.example',
      profile_image: 'https://img.example/ada.png',
    };
    const updated = await t.app.inject({
      method: 'PATCH',
      url: '/v5/user_account',
      headers: session.headers,
      payload: patch,
    });
    expect(updated.statusCode).toBe(200);
    const profile = await t.app.inject({ url: `/v5/users/${session.username.toUpperCase()}` });
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({ ...patch, username: session.username, id: session.userId });
    expect(profile.json()).not.toHaveProperty('email');
  });

  it('rejects a website that is not an http(s) URL', async () => {
    const session = await signUp(t.app);
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/v5/user_account',
      headers: session.headers,
      payload: { website_url: 'javascript:alert(1)' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(1);
  });

  it('answers 404 with code 30 for an unknown user', async () => {
    const response = await t.app.inject({ url: `/v5/users/${uniqueName('ghost')}` });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe(30);
  });
});
