// Client events from a real browser: the home feed reports the pins a person actually saw (at least
// half on screen for a second), the close-up reports itself, and leaving through a pin's link
// reports an outbound click, all to POST /v5/events, where the server accepts them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, guardedPage, launchBrowser, withDiagnostics } from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { board, type Person, person, pin, png, signInBrowser } from './support/world.ts';

interface SentEvent {
  type: string;
  object: { type: string; id: string };
  context: { app_type: string; surface: string };
}

const PINS = 15;
const OUTSIDE = 'https://shop.example';

let server: RunningServer;
let browser: Browser;
let viewer: Person;
const pinIds: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const maker = await person(server, 'maker');
  viewer = await person(server, 'viewer');
  const shop = await board(server, maker, 'Shop finds');
  const made = await Promise.all(
    Array.from({ length: PINS }, async (_, i) =>
      pin(server, maker, shop.id, {
        title: `Find ${i + 1}`,
        link: `${OUTSIDE}/item/${i + 1}`,
        image: await png(200, 300),
      }),
    ),
  );
  pinIds.push(...made.map((p) => p.id));
  const follow = await server.app.inject({
    method: 'POST',
    url: `/v5/user_account/following/${maker.username}`,
    headers: viewer.headers,
    payload: {},
  });
  expect(follow.statusCode).toBeLessThan(300);
  // The pin's link opens in a new tab: answer it here, so the test never reaches for another host.
  await browser.context.route(`${OUTSIDE}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Shop</title>' }),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('sends impressions from the home feed, a close-up and an outbound click to /v5/events', async () => {
  await signInBrowser(browser.context, server, viewer);
  const guard = await guardedPage(browser);
  const { page } = guard;
  const sent: SentEvent[] = [];
  const accepted: number[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/v5/events')
      sent.push(...(request.postDataJSON() as { events: SentEvent[] }).events);
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/v5/events') accepted.push(response.status());
  });
  const ofType = (type: string) => sent.filter((event) => event.type === type);

  await withDiagnostics(guard, 'events', async () => {
    await page.goto(`${server.url}/`);
    await page
      .getByRole('link', { name: /^Open pin: Find / })
      .first()
      .waitFor();

    // On screen for a second, then the batch goes out a moment later.
    await expect.poll(() => ofType('pin.impression.v1').length, { timeout: 15_000 }).toBeGreaterThan(0);
    const impressed = ofType('pin.impression.v1');
    expect(impressed.every((event) => event.context.surface === 'home')).toBe(true);
    expect(impressed.every((event) => event.context.app_type === 'web')).toBe(true);
    expect(impressed.every((event) => pinIds.includes(event.object.id))).toBe(true);
    // Once per pin, and only the pins in view: the bottom of a 15-pin feed is below the fold.
    const ids = impressed.map((event) => event.object.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThan(PINS);

    const first = impressed[0]!.object.id;
    await page.locator(`a[href="/pin/${first}"]`).first().click();
    await page.waitForURL(new RegExp(`/pin/${first}$`));
    await expect
      .poll(() => ofType('pin.closeup.v1').map((event) => event.object.id), { timeout: 15_000 })
      .toContain(first);

    const opened = page.waitForEvent('popup');
    await page.getByRole('link', { name: 'shop.example' }).click();
    await (await opened).close();
    await expect
      .poll(() => ofType('pin.outbound_click.v1').map((event) => event.object.id), { timeout: 15_000 })
      .toContain(first);

    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.every((status) => status >= 200 && status < 300)).toBe(true);
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
});
