// The board page in a real browser: its owner reorders pins (menu and drag), adds a section, moves
// pins into it and to another board, edits the board and makes it secret, and invites someone, who
// accepts on their profile; someone else follows a public board.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Browser,
  type GuardedPage,
  guardedPage,
  launchBrowser,
  withDiagnostics,
} from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { board, type Person, person, pin, png, signInBrowser } from './support/world.ts';

let server: RunningServer;
let browser: Browser;
let ada: Person;
let bob: Person;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  [ada, bob] = await Promise.all([person(server, 'ada'), person(server, 'bob')]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(who: Person): Promise<GuardedPage> {
  await browser.context.clearCookies();
  await signInBrowser(browser.context, server, who);
  return guardedPage(browser);
}

async function boardPinTitles(boardId: string, who: Person, sectionId?: string): Promise<string[]> {
  const url = sectionId ? `/v5/boards/${boardId}/sections/${sectionId}/pins` : `/v5/boards/${boardId}/pins`;
  const response = await server.app.inject({ url, headers: who.headers });
  return response.json().items.map((p: { title: string }) => p.title);
}

it('lets its owner arrange, section, move, edit, hide and share a board', async () => {
  const kitchen = await board(server, ada, 'Kitchen ideas');
  const other = await board(server, ada, 'Pantry');
  for (const title of ['Tiles', 'Shelves', 'Lamps']) {
    await pin(server, ada, kitchen.id, { title, image: await png(200, 260) });
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct sort keys: newest first
  }
  expect(await boardPinTitles(kitchen.id, ada)).toEqual(['Lamps', 'Shelves', 'Tiles']);

  const guard = await signedInPage(ada);
  const { page } = guard;
  const shown = async () =>
    page
      .locator('[data-test-id="board-pin"]')
      .evaluateAll((cards) =>
        cards.map((c) => c.querySelector('a')?.getAttribute('aria-label')?.replace('Open pin: ', '')),
      );
  const organize = async (title: string, item: string) => {
    const card = page.locator('[data-test-id="board-pin"]', {
      has: page.getByRole('link', { name: `Open pin: ${title}` }),
    });
    await card.hover();
    await card.getByRole('button', { name: `Organize ${title}` }).click();
    await page.getByRole('menuitem', { name: item }).click();
  };

  await withDiagnostics(guard, 'board', async () => {
    await page.goto(`${server.url}/board/${kitchen.id}`);
    await page.getByRole('heading', { name: 'Kitchen ideas' }).waitFor();
    await expect.poll(shown).toEqual(['Lamps', 'Shelves', 'Tiles']);

    // Reorder from the keyboard-reachable menu, then by dragging.
    await organize('Tiles', 'Move to top');
    await expect.poll(shown).toEqual(['Tiles', 'Lamps', 'Shelves']);
    expect(await boardPinTitles(kitchen.id, ada)).toEqual(['Tiles', 'Lamps', 'Shelves']);
    const cardOf = (title: string) =>
      page.locator('[data-test-id="board-pin"]', {
        has: page.getByRole('link', { name: `Open pin: ${title}` }),
      });
    await cardOf('Shelves').dragTo(cardOf('Tiles'));
    await expect.poll(() => boardPinTitles(kitchen.id, ada)).toEqual(['Shelves', 'Tiles', 'Lamps']);
    await expect.poll(shown).toEqual(['Shelves', 'Tiles', 'Lamps']);

    // A section, and a pin moved into it.
    await page.getByRole('button', { name: 'Board options' }).click();
    await page.getByRole('menuitem', { name: 'Add section' }).click();
    await page.getByLabel('Section name').fill('Counters');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('link', { name: 'Counters', exact: true }).waitFor();
    await organize('Tiles', 'Move to a section or board…');
    await page.getByLabel('Section').selectOption({ label: 'Counters' });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByText('Moved 1 pin to Counters').first().waitFor();
    await page.getByRole('link', { name: 'Counters', exact: true }).click();
    await page.waitForURL(/\?section=\d+$/);
    await page.getByRole('link', { name: 'Open pin: Tiles' }).waitFor();
    await expect.poll(shown).toEqual(['Tiles']);
    await page.getByRole('link', { name: 'All pins', exact: true }).click();

    // Select many, move them to another board.
    await page.getByRole('button', { name: 'Board options' }).click();
    await page.getByRole('menuitem', { name: 'Select pins to move' }).click();
    await page.getByRole('checkbox', { name: 'Select Lamps' }).check();
    await page.getByText('1 pin selected').waitFor();
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByLabel('Board', { exact: true }).selectOption({ label: 'Pantry' });
    await page.getByRole('dialog').getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByText('Moved 1 pin to Pantry').first().waitFor();
    await expect.poll(shown).toEqual(['Shelves', 'Tiles']);
    expect(await boardPinTitles(other.id, ada)).toEqual(['Lamps']);

    // Edit: new name and description, secret.
    await page.getByRole('button', { name: 'Board options' }).click();
    await page.getByRole('menuitem', { name: 'Edit board' }).click();
    await page.getByLabel('Name').fill('Kitchen remodel');
    await page.getByLabel('Description').fill('Bright, warm, easy to clean');
    await page.getByLabel('Keep this board secret').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Kitchen remodel' }).waitFor();
    await page.getByText('Bright, warm, easy to clean').waitFor();
    await page.getByRole('img', { name: 'Secret board' }).waitFor();

    // Invite Bob.
    await page.getByRole('button', { name: 'Invite collaborators' }).click();
    await page.getByLabel('Username').fill(bob.username);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByRole('dialog').getByText('Invited').waitFor();
    await guard.screenshot('board-collaborators');
    await page.getByRole('button', { name: 'Done' }).click();
    await guard.screenshot('board-organized');
    expect(guard.problems()).toEqual([]);
  });
  await page.close();

  const saved = (await server.app.inject({ url: `/v5/boards/${kitchen.id}`, headers: ada.headers })).json();
  expect(saved).toMatchObject({
    name: 'Kitchen remodel',
    description: 'Bright, warm, easy to clean',
    privacy: 'SECRET',
  });

  // The board is secret, so Bob answers the invitation on his profile, then can arrange the board.
  const bobGuard = await signedInPage(bob);
  await withDiagnostics(bobGuard, 'board-invited', async () => {
    const bobPage = bobGuard.page;
    await bobPage.goto(`${server.url}/user/${bob.username}`);
    await bobPage.getByRole('heading', { name: 'Invitations' }).waitFor();
    await bobPage.getByRole('button', { name: 'Accept Kitchen remodel' }).click();
    await bobPage.getByRole('link', { name: 'Open board' }).click();
    await bobPage.getByRole('heading', { name: 'Kitchen remodel' }).waitFor();
    await bobPage.getByRole('button', { name: 'Board options' }).waitFor();
    expect(bobGuard.problems()).toEqual([]);
  });
  await bobGuard.page.close();
});

it('lets others follow a public board', async () => {
  const garden = await board(server, ada, 'Garden');
  await pin(server, ada, garden.id, { title: 'Beds' });
  const guard = await signedInPage(bob);
  const { page } = guard;
  await withDiagnostics(guard, 'board-follow', async () => {
    await page.goto(`${server.url}/board/${garden.id}`);
    await page.getByText('0 followers').waitFor();
    await page.getByRole('button', { name: 'Follow board Garden' }).click();
    await page.getByRole('button', { name: 'Unfollow board Garden' }).waitFor();
    await page.getByText('1 follower', { exact: false }).waitFor();
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
  const followed = await server.app.inject({
    url: '/v5/user_account/following/boards',
    headers: bob.headers,
  });
  expect(followed.json().items.map((b: { id: string }) => b.id)).toContain(garden.id);
});
