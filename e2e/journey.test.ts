// The whole journey in a real browser: sign up, pick topics, create a board, upload a pin, see it
// on its board and in the home feed, save someone else's pin, find it by search, log out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Browser,
  type GuardedPage,
  guardedPage,
  launchBrowser,
  withDiagnostics,
} from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { board, person, pin, png } from './support/world.ts';

let server: RunningServer;
let browser: Browser;
let guard: GuardedPage;
const word = `quince${Date.now().toString(36)}`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  guard = await guardedPage(browser);
  // Someone to follow: a baking board with a pin, which onboarding picks for the Baking topic.
  const maker = await person(server, 'maker');
  const baking = await board(server, maker, 'Holiday Baking');
  await pin(server, maker, baking.id, { title: `Spiced ${word} cake`, alt_text: 'A cake on a stand' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('takes a new person from sign-up to their first pins and back out', () =>
  withDiagnostics(guard, 'journey', async () => {
    const { page } = guard;
    const username = `journey_${Date.now().toString(36)}`;

    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: 'Welcome to Corkboard' }).waitFor();
    await guard.screenshot('login');

    await page.getByRole('link', { name: 'Sign up' }).last().click();
    await page.getByLabel('Email', { exact: true }).fill(`${username}@example.test`);
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(/\/onboarding$/);
    await page.getByRole('switch', { name: 'Baking' }).click();
    await guard.screenshot('onboarding');
    await page.getByRole('button', { name: /^Done/ }).click();

    await page.waitForURL(`${server.url}/`);
    const followedPin = page.getByRole('link', { name: `Open pin: Spiced ${word} cake` });
    await followedPin.waitFor();
    await guard.screenshot('home');

    await page.getByRole('link', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/create$/);
    await page.getByRole('button', { name: 'Create board' }).click();
    await page.getByLabel('Name', { exact: true }).fill('My kitchen');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'bread.png', mimeType: 'image/png', buffer: await png(400, 600) });
    await page.getByAltText('Preview of your pin').waitFor();
    await page.getByLabel('Title', { exact: true }).fill(`Sourdough ${word}`);
    await page.getByLabel('Alt text', { exact: true }).fill('A loaf on a board');
    await page.getByLabel('Link', { exact: true }).fill('https://bread.example/loaf');
    await expect.poll(() => page.getByLabel('Board', { exact: true }).inputValue()).not.toBe('');
    await guard.screenshot('create-pin');
    await page.getByRole('button', { name: 'Publish' }).click();

    await page.waitForURL(/\/pin\/\d+$/);
    await page.getByRole('heading', { name: `Sourdough ${word}` }).waitFor();
    const outbound = page.getByRole('link', { name: 'bread.example' });
    expect(await outbound.getAttribute('rel')).toContain('noopener');
    expect(await outbound.getAttribute('rel')).toContain('noreferrer');
    expect(await outbound.getAttribute('target')).toBe('_blank');
    await guard.screenshot('pin-closeup');

    await page.getByRole('link', { name: 'My kitchen' }).click();
    await page.waitForURL(/\/board\/\d+$/);
    await page.getByRole('heading', { name: 'My kitchen' }).waitFor();
    await page.getByRole('link', { name: `Open pin: Sourdough ${word}` }).waitFor();
    // The saved page as a person sees it: picture arrived, pointer off the pin (no hover controls).
    await expect
      .poll(() =>
        page
          .getByAltText('A loaf on a board')
          .first()
          .evaluate(
            (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
          ),
      )
      .toBe(true);
    await page.mouse.move(8, 890);
    await guard.screenshot('board');

    await page.getByRole('link', { name: 'Corkboard home' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: `Open pin: Sourdough ${word}` }).waitFor();

    // Save the maker's pin: hover shows Save; the picker lists My kitchen first, as last used.
    const card = page.locator('[data-test-id="pin-card"]', {
      has: page.getByRole('link', { name: `Open pin: Spiced ${word} cake` }),
    });
    await card.hover();
    await card.getByRole('button', { name: 'Save' }).click();
    const choices = page.getByRole('button', { name: /^Save to / });
    await expect.poll(() => choices.first().getAttribute('aria-label')).toBe('Save to My kitchen');
    await choices.first().click();
    await page.getByText('Saved to My kitchen').first().waitFor();

    await page.getByRole('searchbox', { name: 'Search pins' }).fill(word);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/pins\?q=/);
    await page.getByRole('heading', { name: `Results for “${word}”` }).waitFor();
    await page
      .getByRole('link', { name: `Open pin: Spiced ${word} cake` })
      .first()
      .waitFor();
    await page
      .getByRole('link', { name: `Open pin: Sourdough ${word}` })
      .first()
      .waitFor();
    await guard.screenshot('search');

    await page.getByRole('button', { name: 'Your account' }).click();
    await page.getByText('Log out').click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/create`);
    await page.waitForURL(/\/login\?next=%2Fcreate$/);

    expect(guard.problems()).toEqual([]);
  }));
