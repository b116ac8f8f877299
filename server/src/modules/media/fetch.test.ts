// image_url fetching against local servers only. Server A is allow-listed (by address:port and by a
// test host name); server B is not, and every test that is refused must leave it uncontacted.
// Nothing here connects beyond the loopback interface: forbidden literals are refused before any
// socket is opened, and test host names resolve through a fixed table to 127.0.0.1 or ::1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import type { Resolver } from './fetch-url.ts';
import { MediaService } from './index.ts';
import { patternImage } from './test-images.ts';

interface LocalServer {
  port: number;
  connections: number;
  requests: string[];
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(handler);
  const state = { port: 0, connections: 0, requests: [] as string[] };
  server.on('connection', () => state.connections++);
  server.on('request', (request) => state.requests.push(request.url ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const HOSTS: Record<string, string> = {
  'images.example.test': '127.0.0.1',
  'rebind.example.test': '127.0.0.1',
  'v6.example.test': '::1',
};
const testResolver: Resolver = async (hostname) => {
  const address = HOSTS[hostname];
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address, family: address.includes(':') ? 6 : 4 }];
};

let png: Buffer;
let a: LocalServer;
let b: LocalServer;
let t: TestApp;
let media: MediaService;

function serviceWith(overrides: Partial<TestApp['config']>, resolve: Resolver | 'system' = testResolver) {
  const ctx = t.app.services.ctx;
  const options = resolve === 'system' ? {} : { resolve };
  return new MediaService({ ...ctx, config: { ...ctx.config, ...overrides } }, options);
}

beforeAll(async () => {
  png = await patternImage(320, 240, 'png');
  b = await listen((_req, res) => res.end(png));
  a = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://a');
    const chain = /^\/chain\/(\d+)\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/image.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    if (url.pathname === '/lying.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(png);
    if (url.pathname === '/text') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end('hello');
    if (url.pathname === '/missing') return res.writeHead(404).end('not found');
    if (url.pathname === '/to-b')
      return res.writeHead(302, { location: `http://127.0.0.1:${b.port}/image.png` }).end();
    if (url.pathname === '/to-metadata')
      return res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (url.pathname === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (url.pathname === '/relative') return res.writeHead(307, { location: '/image.png' }).end();
    if (chain) {
      const [, at = 0, stop = 0] = chain.map(Number);
      if (at < stop) return res.writeHead(302, { location: `/chain/${at + 1}/${stop}` }).end();
      return res.writeHead(200).end(png);
    }
    if (url.pathname === '/endless') {
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
      };
      res.on('drain', pump);
      return pump();
    }
    if (url.pathname === '/declared-huge')
      return res.writeHead(200, { 'content-length': String(1 << 30) }).write(png.subarray(0, 100));
    if (url.pathname === '/drip') {
      res.writeHead(200);
      const timer = setInterval(() => res.write(png.subarray(0, 1)), 50);
      return res.on('close', () => clearInterval(timer));
    }
    if (url.pathname === '/silent') return; // never answers
    res.writeHead(500).end();
  });
  t = await startTestApp({
    imageFetchAllowHosts: [
      `127.0.0.1:${a.port}`,
      `images.example.test:${a.port}`,
      `v6.example.test:${b.port}`,
    ],
  });
  media = serviceWith({});
});

afterAll(async () => {
  await t?.close();
  await a?.close();
  await b?.close();
});

async function refused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect([(error as AppError).status, (error as AppError).code]).toEqual([400, 1]);
  expect((error as AppError).message).toMatch(message);
}

describe('fetching allowed URLs', () => {
  it('stores an image from an allow-listed server, typed by its bytes', async () => {
    const image = await media.ingestUrl(`http://127.0.0.1:${a.port}/lying.jpg`);
    expect([image.mime, image.width, image.height]).toEqual(['image/png', 320, 240]);
    const again = await media.ingestUrl(`http://images.example.test:${a.port}/image.png`);
    expect(again.id).toBe(image.id);
  });

  it('follows up to three redirects, relative ones included', async () => {
    await media.ingestUrl(`http://127.0.0.1:${a.port}/relative`);
    const image = await media.ingestUrl(`http://127.0.0.1:${a.port}/chain/0/3`);
    expect(image.width).toBe(320);
  });

  it('refuses to start with a malformed allow-list entry', () => {
    expect(() => serviceWith({ imageFetchAllowHosts: ['127.0.0.1:8080', 'not a host!'] })).toThrow(
      ConfigError,
    );
  });

  it('goes through the app service too (config allow-list)', async () => {
    const image = await t.app.services.media.ingestUrl(`http://127.0.0.1:${a.port}/image.png`);
    expect(image.mime).toBe('image/png');
  });
});

