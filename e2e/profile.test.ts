// Profiles in a real browser: someone else's Saved tab (board covers, no secret boards), Created
// tab (their own pins, not their saves), followers in a Modal, follow, block and unblock; and one's
// own profile with its secret board and the way to edit it.
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
let cy: Person;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  [ada, bob, cy] = await Promise.all([person(server, 'ada'), person(server, 'bob'), person(server, 'cy')]);
  const kitchen = await board(server, ada, 'Kitchen');
  await board(server, ada, 'Surprise party', 'SECRET');
  // Sizes differ so the pictures do (the test pattern is the same for every variant above 0).
  for (const [i, title] of ['Tiles', 'Shelves', 'Lamps'].entries()) {
    await pin(server, ada, kitchen.id, { title, image: await png(300 + 10 * i, 400) });
  }
  const cyBoard = await board(server, cy, 'Cabins');
  const cabin = await pin(server, cy, cyBoard.id, { title: 'Log cabin' });
  const saved = await server.app.inject({
    method: 'POST',
    url: `/v5/pins/${cabin.id}/save`,
    headers: ada.headers,
    payload: { board_id: kitchen.id },
  });
  expect(saved.statusCode).toBe(201);
  await server.app.inject({
    method: 'POST',
    url: `/v5/user_account/following/${ada.username}`,
    headers: cy.headers,
    payload: {},
  });
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

it("shows someone's boards and pins, their followers, and lets you follow and block them", async () => {
  const guard = await signedInPage(bob);
  const { page } = guard;
  await withDiagnostics(guard, 'profile', async () => {
    await page.goto(`${server.url}/user/${ada.username}`);
    await page.getByRole('heading', { name: ada.username }).waitFor();
    const kitchen = page.getByRole('link', { name: 'Board: Kitchen, 4 pins' });
    await kitchen.waitFor();
    await expect.poll(() => kitchen.locator('img').count()).toBe(3);
    expect(await page.getByText('Surprise party').count()).toBe(0);
    await guard.screenshot('profile-saved');

    await page.getByRole('link', { name: 'Created', exact: true }).click();
    await page.waitForURL(/\/created$/);
    await page.getByRole('link', { name: 'Open pin: Lamps' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /^Open pin: / }).count()).toBe(3);
    expect(await page.getByRole('link', { name: 'Open pin: Log cabin' }).count()).toBe(0);
    await guard.screenshot('profile-created');

    await page.getByRole('button', { name: '1 follower' }).click();
    const followers = page.getByRole('dialog');
    await followers.getByRole('link', { name: cy.username }).waitFor();
    await page.keyboard.press('Escape');
    await followers.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: `Follow ${ada.username}` }).click();
    await page.getByRole('button', { name: `Unfollow ${ada.username}` }).waitFor();

    await page.getByRole('button', { name: 'More options' }).click();
    await page.getByRole('menuitem', { name: `Block ${ada.username}` }).click();
    await page.getByRole('heading', { name: `You blocked ${ada.username}` }).waitFor();
    const blocks = await server.app.inject({ url: '/v5/user_account/blocks', headers: bob.headers });
    expect(blocks.json().items).toEqual([{ type: 'user', username: ada.username }]);
    // The block ended Bob's follow.
    const following = await server.app.inject({ url: '/v5/user_account/following', headers: bob.headers });
    expect(following.json().items).toEqual([]);

    await page.getByRole('button', { name: 'More options' }).click();
    await page.getByRole('menuitem', { name: `Unblock ${ada.username}` }).click();
    await page.getByRole('button', { name: `Follow ${ada.username}` }).waitFor();
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
});

it('shows your own secret boards, with a lock, and a way to edit your profile', async () => {
  const guard = await signedInPage(ada);
  const { page } = guard;
  await withDiagnostics(guard, 'profile-own', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Your account' }).click();
    await page.getByRole('menuitem', { name: 'Your profile' }).click();
    await page.waitForURL(new RegExp(`/user/${ada.username}$`));
    await page.getByRole('link', { name: 'Board: Surprise party, 0 pins' }).waitFor();
    await page.getByRole('img', { name: 'Secret board' }).waitFor();
    await page.getByRole('link', { name: 'Edit profile' }).click();
    await page.waitForURL(/\/settings\/profile$/);
    await page.getByRole('heading', { name: 'Public profile' }).waitFor();
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
});
