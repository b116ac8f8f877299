import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, logIn, personalToken, signUp, uniqueName } from '../../testing/clients.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ loginLimitPerAccount: 5, loginLimitPerIp: 10_000 });
});
afterAll(async () => t?.close());

const session = (headers: Record<string, string>) => t.app.inject({ url: '/v5/auth/session', headers });

describe('sign-up', () => {
  it('creates the account, hashes the password with argon2id and starts a session', async () => {
    const s = await signUp(t.app);
    const row = await t.app.services.ctx.db
      .selectFrom('users')
      .select(['password_hash', 'email'])
      .where('id', '=', s.userId)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(s.password);
    const current = await session({ cookie: s.cookie });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ user: { id: s.userId }, csrf_token: s.csrf });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const username = uniqueName();
    const response = await t.app.inject({
      method: 'POST',
      url: '/v5/auth/signup',
      payload: { username, email: `${username}@example.test`, password: 'long enough pw' },
    });
    const cookies = Object.fromEntries(response.cookies.map((c) => [c.name, c]));
    expect(cookies.cb_session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.cb_csrf?.httpOnly).toBeFalsy();
  });

  it.each<[Record<string, string>, string]>([
    [{ password: 'short' }, 'a password under 8 characters'],
    [{ email: 'not-an-email' }, 'a malformed email'],
    [{ username: 'no spaces allowed' }, 'a malformed username'],
  ])('rejects %o (%s) with 400 code 1', async (override) => {
    const username = uniqueName();
    const response = await t.app.inject({
      method: 'POST',
      url: '/v5/auth/signup',
      payload: { username, email: `${username}@example.test`, password: 'long enough pw', ...override },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(1);
  });

  it('refuses a taken username or email regardless of case with 409', async () => {
    const s = await signUp(t.app);
    const again = await t.app.inject({
      method: 'POST',
      url: '/v5/auth/signup',
      payload: {
        username: s.username.toUpperCase(),
        email: 'other@example.test',
        password: 'long enough pw',
      },
    });
    expect(again.statusCode).toBe(409);
    const sameEmail = await t.app.inject({
      method: 'POST',
      url: '/v5/auth/signup',
      payload: { username: uniqueName(), email: `${s.username}@EXAMPLE.test`, password: 'long enough pw' },
    });
    expect(sameEmail.statusCode).toBe(409);
  });
});

describe('log in and log out', () => {
  it('logs in by username or email and logs out of just that session', async () => {
    const s = await signUp(t.app);
    const byEmail = await logIn(t.app, `${s.username}@example.test`, s.password);
    expect(byEmail.userId).toBe(s.userId);
    const out = await t.app.inject({ method: 'POST', url: '/v5/auth/logout', headers: byEmail.headers });
    expect(out.statusCode).toBe(204);
    expect((await session({ cookie: byEmail.cookie })).statusCode).toBe(401);
    expect((await session({ cookie: s.cookie })).statusCode).toBe(200);
  });

  it('answers a wrong password with 401 code 2 without saying which part was wrong', async () => {
    const s = await signUp(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v5/auth/login',
      payload: { username: s.username, password: 'not the password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v5/auth/login',
      payload: { username: uniqueName('nobody'), password: 'whatever123' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('rate-limits login attempts per account with 429, code 8 and Retry-After', async () => {
    const s = await signUp(t.app);
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/v5/auth/login', payload: { username: s.username, password } });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).statusCode).toBe(401);
    const limited = await attempt(s.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe(8);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('rate limits per IP', () => {
  it('limits attempts from one address across accounts', async () => {
    const limited = await startTestApp({ loginLimitPerIp: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await limited.app.inject({
          method: 'POST',
          url: '/v5/auth/login',
          payload: { username: uniqueName(), password: 'whatever123' },
        });
        codes.push(response.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses cookie-authenticated writes without the matching X-CSRF-Token', async () => {
    const s = await signUp(t.app);
    const patch = (headers: Record<string, string>) =>
      t.app.inject({ method: 'PATCH', url: '/v5/user_account', headers, payload: { about: 'hi' } });
    expect((await patch({ cookie: s.cookie })).statusCode).toBe(403);
    expect((await patch({ cookie: s.cookie, 'x-csrf-token': 'forged' })).json().code).toBe(29);
    expect((await patch(s.headers)).statusCode).toBe(200);
  });

  it('does not ask bearer-token callers for a CSRF token', async () => {
    const s = await signUp(t.app);
    const token = await personalToken(t.app, s, ['user_accounts:write']);
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/v5/user_account',
      headers: bearer(token),
      payload: { about: 'via token' },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('change password', () => {
  it('needs the current password, then signs out every other session', async () => {
    const s = await signUp(t.app);
    const other = await logIn(t.app, s.username, s.password);
    const change = (current: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v5/user_account/password',
        headers: s.headers,
        payload: { current_password: current, new_password: 'a brand new secret' },
      });
    expect((await change('wrong guess!')).statusCode).toBe(401);
    expect((await change(s.password)).statusCode).toBe(204);
    expect((await session({ cookie: s.cookie })).statusCode).toBe(200);
    expect((await session({ cookie: other.cookie })).statusCode).toBe(401);
    await expect(logIn(t.app, s.username, s.password)).rejects.toThrow();
    expect((await logIn(t.app, s.username, 'a brand new secret')).userId).toBe(s.userId);
  });
});

describe('delete account', () => {
  it('removes the account and ends its sessions and tokens at once', async () => {
    const s = await signUp(t.app);
    const other = await logIn(t.app, s.username, s.password);
    const token = await personalToken(t.app, s);
    // Warm the credential cache so the test proves invalidation, not just a cold miss.
    expect((await t.app.inject({ url: '/v5/user_account', headers: bearer(token) })).statusCode).toBe(200);
    expect((await session({ cookie: other.cookie })).statusCode).toBe(200);

    const refused = await t.app.inject({
      method: 'DELETE',
      url: '/v5/user_account',
      headers: s.headers,
      payload: { password: 'not it at all' },
    });
    expect(refused.statusCode).toBe(401);

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: '/v5/user_account',
      headers: s.headers,
      payload: { password: s.password },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v5/user_account', headers: bearer(token) })).statusCode).toBe(401);
    expect((await session({ cookie: other.cookie })).statusCode).toBe(401);
    expect((await session({ cookie: s.cookie })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/v5/users/${s.username}` })).statusCode).toBe(404);
    const tokens = await t.app.services.ctx.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', s.userId)
      .execute();
    expect(tokens).toEqual([]);
  });
});
