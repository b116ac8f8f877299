// Helpers for the analytics tests: pins made through the API, client events posted through
// POST /v5/events, and the analytics tables read back whole (to compare live and replayed states).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../db/schema.ts';
import { type Actor, call, createBoard } from '../boards/test-kit.ts';
import type { CorkboardEvent } from '../events/index.ts';
import { patternImage } from '../media/test-images.ts';

let png: string | undefined;

export async function createPin(
  app: FastifyInstance,
  owner: Actor,
  privacy: 'PUBLIC' | 'PROTECTED' | 'SECRET' = 'PUBLIC',
): Promise<{ id: string; boardId: string }> {
  png ??= (await patternImage(120, 90, 'png')).toString('base64');
  const board = await createBoard(app, owner, { privacy });
  const response = await call(app, 'POST', '/v5/pins', owner.headers, {
    board_id: board.id,
    media_source: { source_type: 'image_base64', content_type: 'image/png', data: png },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.id, boardId: board.id };
}

export type ClientType = 'pin.impression.v1' | 'pin.closeup.v1' | 'pin.outbound_click.v1';

// Default times count back from one instant, a millisecond apart. Counting back from each call's
// Date.now() repeated a time whenever the clock ticked between two calls, and two closeups of one
// pin at one instant are one row of recent engagement (a slow machine failed the test that way).
const firstDefaultTime = Date.now();
let sequence = 0;

export function clientEvent(
  type: ClientType,
  pinId: string,
  options: { app?: 'web' | 'mobile' | 'tablet'; at?: Date } = {},
) {
  return {
    id: randomUUID(),
    type,
    object: { type: 'pin', id: pinId },
    // A millisecond apart by default, as separate taps would be.
    occurred_at: (options.at ?? new Date(firstDefaultTime - sequence++)).toISOString(),
    context: { app_type: options.app ?? 'web', locale: 'en-US', session_id: 's1', surface: 'home' },
  };
}

/** `count` events of one kind, posted by `who`. */
export function many(count: number, make: () => ReturnType<typeof clientEvent>) {
  return Array.from({ length: count }, make);
}

export async function postEvents(app: FastifyInstance, who: Actor, events: object[]): Promise<void> {
  const response = await call(app, 'POST', '/v5/events', who.headers, { events });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
}

/** A server-side event at a chosen time (tests write the log directly, as record() would). */
export function loggedEvent(
  type: CorkboardEvent['type'],
  actorId: string,
  objectId: string,
  at: string,
  data: object = {},
  app: 'web' | 'mobile' | 'tablet' = 'web',
): CorkboardEvent {
  return {
    id: randomUUID(),
    type,
    actor_id: actorId,
    object: { type: type.split('.')[0] as 'pin', id: objectId },
    occurred_at: at,
    context: { app_type: app, locale: null, session_id: null, surface: null },
    data: data as CorkboardEvent['data'],
  } as CorkboardEvent;
}

const TABLES = [
  'pin_daily_metrics',
  'pin_lifetime_metrics',
  'board_daily_metrics',
  'user_daily_metrics',
  'platform_daily_metrics',
  'user_activity_days',
  'recent_engagement',
] as const;

/** Every analytics table as sorted JSON lines, for comparing two states exactly. */
export async function snapshot(db: Kysely<DB>): Promise<Record<string, string[]>> {
  const state: Record<string, string[]> = {};
  for (const table of TABLES) {
    const result = await sql<{
      row: string;
    }>`select row_to_json(t)::text as row from ${sql.table(table)} t`.execute(db);
    state[table] = result.rows.map((r) => r.row).sort();
  }
  return state;
}
