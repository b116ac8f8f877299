// The "Save" bookmarklet end to end: the link from Settings runs on another site's page (a static
// page on localhost), lays that page's large pictures over it, and picking one opens Corkboard's
// pin builder in a popup, where the signed-in person saves it to a board. The server fetches the
// picture from the other site (allowed for this test through IMAGE_FETCH_ALLOW_HOSTS).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, guardedPage, launchBrowser, withDiagnostics } from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { board, type Person, person, png, signInBrowser } from './support/world.ts';

let site: http.Server[] = [];
let siteUrl: string;
let server: RunningServer;
let browser: Browser;
let ada: Person;
let boardId: string;

const ARTICLE = (photo: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Lemon season</title><link rel="icon" href="data:,"></head>
<body><h1>Lemon season</h1><img src="/icon.png" alt="Site logo" width="32" height="32">
<p>Everything we bake in winter.</p><img src="${photo}" alt="A bowl of lemons"></body></html>`;

/** Another website: an article with a large photo and a small logo, on loopback (IPv4 and IPv6). */
async function startSite(): Promise<void> {
  const photo = await png(600, 800);
  const logo = await png(32, 32);
  const handler: http.RequestListener = (request, response) => {
    if (request.url === '/article.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE('/photo.png'));
    } else if (request.url === '/photo.png' || request.url === '/icon.png') {
      response
        .writeHead(200, { 'content-type': 'image/png' })
        .end(request.url === '/photo.png' ? photo : logo);
    } else {
      response.writeHead(404).end();
    }
  };
  const v4 = http.createServer(handler);
  await new Promise<void>((resolve) => v4.listen(0, '127.0.0.1', resolve));
  const { port } = v4.address() as AddressInfo;
  site = [v4];
  // "localhost" may resolve to ::1 first, for the browser or for the server's image fetch.
  const v6 = http.createServer(handler);
  await new Promise<void>((resolve) => {
    v6.once('error', () => resolve());
    v6.listen(port, '::1', () => {
      site.push(v6);
      resolve();
    });
  });
  siteUrl = `http://localhost:${port}`;
}

beforeAll(async () => {
  await startSite();
  const host = new URL(siteUrl).host;
  [server, browser] = await Promise.all([startServer({ imageFetchAllowHosts: [host] }), launchBrowser()]);
  ada = await person(server, 'ada');
  await board(server, ada, 'Elsewhere');
  boardId = (await board(server, ada, 'Found online')).id;
  await signInBrowser(browser.context, server, ada);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await Promise.all(site.map((s) => new Promise((resolve) => s.close(resolve))));
});

it('saves a picture from another site through the bookmarklet and its pin builder', async () => {
  const guard = await guardedPage(browser);
  const { page } = guard;
  let builderUrl = '';
  await withDiagnostics(guard, 'bookmarklet', async () => {
    await page.goto(`${server.url}/settings/browser-button`);
    const link = page.getByRole('link', { name: 'Save to Corkboard' });
    await link.waitFor();
    await guard.screenshot('bookmarklet-settings');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href.startsWith('javascript:')).toBe(true);

    // What clicking the bookmark does: run its code in the page being read.
    await page.goto(`${siteUrl}/article.html`);
    await page.getByRole('img', { name: 'A bowl of lemons' }).waitFor();
    await page.evaluate(decodeURIComponent(href.slice('javascript:'.length)));
    const overlay = page.getByRole('dialog', { name: 'Save to Corkboard' });
    await overlay.waitFor();
    const tiles = overlay.getByRole('button', { name: /^Save / });
    await expect.poll(() => tiles.count()).toBe(1); // the 32 px logo is not offered
    await expect(tiles.first().getAttribute('aria-label')).resolves.toBe(
      'Save image: A bowl of lemons (600 × 800)',
    );
    await guard.screenshot('bookmarklet-overlay');

    const popupOpened = browser.context.waitForEvent('page');
    await tiles.first().click();
    const popup = await popupOpened;
    await popup.waitForURL(/\/pin-builder\?/);
    builderUrl = popup.url();
    await popup.close();
    await overlay.waitFor({ state: 'detached' });
    expect(guard.problems()).toEqual([]);
  });
  await page.close();

  const params = new URL(builderUrl).searchParams;
  expect(params.get('media')).toBe(`${siteUrl}/photo.png`);
  expect(params.get('url')).toBe(`${siteUrl}/article.html`);
  expect(params.get('description')).toBe('A bowl of lemons');

  // The popup's page, under the guard: choose the board and save.
  const builder = await guardedPage(browser);
  await withDiagnostics(builder, 'pin-builder', async () => {
    const popup = builder.page;
    await popup.setViewportSize({ width: 760, height: 680 });
    await popup.goto(builderUrl);
    await popup.getByRole('heading', { name: 'Save to Corkboard' }).waitFor();
    await popup.getByRole('img', { name: 'A bowl of lemons' }).waitFor();
    await expect.poll(() => popup.getByLabel('Board', { exact: true }).locator('option').count()).toBe(3);
    await popup.getByLabel('Board', { exact: true }).selectOption({ label: 'Found online' });
    await popup.getByLabel('Title', { exact: true }).fill('Lemon bowl');
    await builder.screenshot('pin-builder');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('heading', { name: 'Saved to Found online' }).waitFor();
    await builder.screenshot('pin-builder-saved');
    expect(builder.problems()).toEqual([]);
  });
  await builder.page.close();

  const pins = (await server.app.inject({ url: `/v5/boards/${boardId}/pins`, headers: ada.headers })).json()
    .items;
  expect(pins).toHaveLength(1);
  expect(pins[0]).toMatchObject({
    title: 'Lemon bowl',
    description: 'A bowl of lemons',
    link: `${siteUrl}/article.html`,
  });
  expect(pins[0].media.images['600x']).toMatchObject({ width: 600, height: 800 });
});
