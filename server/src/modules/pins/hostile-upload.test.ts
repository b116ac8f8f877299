// Hostile media through the real POST /v5/pins: lying types, truncated files, pixel bombs, a 30 MB
// body, and image_url aimed at the server's own network (directly or by redirect). Each is a 400
// with code 1, never a 500, creates no pin, and leaves the server unharmed.
//
// No traffic leaves the loopback interface: forbidden literals (169.254.169.254, [::1]) are
// refused before any socket opens, names resolve through the system resolver to loopback only
// (localhost), and the one allow-listed address is a local redirector. A local "victim" server
// stands where an internal service would be; no refused request may ever reach it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard } from '../boards/test-kit.ts';
import { gifBomb, jpegBomb, noiseImage, patternImage, pngBomb } from '../media/test-images.ts';

interface Local {
  port: number;
  connections: number;
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<Local> {
  const server = http.createServer(handler);
  const state = { port: 0, connections: 0 };
  server.on('connection', () => state.connections++);
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

let t: TestApp;
let victim: Local;
let redirector: Local;
let owner: Actor;
let boardId: string;
let png: Buffer;
let rssBefore: number;

beforeAll(async () => {
  png = await patternImage(120, 90, 'png');
  victim = await listen((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
  redirector = await listen((req, res) => {
    const target = new URL(req.url ?? '/', 'http://r').searchParams.get('to');
    if (req.url === '/image.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    if (target) return res.writeHead(302, { location: target }).end();
    res.writeHead(404).end();
  });
  t = await startTestApp({ imageFetchAllowHosts: [`127.0.0.1:${redirector.port}`] });
  owner = await actor(t.app);
  boardId = (await createBoard(t.app, owner)).id;
  // Warm up (the first decode loads sharp's codecs) before taking the memory baseline.
  await createPin({ source_type: 'image_base64', content_type: 'image/png', data: png.toString('base64') });
  rssBefore = process.memoryUsage().rss;
});
afterAll(async () => {
  await t?.close();
  await victim?.close();
  await redirector?.close();
});

function createPin(mediaSource: Record<string, unknown>) {
  return call(t.app, 'POST', '/v5/pins', owner.headers, { board_id: boardId, media_source: mediaSource });
}

const base64 = (bytes: Buffer, contentType = 'image/png') => ({
  source_type: 'image_base64',
  content_type: contentType,
  data: bytes.toString('base64'),
});

async function pinCount(): Promise<number> {
  return (await call(t.app, 'GET', `/v5/boards/${boardId}`, owner.headers)).body.pin_count;
}

/** The upload is refused with 400 code 1, and no pin comes of it. */
async function refused(mediaSource: Record<string, unknown>): Promise<string> {
  const before = await pinCount();
  const response = await createPin(mediaSource);
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.code).toBe(1);
  expect(await pinCount()).toBe(before);
  return response.body.message;
}

describe('the type is read from the bytes, whatever is claimed', () => {
  it.each([
    ['text claimed as PNG', () => Buffer.from('just words, not a picture\n'), 'image/png'],
    [
      'an SVG claimed as PNG',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'),
      'image/png',
    ],
    [
      'an HTML page claimed as JPEG',
      () => Buffer.from('<!doctype html><script>alert(1)</script>'),
      'image/jpeg',
    ],
    ['a PDF claimed as JPEG', () => Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n'), 'image/jpeg'],
    ['a TIFF claimed as PNG', () => patternImage(32, 32, 'tiff'), 'image/png'],
    [
      'a JPEG signature over garbage',
      () => Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(4000, 65)]),
      'image/jpeg',
    ],
  ])('refuses %s', async (_name, make, claimed) => {
    const message = await refused(base64(await make(), claimed));
    expect(message).toMatch(/Unsupported image type|corrupt or truncated/);
  });

  it('refuses a carousel with one bad image, keeping none of it', async () => {
    await refused({
      source_type: 'multiple_image_base64',
      items: [
        { content_type: 'image/png', data: png.toString('base64') },
        { content_type: 'image/png', data: Buffer.from('<svg/>').toString('base64') },
      ],
    });
  });
});

describe('broken and oversized images', () => {
  it.each(['jpeg', 'png'] as const)('refuses a truncated %s', async (format) => {
    const whole = await noiseImage(200, 150, format);
    const message = await refused(base64(whole.subarray(0, Math.floor(whole.length * 0.6))));
    expect(message).toMatch(/corrupt or truncated|Unsupported image type/);
  });

  it.each([
    ['a PNG claiming 100000x100000', async () => pngBomb(100_000, 100_000)],
    ['a JPEG claiming 65000x65000', () => jpegBomb(65_000, 65_000)],
    ['a GIF claiming 65535x65535', () => gifBomb(65_535, 65_535)],
  ])('refuses %s quickly, again and again', async (_name, make) => {
    const bomb = await make();
    const started = performance.now();
    for (let i = 0; i < 3; i++) expect(await refused(base64(bomb))).toMatch(/The image is too large/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses a 30 MB body', async () => {
    const data = 'A'.repeat(30 * 1024 * 1024);
    const message = await refused({ source_type: 'image_base64', content_type: 'image/jpeg', data });
    expect(message).toMatch(/too large/);
  });
});

describe('image_url into the server’s own network', () => {
  const through = (target: string) =>
    `http://127.0.0.1:${redirector?.port}/go?to=${encodeURIComponent(target)}`;
  const targets = () => ({
    loopback: `http://127.0.0.1:${victim.port}/secret`,
    metadata: 'http://169.254.169.254/latest/meta-data/',
    ipv6Loopback: `http://[::1]:${victim.port}/`,
    localhost: `http://localhost:${victim.port}/`,
    decimalLoopback: `http://2130706433:${victim.port}/`,
    mappedLoopback: `http://[::ffff:127.0.0.1]:${victim.port}/`,
    unspecified: `http://0.0.0.0:${victim.port}/`,
  });

  it('fetches an allowed address, so the refusals below are not a broken fetcher', async () => {
    const response = await createPin({
      source_type: 'image_url',
      url: `http://127.0.0.1:${redirector.port}/image.png`,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it.each([
    'loopback',
    'metadata',
    'ipv6Loopback',
    'localhost',
    'decimalLoopback',
    'mappedLoopback',
    'unspecified',
  ])('refuses %s, directly and by redirect', async (name) => {
    const url = targets()[name as keyof ReturnType<typeof targets>];
    await refused({ source_type: 'image_url', url });
    await refused({ source_type: 'image_url', url: through(url) });
    expect(victim.connections).toBe(0);
  });

  it('refuses a carousel when one of its URLs is internal', async () => {
    await refused({
      source_type: 'multiple_image_urls',
      items: [{ url: `http://127.0.0.1:${redirector.port}/image.png` }, { url: through(targets().metadata) }],
    });
    expect(victim.connections).toBe(0);
  });
});

describe('afterwards', () => {
  it('the server is unharmed: healthy, still taking pins, memory in bounds', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const fresh = await patternImage(300, 200, 'png', 1);
    const response = await createPin(base64(fresh));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.media.images['600x'].width).toBe(300);
    expect(victim.connections).toBe(0);
    const grown = process.memoryUsage().rss - rssBefore;
    expect(grown, `RSS grew by ${Math.round(grown / 1024 / 1024)} MB`).toBeLessThan(256 * 1024 * 1024);
  });
});
