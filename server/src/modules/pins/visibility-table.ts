// The table for visibility.test.ts: every operation that names a board, section or pin, with what
// its owner and an accepted collaborator get. Whoever else calls any of them must get a 404, and
// lists must leave the hidden board and pins out. A row's `run` makes whatever it destroys itself
// (a section to delete, a pin, a comment), so the shared fixture survives every row. The lists
// that must leave hidden things out are in visibility-lists.ts.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type Actor, call, createSection, type Reply } from '../boards/test-kit.ts';

export type Role = 'owner' | 'collaborator' | 'outsider';
export type Privacy = 'PUBLIC' | 'PROTECTED' | 'SECRET';
type Expected = number | 'skip';
export type Items = { items: { id: string }[] };

export interface PinRef {
  id: string;
  author: Actor;
}

export interface Fixture {
  app: FastifyInstance;
  /** A small PNG, base64. */
  image: string;
  privacy: Privacy;
  /** A made-up word in the board's name and the pins' titles, for the search rows. */
  word: string;
  owner: Actor;
  collaborator: Actor;
  /** A user nobody has invited yet (the owner's invite row invites them). */
  spare: Actor;
  board: { id: string; name: string };
  section: { id: string };
  pin: PinRef;
  /** A pin the collaborator made on the board. */
  collabPin: PinRef;
  /** Each actor's own board, to save and move to (secret for members, so copies stay out of search). */
  mine: Map<string, string>;
  /** An outsider with a pending invitation, who may decline it (and accept it, which is not run). */
  invitee?: Actor;
}

export interface Ctx {
  fx: Fixture;
  who: Actor;
  role: Role;
  /** The pin this run is about: the insider's own, or each hidden pin in turn for an outsider. */
  pin: PinRef;
}

export interface Row {
  name: string;
  /** What an insider gets; 'skip' where succeeding would dismantle the fixture. */
  owner: Expected;
  collaborator: Expected;
  run(ctx: Ctx): Promise<Reply>;
  /** Outsiders for whom the operation is legitimately not a 404. */
  allows?: (ctx: Ctx) => boolean;
}

