// Who sees which boards: through every route, and through the API the pins module calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Scope } from '../../platform/principal.ts';
import { SCOPES } from '../../platform/principal.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import { type Actor, actor, call, createBoard, createSection, tokenHeaders } from './test-kit.ts';

let t: TestApp;
let owner: Actor;
let member: Actor;
let invitee: Actor;
let stranger: Actor;
const boards: Record<'SECRET' | 'PROTECTED' | 'PUBLIC', { id: string; section: string }> = {} as never;

beforeAll(async () => {
  t = await startTestApp();
  [owner, member, invitee, stranger] = [
    await actor(t.app),
    await actor(t.app),
    await actor(t.app),
    await actor(t.app),
  ];
  for (const privacy of ['SECRET', 'PROTECTED', 'PUBLIC'] as const) {
    const board = await createBoard(t.app, owner, { name: `${privacy} board`, privacy });
    const section = await createSection(t.app, owner, board.id, 'Inside');
    boards[privacy] = { id: board.id, section: section.id };
    for (const who of [member, invitee]) {
      const invite = await call(t.app, 'POST', `/v5/boards/${board.id}/collaborators`, owner.headers, {
        username: who.username,
      });
      expect(invite.status).toBe(201);
    }
    expect(
      (await call(t.app, 'POST', `/v5/boards/${board.id}/collaborators/accept`, member.headers)).status,
    ).toBe(200);
  }
});
afterAll(async () => t?.close());

const principal = (who: Actor | null, scopes: readonly Scope[] = SCOPES): Principal => ({
  userId: who?.userId ?? null,
  scopes: new Set(scopes),
  via: 'token',
});

describe.each(['SECRET', 'PROTECTED'] as const)('another user’s %s board', (privacy) => {
  const id = () => boards[privacy].id;
  const section = () => boards[privacy].section;

  it.each([
    ['GET the board', 'GET', () => `/v5/boards/${id()}`, undefined, 40],
    ['PATCH the board', 'PATCH', () => `/v5/boards/${id()}`, { name: 'x' }, 40],
    ['DELETE the board', 'DELETE', () => `/v5/boards/${id()}`, undefined, 40],
    ['list its sections', 'GET', () => `/v5/boards/${id()}/sections`, undefined, 40],
    ['create a section', 'POST', () => `/v5/boards/${id()}/sections`, { name: 'x' }, 40],
    ['rename a section', 'PATCH', () => `/v5/boards/${id()}/sections/${section()}`, { name: 'x' }, 40],
    ['delete a section', 'DELETE', () => `/v5/boards/${id()}/sections/${section()}`, undefined, 40],
    ['follow it', 'POST', () => `/v5/boards/${id()}/follow`, undefined, 40],
    ['unfollow it', 'DELETE', () => `/v5/boards/${id()}/follow`, undefined, 40],
    ['list its collaborators', 'GET', () => `/v5/boards/${id()}/collaborators`, undefined, 40],
    ['invite to it', 'POST', () => `/v5/boards/${id()}/collaborators`, { username: 'whoever' }, 40],
  ] as const)(
    'is 404 (never 403) to a stranger and to an invitee who has not accepted: %s',
    async (_name, method, url, payload, code) => {
      for (const who of [stranger, invitee]) {
        const response = await call(t.app, method, url(), who.headers, payload);
        expect(
          response.status,
          `${who === stranger ? 'stranger' : 'invitee'} ${response.body?.message}`,
        ).toBe(404);
        expect(response.body.code).toBe(code);
      }
    },
  );

  it('is left out of the owner’s board list as others see it', async () => {
    for (const who of [stranger, invitee]) {
      const response = await call(t.app, 'GET', `/v5/users/${owner.username}/boards`, who.headers);
      expect(response.status).toBe(200);
      expect(response.body.items.map((b: { id: string }) => b.id)).not.toContain(id());
      expect(response.body.items.map((b: { id: string }) => b.id)).toContain(boards.PUBLIC.id);
    }
  });

  it('is visible to its owner and an accepted collaborator, with its sections', async () => {
    for (const who of [owner, member]) {
      const board = await call(t.app, 'GET', `/v5/boards/${id()}`, who.headers);
      expect(board.status).toBe(200);
      assertMatchesSpec('GET', '/boards/{board_id}', 200, board.body);
      expect(board.body.collaborator_count).toBe(1);
      const sections = await call(t.app, 'GET', `/v5/boards/${id()}/sections`, who.headers);
      expect(sections.status).toBe(200);
      expect(sections.body.items).toEqual([{ id: section(), name: 'Inside' }]);
      const listed = await call(t.app, 'GET', `/v5/users/${owner.username}/boards`, who.headers);
      expect(listed.body.items.map((b: { id: string }) => b.id)).toContain(id());
      const mine = await call(t.app, 'GET', '/v5/boards', who.headers);
      expect(mine.body.items.map((b: { id: string }) => b.id)).toContain(id());
    }
  });

  it('lets an accepted collaborator add sections but not edit or delete the board', async () => {
    const made = await call(t.app, 'POST', `/v5/boards/${id()}/sections`, member.headers, {
      name: `m ${privacy}`,
    });
    expect(made.status).toBe(201);
    expect((await call(t.app, 'PATCH', `/v5/boards/${id()}`, member.headers, { name: 'x' })).status).toBe(
      403,
    );
    expect((await call(t.app, 'DELETE', `/v5/boards/${id()}`, member.headers)).status).toBe(403);
  });

  it('through the service API: visibleBoard/visibleSection 404, writableBoard 404 for strangers', async () => {
    const service = t.app.services.boards;
    for (const who of [stranger, invitee, null]) {
      await expect(service.visibleBoard(principal(who), id())).rejects.toMatchObject({
        status: 404,
        code: 40,
      });
      await expect(service.visibleSection(principal(who), id(), section())).rejects.toMatchObject({
        code: 40,
      });
      await expect(service.writableBoard(principal(who), id(), null)).rejects.toMatchObject({ code: 40 });
    }
    for (const who of [owner, member]) {
      expect((await service.visibleBoard(principal(who), id())).id).toBe(id());
      const { board, section: found } = await service.writableBoard(principal(who), id(), section());
      expect([board.id, found?.id]).toEqual([id(), section()]);
    }
  });
});

