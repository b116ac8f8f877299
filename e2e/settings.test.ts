// Settings in a real browser: the public profile, a personal access token shown once and revoked
// (it stops working at once), an OAuth app, and a password change (old one refused, new one works).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn } from '../server/src/testing/clients.ts';
import {
  type Browser,
  type GuardedPage,
  guardedPage,
  launchBrowser,
  withDiagnostics,
} from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { type Person, person, signInBrowser } from './support/world.ts';

let server: RunningServer;
let browser: Browser;
let ada: Person;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ada = await person(server, 'ada');
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

const asToken = (token: string) =>
  server.app.inject({ url: '/v5/user_account', headers: { authorization: `Bearer ${token}` } });

it('edits the profile, creates a token shown once, revokes it, and registers an app', async () => {
  const guard = await signedInPage(ada);
  const { page } = guard;
  await withDiagnostics(guard, 'settings', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Your account' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings$/);
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await page.getByLabel('About').fill('Engines and embroidery');
    await page.getByLabel('Website').fill('ada.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Profile saved').first().waitFor();
    const profile = (await server.app.inject({ url: `/v5/users/${ada.username}` })).json();
    expect(profile).toMatchObject({
      display_name: 'Ada Lovelace',
      about: 'Engines and embroidery',
      website_url: 'https://ada.example/',
    });
    await guard.screenshot('settings-profile');

    await page.getByRole('link', { name: 'Tokens and apps' }).click();
    await page.waitForURL(/\/settings\/apps$/);
    await page.getByLabel('Token name').fill('Backup script');
    await page.getByLabel('Access').selectOption('read');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog');
    const token = await shown.getByLabel('Token', { exact: true }).inputValue();
    expect(token.length).toBeGreaterThan(20);
    expect((await asToken(token)).statusCode).toBe(200);
    await guard.screenshot('settings-token-once');
    await shown.getByRole('button', { name: 'I’ve copied it' }).click();
    await shown.waitFor({ state: 'detached' });
    // Shown once: the page no longer has it anywhere.
    expect(await page.content()).not.toContain(token);
    const row = page.locator('[data-test-id="token-row"]', { hasText: 'Backup script' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Revoke Backup script' }).click();
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByText('Revoked Backup script').first().waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await asToken(token)).statusCode).toBe(401);

    await page.getByLabel('App name').fill('Pin printer');
    await page.getByLabel('Redirect URIs').fill('https://printer.example/callback');
    await page.getByRole('button', { name: 'Register app' }).click();
    const app = page.getByRole('dialog');
    expect(await app.getByRole('textbox', { name: 'Client secret' }).inputValue()).not.toBe('');
    await app.getByRole('button', { name: 'I’ve copied it' }).click();
    await page.getByText('Pin printer').waitFor();
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
});

it('changes the password: a wrong current one is refused plainly, then the new one works', async () => {
  const guard = await signedInPage(ada);
  const { page } = guard;
  await withDiagnostics(guard, 'settings-password', async () => {
    guard.expect({ method: 'POST', path: '/v5/user_account/password', status: 401 });
    await page.goto(`${server.url}/settings/password`);
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    await page.getByLabel('Current password', { exact: true }).fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('a much better one');
    await page.getByLabel('Type the new password again').fill('a much better one');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('That password isn’t right.').waitFor();
    await page.getByLabel('Current password', { exact: true }).fill(ada.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page
      .getByText(/Password changed/)
      .first()
      .waitFor();
    await guard.screenshot('settings-password');
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
  await expect(logIn(server.app, ada.username, ada.password)).rejects.toThrow(/401/);
  expect((await logIn(server.app, ada.username, 'a much better one')).username).toBe(ada.username);
});

it('deletes the account after the password is confirmed in a Modal', async () => {
  const leaver = await person(server, 'leaver');
  const guard = await signedInPage(leaver);
  const { page } = guard;
  await withDiagnostics(guard, 'settings-delete', async () => {
    await page.goto(`${server.url}/settings/account`);
    await page.getByRole('button', { name: 'Delete account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await page.locator('#delete-password').fill(leaver.password);
    await guard.screenshot('settings-delete');
    await dialog.getByRole('button', { name: 'Delete account' }).click();
    await page.waitForURL(/\/login$/);
    expect(guard.problems()).toEqual([]);
  });
  await page.close();
  expect((await server.app.inject({ url: `/v5/users/${leaver.username}` })).statusCode).toBe(404);
});
