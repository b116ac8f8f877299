// POST /v5/events: client events validated, attributed to the caller, deduplicated by id, limited.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, tokenHeaders } from '../boards/test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ eventsIngestLimitPerMinute: 12 });
});
afterAll(async () => t?.close());

function clientEvent(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'pin.impression.v1',
    object: { type: 'pin', id: '123456789' },
    occurred_at: new Date(Date.now() - 60_000).toISOString(),
    context: { app_type: 'web', locale: 'en-US', session_id: 's-1', surface: 'home' },
    ...overrides,
  };
}

const post = (who: { headers: Record<string, string> }, events: unknown[]) =>
  call(t.app, 'POST', '/v5/events', who.headers, { events });

async function logged(actorId: string) {
  const result = await sql<{ id: string; type: string; actor_id: string; surface: string }>`
    select id::text as id, type, actor_id::text as actor_id, surface from event_log where actor_id = ${actorId}
  `.execute(t.app.services.ctx.db);
  return result.rows;
}

describe('POST /v5/events', () => {
  let ada: Actor;
  beforeAll(async () => {
    ada = await actor(t.app);
  });

  it('records a batch as the caller’s events and counts ids already recorded as duplicates', async () => {
    const batch = [
      clientEvent(),
      clientEvent({
        type: 'pin.closeup.v1',
        context: { app_type: 'mobile', locale: null, session_id: null, surface: null },
      }),
      clientEvent({ type: 'pin.outbound_click.v1', data: {} }),
    ];
    const first = await post(ada, batch);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body).toEqual({ accepted: 3, duplicates: 0 });
    // The client retries the same batch plus one new event, and repeats an id within the batch.
    const extra = clientEvent();
    const retry = await post(ada, [...batch, extra, extra]);
    expect(retry.body).toEqual({ accepted: 1, duplicates: 4 });
    const rows = await logged(ada.userId);
    expect(rows.map((r) => r.id).sort()).toEqual([...batch.map((e) => e.id), extra.id].sort());
    expect(new Set(rows.map((r) => r.actor_id))).toEqual(new Set([ada.userId]));
  });

  it('needs no particular scope: a token for something else entirely will do', async () => {
    const headers = await tokenHeaders(t.app, ada, ['ads:read']);
    const response = await post({ headers }, [clientEvent()]);
    expect(response.status, JSON.stringify(response.body)).toBe(202);
  });

  it('rejects anonymous callers', async () => {
    const response = await post({ headers: {} }, [clientEvent()]);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(2);
  });

  it('records text the JSON batch parameter must carry with care: lone surrogates, escapes', async () => {
    const bob = await actor(t.app);
    const sessions = [
      'lone \ud800 high',
      'lone \udc00 low',
      'literal \\ud800 text',
      'quote " and \\',
      '😀',
      'nul \u0000 char',
    ];
    const batch = sessions.map((session_id) =>
      clientEvent({ context: { app_type: 'web', locale: null, session_id, surface: null } }),
    );
    const response = await post(bob, batch);
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const stored = await sql<{ session_id: string }>`
      select session_id from event_log where actor_id = ${bob.userId} order by position`.execute(
      t.app.services.ctx.db,
    );
    // A lone surrogate becomes U+FFFD, as node-postgres sends it over a socket, and so does NUL,
    // which PostgreSQL's text cannot hold; the rest is kept.
    expect(stored.rows.map((r) => r.session_id)).toEqual([
      'lone \ufffd high',
      'lone \ufffd low',
      'literal \\ud800 text',
      'quote " and \\',
      '😀',
      'nul \ufffd char',
    ]);
  });

  it('rejects the whole batch with 400 naming the first bad event', async () => {
    const bob = await actor(t.app);
    const cases: [unknown[], RegExp][] = [
      [
        [clientEvent(), clientEvent({ type: 'pin.saved.v1' })],
        /events\[1\]\.type pin\.saved\.v1 is recorded by the server/,
      ],
      [[clientEvent({ type: 'pin.liked.v9' })], /events\[0\]\.type must be one of/],
      [[clientEvent({ id: 'not-a-uuid' })], /events\[0\]\.id/],
      [[clientEvent({ object: { type: 'board', id: '1' } })], /events\[0\]\.object\.type/],
      [
        [clientEvent({ context: { app_type: 'fridge', locale: null, session_id: null, surface: null } })],
        /context\.app_type/,
      ],
      [
        [clientEvent({ occurred_at: new Date(Date.now() - 25 * 3600_000).toISOString() })],
        /more than 24 hours ago/,
      ],
      [[clientEvent({ occurred_at: new Date(Date.now() + 10 * 60_000).toISOString() })], /in the future/],
      [[clientEvent({ data: { pin_owner_id: '1' } })], /events\[0\]\.data/],
      [[clientEvent({ actor_id: '1' })], /events\[0\]/],
      [['nope'], /events\[0\] must be an object/],
    ];
    for (const [events, message] of cases) {
      const response = await post(bob, events);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.code).toBe(1);
      expect(response.body.message).toMatch(message);
    }
    expect(await logged(bob.userId)).toEqual([]);
  });

  it('takes at most 500 events and at least one', async () => {
    const cy = await actor(t.app);
    const full = Array.from({ length: 500 }, () => clientEvent());
    const ok = await post(cy, full);
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    expect(ok.body).toEqual({ accepted: 500, duplicates: 0 });
    const tooMany = await post(cy, [...Array.from({ length: 500 }, () => clientEvent()), clientEvent()]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/500/);
    const none = await post(cy, []);
    expect(none.status).toBe(400);
    const notArray = await call(t.app, 'POST', '/v5/events', cy.headers, { events: 'x' });
    expect(notArray.status).toBe(400);
  });

  it('limits requests per user per minute with 429 and Retry-After', async () => {
    const dee = await actor(t.app);
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 14; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/v5/events',
        headers: dee.headers,
        payload: { events: [clientEvent()] },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) retryAfter = response.headers['retry-after'] as string;
    }
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(202));
    expect(statuses.slice(12)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another user has a budget of their own.
    expect((await post(await actor(t.app), [clientEvent()])).status).toBe(202);
  });

  it('is published in the OpenAPI document under extensions', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/v5/openapi.json' })).json();
    const operation = doc.paths['/v5/events']?.post ?? doc.paths['/events']?.post;
    expect(operation.tags).toEqual(['extensions']);
    expect(Object.keys(operation.responses)).toContain('202');
  });
});
