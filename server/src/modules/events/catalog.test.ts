// The catalog and the pure rules around it: schemas, client batch parsing, docs/events.md in sync.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  CLIENT_EVENT_TYPES,
  EVENT_DATA,
  EVENT_TYPES,
  eventProblem,
  normalizedQuery,
  serverEvent,
} from './catalog.ts';
import { CLIENT_MAX_AGE_MS, CLIENT_MAX_AHEAD_MS, parseClientBatch } from './client-events.ts';
import { streamSequenceOf } from './jetstream-pull.ts';
import { durableName } from './jetstream-workers.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');

function posted(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID().toUpperCase(),
    type: 'pin.closeup.v1',
    object: { type: 'pin', id: '987' },
    occurred_at: '2026-11-22T11:59:00.000+01:00',
    context: { app_type: 'tablet', locale: 'fr_FR', session_id: 'abc', surface: 'related' },
    ...overrides,
  };
}

function rejection(batch: unknown[]): string {
  try {
    parseClientBatch(batch, '5', NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).message;
  }
  throw new Error('expected the batch to be rejected');
}

describe('the catalog', () => {
  it('names eleven versioned types, three of which clients may post', () => {
    expect(EVENT_TYPES).toHaveLength(11);
    for (const type of EVENT_TYPES) expect(type).toMatch(/^[a-z]+\.[a-z_]+\.v\d+$/);
    expect([...CLIENT_EVENT_TYPES].sort()).toEqual([
      'pin.closeup.v1',
      'pin.impression.v1',
      'pin.outbound_click.v1',
    ]);
  });

  it('checks server events against their type’s envelope', () => {
    const saved = serverEvent('pin.saved.v1', '1', '2', {
      board_id: '3',
      pin_owner_id: '4',
      parent_pin_id: null,
      saved_pin_id: '5',
    });
    expect(eventProblem(saved)).toBeUndefined();
    expect(saved.object).toEqual({ type: 'pin', id: '2' });
    expect(saved.context).toEqual({ app_type: 'web', locale: null, session_id: null, surface: null });
    expect(eventProblem({ ...saved, data: { ...saved.data, board_id: 'x' } })).toMatch(/board_id/);
    expect(eventProblem({ ...saved, object: { type: 'board', id: '2' } })).toMatch(/object/);
    expect(eventProblem({ ...saved, type: 'pin.saved.v2' })).toMatch(/unknown event type/);
    const search = serverEvent('search.performed.v1', null, normalizedQuery('  Lemon   TART '), {
      scope: 'partner_pins',
      query: '  Lemon   TART ',
      result_count: 0,
    });
    expect(eventProblem(search)).toBeUndefined();
    expect(search.object).toEqual({ type: 'search', id: 'lemon tart' });
    expect(normalizedQuery('   ')).toBe('(empty)');
  });
});

describe('parseClientBatch', () => {
  it('makes the caller the actor, normalizes id and time, and leaves data empty', () => {
    const event = posted();
    const [parsed] = parseClientBatch([event], '5', NOW);
    expect(parsed).toEqual({
      id: event.id.toLowerCase(),
      type: 'pin.closeup.v1',
      actor_id: '5',
      object: { type: 'pin', id: '987' },
      occurred_at: '2026-11-22T10:59:00.000Z',
      context: event.context,
      data: {},
    });
    expect(eventProblem(parsed)).toBeUndefined();
  });

  it('accepts times from 24 hours ago to 5 minutes ahead, and nothing outside', () => {
    const at = (ms: number) => posted({ occurred_at: new Date(ms).toISOString() });
    expect(
      parseClientBatch([at(NOW - CLIENT_MAX_AGE_MS), at(NOW + CLIENT_MAX_AHEAD_MS)], '5', NOW),
    ).toHaveLength(2);
    expect(rejection([at(NOW - CLIENT_MAX_AGE_MS - 1)])).toMatch(/more than 24 hours ago/);
    expect(rejection([at(NOW + CLIENT_MAX_AHEAD_MS + 1)])).toMatch(/in the future/);
    expect(rejection([posted({ occurred_at: 'yesterday' })])).toMatch(/occurred_at/);
  });

  it('refuses server-side types, unknown types, extra fields and bad context', () => {
    expect(rejection([posted(), posted({ type: 'user.followed.v1' })])).toMatch(
      /^events\[1\]\.type user\.followed\.v1/,
    );
    expect(rejection([posted({ type: 42 })])).toMatch(/events\[0\]\.type must be one of/);
    expect(rejection([posted({ extra: 1 })])).toMatch(/events\[0\]/);
    expect(
      rejection([
        posted({ context: { app_type: 'web', locale: 'not a locale', session_id: null, surface: null } }),
      ]),
    ).toMatch(/context\.locale/);
    expect(rejection([posted({ context: { app_type: 'web', locale: null, session_id: null } })])).toMatch(
      /context/,
    );
    expect(rejection([posted({ object: { type: 'pin', id: '0' } })])).toMatch(/object\.id/);
    expect(rejection(Array.from({ length: 501 }, () => posted()))).toMatch(/At most 500/);
  });
});

describe('JetStream names', () => {
  it('reads the stream sequence from both forms of the ack subject', () => {
    expect(streamSequenceOf('$JS.ACK.CORKBOARD_EVENTS.corkboard_rollups.1.42.40.1700000000000000000.3')).toBe(
      42,
    );
    expect(
      streamSequenceOf(
        '$JS.ACK.hub.ACCHASH.CORKBOARD_EVENTS.corkboard_rollups.2.43.41.1700000000000000000.0.rnd',
      ),
    ).toBe(43);
    expect(streamSequenceOf('_INBOX.abc')).toBeUndefined();
  });

  it('turns any consumer name into a legal durable name', () => {
    expect(durableName('core_metrics')).toBe('corkboard_core_metrics');
    expect(durableName('a.b *>c')).toBe('corkboard_a_b___c');
  });
});

describe('docs/events.md', () => {
  const doc = fs.readFileSync(new URL('../../../../docs/events.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^### `([a-z_.0-9]+)`/gm)].map((m) => m[1]);

  it('describes every event type of the catalog, and only those', () => {
    expect([...documented].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('names every data field of each type in its section', () => {
    for (const type of EVENT_TYPES) {
      const section = doc.split(`### \`${type}\``)[1]!.split('\n### ')[0]!;
      const fields = Object.keys((EVENT_DATA[type] as { properties: object }).properties);
      for (const field of fields) expect(section, `${type} ${field}`).toContain(`\`${field}\``);
    }
  });
});
