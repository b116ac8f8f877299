import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { specOperation } from '../../testing/spec-contract.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

type OpenApi = {
  paths: Record<
    string,
    Record<string, { tags?: string[]; security?: Record<string, string[]>[]; operationId?: string }>
  >;
};

describe('health', () => {
  it('reports liveness and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready when a migration is pending', async () => {
    await t.app.services.ctx.db
      .deleteFrom('schema_migrations' as never)
      .where('name' as never, '=', '2026_11_22_0900_create_accounts_and_auth' as never)
      .execute();
    try {
      const ready = await t.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().status).toBe('migrating');
    } finally {
      await t.app.services.ctx.db
        .insertInto('schema_migrations' as never)
        .values({
          name: '2026_11_22_0900_create_accounts_and_auth',
          timestamp: new Date().toISOString(),
        } as never)
        .execute();
    }
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('request ids', () => {
  it('echoes a sane incoming X-Request-Id and invents one otherwise', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\u0001' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('unknown routes', () => {
  it('answer JSON 404 in the Pinterest shape', async () => {
    const response = await t.app.inject({ url: '/v5/no/such/thing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.json()).toEqual({ code: 404, message: 'No such endpoint.' });
  });
});

describe('OpenAPI document', () => {
  let doc: OpenApi;
  beforeAll(async () => {
    const response = await t.app.inject({ url: '/v5/openapi.json' });
    expect(response.statusCode).toBe(200);
    doc = response.json();
  });

  it('is generated from the route schemas, with extensions tagged', () => {
    expect(doc.paths['/v5/user_account']?.get?.operationId).toBe('user_account/get');
    expect(doc.paths['/v5/users/{username}']?.get?.tags).toEqual(['extensions']);
    expect(doc.paths['/v5/oauth/token']?.post?.tags).toEqual(['oauth']);
  });

  it('declares for every Pinterest operation the same scopes as Pinterest does', () => {
    let compared = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.tags?.includes('extensions') || !path.startsWith('/v5/')) continue;
        const pinterest = specOperation(method, path.slice('/v5'.length));
        expect(pinterest, `${method} ${path} is not a Pinterest operation; tag it extensions`).toBeDefined();
        const scopesOf = (security: Record<string, string[]>[] | undefined) =>
          (security ?? []).map((r) => JSON.stringify(Object.entries(r).sort())).sort();
        expect(scopesOf(operation.security), `${method} ${path}`).toEqual(scopesOf(pinterest?.security));
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('implements every Pinterest operation the Pinner core promises', () => {
    const promised = [
      'get /v5/boards',
      'post /v5/boards',
      'get /v5/boards/{board_id}',
      'patch /v5/boards/{board_id}',
      'delete /v5/boards/{board_id}',
      'get /v5/boards/{board_id}/pins',
      'get /v5/boards/{board_id}/sections',
      'post /v5/boards/{board_id}/sections',
      'patch /v5/boards/{board_id}/sections/{section_id}',
      'delete /v5/boards/{board_id}/sections/{section_id}',
      'get /v5/boards/{board_id}/sections/{section_id}/pins',
      'post /v5/pins',
      'get /v5/pins',
      'get /v5/pins/{pin_id}',
      'patch /v5/pins/{pin_id}',
      'delete /v5/pins/{pin_id}',
      'post /v5/pins/{pin_id}/save',
      'get /v5/user_account',
      'get /v5/user_account/followers',
      'get /v5/user_account/following',
      'get /v5/user_account/following/boards',
      'post /v5/user_account/following/{username}',
      'post /v5/oauth/token',
      'post /v5/oauth/token/revoke',
      'get /v5/search/pins',
      'get /v5/search/boards',
      'get /v5/search/partner/pins',
    ];
    const served = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(promised.filter((op) => !served.includes(op))).toEqual([]);
  });

  it('serves the API reference page at /docs', async () => {
    const response = await t.app.inject({ url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/swagger/i);
  });
});
