// Authorization sweep: a board that is SECRET or PROTECTED, its sections and its pins are 404 (or
// absent from lists) for everyone but its owner and its accepted collaborators, through every
// operation that names a board, section or pin; so is a PUBLIC board between users who blocked
// each other (either way). The owner and a collaborator succeed through the same operations.
// Table-driven: the rows (visibility-table.ts) and lists (visibility-lists.ts) run for every actor
// of every scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard, createSection } from '../boards/test-kit.ts';
import { patternImage } from '../media/test-images.ts';
import { lists } from './visibility-lists.ts';
import {
  type Ctx,
  type Fixture,
  get,
  newPin,
  type PinRef,
  type Privacy,
  type Role,
  rows,
} from './visibility-table.ts';

let t: TestApp;
let png: string;
beforeAll(async () => {
  t = await startTestApp();
  png = (await patternImage(64, 48, 'png')).toString('base64');
});
afterAll(async () => t?.close());

/** Search is being written alongside this test; its rows run once its routes exist. */
function routeExists(url: string): boolean {
  return !url.startsWith('/v5/search') || t.app.hasRoute({ method: 'GET', url: url.split('?')[0]! });
}

async function fixture(privacy: Privacy, outsiders: (fx: Fixture) => Promise<Actor[]>) {
  const word = `zq${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, '')
    .slice(0, 8)}`;
  const owner = await actor(t.app);
  const collaborator = await actor(t.app);
  const spare = await actor(t.app);
  // A SECRET board is made public first, so outsiders can follow it before it closes (an update
  // may only make a board PUBLIC or SECRET, so a PROTECTED board is born protected).
  const initial = privacy === 'PROTECTED' ? 'PROTECTED' : 'PUBLIC';
  const board = await createBoard(t.app, owner, {
    name: `Vault ${word}`,
    description: word,
    privacy: initial,
  });
  const section = await createSection(t.app, owner, board.id, 'Inner');
  await call(t.app, 'POST', `/v5/boards/${board.id}/collaborators`, owner.headers, {
    username: collaborator.username,
  });
  expect(
    (await call(t.app, 'POST', `/v5/boards/${board.id}/collaborators/accept`, collaborator.headers)).status,
  ).toBe(200);
  const title = `Hidden ${word}`;
  const media = { app: t.app, image: png };
  const pin = await newPin(media, owner, board.id, { board_section_id: section.id, title });
  const collabPin = await newPin(media, collaborator, board.id, { board_section_id: section.id, title });
  const fx: Fixture = {
    ...media,
    privacy,
    word,
    owner,
    collaborator,
    spare,
    board,
    section,
    pin,
    collabPin,
    mine: new Map(),
  };
  const others = await outsiders(fx);
  if (privacy !== initial) {
    const closed = await call(t.app, 'PATCH', `/v5/boards/${board.id}`, owner.headers, { privacy });
    expect(closed.status).toBe(200);
  }
  for (const who of [owner, collaborator, ...others]) {
    const insider = who === owner || who === collaborator;
    fx.mine.set(who.userId, (await createBoard(t.app, who, { privacy: insider ? 'SECRET' : 'PUBLIC' })).id);
  }
  return { fx, others };
}

/** Outsiders of a closed board: a stranger, an invitee who has not accepted, a follower of the owner. */
async function closedBoardOutsiders(fx: Fixture): Promise<Actor[]> {
  const stranger = await actor(t.app);
  const invitee = await actor(t.app);
  const follower = await actor(t.app);
  await call(t.app, 'POST', `/v5/boards/${fx.board.id}/collaborators`, fx.owner.headers, {
    username: invitee.username,
  });
  fx.invitee = invitee;
  await call(t.app, 'POST', `/v5/user_account/following/${fx.owner.username}`, follower.headers, {});
  const follow = await call(t.app, 'POST', `/v5/boards/${fx.board.id}/follow`, follower.headers, {});
  expect(follow.status).toBe(fx.privacy === 'PROTECTED' ? 404 : 200);
  return [stranger, invitee, follower];
}

