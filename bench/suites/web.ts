// The web app as a person meets it: the home feed loaded in Debian's Chromium from the real server
// (`server/src/main.ts` in a child process, embedded storage, the demo world seeded on its first
// start), signed in as the demo account. Builds web/dist first when it is stale.
//
// BENCH_WEB_LOADS (default 5) cold loads, each in a fresh browser context (empty cache), report:
//   feed_js_gzip_kb     the JavaScript the page fetched up to its first page of pins and network
//                       idle, gzipped as the server sends it to a gzip-only client (decimal kB;
//                       goal ≤ 250). feed_js_transfer_kb is what Chromium itself received (brotli).
//   first_pin_paint_ms  navigation start to the frame after the first pin image loaded (goal ≤ 1000)
//   next_page_ms        scrolled to the bottom until a pin of the next page is in the grid
// as medians, with the slowest load as *_max_ms.
import http from 'node:http';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../../web/tooling/ensure-built.ts';
import { type DemoServer, startDemoServer } from '../support/demo-server.ts';
import { report } from '../support/report.ts';

const BENCH = 'web';
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const say = (line: string) => process.stderr.write(`web bench: ${line}\n`);

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// The two scripts below run in the page. They are source text rather than functions: the
// TypeScript loader rewrites functions with helpers that exist only in Node.

/** Marks when the first pin picture is on screen: its load, then the next frame. */
const PAINT_PROBE = `(() => {
  const seen = new WeakSet();
  const painted = () => requestAnimationFrame(() => {
    if (window.__firstPinPaint === undefined) window.__firstPinPaint = performance.now();
  });
  const watch = () => {
    for (const img of document.querySelectorAll('a[href^="/pin/"] img')) {
      if (seen.has(img)) continue;
      seen.add(img);
      if (img.complete && img.naturalWidth > 0) painted();
      else img.addEventListener('load', painted, { once: true });
    }
  };
  new MutationObserver(watch).observe(document, { childList: true, subtree: true });
})()`;