describe('secret boards and token scopes', () => {
  const secret = () => boards.SECRET.id;

  it('a token without boards:read_secret cannot see its own secret board', async () => {
    const token = await tokenHeaders(t.app, owner, ['boards:read', 'boards:write']);
    for (const url of [`/v5/boards/${secret()}`, `/v5/boards/${secret()}/sections`]) {
      const response = await call(t.app, 'GET', url, token);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe(40);
    }
    const withSecret = await tokenHeaders(t.app, owner, ['boards:read', 'boards:read_secret']);
    expect((await call(t.app, 'GET', `/v5/boards/${secret()}`, withSecret)).status).toBe(200);
    const noSecret = principal(owner, ['boards:read', 'boards:write']);
    await expect(t.app.services.boards.visibleBoard(noSecret, secret())).rejects.toMatchObject({ code: 40 });
  });

  it('writing to a secret board needs boards:write_secret (403 code 3 when it can be seen)', async () => {
    const reader = principal(owner, ['boards:read', 'boards:read_secret', 'boards:write']);
    await expect(t.app.services.boards.writableBoard(reader, secret(), null)).rejects.toMatchObject({
      status: 403,
      code: 3,
    });
    const writer = principal(owner, [
      'boards:read',
      'boards:read_secret',
      'boards:write',
      'boards:write_secret',
    ]);
    expect((await t.app.services.boards.writableBoard(writer, secret(), undefined)).section).toBeNull();
  });

  it('a client token with no user sees only public boards', async () => {
    const noUser = principal(null);
    expect((await t.app.services.boards.visibleBoard(noUser, boards.PUBLIC.id)).id).toBe(boards.PUBLIC.id);
    await expect(t.app.services.boards.writableBoard(noUser, boards.PUBLIC.id, null)).rejects.toMatchObject({
      code: 29,
    });
  });
});

