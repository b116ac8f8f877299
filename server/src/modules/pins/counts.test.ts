// Denormalized counts stay equal to the rows they count when things are deleted: an account (whose
// rows cascade away, while the counts they held on OTHER users, boards and pins are fixed by the
// account-deletion hooks), a pin, a section, a board; and through moves and blocks.
//
// Every check recounts the whole database: users' follower, following, board and pin counts;
// boards' pin, follower and collaborator counts; pins' comment and reaction counts. save_count is
// not among them on purpose: it is the lifetime "saves" metric (pin_metrics), a count of save
// events, so deleting a saved copy does not take it back (checked explicitly below).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard, createSection } from '../boards/test-kit.ts';
import { patternImage } from '../media/test-images.ts';

let t: TestApp;
let png: string;
beforeAll(async () => {
  t = await startTestApp();
  png = (await patternImage(48, 32, 'png')).toString('base64');
});
afterAll(async () => t?.close());

/** Every stored count that differs from a recount of its rows, as "table id column: stored != actual". */
async function countMismatches(): Promise<string[]> {
  const result = await sql<{ mismatch: string }>`
    select format('users %s %s: %s != %s', u.id, c.name, c.stored, c.actual) as mismatch
    from users u cross join lateral (values
      ('follower_count', u.follower_count, (select count(*) from user_follows where followee_id = u.id)),
      ('following_count', u.following_count, (select count(*) from user_follows where follower_id = u.id)),
      ('board_count', u.board_count, (select count(*) from boards where owner_id = u.id)),
      ('pin_count', u.pin_count, (select count(*) from pins where owner_id = u.id))
    ) c(name, stored, actual) where c.stored <> c.actual
    union all
    select format('boards %s %s: %s != %s', b.id, c.name, c.stored, c.actual)
    from boards b cross join lateral (values
      ('pin_count', b.pin_count, (select count(*) from pins where board_id = b.id)),
      ('follower_count', b.follower_count, (select count(*) from board_follows where board_id = b.id)),
      ('collaborator_count', b.collaborator_count,
        (select count(*) from board_collaborators where board_id = b.id and status = 'accepted'))
    ) c(name, stored, actual) where c.stored <> c.actual
    union all
    select format('pins %s %s: %s != %s', p.id, c.name, c.stored, c.actual)
    from pins p cross join lateral (values
      ('comment_count', p.comment_count, (select count(*) from comments where pin_id = p.id)),
      ('reaction_count', p.reaction_count, (select count(*) from reactions where pin_id = p.id))
    ) c(name, stored, actual) where c.stored <> c.actual`.execute(t.app.services.ctx.db);
  return result.rows.map((row) => row.mismatch);
}

