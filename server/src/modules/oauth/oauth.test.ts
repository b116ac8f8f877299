import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, bearer, cookieHeader, personalToken, signUp } from '../../testing/clients.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import type { TokenGrant as Grant } from '../tokens/index.ts';

const REDIRECT = 'https://client.example/callback';
const SCOPE = 'boards:read,user_accounts:read';
const DAY = 86_400;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

type Client = { client_id: string; client_secret: string };

let t: TestApp;
let developer: BrowserSession;
let user: BrowserSession;
let client: Client;

beforeAll(async () => {
  t = await startTestApp();
  developer = await signUp(t.app);
  user = await signUp(t.app);
  client = await registerApp(developer);
});
afterAll(async () => t?.close());

type Fields = Record<string, string>;
const form = (fields: Fields) => new URLSearchParams(fields).toString();
/** A form-encoded POST, as browsers and OAuth clients send them. */
const post = (url: string, fields: Fields, headers: Fields = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: form(fields) });
const unescapeHtml = (text: string) => text.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
const basicAuth = (clientId: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
});
const basic = (c: Client) => basicAuth(c.client_id, c.client_secret);

function hiddenFields(html: string): Record<string, string> {
  const inputs = html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g);
  return Object.fromEntries([...inputs].map((m) => [m[1]!, unescapeHtml(m[2]!)]));
}

function expectError(response: LightMyRequestResponse, status: number, code: number): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json().code).toBe(code);
}

/** An HTML error page that sends the browser nowhere. */
function expectErrorPage(response: LightMyRequestResponse, status: number): void {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  expect(response.headers.location).toBeUndefined();
  expect(response.body).not.toContain('code=');
}

async function registerApp(owner: BrowserSession, name = 'Pin Helper'): Promise<Client> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/v5/user_account/apps',
    headers: owner.headers,
    payload: { name, redirect_uris: [REDIRECT, 'http://localhost:8080/cb'] },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const authorizeQuery = (c: Client, overrides: Fields = {}) => ({
  client_id: c.client_id,
  redirect_uri: REDIRECT,
  response_type: 'code',
  scope: SCOPE,
  state: 'xyz',
  ...overrides,
});
const authorizeUrl = (c: Client, overrides: Fields = {}) => `/oauth/?${form(authorizeQuery(c, overrides))}`;
const decide = (session: BrowserSession, c: Client, decision: string, overrides: Fields = {}) =>
  post(
    '/oauth/authorize',
    { ...authorizeQuery(c, overrides), csrf_token: session.csrf, decision },
    { cookie: session.cookie },
  );

async function authorizeCode(c: Client, scope = SCOPE, session = user): Promise<string> {
  const response = await decide(session, c, 'allow', { scope });
  expect(response.statusCode, response.body).toBe(303);
  return new URL(response.headers.location as string).searchParams.get('code')!;
}

const token = (fields: Fields, headers: Fields = basic(client)) => post('/v5/oauth/token', fields, headers);
const exchange = (c: Client, code: string, redirectUri = REDIRECT) =>
  token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, basic(c));
const refresh = (c: Client, refreshToken: string, scope?: string) =>
  token({ grant_type: 'refresh_token', refresh_token: refreshToken, ...(scope ? { scope } : {}) }, basic(c));
const clientCredentials = (c: Client, scope = 'user_accounts:read') =>
  token({ grant_type: 'client_credentials', scope }, basic(c));
const revoke = (c: Client, secret: string) => post('/v5/oauth/token/revoke', { token: secret }, basic(c));
const me = (accessToken: string) => t.app.inject({ url: '/v5/user_account', headers: bearer(accessToken) });

async function grant(c = client, scope = SCOPE): Promise<Grant> {
  const response = await exchange(c, await authorizeCode(c, scope));
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function expectWorks(accessToken: string, userId = user.userId): Promise<void> {
  const response = await me(accessToken);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().id).toBe(userId);
}