/** Scrolls to the bottom and times until a pin not among `known` is in the grid. */
const timeNextPage = (known: string[]) => `new Promise((resolve, reject) => {
  const seen = new Set(${JSON.stringify(known)});
  const hasNew = () => [...document.querySelectorAll('a[href^="/pin/"]')].some((a) => {
    const id = /^\\/pin\\/(\\d+)$/.exec(a.getAttribute('href') || '')?.[1];
    return id !== undefined && !seen.has(id);
  });
  const start = performance.now();
  window.scrollTo(0, document.documentElement.scrollHeight);
  const tick = () => {
    if (hasNew()) resolve(performance.now() - start);
    else if (performance.now() - start > 30000) reject(new Error('no next page within 30 s'));
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** The gzipped size the server sends for `url` to a client that accepts only gzip. */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () =>
          response.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: ${response.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

async function sessionCookies(server: DemoServer) {
  const response = await fetch(`${server.url}/v5/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: server.username, password: server.password }),
  });
  if (!response.ok) throw new Error(`demo login failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((line) => {
    const [pair] = line.split(';');
    const [name, ...value] = pair!.split('=');
    return { name: name!.trim(), value: value.join('='), url: server.url };
  });
}

interface Load {
  scripts: Map<string, number>;
  firstPinPaintMs: number;
  nextPageMs: number;
  /** DOMContentLoaded, the first feed request's start and its response's end, ms from navigation start. */
  dcl: number;
  feedAsked: number;
  feed: number;
}

/** The ids of every feed page the page has received so far, and when the first one arrived. */
function feedPages(page: Page): { ids: Set<string>; first: Promise<void> } {
  const ids = new Set<string>();
  let arrived: () => void;
  const first = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  page.on('response', async (response) => {
    if (new URL(response.url()).pathname !== '/v5/feeds/home' || !response.ok()) return;
    const body = (await response.json()) as { items: { id: string }[] };
    for (const item of body.items) ids.add(item.id);
    arrived();
  });
  return { ids, first };
}

/** Where the time before the first pin went, from the page's own timeline (ms from navigation). */
const MILESTONES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const feed = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/v5/feeds/home');
  return {
    dcl: nav ? nav.domContentLoadedEventEnd : -1,
    feedAsked: feed ? feed.startTime : -1,
    feed: feed ? feed.responseEnd : -1,
  };
})()`;

async function coldLoad(browser: Browser, server: DemoServer, cookies: object[]): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    await context.addCookies(cookies as Parameters<typeof context.addCookies>[0]);
    await context.addInitScript({ content: PAINT_PROBE });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') say(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => say(`page error: ${error.message}`));
    const sized: Promise<void>[] = [];
    const scripts = new Map<string, number>();
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      sized.push(
        request.sizes().then((sizes) => {
          scripts.set(request.url(), sizes.responseBodySize);
        }),
      );
    });
    const feed = feedPages(page);
    await page.goto(`${server.url}/`);
    await feed.first;
    if (feed.ids.size === 0) throw new Error('the demo account’s home feed is empty');
    await page.waitForFunction('window.__firstPinPaint !== undefined', undefined, { timeout: 30_000 });
    const firstPinPaintMs = (await page.evaluate('window.__firstPinPaint')) as number;
    const milestones = (await page.evaluate(MILESTONES)) as Pick<Load, 'dcl' | 'feedAsked' | 'feed'>;
    await page.waitForLoadState('networkidle');
    await Promise.all(sized);
    const feedScripts = new Map(scripts);
    // Every pin received so far counts as known (the grid may have fetched ahead while idle), so
    // the next pin to appear comes from a page fetched after the scroll.
    const nextPageMs = (await page.evaluate(timeNextPage([...feed.ids]))) as number;
    return { scripts: feedScripts, firstPinPaintMs, nextPageMs, ...milestones };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<void> {
  const loads = envCount('BENCH_WEB_LOADS', 5);
  await ensureWebBuilt(say);
  say('starting the server and seeding the demo world');
  const seedStarted = performance.now();
  const server = await startDemoServer();
  say(`demo world ready in ${Math.round(performance.now() - seedStarted)} ms`);
  let browser: Browser | undefined;
  try {
    const cookies = await sessionCookies(server);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const results: Load[] = [];
    for (let i = 0; i < loads; i++) {
      const load = await coldLoad(browser, server, cookies);
      say(
        `load ${i + 1}: ${load.scripts.size} scripts, DOMContentLoaded ${Math.round(load.dcl)} ms, ` +
          `feed asked ${Math.round(load.feedAsked)} ms, answered ${Math.round(load.feed)} ms, first pin ${Math.round(load.firstPinPaintMs)} ms, ` +
          `next page ${Math.round(load.nextPageMs)} ms`,
      );
      results.push(load);
    }

    const urls = [...new Set(results.flatMap((load) => [...load.scripts.keys()]))];
    const gzip = new Map(await Promise.all(urls.map(async (url) => [url, await gzipBytes(url)] as const)));
    const sum = (load: Load, size: (url: string, transferred: number) => number) =>
      [...load.scripts].reduce((total, [url, transferred]) => total + size(url, transferred), 0);
    report(
      BENCH,
      'feed_js_gzip_kb',
      median(results.map((load) => sum(load, (url) => gzip.get(url)!))) / 1000,
      'kB',
    );
    report(
      BENCH,
      'feed_js_transfer_kb',
      median(results.map((load) => sum(load, (_, bytes) => bytes))) / 1000,
      'kB',
    );
    report(BENCH, 'feed_js_files', median(results.map((load) => load.scripts.size)), 'files');
    const firstPaint = results.map((load) => load.firstPinPaintMs);
    report(BENCH, 'first_pin_paint_ms', median(firstPaint), 'ms');
    report(BENCH, 'first_pin_paint_max_ms', Math.max(...firstPaint), 'ms');
    const nextPage = results.map((load) => load.nextPageMs);
    report(BENCH, 'next_page_ms', median(nextPage), 'ms');
    report(BENCH, 'next_page_max_ms', Math.max(...nextPage), 'ms');
  } finally {
    await browser?.close();
    await server.stop();
  }
}