const mediaSource = (fx: Fixture) => ({
  source_type: 'image_base64',
  content_type: 'image/png',
  data: fx.image,
});
const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 10)}`;

export async function newPin(
  fx: Pick<Fixture, 'app' | 'image'>,
  who: Actor,
  boardId: string,
  extra: Record<string, unknown> = {},
): Promise<PinRef> {
  const response = await call(fx.app, 'POST', '/v5/pins', who.headers, {
    board_id: boardId,
    media_source: mediaSource(fx as Fixture),
    ...extra,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.id, author: who };
}

async function comment(fx: Fixture, who: Actor, pinId: string): Promise<string> {
  const response = await call(fx.app, 'POST', `/v5/pins/${pinId}/comments`, who.headers, { text: 'hi' });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

export function get(c: Ctx, url: string): Promise<Reply> {
  return call(c.fx.app, 'GET', url, c.who.headers);
}

const ownOrAuthor = (ctx: Ctx) => (ctx.role === 'outsider' ? ctx.pin.author : ctx.who);

export const rows: Row[] = [
  // ---- the board ----
  { name: 'GET board', owner: 200, collaborator: 200, run: (c) => get(c, `/v5/boards/${c.fx.board.id}`) },
  {
    name: 'PATCH board',
    owner: 200,
    collaborator: 403,
    run: (c) => call(c.fx.app, 'PATCH', `/v5/boards/${c.fx.board.id}`, c.who.headers, { description: 'x' }),
  },
  {
    name: 'DELETE board',
    owner: 'skip',
    collaborator: 403,
    run: (c) => call(c.fx.app, 'DELETE', `/v5/boards/${c.fx.board.id}`, c.who.headers),
  },
  {
    name: 'board pins',
    owner: 200,
    collaborator: 200,
    run: (c) => get(c, `/v5/boards/${c.fx.board.id}/pins`),
  },
  {
    name: 'follow board',
    owner: 400,
    collaborator: 200,
    run: (c) => call(c.fx.app, 'POST', `/v5/boards/${c.fx.board.id}/follow`, c.who.headers, {}),
  },
  {
    name: 'unfollow board',
    owner: 204,
    collaborator: 204,
    run: (c) => call(c.fx.app, 'DELETE', `/v5/boards/${c.fx.board.id}/follow`, c.who.headers),
  },
  {
    name: 'collaborator list',
    owner: 200,
    collaborator: 200,
    run: (c) => get(c, `/v5/boards/${c.fx.board.id}/collaborators`),
  },
  {
    name: 'invite collaborator',
    owner: 201,
    collaborator: 403,
    run: (c) =>
      call(c.fx.app, 'POST', `/v5/boards/${c.fx.board.id}/collaborators`, c.who.headers, {
        username: c.fx.spare.username,
      }),
  },
  {
    name: 'remove the collaborator',
    owner: 'skip',
    collaborator: 'skip',
    run: (c) =>
      call(
        c.fx.app,
        'DELETE',
        `/v5/boards/${c.fx.board.id}/collaborators/${c.fx.collaborator.username}`,
        c.who.headers,
      ),
  },
  {
    name: 'leave (remove self)',
    owner: 'skip',
    collaborator: 'skip',
    run: (c) =>
      call(c.fx.app, 'DELETE', `/v5/boards/${c.fx.board.id}/collaborators/${c.who.username}`, c.who.headers),
    allows: (c) => c.who === c.fx.invitee, // declining one's own invitation
  },
  {
    name: 'accept an invitation',
    owner: 'skip',
    collaborator: 'skip',
    run: (c) => call(c.fx.app, 'POST', `/v5/boards/${c.fx.board.id}/collaborators/accept`, c.who.headers),
    allows: (c) => c.who === c.fx.invitee,
  },
  // ---- sections ----
  {
    name: 'sections list',
    owner: 200,
    collaborator: 200,
    run: (c) => get(c, `/v5/boards/${c.fx.board.id}/sections`),
  },
  {
    name: 'create section',
    owner: 201,
    collaborator: 201,
    run: (c) =>
      call(c.fx.app, 'POST', `/v5/boards/${c.fx.board.id}/sections`, c.who.headers, {
        name: unique('Section'),
      }),
  },
  {
    name: 'PATCH section',
    owner: 200,
    collaborator: 200,
    run: (c) =>
      call(c.fx.app, 'PATCH', `/v5/boards/${c.fx.board.id}/sections/${c.fx.section.id}`, c.who.headers, {
        name: unique('Renamed'),
      }),
  },
  {
    name: 'DELETE section',
    owner: 204,
    collaborator: 204,
    run: async (c) => {
      const doomed = await createSection(c.fx.app, c.fx.owner, c.fx.board.id, unique('Doomed'));
      return call(c.fx.app, 'DELETE', `/v5/boards/${c.fx.board.id}/sections/${doomed.id}`, c.who.headers);
    },
  },
  {
    name: 'section pins',
    owner: 200,
    collaborator: 200,
    run: (c) => get(c, `/v5/boards/${c.fx.board.id}/sections/${c.fx.section.id}/pins`),
  },
  // ---- pins ----
  {
    name: 'create pin on the board',
    owner: 201,
    collaborator: 201,
    run: (c) =>
      call(c.fx.app, 'POST', '/v5/pins', c.who.headers, {
        board_id: c.fx.board.id,
        board_section_id: c.fx.section.id,
        media_source: mediaSource(c.fx),
      }),
  },
  { name: 'GET pin', owner: 200, collaborator: 200, run: (c) => get(c, `/v5/pins/${c.pin.id}`) },
  { name: 'related pins', owner: 200, collaborator: 200, run: (c) => get(c, `/v5/pins/${c.pin.id}/related`) },
  {
    name: 'PATCH pin',
    owner: 200,
    collaborator: 200,
    run: (c) => call(c.fx.app, 'PATCH', `/v5/pins/${c.pin.id}`, c.who.headers, { description: 'changed' }),
  },
  {
    name: 'DELETE pin',
    owner: 204,
    collaborator: 204,
    run: async (c) => {
      const doomed = await newPin(c.fx, ownOrAuthor(c), c.fx.board.id);
      return call(c.fx.app, 'DELETE', `/v5/pins/${doomed.id}`, c.who.headers);
    },
  },
  {
    name: 'save pin',
    owner: 201,
    collaborator: 201,
    run: (c) =>
      call(c.fx.app, 'POST', `/v5/pins/${c.pin.id}/save`, c.who.headers, {
        board_id: c.fx.mine.get(c.who.userId),
      }),
  },
  {
    name: 'reorder',
    owner: 204,
    collaborator: 204,
    run: (c) =>
      call(c.fx.app, 'POST', `/v5/boards/${c.fx.board.id}/pins/reorder`, c.who.headers, {
        pin_id: c.pin.id,
        after_pin_id: null,
      }),
  },
  {
    name: 'move within the board',
    owner: 200,
    collaborator: 200,
    run: (c) =>
      call(c.fx.app, 'POST', '/v5/pins/move', c.who.headers, {
        pin_ids: [c.pin.id],
        board_id: c.fx.board.id,
        board_section_id: c.fx.section.id,
      }),
  },
  {
    name: 'move a hidden pin to one’s own board',
    owner: 'skip',
    collaborator: 'skip',
    run: (c) =>
      call(c.fx.app, 'POST', '/v5/pins/move', c.who.headers, {
        pin_ids: [c.pin.id],
        board_id: c.fx.mine.get(c.who.userId),
      }),
  },
  {
    name: 'move one’s own pin onto the board',
    owner: 200,
    collaborator: 200,
    run: async (c) => {
      const own = await newPin(c.fx, c.who, c.fx.mine.get(c.who.userId)!);
      return call(c.fx.app, 'POST', '/v5/pins/move', c.who.headers, {
        pin_ids: [own.id],
        board_id: c.fx.board.id,
      });
    },
  },
  // ---- comments, reactions, reports ----
  {
    name: 'comments list',
    owner: 200,
    collaborator: 200,
    run: (c) => get(c, `/v5/pins/${c.pin.id}/comments`),
  },
  {
    name: 'comment',
    owner: 201,
    collaborator: 201,
    run: (c) => call(c.fx.app, 'POST', `/v5/pins/${c.pin.id}/comments`, c.who.headers, { text: 'Lovely' }),
  },
  {
    name: 'delete comment',
    owner: 204,
    collaborator: 204,
    run: async (c) => {
      const id = await comment(c.fx, ownOrAuthor(c), c.pin.id);
      return call(c.fx.app, 'DELETE', `/v5/pins/${c.pin.id}/comments/${id}`, c.who.headers);
    },
  },
  { name: 'reactions', owner: 200, collaborator: 200, run: (c) => get(c, `/v5/pins/${c.pin.id}/reactions`) },
  {
    name: 'react',
    owner: 200,
    collaborator: 200,
    run: (c) => call(c.fx.app, 'PUT', `/v5/pins/${c.pin.id}/reactions`, c.who.headers, { kind: 'love' }),
  },
  {
    name: 'unreact',
    owner: 204,
    collaborator: 204,
    run: (c) => call(c.fx.app, 'DELETE', `/v5/pins/${c.pin.id}/reactions`, c.who.headers),
  },
  {
    name: 'report pin',
    owner: 201,
    collaborator: 201,
    run: (c) =>
      call(c.fx.app, 'POST', '/v5/reports', c.who.headers, {
        target_type: 'pin',
        target_id: c.pin.id,
        reason: 'spam',
      }),
  },
];