describe('authorization pages', () => {
  it('signs a visitor in, asks for consent and redirects back with a code and the state', async () => {
    const person = await signUp(t.app);
    const url = authorizeUrl(client);
    const page = await t.app.inject({ url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const { login_csrf: loginCsrf, next } = hiddenFields(page.body);
    const csrfCookie = page.cookies.find((c) => c.name === 'cb_login_csrf');
    expect(loginCsrf).toMatch(/^[\w-]{40,}$/);
    expect(csrfCookie).toMatchObject({ value: loginCsrf, httpOnly: true, path: '/oauth' });
    expect(next).toBe(url);
    expect(page.body).not.toContain('csrf_token');

    const credentials = { username: person.username, password: person.password };
    const csrfHeaders = { cookie: `cb_login_csrf=${loginCsrf}` };
    const login = await post(
      '/oauth/login',
      { ...credentials, next: next!, login_csrf: loginCsrf! },
      csrfHeaders,
    );
    expect(login.statusCode, login.body).toBe(303);
    expect(login.headers.location).toBe(url);
    const cookie = cookieHeader(login);
    expect(cookie).toContain('cb_session=');

    const consent = await t.app.inject({ url, headers: { cookie } });
    expect(consent.statusCode).toBe(200);
    expect(consent.body).toContain('Pin Helper wants access');
    expect(consent.body).toContain(person.username);
    expect(consent.body).toContain('See your public boards <small>(boards:read)</small>');
    expect(consent.body).toContain('(user_accounts:read)');
    expect(consent.body).not.toContain('(pins:read)');
    const fields = hiddenFields(consent.body);
    const sessionCsrf = login.cookies.find((c) => c.name === 'cb_csrf')?.value;
    expect(fields).toEqual({ ...authorizeQuery(client), csrf_token: sessionCsrf });

    const allow = await post('/oauth/authorize', { ...fields, decision: 'allow' }, { cookie });
    expect(allow.statusCode).toBe(303);
    const target = new URL(allow.headers.location as string);
    expect(`${target.origin}${target.pathname}`).toBe(REDIRECT);
    expect(target.searchParams.get('state')).toBe('xyz');
    const exchanged = await exchange(client, target.searchParams.get('code')!);
    expect(exchanged.statusCode).toBe(200);
    await expectWorks(exchanged.json().access_token, person.userId);
  });

  it('redirects a refusal with error=access_denied and the state, and no code', async () => {
    const response = await decide(user, client, 'deny');
    expect(response.statusCode).toBe(303);
    const target = new URL(response.headers.location as string);
    expect(target.searchParams.get('error')).toBe('access_denied');
    expect(target.searchParams.get('state')).toBe('xyz');
    expect(target.searchParams.has('code')).toBe(false);
  });

  it('shows a 400 page, never a redirect, for a bad client or redirect URI', async () => {
    const cases: Fields[] = [
      { client_id: '999999' },
      { client_id: 'not-a-number' },
      { redirect_uri: 'https://evil.example/callback' },
      { redirect_uri: `${REDIRECT}/extra` },
    ];
    for (const overrides of cases) {
      const url = authorizeUrl(client, overrides);
      expectErrorPage(await t.app.inject({ url }), 400);
      expectErrorPage(await t.app.inject({ url, headers: { cookie: user.cookie } }), 400);
      expectErrorPage(await decide(user, client, 'allow', overrides), 400);
    }
    expectErrorPage(await t.app.inject({ url: authorizeUrl(client, { scope: 'boards:read,nope' }) }), 400);
    expectErrorPage(await t.app.inject({ url: authorizeUrl(client, { response_type: 'token' }) }), 400);
  });

  it('refuses a sign-in form without the matching login_csrf cookie', async () => {
    const { username, password } = user;
    const fields = { username, password, next: authorizeUrl(client), login_csrf: 'abc' };
    for (const headers of [{}, { cookie: 'cb_login_csrf=other' }] as Fields[]) {
      const response = await post('/oauth/login', fields, headers);
      expectErrorPage(response, 403);
      expect(response.cookies.find((c) => c.name === 'cb_session')).toBeUndefined();
    }
  });

  it('re-shows the form on a wrong password and never redirects off-site after sign-in', async () => {
    const headers = { cookie: 'cb_login_csrf=k' };
    const base = { username: user.username, next: 'https://evil.example/', login_csrf: 'k' };
    const wrong = await post('/oauth/login', { ...base, password: 'wrong password' }, headers);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.cookies.find((c) => c.name === 'cb_session')).toBeUndefined();
    const right = await post('/oauth/login', { ...base, password: user.password }, headers);
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/oauth/');
  });

  it('refuses to authorize without a session or without its CSRF token', async () => {
    const fields = { ...authorizeQuery(client), decision: 'allow' };
    expectErrorPage(await post('/oauth/authorize', { ...fields, csrf_token: user.csrf }), 403);
    const attempts: Fields[] = [{}, { csrf_token: 'wrong' }, { csrf_token: developer.csrf }];
    for (const csrf of attempts) {
      expectErrorPage(await post('/oauth/authorize', { ...fields, ...csrf }, { cookie: user.cookie }), 403);
    }
  });
});

describe('POST /v5/oauth/token: authorization_code', () => {
  it('exchanges a code for tokens in the spec’s shape', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await exchange(client, await authorizeCode(client));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as Grant;
    assertMatchesSpec('POST', '/oauth/token', 200, body);
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 30 * DAY,
      scope: SCOPE,
      response_type: 'authorization_code',
      refresh_token_expires_in: 60 * DAY,
    });
    expect(body.access_token).toMatch(/^pina_/);
    expect(body.refresh_token).toMatch(/^\w{4}_[\w-]{40,}$/);
    const skew = body.refresh_token_expires_at! - before - 60 * DAY;
    expect(skew >= 0 && skew < 60, `refresh_token_expires_at off by ${skew}s`).toBe(true);
  });

  it('accepts a code once, only from its app and with its redirect_uri', async () => {
    const used = await authorizeCode(client);
    const first = await exchange(client, used);
    expect(first.statusCode).toBe(200);
    await expectWorks(first.json().access_token);
    expectError(await exchange(client, used), 400, 1);
    // A replayed code has leaked: the tokens its first exchange produced are revoked too.
    expectError(
      await t.app.inject({ url: '/v5/user_account', headers: bearer(first.json().access_token) }),
      401,
      2,
    );
    const code = await authorizeCode(client);
    expectError(await exchange(client, code, 'http://localhost:8080/cb'), 400, 1);
    expectError(await exchange(await registerApp(developer, 'Other'), code), 400, 1);
    expectError(await exchange(client, 'made-up-code'), 400, 1);
  });

  it('requires HTTP Basic client authentication with the right secret', async () => {
    const code = await authorizeCode(client);
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    const bad = [
      {},
      basicAuth(client.client_id, 'wrong-secret'),
      basicAuth('123456', client.client_secret),
      basicAuth(client.client_id, '%E0%A4%A'),
      { authorization: `Bearer ${client.client_secret}` },
    ];
    for (const headers of bad) {
      const response = await token(fields, headers);
      expect(response.statusCode, response.body).toBe(401);
      expect(response.json()).toEqual({ code: 2, message: 'Client authentication failed.' });
    }
    expect((await token(fields)).statusCode).toBe(200); // none of the failures used up the code
  });
});

