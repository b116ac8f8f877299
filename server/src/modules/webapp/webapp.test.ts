// Serving the built web app: index.html for browser navigations, immutable hashed assets (and their
// precompressed twins), and the server's own routes left alone.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { answerFor } from './app-paths.ts';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const SCRIPT = 'console.log("corkboard");\n'.repeat(50);

let dist: string;
let t: TestApp;
let unbuilt: TestApp;
beforeAll(async () => {
  dist = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-web-dist-'));
  await fs.mkdir(path.join(dist, 'assets'));
  await fs.writeFile(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  await fs.writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await fs.writeFile(path.join(dist, 'assets', 'app-Ab12.js'), SCRIPT);
  await fs.writeFile(path.join(dist, 'assets', 'app-Ab12.js.gz'), gzipSync(SCRIPT));
  t = await startTestApp({ webDistDir: dist });
  unbuilt = await startTestApp({ webDistDir: path.join(dist, 'missing') });
});
afterAll(async () => {
  await t?.close();
  await unbuilt?.close();
  await fs.rm(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it('answers every browser navigation outside the server’s prefixes with index.html', async () => {
    for (const url of ['/', '/pin/123', '/search/pins?q=cake', '/ada/recipes/', '/settings']) {
      for (const method of ['GET', 'HEAD'] as const) {
        const response = await t.app.inject({ method, url, headers: HTML });
        expect(response.statusCode, `${method} ${url}`).toBe(200);
        expect(response.headers['content-type']).toMatch(/text\/html/);
        expect(response.headers['cache-control']).toBe('no-cache');
        if (method === 'GET') expect(response.body).toContain('<div id="root">');
      }
    }
  });

  it('serves hashed assets for a year, precompressed when the client takes gzip', async () => {
    const plain = await t.app.inject({ url: '/assets/app-Ab12.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT);
    const zipped = await t.app.inject({ url: '/assets/app-Ab12.js', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(SCRIPT.length / 5);
    const favicon = await t.app.inject({ url: '/favicon.svg' });
    expect(favicon.statusCode).toBe(200);
    expect(favicon.headers['content-type']).toMatch(/svg/);
  });

  it('keeps JSON 404s for the API, missing assets and callers that do not ask for HTML', async () => {
    for (const [url, headers] of [
      ['/v5/no/such/thing', HTML],
      ['/assets/gone-1234.js', HTML],
      ['/assets/../index.html', {}],
      ['/media/zz', HTML],
      ['/some/page', {}],
      ['/some/page', { accept: 'application/json' }],
    ] as const) {
      const response = await t.app.inject({ url, headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ code: 404 });
    }
    const post = await t.app.inject({ method: 'POST', url: '/pin/1', headers: HTML });
    expect(post.statusCode).toBe(404);
  });

  it('leaves the server’s own pages to the server', async () => {
    expect((await t.app.inject({ url: '/healthz', headers: HTML })).json()).toEqual({ status: 'ok' });
    const docs = await t.app.inject({ url: '/docs/', headers: HTML });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toContain('<div id="root">');
    const oauth = await t.app.inject({ url: '/oauth/', headers: HTML });
    expect(oauth.body).not.toContain('<div id="root">');
  });

  it('says how to build it when there is no build, and keeps the API working', async () => {
    const page = await unbuilt.app.inject({ url: '/', headers: HTML });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build:web');
    expect((await unbuilt.app.inject({ url: '/anything' })).statusCode).toBe(404);
    expect((await unbuilt.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('answerFor', () => {
  const files = new Set(['favicon.svg', 'robots.txt', 'index.html']);
  it('sorts requests into files, app pages and 404s', () => {
    expect(answerFor('/robots.txt', undefined, files)).toEqual({ kind: 'file', name: 'robots.txt' });
    expect(answerFor('/index.html', 'text/html', files)).toEqual({ kind: 'app' });
    expect(answerFor('/v5', 'text/html', files)).toEqual({ kind: 'not-found' });
    expect(answerFor('/v5x/page', 'text/html', files)).toEqual({ kind: 'app' });
    expect(answerFor('/docsy?x=/docs', 'text/html;q=0.9', files)).toEqual({ kind: 'app' });
    expect(answerFor('/pin/1', 'application/xhtml+xml', files)).toEqual({ kind: 'not-found' });
    expect(answerFor('/pin/1', '*/*', files)).toEqual({ kind: 'not-found' });
  });
});
