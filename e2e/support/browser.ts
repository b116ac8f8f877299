// Debian's Chromium driven by playwright-core (never a browser that downloads itself), a fresh
// profile per launch, and a guard that fails the test on any console error, page error, failed
// request or HTTP error response the test did not say it expects.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  return {
    context,
    async close() {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** A response the test provokes on purpose (a wrong password, an oversized upload). */
export interface Expected {
  method?: string;
  path: string | RegExp;
  status: number;
}

export interface GuardedPage {
  page: Page;
  /** Allows one kind of error response (and the console line Chromium logs for it) from now on. */
  expect(response: Expected): void;
  /** Everything that went wrong that no test expected. */
  problems(): string[];
  screenshot(name: string): Promise<void>;
}

const matches = (rule: Expected, method: string, url: string, status: number) => {
  const pathname = new URL(url).pathname;
  const pathOk = typeof rule.path === 'string' ? pathname === rule.path : rule.path.test(pathname);
  return pathOk && rule.status === status && (rule.method === undefined || rule.method === method);
};

/**
 * Runs a browser test body; when it fails, saves a screenshot named after it and adds what the
 * guard saw to the error, which is usually the reason.
 */
export async function withDiagnostics(
  guard: GuardedPage,
  name: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    await guard.screenshot(`failed-${name}`).catch(() => {});
    const seen = guard.problems();
    if (error instanceof Error && seen.length > 0)
      error.message += `\nThe page also reported:\n${seen.join('\n')}`;
    throw error;
  }
}

export async function guardedPage(browser: Browser): Promise<GuardedPage> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  const expected: Expected[] = [];
  const expectedUrls = new Set<string>();

  page.on('response', (response) => {
    const status = response.status();
    if (status < 400) return;
    const request = response.request();
    if (expected.some((rule) => matches(rule, request.method(), response.url(), status))) {
      expectedUrls.add(response.url());
      return;
    }
    problems.push(`HTTP ${status} for ${request.method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // The app aborts nothing itself but an upload the person cancels; ERR_ABORTED otherwise means
    // the page navigated or closed while the request was in flight, as a test that moves on does.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location().url;
    // Chromium logs every error response as "Failed to load resource"; expected ones are fine.
    if (source && expectedUrls.has(source) && message.text().startsWith('Failed to load resource')) return;
    problems.push(`console error: ${message.text()}${source ? ` (${source})` : ''}`);
  });

  return {
    page,
    expect: (response) => expected.push(response),
    problems: () => [...problems],
    async screenshot(name) {
      await fs.mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    },
  };
}