describe('OAuth access tokens', () => {
  it('act as the user within their scopes only', async () => {
    const { access_token } = await grant();
    await expectWorks(access_token);
    const patch = { method: 'PATCH' as const, url: '/v5/user_account', payload: { about: 'hacked' } };
    expectError(await t.app.inject({ ...patch, headers: bearer(access_token) }), 403, 3);
    expectError(await me((await grant(client, 'boards:read')).access_token), 403, 3);
    expectError(
      await t.app.inject({ url: '/v5/user_account/tokens', headers: bearer(access_token) }),
      403,
      29,
    );
  });
});

describe('POST /v5/oauth/token: refresh_token', () => {
  it('rotates the refresh token', async () => {
    const first = await grant();
    const second = await refresh(client, first.refresh_token!);
    expect(second.statusCode).toBe(200);
    const body = second.json() as Grant;
    assertMatchesSpec('POST', '/oauth/token', 200, body);
    expect(body).toMatchObject({ response_type: 'refresh_token', scope: SCOPE, expires_in: 30 * DAY });
    expect(body.refresh_token).not.toBe(first.refresh_token);
    await expectWorks(body.access_token);
    expect((await refresh(client, body.refresh_token!)).statusCode).toBe(200);
  });

  it('revokes the whole grant when a rotated refresh token is presented again', async () => {
    const first = await grant();
    const second = (await refresh(client, first.refresh_token!)).json() as Grant;
    const third = (await refresh(client, second.refresh_token!)).json() as Grant;
    await expectWorks(third.access_token); // cached now, so the revocation must reach the cache
    expectError(await refresh(client, first.refresh_token!), 400, 1);
    expectError(await me(third.access_token), 401, 2);
    expectError(await me(second.access_token), 401, 2);
    expectError(await refresh(client, third.refresh_token!), 400, 1);
  });

  it('rejects refresh tokens of another app, access tokens and unknown strings', async () => {
    const first = await grant();
    expectError(await refresh(await registerApp(developer, 'Thief'), first.refresh_token!), 400, 1);
    expectError(await refresh(client, first.access_token), 400, 1);
    expectError(await refresh(client, 'pinr_unknown'), 400, 1);
    expect((await refresh(client, first.refresh_token!)).statusCode).toBe(200);
  });

  it('may narrow the scope but never widen it', async () => {
    const first = await grant();
    expectError(await refresh(client, first.refresh_token!, 'boards:read,pins:read'), 400, 1);
    expectError(await refresh(client, first.refresh_token!, 'boards:read,bogus'), 400, 1);
    const narrowed = await refresh(client, first.refresh_token!, 'boards:read');
    expect(narrowed.statusCode).toBe(200); // the rejected attempts did not spend the token
    const body = narrowed.json() as Grant;
    expect(body.scope).toBe('boards:read');
    expectError(await me(body.access_token), 403, 3);
    expectError(await refresh(client, body.refresh_token!, SCOPE), 400, 1);
  });
});

