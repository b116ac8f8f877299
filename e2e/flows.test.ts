// Each flow on its own: log-in errors, the pin close-up (comments, reactions, follow, 404), the pin
// builder's errors (an upload too large shows the server's message), and the endless home feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  type GuardedPage,
  guardedPage,
  launchBrowser,
  withDiagnostics,
} from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { board, type Person, person, pin, png, signInBrowser } from './support/world.ts';

const UPLOAD_LIMIT = 60 * 1024;

let server: RunningServer;
let browser: Browser;
let ada: Person;
let maker: Person;
let makerBoardId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ maxUploadBytes: UPLOAD_LIMIT }), launchBrowser()]);
  [ada, maker] = await Promise.all([person(server, 'ada'), person(server, 'maker')]);
  makerBoardId = (await board(server, maker, 'Garden ideas')).id;
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

describe('logging in', () => {
  it('says plainly when the password is wrong, then goes where the person was headed', async () => {
    await browser.context.clearCookies();
    const guard = await guardedPage(browser);
    const { page } = guard;
    await withDiagnostics(guard, 'login', async () => {
      guard.expect({ method: 'POST', path: '/v5/auth/login', status: 401 });
      await page.goto(`${server.url}/create`);
      await page.waitForURL(/\/login\?next=%2Fcreate$/);
      await page.getByLabel('Username or email', { exact: true }).fill(ada.username);
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').getByText('That username or password isn’t right.').waitFor();
      await guard.screenshot('login-error');
      await page.getByLabel('Password', { exact: true }).fill(ada.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/create$/);
      await page.getByRole('heading', { name: 'Create pin' }).waitFor();
      expect(guard.problems()).toEqual([]);
    });
    await page.close();
  });
});

describe('pin close-up', () => {
  it('comments, reacts and follows the pinner; More to explore stays calm without related pins', async () => {
    const shown = await pin(server, maker, makerBoardId, {
      title: 'Raised beds',
      description: 'Cedar beds for a small yard',
      link: 'https://garden.example/beds',
      alt_text: 'Three raised garden beds',
      image: await png(100, 150),
    });
    const guard = await signedInPage(ada);
    const { page } = guard;
    await withDiagnostics(guard, 'closeup', async () => {
      await page.goto(`${server.url}/pin/${shown.id}`);
      await page.getByRole('heading', { name: 'Raised beds' }).waitFor();
      await page.getByAltText('Three raised garden beds').waitFor();
      await page.getByText('Cedar beds for a small yard').waitFor();

      await page.getByRole('button', { name: `Follow ${maker.username}` }).click();
      await page.getByRole('button', { name: `Unfollow ${maker.username}` }).waitFor();

      await page.getByRole('button', { name: 'Love' }).click();
      await page.getByRole('button', { name: 'Love, 1, your reaction' }).waitFor();

      await page.getByPlaceholder('Add a comment').fill('These look great');
      await page.getByRole('button', { name: 'Post' }).click();
      await page.getByText('These look great').waitFor();

      await page.getByRole('heading', { name: 'More to explore' }).waitFor();
      await page.getByText('Nothing more like this yet').waitFor();
      await guard.screenshot('pin-closeup-social');

      // All of it was stored, not just drawn.
      const reactions = await server.app.inject({
        url: `/v5/pins/${shown.id}/reactions`,
        headers: maker.headers,
      });
      expect(reactions.json()).toMatchObject({ total: 1, counts: { love: 1 } });
      const comments = await server.app.inject({
        url: `/v5/pins/${shown.id}/comments`,
        headers: maker.headers,
      });
      expect(comments.json().items[0]).toMatchObject({
        text: 'These look great',
        author: { username: ada.username },
      });
      expect(guard.problems()).toEqual([]);
    });
    await page.close();
  });

  it('shows a plain 404 for a pin or board that is gone', async () => {
    const guard = await signedInPage(ada);
    const { page } = guard;
    await withDiagnostics(guard, 'not-found', async () => {
      guard.expect({ method: 'GET', path: /^\/v5\/pins\/\d+$/, status: 404 });
      // The board page asks for the board and its parts at once; all of them are gone.
      guard.expect({ method: 'GET', path: /^\/v5\/boards\/\d+(\/[a-z_]+)?$/, status: 404 });
      await page.goto(`${server.url}/pin/999999999`);
      await page.getByRole('heading', { name: 'This pin isn’t here' }).waitFor();
      await guard.screenshot('pin-not-found');
      await page.goto(`${server.url}/board/999999999`);
      await page.getByRole('heading', { name: 'This board isn’t here' }).waitFor();
      await page.goto(`${server.url}/no/such/page`);
      await page.getByRole('heading', { name: 'We couldn’t find that page' }).waitFor();
      expect(guard.problems()).toEqual([]);
    });
    await page.close();
  });
});