async function pin(who: Actor, boardId: string, sectionId?: string): Promise<string> {
  const response = await call(t.app, 'POST', '/v5/pins', who.headers, {
    board_id: boardId,
    board_section_id: sectionId,
    media_source: { source_type: 'image_base64', content_type: 'image/png', data: png },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

async function ok(response: Promise<{ status: number; body: unknown }>): Promise<void> {
  const reply = await response;
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
}

async function join(owner: Actor, member: Actor, boardId: string, accept = true): Promise<void> {
  await ok(
    call(t.app, 'POST', `/v5/boards/${boardId}/collaborators`, owner.headers, { username: member.username }),
  );
  if (accept) await ok(call(t.app, 'POST', `/v5/boards/${boardId}/collaborators/accept`, member.headers));
}

async function engage(who: Actor, pinId: string): Promise<void> {
  await ok(call(t.app, 'POST', `/v5/pins/${pinId}/comments`, who.headers, { text: 'Nice' }));
  await ok(call(t.app, 'PUT', `/v5/pins/${pinId}/reactions`, who.headers, { kind: 'wow' }));
}

const saveCount = async (who: Actor, pinId: string): Promise<number> =>
  (await call(t.app, 'GET', `/v5/pins/${pinId}?pin_metrics=true`, who.headers)).body.pin_metrics
    .lifetime_metrics.save;

describe('deleting an account', () => {
  it('fixes the counts its rows held on other users, boards and pins', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const cy = await actor(t.app);
    const bobBoard = await createBoard(t.app, bob);
    const bobOther = await createBoard(t.app, bob);
    const adaBoard = await createBoard(t.app, ada);
    const bobPin = await pin(bob, bobBoard.id);

    // Ada's ties to others: follows both ways, a board follow, a collaboration and a pending invite.
    await ok(call(t.app, 'POST', `/v5/user_account/following/${bob.username}`, ada.headers, {}));
    await ok(call(t.app, 'POST', `/v5/user_account/following/${ada.username}`, cy.headers, {}));
    await ok(call(t.app, 'POST', `/v5/boards/${bobOther.id}/follow`, ada.headers, {}));
    await join(bob, ada, bobBoard.id);
    await join(bob, ada, bobOther.id, false);
    // Ada's pins on Bob's collaborative board: one made there, one saved there.
    await pin(ada, bobBoard.id);
    await ok(call(t.app, 'POST', `/v5/pins/${bobPin}/save`, ada.headers, { board_id: bobBoard.id }));
    // Cy collaborates on Ada's board: Cy's pin there goes with the board.
    await join(ada, cy, adaBoard.id);
    await pin(cy, adaBoard.id);
    // Ada's comment and reaction on Bob's pin; Bob's and Cy's on Ada's pin.
    const adaPin = await pin(ada, adaBoard.id);
    await engage(ada, bobPin);
    await engage(bob, adaPin);
    await engage(cy, adaPin);
    expect(await countMismatches()).toEqual([]);

    const deleted = await call(t.app, 'DELETE', '/v5/user_account', ada.headers, {
      password: ada.session.password,
    });
    expect(deleted.status).toBe(204);

    expect(await countMismatches()).toEqual([]);
    const bobBoardNow = (await call(t.app, 'GET', `/v5/boards/${bobBoard.id}`, bob.headers)).body;
    expect(bobBoardNow).toMatchObject({ pin_count: 1, collaborator_count: 0 });
    expect((await call(t.app, 'GET', `/v5/boards/${bobOther.id}`, bob.headers)).body.follower_count).toBe(0);
    const bobPinNow = await call(t.app, 'GET', `/v5/pins/${bobPin}?pin_metrics=true`, bob.headers);
    expect(bobPinNow.body.pin_metrics.lifetime_metrics).toMatchObject({ comment: 0, reaction: 0, save: 1 });
    const cyNow = (await call(t.app, 'GET', '/v5/user_account', cy.headers)).body;
    expect(cyNow).toMatchObject({ pin_count: 0, following_count: 0 });
    expect((await call(t.app, 'GET', '/v5/user_account', bob.headers)).body.follower_count).toBe(0);
  });
});

describe('deleting pins, sections and boards', () => {
  it('keeps every count right, and leaves save counts as the lifetime metric they are', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const board = await createBoard(t.app, ada);
    const section = await createSection(t.app, ada, board.id, 'Part');
    await join(ada, bob, board.id);
    await ok(call(t.app, 'POST', `/v5/user_account/following/${ada.username}`, bob.headers, {}));
    const original = await pin(ada, board.id);
    const bobsOwn = await pin(bob, (await createBoard(t.app, bob)).id);
    const saved = (
      await call(t.app, 'POST', `/v5/pins/${original}/save`, bob.headers, { board_id: board.id })
    ).body.id;
    await engage(bob, original);
    await engage(ada, saved);
    expect(await saveCount(ada, original)).toBe(1);

    // The board's owner deletes the collaborator's pin: Bob's pin_count and the board's go down.
    expect((await call(t.app, 'DELETE', `/v5/pins/${saved}`, ada.headers)).status).toBe(204);
    expect(await countMismatches()).toEqual([]);
    expect(await saveCount(ada, original)).toBe(1);

    // Pins of both users in a section, and one moved in from elsewhere, go with the section.
    await pin(ada, board.id, section.id);
    await pin(bob, board.id, section.id);
    await ok(
      call(t.app, 'POST', '/v5/pins/move', bob.headers, {
        pin_ids: [bobsOwn],
        board_id: board.id,
        board_section_id: section.id,
      }),
    );
    expect(await countMismatches()).toEqual([]);
    expect(
      (await call(t.app, 'DELETE', `/v5/boards/${board.id}/sections/${section.id}`, bob.headers)).status,
    ).toBe(204);
    expect(await countMismatches()).toEqual([]);

    // The board with a collaborator's pin, a follower and comments goes as a whole.
    await pin(bob, board.id);
    const follower = await actor(t.app);
    await ok(call(t.app, 'POST', `/v5/boards/${board.id}/follow`, follower.headers, {}));
    await engage(follower, original);
    expect((await call(t.app, 'DELETE', `/v5/boards/${board.id}`, ada.headers)).status).toBe(204);
    expect(await countMismatches()).toEqual([]);
    expect((await call(t.app, 'GET', '/v5/user_account', bob.headers)).body.pin_count).toBe(0);

    // A block ends the follow and the collaboration on both sides' counts.
    const other = await createBoard(t.app, ada);
    await join(ada, bob, other.id);
    await ok(call(t.app, 'POST', `/v5/user_account/blocks/${bob.username}`, ada.headers, {}));
    expect(await countMismatches()).toEqual([]);
  });
});
