// Analytics pages in a real browser: a creator's charts after people see, open and save their pins,
// and the admin's core metrics with the retention heatmap; anyone else gets "Not allowed".
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUp, uniqueName } from '../server/src/testing/clients.ts';
import {
  type Browser,
  type GuardedPage,
  guardedPage,
  launchBrowser,
  withDiagnostics,
} from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { board, type Person, person, pin, png, signInBrowser } from './support/world.ts';

const bossName = uniqueName('boss');
let server: RunningServer;
let browser: Browser;
let boss: Person;
let ada: Person;
let bob: Person;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminUsernames: [bossName] }), launchBrowser()]);
  const session = await signUp(server.app, bossName);
  boss = {
    username: session.username,
    password: session.password,
    headers: session.headers,
    cookie: session.cookie,
  };
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

const clientEvent = (type: string, pinId: string) => ({
  id: randomUUID(),
  type,
  object: { type: 'pin', id: pinId },
  occurred_at: new Date().toISOString(),
  context: { app_type: 'web', locale: 'en-US', session_id: 's1', surface: 'home' },
});

it("charts a creator's impressions, saves and clicks and shows their top pins", async () => {
  const desserts = await board(server, ada, 'Desserts');
  const tart = await pin(server, ada, desserts.id, { title: 'Lemon tart', image: await png(300, 400) });
  const cake = await pin(server, ada, desserts.id, { title: 'Carrot cake', image: await png(310, 400) });
  const events = [
    ...Array.from({ length: 5 }, () => clientEvent('pin.impression.v1', tart.id)),
    ...Array.from({ length: 2 }, () => clientEvent('pin.impression.v1', cake.id)),
    clientEvent('pin.closeup.v1', tart.id),
    clientEvent('pin.outbound_click.v1', tart.id),
  ];
  const posted = await server.app.inject({
    method: 'POST',
    url: '/v5/events',
    headers: bob.headers,
    payload: { events },
  });
  expect(posted.statusCode).toBeLessThan(300);
  const bobBoard = await board(server, bob, 'Sweet');
  await server.app.inject({
    method: 'POST',
    url: `/v5/pins/${tart.id}/save`,
    headers: bob.headers,
    payload: { board_id: bobBoard.id },
  });

  // The rollups follow the event log within moments; wait until the API counts all of it.
  const today = new Date().toISOString().slice(0, 10);
  const totals = async () =>
    (
      await server.app.inject({
        url: `/v5/user_account/analytics?start_date=${today}&end_date=${today}`,
        headers: ada.headers,
      })
    ).json().all.summary_metrics;
  await expect
    .poll(totals, { timeout: 15_000 })
    .toMatchObject({ IMPRESSION: 7, SAVE: 1, PIN_CLICK: 1, OUTBOUND_CLICK: 1 });

  const guard = await signedInPage(ada);
  const { page } = guard;
  await withDiagnostics(guard, 'analytics', async () => {
    // From a page without pins: on the home feed, her own two pins would be seen (and counted as
    // impressions) while the menu opens, whenever that takes more than a second.
    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: 'Your account' }).click();
    await page.getByRole('menuitem', { name: 'Analytics' }).click();
    await page.waitForURL(/\/analytics$/);
    await page.getByRole('heading', { name: 'Analytics', exact: true }).waitFor();
    await expect.poll(() => page.locator('[data-test-id="datapoint-IMPRESSION"]').innerText()).toContain('7');
    expect(await page.locator('[data-test-id="datapoint-SAVE"]').innerText()).toContain('1');
    await page.getByRole('heading', { name: 'Impressions over time' }).waitFor();
    await expect
      .poll(() => page.locator('[data-test-id="analytics-over-time"] .recharts-line-curve').count())
      .toBe(1);
    await page.getByRole('heading', { name: 'Top pins by impressions' }).waitFor();
    await expect
      .poll(() => page.locator('[data-test-id="analytics-top-pins"] .recharts-bar-rectangle').count())
      .toBe(2);
    const top = page.getByRole('list', { name: 'Top pins by impressions' });
    await expect.poll(() => top.getByRole('link').allInnerTexts()).toEqual(['Lemon tart', 'Carrot cake']);
    await guard.screenshot('analytics');

    // Another metric re-ranks the top pins.
    await page.getByRole('tab', { name: 'Saves' }).click();
    await page.getByRole('heading', { name: 'Saves over time' }).waitFor();
    await page.getByRole('heading', { name: 'Top pins by saves' }).waitFor();
    await page.getByRole('tab', { name: 'Last 7 days' }).click();
    await page.getByText('Daily saves on your pins, last 7 days (UTC)').waitFor();
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
});

it('shows core metrics and retention to an admin, and "Not allowed" to others', async () => {
  const guard = await signedInPage(boss);
  const { page } = guard;
  await withDiagnostics(guard, 'admin', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Core metrics' }).waitFor();
    await page.getByRole('heading', { name: 'Active users' }).waitFor();
    await expect
      .poll(() => page.locator('[data-test-id="admin-active-users"] .recharts-line-curve').count())
      .toBe(3);
    const table = page.getByRole('table', { name: 'Weekly retention by sign-up cohort' });
    await table.waitFor();
    // Everyone here signed up this week: the newest cohort holds all three, active in week 0.
    const newest = table.getByRole('row').nth(1);
    await expect.poll(() => newest.getByRole('cell').first().innerText()).toBe('3');
    // Charts draw their titles in white until they have measured themselves.
    await expect
      .poll(() =>
        page.getByRole('heading', { name: 'Active users' }).evaluate((h) => getComputedStyle(h).color),
      )
      .not.toBe('rgb(255, 255, 255)');
    await guard.screenshot('admin');
    expect(guard.problems()).toEqual([]);
  });
  await page.close();

  const other = await signedInPage(ada);
  await withDiagnostics(other, 'admin-refused', async () => {
    other.expect({ method: 'GET', path: '/v5/admin/metrics', status: 403 });
    await other.page.goto(`${server.url}/admin`);
    await other.page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(other.problems()).toEqual([]);
  });
  await other.page.close();
});