describe('pin builder', () => {
  it('asks for what is missing, and shows the server’s message for an upload too large', async () => {
    await board(server, ada, 'Uploads');
    const guard = await signedInPage(ada);
    const { page } = guard;
    await withDiagnostics(guard, 'create-pin', async () => {
      guard.expect({ method: 'POST', path: '/v5/pins', status: 400 });
      await page.goto(`${server.url}/create`);
      await page.getByRole('heading', { name: 'Create pin' }).waitFor();
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Add a picture: drop one here, choose a file, or paste an image link.').waitFor();

      const big = await png(1400, 1400);
      expect(big.length).toBeGreaterThan(UPLOAD_LIMIT);
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: big });
      await page.getByAltText('Preview of your pin').waitFor();
      await page.getByLabel('Link', { exact: true }).fill('not a link');
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Enter a full web address, starting with https://').waitFor();
      await page.getByLabel('Link', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Publish' }).click();
      const alert = page.getByRole('alert').filter({ hasText: /larger|too large|bytes/i });
      await alert.waitFor();
      const direct = await server.app.inject({
        method: 'POST',
        url: '/v5/pins',
        headers: ada.headers,
        payload: {
          board_id: (await server.app.inject({ url: '/v5/boards', headers: ada.headers })).json().items[0].id,
          media_source: {
            source_type: 'image_base64',
            content_type: 'image/png',
            data: big.toString('base64'),
          },
        },
      });
      expect(direct.statusCode).toBe(400);
      expect(await alert.textContent()).toBe(direct.json().message);
      await guard.screenshot('create-pin-too-large');
      expect(guard.problems()).toEqual([]);
    });
    await page.close();
  });
});

describe('home feed', () => {
  it('loads more pins as the reader scrolls, each in a box sized before its picture arrives', async () => {
    const reader = await person(server, 'reader');
    // Many pinners, two pins each, all followed: a feed may cap how many pins one pinner gets and
    // fold pins that show the same image, so every pin here has its own pinner pair and picture.
    let n = 0;
    for (let p = 0; p < 16; p++) {
      const pinner = await person(server, `pinner${p}`);
      const pinsBoard = await board(server, pinner, 'Everything');
      for (let k = 0; k < 2; k++) {
        await pin(server, pinner, pinsBoard.id, { title: `Idea ${n}`, image: await png(120, 180) });
        n += 1;
      }
      await server.app.inject({
        method: 'POST',
        url: `/v5/user_account/following/${pinner.username}`,
        headers: reader.headers,
        payload: {},
      });
    }
    const guard = await signedInPage(reader);
    const { page } = guard;
    await page.setViewportSize({ width: 390, height: 844 });
    await withDiagnostics(guard, 'home-scroll', async () => {
      await page.goto(`${server.url}/`);
      const card = page.getByRole('link', { name: 'Open pin: Idea 31' });
      await card.waitFor();
      // 120x180 pictures: every box is 1.5 times as tall as it is wide, whether loaded or not.
      const box = await card.boundingBox();
      expect(box!.height / box!.width).toBeCloseTo(1.5, 1);
      await guard.screenshot('home-phone');
      await expect
        .poll(() => page.getByRole('link', { name: /^Open pin: Idea / }).count())
        .toBeGreaterThanOrEqual(4);
      for (
        let i = 0;
        i < 12 && (await page.getByRole('link', { name: 'Open pin: Idea 0' }).count()) === 0;
        i++
      ) {
        await page.mouse.wheel(0, 3000);
        await page.waitForTimeout(250);
      }
      await page.getByRole('link', { name: 'Open pin: Idea 0' }).waitFor();
      expect(guard.problems()).toEqual([]);
    });
    await page.close();
  });
});
