// Search in a real browser: typo-tolerant typeahead under the header's search box (keyboard and
// mouse), pin results in a grid with guided refinement chips, and board and people results.
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
let maker: Person;
let reader: Person;
let kitchenId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  [maker, reader] = await Promise.all([person(server, 'kitchenfan'), person(server, 'reader')]);
  kitchenId = (await board(server, maker, 'Kitchen ideas')).id;
  const titles = ['Kitchen island white', 'Kitchen shelves white', 'Kitchen lamp brass', 'Garden bench'];
  for (const [i, title] of titles.entries()) {
    await pin(server, maker, kitchenId, { title, image: await png(300 + 10 * i, 400) });
  }
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

it('suggests boards, pins and people while typing, even with a typo', async () => {
  const guard = await signedInPage(reader);
  const { page } = guard;
  await withDiagnostics(guard, 'search-typeahead', async () => {
    await page.goto(`${server.url}/`);
    const box = page.getByRole('searchbox', { name: 'Search pins' });
    // A typo still finds what is meant (which groups match a typo is the server's call).
    await box.fill('kitchn');
    const suggestions = page.locator('[data-test-id="search-suggestions"]');
    await suggestions
      .getByRole('link', { name: /kitchen/i })
      .first()
      .waitFor();

    await box.fill('kitch');
    await suggestions.getByRole('link', { name: 'Pin: Kitchen lamp brass' }).waitFor();
    await suggestions.getByRole('link', { name: 'Board: Kitchen ideas' }).waitFor();
    await suggestions.getByRole('link', { name: `Person: ${maker.username}` }).waitFor();
    await guard.screenshot('search-typeahead');
    // The keyboard walks the list: down from the box into it, Escape back out.
    await box.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toMatch(/^(Search|Pin): /);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('id')))
      .toBe('header-search');
    await suggestions.waitFor({ state: 'detached' });

    await box.fill('kitchen i');
    await suggestions.getByRole('link', { name: 'Board: Kitchen ideas' }).click();
    await page.waitForURL(new RegExp(`/board/${kitchenId}$`));
    await page.getByRole('heading', { name: 'Kitchen ideas' }).waitFor();
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
});

it('finds pins, narrows them with refinement chips, and finds boards and people', async () => {
  const guard = await signedInPage(reader);
  const { page } = guard;
  await withDiagnostics(guard, 'search-results', async () => {
    await page.goto(`${server.url}/search/pins?q=kitchen`);
    await page.getByRole('heading', { name: 'Results for “kitchen”' }).waitFor();
    await page.getByRole('link', { name: 'Open pin: Kitchen lamp brass' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /^Open pin: Kitchen/ }).count()).toBe(3);
    const refine = page.getByRole('navigation', { name: 'Refine your search' });
    await refine.getByRole('button', { name: 'Search for kitchen white' }).waitFor();
    await guard.screenshot('search-results');

    await refine.getByRole('button', { name: 'Search for kitchen white' }).click();
    await page.waitForURL(/\/search\/pins\?q=kitchen(%20|\+)white$/);
    await page.getByRole('heading', { name: 'Results for “kitchen white”' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /^Open pin: / }).count()).toBe(2);

    await page.getByRole('link', { name: 'Boards', exact: true }).click();
    await page.waitForURL(/\/search\/boards\?q=/);
    await page.getByRole('link', { name: 'Board: Kitchen ideas, 4 pins' }).waitFor();
    await guard.screenshot('search-boards');

    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.waitForURL(/\/search\/users\?q=/);
    // Navigating while the people search is in flight would abort it (net::ERR_ABORTED), which
    // the guard rightly counts as a problem; let it finish first.
    await page.waitForLoadState('networkidle');
    await page.goto(`${server.url}/search/users?q=kitchenfan`);
    await page.getByRole('link', { name: maker.username }).waitFor();
    await page.getByRole('button', { name: `Follow ${maker.username}` }).click();
    await page.getByRole('button', { name: `Unfollow ${maker.username}` }).waitFor();
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
});