describe('refusing unsafe URLs', () => {
  it.each([
    ['loopback on a port not allow-listed', () => `http://127.0.0.1:${b.port}/image.png`, /loopback/],
    ['IPv6 loopback', () => `http://[::1]:${b.port}/image.png`, /loopback/],
    ['the unspecified address', () => `http://0.0.0.0:${b.port}/image.png`, /unspecified/],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${b.port}/`, /loopback/],
    ['a decimal IPv4 literal', () => `http://2130706433:${b.port}/`, /loopback/],
    ['a shortened IPv4 literal', () => `http://127.1:${b.port}/`, /loopback/],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', /cloud metadata/],
    ['IPv6 cloud metadata', () => 'http://[fd00:ec2::254]/latest/', /cloud metadata/],
    ['a private address', () => 'http://10.0.0.1/x.png', /private/],
    ['a host name resolving to loopback', () => `http://rebind.example.test:${b.port}/image.png`, /loopback/],
    ['an allow-listed name on another port', () => `http://images.example.test:${b.port}/`, /loopback/],
    ['an unknown host', () => 'http://nowhere.example.test/x.png', /could not be resolved/],
    ['ftp', () => 'ftp://127.0.0.1/x.png', /http or https/],
    ['file', () => 'file:///etc/passwd', /http or https/],
    ['javascript', () => 'javascript:alert(1)', /http or https/],
    ['credentials', () => `http://user:pw@127.0.0.1:${a.port}/image.png`, /credentials/],
    ['not a URL', () => 'not a url', /not a valid URL/],
  ])('refuses %s', async (_name, url, message) => {
    await refused(media.ingestUrl(url()), message);
  });

  it('refuses localhost through the system resolver', async () => {
    const system = serviceWith({ imageFetchAllowHosts: [] }, 'system');
    await refused(system.ingestUrl(`http://localhost:${b.port}/image.png`), /loopback/);
    await refused(system.ingestUrl(`http://localhost:${a.port}/image.png`), /loopback/);
  });

  it('refuses everything local without an allow-list', async () => {
    const strict = serviceWith({ imageFetchAllowHosts: [] });
    const seen = a.connections;
    await refused(strict.ingestUrl(`http://127.0.0.1:${a.port}/image.png`), /loopback/);
    await refused(strict.ingestUrl(`http://images.example.test:${a.port}/image.png`), /loopback/);
    expect(a.connections).toBe(seen);
  });

  it('checks every redirect', async () => {
    await refused(media.ingestUrl(`http://images.example.test:${a.port}/to-b`), /loopback/);
    await refused(media.ingestUrl(`http://127.0.0.1:${a.port}/to-metadata`), /cloud metadata/);
    await refused(media.ingestUrl(`http://127.0.0.1:${a.port}/to-file`), /http or https/);
  });

  it('stops after three redirects', async () => {
    await refused(media.ingestUrl(`http://127.0.0.1:${a.port}/chain/0/4`), /redirected more than 3 times/);
    expect(a.requests).not.toContain('/chain/4/4');
  });

  it('never contacted the server that is not allow-listed', () => {
    expect(b.connections).toBe(0);
  });

  it('lets an allow-listed name through to its IPv6 address (closed there, so it fails cleanly)', async () => {
    // v6.example.test:<b> is allow-listed and resolves to ::1, where nothing listens: the fetch is
    // attempted (so the allow-list applies to names that resolve to IPv6) and fails cleanly.
    await refused(media.ingestUrl(`http://v6.example.test:${b.port}/image.png`), /could not be fetched/);
    expect(b.connections).toBe(0);
  });
});

describe('limits while fetching', () => {
  it('caps the bytes while streaming', async () => {
    const capped = serviceWith({ maxUploadBytes: 1024 * 1024 });
    await refused(
      capped.ingestUrl(`http://127.0.0.1:${a.port}/endless`),
      /larger than the limit of 1048576 bytes/,
    );
    await refused(capped.ingestUrl(`http://127.0.0.1:${a.port}/declared-huge`), /larger than the limit/);
  });

  it('gives up at the deadline, redirects included', async () => {
    const quick = serviceWith({ imageFetchTimeoutMs: 300 });
    const started = performance.now();
    await refused(quick.ingestUrl(`http://127.0.0.1:${a.port}/silent`), /timed out/);
    await refused(quick.ingestUrl(`http://127.0.0.1:${a.port}/drip`), /timed out/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses error statuses and non-images', async () => {
    await refused(media.ingestUrl(`http://127.0.0.1:${a.port}/missing`), /HTTP 404/);
    await refused(media.ingestUrl(`http://127.0.0.1:${a.port}/text`), /Unsupported image type/);
  });
});
