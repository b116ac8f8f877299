// Helpers for the boards and social tests: users acting through the real HTTP API, and fixtures
// for rows other modules own (pins, images) inserted the way those modules would.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type BrowserSession, bearer, personalToken, signUp } from '../../testing/clients.ts';

export interface Actor {
  session: BrowserSession;
  userId: string;
  username: string;
  /** Cookie session headers (every scope, CSRF included). */
  headers: Record<string, string>;
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  body: any;
}

export async function actor(app: FastifyInstance): Promise<Actor> {
  const session = await signUp(app);
  return { session, userId: session.userId, username: session.username, headers: session.headers };
}

/** Bearer headers for a personal access token of `who` with exactly these scopes. */
export async function tokenHeaders(app: FastifyInstance, who: Actor, scopes: string[] | 'all' = 'all') {
  return bearer(await personalToken(app, who.session, scopes));
}

export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  payload?: object,
): Promise<Reply> {
  const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.body === '' ? null : response.json() };
}

export async function createBoard(
  app: FastifyInstance,
  who: Actor,
  body: { name?: string; description?: string; privacy?: 'PUBLIC' | 'PROTECTED' | 'SECRET' } = {},
) {
  const name = body.name ?? `Board ${Math.random().toString(36).slice(2, 10)}`;
  const response = await call(app, 'POST', '/v5/boards', who.headers, { ...body, name });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; name: string; privacy: string };
}

export async function createSection(app: FastifyInstance, who: Actor, boardId: string, name: string) {
  const response = await call(app, 'POST', `/v5/boards/${boardId}/sections`, who.headers, { name });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; name: string };
}

/** Follows bookmarks from `url` until the last page; every page is checked by `check`. */
export async function walk<T>(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string>,
  check: (body: unknown) => void = () => {},
): Promise<T[]> {
  const items: T[] = [];
  let bookmark: string | null = null;
  let pages = 0;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const response: Reply = await call(
      app,
      'GET',
      bookmark ? `${url}${separator}bookmark=${bookmark}` : url,
      headers,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    check(response.body);
    items.push(...(response.body.items as T[]));
    bookmark = response.body.bookmark;
    pages += 1;
  } while (bookmark && pages < 100);
  return items;
}

export async function userCounts(app: FastifyInstance, userId: string) {
  return app.services.ctx.db
    .selectFrom('users')
    .select(['board_count', 'pin_count', 'follower_count', 'following_count'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

let imageSerial = 0;

/**
 * A pin on a board, inserted as the pins module does it (pin, image, pin_image, and the board's and
 * owner's pin counts), so board media, deletes and counts can be tested without that module.
 */
export async function insertPin(
  app: FastifyInstance,
  ownerId: string,
  boardId: string,
  options: { sectionId?: string; sortKey?: number } = {},
): Promise<{ pinId: string; imageKey: string }> {
  const db = app.services.ctx.db;
  imageSerial += 1;
  const stem = `${process.pid}-${Date.now()}-${imageSerial}`;
  const variants = {
    '150x150': { width: 150, height: 150, key: `t/${stem}/150x150.jpg` },
    '400x300': { width: 400, height: 300, key: `t/${stem}/400x300.jpg` },
    original: { width: 800, height: 600, key: `t/${stem}/original.jpg` },
  };
  const image = await db
    .insertInto('images')
    .values({
      sha256: stem.padEnd(64, '0'),
      mime: 'image/jpeg',
      width: 800,
      height: 600,
      bytes: 1000,
      dominant_color: '#aabbcc',
      phash: '1',
      variants: JSON.stringify(variants),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const pinId = await db.transaction().execute(async (trx) => {
    const pin = await trx
      .insertInto('pins')
      .values({
        owner_id: ownerId,
        board_id: boardId,
        section_id: options.sectionId ?? null,
        origin_pin_id: '0',
        media_type: 'image',
        sort_key: options.sortKey ?? Date.now() + imageSerial,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('pin_images').values({ pin_id: pin.id, position: 0, image_id: image.id }).execute();
    await app.services.boards.adjustPinCount(trx, boardId, 1);
    await trx
      .updateTable('users')
      .set((eb) => ({ pin_count: eb('pin_count', '+', 1) }))
      .where('id', '=', ownerId)
      .execute();
    return pin.id;
  });
  return { pinId, imageKey: stem };
}