describe('POST /v5/oauth/token: client_credentials', () => {
  it('issues a token that acts as the app’s owner, without a refresh token', async () => {
    const response = await clientCredentials(client);
    expect(response.statusCode).toBe(200);
    const body = response.json() as Grant;
    assertMatchesSpec('POST', '/oauth/token', 200, body);
    expect(body).toMatchObject({
      response_type: 'client_credentials',
      scope: 'user_accounts:read',
      token_type: 'bearer',
    });
    expect(body).not.toHaveProperty('refresh_token');
    expect(body).not.toHaveProperty('refresh_token_expires_in');
    await expectWorks(body.access_token, developer.userId);
    expectError(await token({ grant_type: 'client_credentials' }), 400, 1);
  });

  it('refuses an app that belongs to no user with code 29', async () => {
    const ownerless = await t.app.services.oauth.createApp({
      ownerUserId: null,
      name: 'Orphan',
      redirectUris: [REDIRECT],
    });
    expectError(await clientCredentials(ownerless), 403, 29);
  });
});

describe('POST /v5/oauth/token/revoke', () => {
  it('ends an access token at once, and with it the grant; a refresh token likewise', async () => {
    const g = await grant();
    await expectWorks(g.access_token); // cached now, so the revocation must reach the cache
    const response = await revoke(client, g.access_token);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expectError(await me(g.access_token), 401, 2);
    expectError(await refresh(client, g.refresh_token!), 400, 1);
    const h = await grant();
    await expectWorks(h.access_token);
    expect((await revoke(client, h.refresh_token!)).statusCode).toBe(200);
    expectError(await me(h.access_token), 401, 2);
  });

  it('answers 200 for unknown tokens and 403/29 for tokens of another app or person', async () => {
    expect((await revoke(client, 'pina_never_issued')).statusCode).toBe(200);
    const g = await grant();
    const other = await registerApp(developer, 'Other');
    expectError(await revoke(other, g.access_token), 403, 29);
    expectError(await revoke(client, await personalToken(t.app, user)), 403, 29);
    await expectWorks(g.access_token);
    expectError(await post('/v5/oauth/token/revoke', { token: g.access_token }), 401, 2);
  });
});

describe('OAuth apps', () => {
  it('lists your apps without their secrets and refuses bad redirect URIs', async () => {
    const response = await t.app.inject({ url: '/v5/user_account/apps', headers: developer.headers });
    expect(response.statusCode).toBe(200);
    const mine = response.json().items.find((a: { client_id: string }) => a.client_id === client.client_id);
    expect(mine).toMatchObject({ name: 'Pin Helper', owner_user_id: developer.userId });
    expect(response.body).not.toContain(client.client_secret);
    expect(
      (await t.app.inject({ url: '/v5/user_account/apps', headers: user.headers })).json().items,
    ).toEqual([]);
    for (const uri of ['javascript:alert(1)', 'https://x.example/cb#frag', 'not a url']) {
      const payload = { name: 'Bad', redirect_uris: [uri] };
      const bad = await t.app.inject({
        method: 'POST',
        url: '/v5/user_account/apps',
        headers: developer.headers,
        payload,
      });
      expectError(bad, 400, 1);
    }
  });

  it('deleting an app revokes its tokens immediately; only the owner may delete', async () => {
    const doomed = await registerApp(developer, 'Doomed');
    const g = await grant(doomed);
    const cc = (await clientCredentials(doomed)).json() as Grant;
    await expectWorks(g.access_token);
    await expectWorks(cc.access_token, developer.userId);
    const url = `/v5/user_account/apps/${doomed.client_id}`;
    expectError(await t.app.inject({ method: 'DELETE', url, headers: user.headers }), 404, 404);
    expectError(await t.app.inject({ method: 'DELETE', url, headers: bearer(g.access_token) }), 403, 29);
    await expectWorks(g.access_token);
    expect((await t.app.inject({ method: 'DELETE', url, headers: developer.headers })).statusCode).toBe(204);
    expectError(await me(g.access_token), 401, 2);
    expectError(await me(cc.access_token), 401, 2);
    expectError(await refresh(doomed, g.refresh_token!), 401, 2);
    await expectWorks((await grant()).access_token); // other apps are untouched
  });
});
