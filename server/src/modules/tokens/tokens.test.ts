import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCOPES } from '../../platform/principal.ts';
import { hashSecret } from '../../platform/secret-tokens.ts';
import { type BrowserSession, bearer, signUp } from '../../testing/clients.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';

interface Created {
  id: string;
  name: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  token: string;
}

const TOKENS = '/v5/user_account/tokens';

let t: TestApp;
let alice: BrowserSession;
let bob: BrowserSession;

beforeAll(async () => {
  t = await startTestApp();
  alice = await signUp(t.app);
  bob = await signUp(t.app);
});
afterAll(async () => t?.close());
afterEach(() => {
  vi.useRealTimers();
});

function expectError(response: LightMyRequestResponse, status: number, code: number): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json().code).toBe(code);
}

function createRaw(headers: Record<string, string>, payload: object) {
  return t.app.inject({ method: 'POST', url: TOKENS, headers, payload });
}

async function create(
  session: BrowserSession,
  scopes: string[] | 'all' = 'all',
  extra: object = {},
): Promise<Created> {
  const response = await createRaw(session.headers, { name: 'script', scopes, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const list = async (session: BrowserSession) => {
  const response = await t.app.inject({ url: TOKENS, headers: { cookie: session.cookie } });
  expect(response.statusCode).toBe(200);
  return response;
};
const revoke = (id: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'DELETE', url: `${TOKENS}/${id}`, headers });
const me = (token: string) => t.app.inject({ url: '/v5/user_account', headers: bearer(token) });

async function expectWorks(token: string, userId = alice.userId): Promise<void> {
  const response = await me(token);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().id).toBe(userId);
}

describe('creating personal access tokens', () => {
  it('shows the token once, with the pina_ prefix, and never again', async () => {
    const created = await create(alice, ['user_accounts:read', 'pins:read'], { name: 'My script' });
    expect(created).toMatchObject({
      name: 'My script',
      scopes: ['user_accounts:read', 'pins:read'],
      expires_at: null,
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.token).toMatch(/^pina_[\w-]{40,}$/);
    expect(Math.abs(Date.parse(created.created_at) - Date.now())).toBeLessThan(60_000);
    await expectWorks(created.token);

    const listed = await list(alice);
    expect(listed.body).not.toContain(created.token);
    const item = listed.json().items.find((i: { id: string }) => i.id === created.id);
    expect(item).toEqual({
      id: created.id,
      name: 'My script',
      scopes: ['user_accounts:read', 'pins:read'],
      created_at: created.created_at,
      expires_at: null,
    });
  });

  it('mints a different secret each time', async () => {
    const [a, b] = [await create(alice), await create(alice)];
    expect(a.token).not.toBe(b.token);
    expect(a.id).not.toBe(b.id);
  });

  it('lists only your own live tokens, newest first', async () => {
    const session = await signUp(t.app);
    const first = await create(session);
    const second = await create(session);
    await create(bob);
    const ids = (await list(session)).json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual([second.id, first.id]);
  });

  it('gives "all" every scope and a list exactly its scopes', async () => {
    const all = await create(alice, 'all');
    expect([...all.scopes].sort()).toEqual([...SCOPES].sort());
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/v5/user_account',
      headers: bearer(all.token),
      payload: { about: 'Written with a token' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    await expectWorks(all.token);

    const narrow = await create(alice, ['pins:read']);
    expect(narrow.scopes).toEqual(['pins:read']);
    expectError(await me(narrow.token), 403, 3);
    const readOnly = await create(alice, ['user_accounts:read']);
    await expectWorks(readOnly.token);
    const denied = await t.app.inject({
      method: 'PATCH',
      url: '/v5/user_account',
      headers: bearer(readOnly.token),
      payload: { about: 'nope' },
    });
    expectError(denied, 403, 3);
  });

  it('rejects unknown scopes, empty lists and bad input with 400 and code 1', async () => {
    const bodies = [
      { name: 'x', scopes: ['pins:read', 'pins:fly'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['pins:read', 'all'] },
      { name: 'x', scopes: 'everything' },
      { name: '', scopes: 'all' },
      { name: 'x', scopes: 'all', expires_in_days: 0 },
      { name: 'x', scopes: 'all', owner: bob.userId },
    ];
    for (const payload of bodies) expectError(await createRaw(alice.headers, payload), 400, 1);
    const names = (await list(alice)).json().items.map((i: { name: string }) => i.name);
    expect(names).not.toContain('x');
  });

  it('sets expires_at from expires_in_days', async () => {
    const created = await create(alice, 'all', { expires_in_days: 7 });
    const expected = Date.now() + 7 * 86_400_000;
    expect(Math.abs(Date.parse(created.expires_at!) - expected)).toBeLessThan(60_000);
    await expectWorks(created.token);
  });
});

describe('revoking personal access tokens', () => {
  it('stops the token working at once and removes it from the list', async () => {
    const created = await create(alice);
    await expectWorks(created.token); // cached now: revocation has to reach the cache
    const response = await revoke(created.id, alice.headers);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expectError(await me(created.token), 401, 2);
    const ids = (await list(alice)).json().items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(created.id);
    expectError(await revoke(created.id, alice.headers), 404, 404);
  });

  it('cannot touch another user’s token', async () => {
    const theirs = await create(bob);
    expectError(await revoke(theirs.id, alice.headers), 404, 404);
    await expectWorks(theirs.token, bob.userId);
    expectError(await revoke('0', alice.headers), 404, 404);
    expectError(await revoke('abc', alice.headers), 400, 1);
    expectError(await revoke('9223372036854775807', alice.headers), 404, 404);
  });
});

describe('who may manage tokens', () => {
  it('refuses bearer tokens, even with every scope, with 403 and code 29', async () => {
    const { id, token } = await create(alice, 'all');
    const calls = [
      t.app.inject({ url: TOKENS, headers: bearer(token) }),
      createRaw(bearer(token), { name: 'child', scopes: 'all' }),
      revoke(id, bearer(token)),
      t.app.inject({ url: '/v5/user_account/apps', headers: bearer(token) }),
    ];
    for (const response of await Promise.all(calls)) expectError(response, 403, 29);
    await expectWorks(token);
    expect((await list(alice)).json().items.map((i: { name: string }) => i.name)).not.toContain('child');
  });

  it('requires x-csrf-token on cookie-authenticated writes', async () => {
    const payload = { name: 'forged', scopes: 'all' };
    const forged: Record<string, string>[] = [
      { cookie: alice.cookie },
      { cookie: alice.cookie, 'x-csrf-token': 'wrong' },
    ];
    for (const headers of forged) {
      const response = await createRaw(headers, payload);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ code: 29, message: 'Missing or invalid CSRF token.' });
    }
    // Another user's CSRF token does not fit this session either.
    expectError(await createRaw({ cookie: alice.cookie, 'x-csrf-token': bob.csrf }, payload), 403, 29);
    const target = await create(alice);
    expectError(await revoke(target.id, { cookie: alice.cookie }), 403, 29);
    await expectWorks(target.token);
    expect((await list(alice)).json().items.map((i: { name: string }) => i.name)).not.toContain('forged');
  });

  it('rejects anonymous callers and unknown tokens with 401 and code 2', async () => {
    expectError(await t.app.inject({ url: TOKENS }), 401, 2);
    expectError(await createRaw({}, { name: 'x', scopes: 'all' }), 401, 2);
    expectError(await me('pina_not-a-real-token'), 401, 2);
    expectError(await t.app.inject({ url: TOKENS, headers: bearer('pina_not-a-real-token') }), 401, 2);
  });
});

describe('expiry and storage', () => {
  it('rejects a token whose expiry has passed', async () => {
    const created = await create(alice, 'all', { expires_in_days: 1 });
    // Expire the row before the token's first use, so no cached copy predates the change.
    await t.app.services.ctx.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', created.id)
      .execute();
    expectError(await me(created.token), 401, 2);
    expect((await list(alice)).json().items.find((i: { id: string }) => i.id === created.id)).toBeTruthy();
  });

  it('stops a cached token the moment it expires', async () => {
    const created = await create(alice, 'all', { expires_in_days: 1 });
    await expectWorks(created.token); // now in the credential cache
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 86_400_000 + 60_000);
    expectError(await me(created.token), 401, 2);
  });

  it('stores only a hash of the token', async () => {
    const created = await create(alice, ['pins:read']);
    const rows = await t.app.services.ctx.db.selectFrom('api_tokens').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(created.token);
    expect(dump).not.toContain(created.token.slice('pina_'.length));
    const row = rows.find((r) => r.id === created.id);
    expect(row).toMatchObject({ kind: 'personal', user_id: alice.userId, app_id: null, revoked_at: null });
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.token_hash).toBe(hashSecret(created.token));
  });
});