describe('the service API on public boards', () => {
  it('writableBoard: 403 code 29 for a visible board the viewer is not a member of', async () => {
    await expect(
      t.app.services.boards.writableBoard(principal(stranger), boards.PUBLIC.id, null),
    ).rejects.toMatchObject({ status: 403, code: 29 });
  });

  it('answers 404 for ids that are not ids, and SECTION_NOT_FOUND for a section of another board', async () => {
    const service = t.app.services.boards;
    for (const id of ['abc', '', '0', '-1', '99999999999999999999']) {
      await expect(service.visibleBoard(principal(owner), id)).rejects.toMatchObject({ code: 40 });
    }
    await expect(
      service.visibleSection(principal(owner), boards.PUBLIC.id, boards.SECRET.section),
    ).rejects.toMatchObject({ status: 404, message: 'Board section not found.' });
    await expect(service.writableBoard(principal(owner), boards.PUBLIC.id, 'nope')).rejects.toMatchObject({
      status: 404,
      message: 'Board section not found.',
    });
  });

  it('adjustPinCount moves pin_count and board_pins_modified_at', async () => {
    const board = await createBoard(t.app, owner);
    const before = (await call(t.app, 'GET', `/v5/boards/${board.id}`, owner.headers)).body;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.app.services.boards.adjustPinCount(t.app.services.ctx.db, board.id, 2);
    const after = (await call(t.app, 'GET', `/v5/boards/${board.id}`, owner.headers)).body;
    expect(after.pin_count).toBe(2);
    expect(Date.parse(after.board_pins_modified_at)).toBeGreaterThan(
      Date.parse(before.board_pins_modified_at),
    );
  });

  it('visibleBoardsFilter selects exactly the boards the viewer may see', async () => {
    const db = t.app.services.ctx.db;
    const ids = Object.values(boards).map((b) => b.id);
    const visibleTo = async (p: Principal) =>
      (
        await db
          .selectFrom('boards')
          .select('boards.id')
          .where('boards.id', 'in', ids)
          .where(t.app.services.boards.visibleBoardsFilter(p))
          .execute()
      )
        .map((r) => r.id)
        .sort();
    expect(await visibleTo(principal(stranger))).toEqual([boards.PUBLIC.id]);
    expect(await visibleTo(principal(member))).toEqual([...ids].sort());
    expect(await visibleTo(principal(owner, ['boards:read']))).toEqual(
      [boards.PROTECTED.id, boards.PUBLIC.id].sort(),
    );
    const aliased = await db
      .selectFrom('boards as b')
      .select('b.id')
      .where('b.id', 'in', ids)
      .where(t.app.services.boards.visibleBoardsFilter(principal(stranger), 'b'))
      .execute();
    expect(aliased.map((r) => r.id)).toEqual([boards.PUBLIC.id]);
  });
});

describe('blocks', () => {
  it('hide a board both ways, through every path, and show it again after unblocking', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const adaBoard = await createBoard(t.app, ada);
    const bobBoard = await createBoard(t.app, bob);
    expect((await call(t.app, 'POST', `/v5/user_account/blocks/${bob.username}`, ada.headers)).status).toBe(
      200,
    );
    for (const [viewer, board, boardOwner] of [
      [bob, adaBoard, ada],
      [ada, bobBoard, bob],
    ] as const) {
      const got = await call(t.app, 'GET', `/v5/boards/${board.id}`, viewer.headers);
      expect(got.status).toBe(404);
      expect(got.body.code).toBe(40);
      expect((await call(t.app, 'GET', `/v5/boards/${board.id}/sections`, viewer.headers)).status).toBe(404);
      expect((await call(t.app, 'POST', `/v5/boards/${board.id}/follow`, viewer.headers)).status).toBe(404);
      const list = await call(t.app, 'GET', `/v5/users/${boardOwner.username}/boards`, viewer.headers);
      expect(list.status).toBe(404);
      expect(list.body.code).toBe(30);
      await expect(t.app.services.boards.visibleBoard(principal(viewer), board.id)).rejects.toMatchObject({
        code: 40,
      });
    }
    expect((await call(t.app, 'DELETE', `/v5/user_account/blocks/${bob.username}`, ada.headers)).status).toBe(
      204,
    );
    expect((await call(t.app, 'GET', `/v5/boards/${adaBoard.id}`, bob.headers)).status).toBe(200);
    expect((await call(t.app, 'GET', `/v5/boards/${bobBoard.id}`, ada.headers)).status).toBe(200);
  });
});
