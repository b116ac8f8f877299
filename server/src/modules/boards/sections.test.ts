import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import {
  actor,
  call,
  createBoard,
  createSection,
  insertPin,
  tokenHeaders,
  userCounts,
  walk,
} from './test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('board sections', () => {
  it('are created (201), listed, renamed and deleted (204) as the spec defines them', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const created = await call(t.app, 'POST', `/v5/boards/${board.id}/sections`, ada.headers, {
      name: ' Salads ',
    });
    expect(created.status).toBe(201);
    assertMatchesSpec('POST', '/boards/{board_id}/sections', 201, created.body);
    expect(created.body).toEqual({ id: expect.stringMatching(/^\d+$/), name: 'Salads' });

    const listed = await call(t.app, 'GET', `/v5/boards/${board.id}/sections`, ada.headers);
    expect(listed.status).toBe(200);
    assertMatchesSpec('GET', '/boards/{board_id}/sections', 200, listed.body);
    expect(listed.body).toEqual({ items: [created.body], bookmark: null });

    const url = `/v5/boards/${board.id}/sections/${created.body.id}`;
    const renamed = await call(t.app, 'PATCH', url, ada.headers, { name: 'Soups' });
    expect(renamed.status).toBe(200);
    assertMatchesSpec('PATCH', '/boards/{board_id}/sections/{section_id}', 200, renamed.body);
    expect(renamed.body).toEqual({ id: created.body.id, name: 'Soups' });

    const deleted = await t.app.inject({ method: 'DELETE', url, headers: ada.headers });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const again = await call(t.app, 'DELETE', url, ada.headers);
    expect(again.status).toBe(404);
    assertMatchesSpec('DELETE', '/boards/{board_id}/sections/{section_id}', 404, again.body);
    expect(again.body).toEqual({ code: 404, message: 'Board section not found.' });
  });

  it('refuse a duplicate name on the same board with 409, ignoring case', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const other = await createBoard(t.app, ada);
    const first = await createSection(t.app, ada, board.id, 'Mains');
    const second = await createSection(t.app, ada, board.id, 'Sides');
    const duplicate = await call(t.app, 'POST', `/v5/boards/${board.id}/sections`, ada.headers, {
      name: 'MAINS',
    });
    expect(duplicate.status).toBe(409);
    assertMatchesSpec('POST', '/boards/{board_id}/sections', 409, duplicate.body);
    const rename = await call(t.app, 'PATCH', `/v5/boards/${board.id}/sections/${second.id}`, ada.headers, {
      name: 'mains',
    });
    expect(rename.status).toBe(409);
    assertMatchesSpec('PATCH', '/boards/{board_id}/sections/{section_id}', 409, rename.body);
    await createSection(t.app, ada, other.id, 'Mains');
    expect(first.name).toBe('Mains');
  });

  it('answer 400 for blank or too long names', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    for (const name of ['', '   ', 'x'.repeat(181)]) {
      const response = await call(t.app, 'POST', `/v5/boards/${board.id}/sections`, ada.headers, { name });
      expect(response.status).toBe(400);
      assertMatchesSpec('POST', '/boards/{board_id}/sections', 400, response.body);
    }
  });

  it('of one board cannot be reached through another board', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const other = await createBoard(t.app, ada);
    const section = await createSection(t.app, ada, board.id, 'Here');
    const response = await call(
      t.app,
      'PATCH',
      `/v5/boards/${other.id}/sections/${section.id}`,
      ada.headers,
      {
        name: 'x',
      },
    );
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('Board section not found.');
  });

  it('page with bookmarks in creation order, each exactly once', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createSection(t.app, ada, board.id, `s${i}`)).id);
    for (const pageSize of [1, 3, 7, 250]) {
      const items = await walk<{ id: string }>(
        t.app,
        `/v5/boards/${board.id}/sections?page_size=${pageSize}`,
        ada.headers,
        (body) => assertMatchesSpec('GET', '/boards/{board_id}/sections', 200, body),
      );
      expect(items.map((s) => s.id)).toEqual(ids);
    }
  });

  it('take their pins with them when deleted, fixing board and user pin counts', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const section = await createSection(t.app, ada, board.id, 'Gone');
    await insertPin(t.app, ada.userId, board.id, { sectionId: section.id });
    await insertPin(t.app, ada.userId, board.id, { sectionId: section.id });
    await insertPin(t.app, ada.userId, board.id);
    expect((await userCounts(t.app, ada.userId)).pin_count).toBe(3);
    const deleted = await call(t.app, 'DELETE', `/v5/boards/${board.id}/sections/${section.id}`, ada.headers);
    expect(deleted.status).toBe(204);
    expect((await userCounts(t.app, ada.userId)).pin_count).toBe(1);
    expect((await call(t.app, 'GET', `/v5/boards/${board.id}`, ada.headers)).body.pin_count).toBe(1);
  });

  it('need boards:write to change (403 code 3) and only boards:read to list', async () => {
    const ada = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const reader = await tokenHeaders(t.app, ada, ['boards:read']);
    const denied = await call(t.app, 'POST', `/v5/boards/${board.id}/sections`, reader, { name: 'x' });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe(3);
    expect((await call(t.app, 'GET', `/v5/boards/${board.id}/sections`, reader)).status).toBe(200);
  });

  it('of a public board are listed to anyone, but changed only by members (403 code 29)', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const section = await createSection(t.app, ada, board.id, 'Mine');
    expect(
      (await call(t.app, 'GET', `/v5/boards/${board.id}/sections`, bob.headers)).body.items,
    ).toHaveLength(1);
    const attempts = [
      await call(t.app, 'POST', `/v5/boards/${board.id}/sections`, bob.headers, { name: 'x' }),
      await call(t.app, 'PATCH', `/v5/boards/${board.id}/sections/${section.id}`, bob.headers, { name: 'x' }),
      await call(t.app, 'DELETE', `/v5/boards/${board.id}/sections/${section.id}`, bob.headers),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403);
      expect(attempt.body.code).toBe(29);
    }
  });
});