/** Outsiders of a public board by blocks: one the owner blocked, one who blocked the owner. */
async function blockedOutsiders(fx: Fixture): Promise<Actor[]> {
  const blocked = await actor(t.app);
  const blocker = await actor(t.app);
  for (const who of [blocked, blocker]) {
    await call(t.app, 'POST', `/v5/user_account/following/${fx.owner.username}`, who.headers, {});
    await call(t.app, 'POST', `/v5/boards/${fx.board.id}/follow`, who.headers, {});
  }
  const blocks = [
    await call(t.app, 'POST', `/v5/user_account/blocks/${blocked.username}`, fx.owner.headers, {}),
    await call(t.app, 'POST', `/v5/user_account/blocks/${fx.owner.username}`, blocker.headers, {}),
  ];
  for (const response of blocks) expect(response.status).toBe(200);
  return [blocked, blocker];
}

const scenarios: [string, Privacy, (fx: Fixture) => Promise<Actor[]>][] = [
  ['a SECRET board', 'SECRET', closedBoardOutsiders],
  ['a PROTECTED board', 'PROTECTED', closedBoardOutsiders],
  ['a PUBLIC board between users who blocked each other', 'PUBLIC', blockedOutsiders],
];

describe.each(scenarios)('%s', (_name, privacy, outsiders) => {
  let fx: Fixture;
  let others: Actor[];
  beforeAll(async () => {
    ({ fx, others } = await fixture(privacy, outsiders));
  });

  const insiders = (): [Role, Actor, PinRef][] => [
    ['owner', fx.owner, fx.pin],
    ['collaborator', fx.collaborator, fx.collabPin],
  ];

  it.each(rows.map((row) => [row.name, row] as const))('%s: 404 for everyone else', async (_row, row) => {
    for (const who of others) {
      for (const pin of [fx.pin, fx.collabPin]) {
        const ctx: Ctx = { fx, who, role: 'outsider', pin };
        if (row.allows?.(ctx)) continue;
        const reply = await row.run(ctx);
        expect(reply.status, `${who.username}: ${JSON.stringify(reply.body)}`).toBe(404);
      }
    }
  });

  it.each(rows.map((row) => [row.name, row] as const))(
    '%s: the owner and a collaborator succeed',
    async (_row, row) => {
      for (const [role, who, pin] of insiders()) {
        const expected = row[role as 'owner' | 'collaborator'];
        if (expected === 'skip') continue;
        const reply = await row.run({ fx, who, role, pin });
        expect(reply.status, `${role}: ${JSON.stringify(reply.body)}`).toBe(expected);
      }
    },
  );

  it.each(lists.map((row) => [row.name, row] as const))('%s: shown to members only', async (_row, row) => {
    for (const [role, who, pin] of [
      ...insiders(),
      ...others.map((o): [Role, Actor, PinRef] => ['outsider', o, fx.pin]),
    ]) {
      const ctx: Ctx = { fx, who, role, pin };
      const url = row.url(ctx);
      if (!routeExists(url)) continue;
      const reply = await get(ctx, url);
      if (role === 'outsider') {
        if (reply.status === 404) continue; // e.g. a blocked user's board list
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        expect(row.shows(reply.body, ctx), `${who.username} sees it`).toBe(false);
      } else if (row.insiderSees) {
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        expect(row.shows(reply.body, ctx), `${role}`).toBe(row.insiderSees(ctx));
      }
    }
  });

  it('is left as it was by every refused attempt', async () => {
    const pin = await call(t.app, 'GET', `/v5/pins/${fx.pin.id}`, fx.owner.headers);
    expect(pin.status).toBe(200);
    expect(pin.body).toMatchObject({ board_id: fx.board.id, title: `Hidden ${fx.word}` });
    const board = await call(t.app, 'GET', `/v5/boards/${fx.board.id}`, fx.owner.headers);
    expect(board.body.privacy).toBe(privacy);
    const members = await call(t.app, 'GET', `/v5/boards/${fx.board.id}/collaborators`, fx.owner.headers);
    const accepted = members.body.items
      .filter((m: { status: string }) => m.status === 'accepted')
      .map((m: { user: { username: string } }) => m.user.username);
    expect(accepted).toContain(fx.collaborator.username);
    for (const who of others) expect(accepted).not.toContain(who.username);
    const sections = await call(t.app, 'GET', `/v5/boards/${fx.board.id}/sections`, fx.owner.headers);
    expect(sections.body.items.map((s: { id: string }) => s.id)).toContain(fx.section.id);
  });
});
