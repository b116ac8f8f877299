// Hostile uploads: lying types, non-images, truncated files, decompression bombs, oversized bodies
// and bad base64. Each is a 400 with code 1, never a 500, and the server is unharmed afterwards.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { base64BodyLimit, type MediaService } from './index.ts';
import { gifBomb, jpegBomb, noiseImage, patternImage, pngBomb, solidImage } from './test-images.ts';

let t: TestApp;
let small: TestApp;
let media: MediaService;

/** A test-only upload route, shaped like the pins route will be (body limit from base64BodyLimit). */
function uploadRoute(app: TestApp['app']) {
  app.post('/test/media', { bodyLimit: base64BodyLimit(app.services.ctx.config) }, async (request) => {
    const body = request.body as { data: string; content_type?: string };
    const image = await app.services.media.ingestBase64(body.data, body.content_type);
    return { id: image.id, mime: image.mime, images: app.services.media.imageSizes(image) };
  });
}

beforeAll(async () => {
  t = await startTestApp({}, uploadRoute);
  small = await startTestApp({ maxUploadBytes: 64 * 1024, maxImagePixels: 100_000 }, uploadRoute);
  media = t.app.services.media;
});
afterAll(async () => {
  await t?.close();
  await small?.close();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(400);
  expect((error as AppError).code).toBe(1);
  return error as AppError;
}

const upload = (app: TestApp, data: string, contentType = 'image/jpeg') =>
  app.app.inject({ method: 'POST', url: '/test/media', payload: { data, content_type: contentType } });

describe('types are read from the bytes', () => {
  it('accepts PNG bytes declared as image/jpeg, as the PNG they are', async () => {
    const png = await patternImage(64, 48, 'png');
    const response = await upload(t, png.toString('base64'), 'image/jpeg');
    expect(response.statusCode).toBe(200);
    expect(response.json().mime).toBe('image/png');
  });

  it.each([
    ['text', () => Buffer.from('This is not an image, whatever the header says.\n'), undefined],
    ['a ZIP archive', () => Buffer.from('504b0304140000000800', 'hex'), 'a ZIP archive'],
    ['a PDF', () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'), 'a PDF document'],
    [
      'an SVG (which sharp would render)',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'),
      'an SVG image',
    ],
    ['a TIFF (which sharp would decode)', () => patternImage(32, 32, 'tiff'), 'a TIFF image'],
    ['an HTML page', () => Buffer.from('<!doctype html><title>x</title>'), 'an HTML page'],
  ])('refuses %s declared as image/jpeg', async (_name, make, looksLike) => {
    const bytes = await make();
    const error = await rejection(media.ingestBase64(bytes.toString('base64'), 'image/jpeg'));
    expect(error.message).toMatch(/^Unsupported image type: the data is not JPEG, PNG, WebP, GIF or AVIF/);
    if (looksLike) expect(error.message).toContain(looksLike);
    const response = await upload(t, bytes.toString('base64'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 1, message: error.message });
  });

  it('refuses a JPEG signature followed by garbage', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]);
    await rejection(media.ingestBase64(fake.toString('base64')));
  });
});

describe('truncated files', () => {
  it.each(['jpeg', 'png', 'webp', 'gif', 'avif'] as const)('refuses a truncated %s', async (format) => {
    const whole = await noiseImage(300, 200, format);
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    const error = await rejection(media.ingestBase64(cut.toString('base64')));
    expect(error.message).toMatch(/corrupt or truncated|Unsupported image type/);
  });
});

describe('decompression bombs', () => {
  it.each([
    ['a PNG claiming 100000x100000', async () => pngBomb(100_000, 100_000), '100000x100000'],
    ['a PNG claiming 10000x6000 (60 MP)', async () => pngBomb(10_000, 6_000), '10000x6000'],
    ['a JPEG claiming 65000x65000', () => jpegBomb(65_000, 65_000), '65000x65000'],
    ['a GIF claiming 65535x65535', () => gifBomb(65_535, 65_535), '65535x65535'],
  ])('refuses %s quickly without decoding it', async (_name, make, size) => {
    const bomb = await make();
    expect(bomb.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    for (let i = 0; i < 5; i++) {
      const error = await rejection(media.ingestBase64(bomb.toString('base64')));
      expect(error.message).toBe(
        `The image is too large: ${size} pixels is more than the limit of 50000000 pixels.`,
      );
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a side longer than a JPEG can be, even under the pixel limit', async () => {
    const error = await rejection(media.ingestBase64(pngBomb(70_000, 10).toString('base64')));
    expect(error.message).toBe(
      'The image is too large: 70000x10 pixels has a side longer than 65535 pixels.',
    );
  });

  it('refuses a real image over MAX_IMAGE_PIXELS', async () => {
    const big = await solidImage(400, 300, 'png', '#336699'); // 120000 pixels > 100000
    const response = await upload(small, big.toString('base64'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 1,
      message: 'The image is too large: 400x300 pixels is more than the limit of 100000 pixels.',
    });
  });
});

describe('size limits', () => {
  it('refuses a 30 MB body before reading it into a service', async () => {
    const data = 'A'.repeat(30 * 1024 * 1024);
    const response = await upload(t, data);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 1, message: 'Request body is too large.' });
  });

  it('refuses 30 MB of bytes or base64 in the service without decoding', async () => {
    const error = await rejection(media.ingestBytes(Buffer.alloc(30 * 1024 * 1024, 1)));
    expect(error.message).toBe(`The image is too large: the limit is ${20 * 1024 * 1024} bytes.`);
    await rejection(media.ingestBase64('QUFB'.repeat(10 * 1024 * 1024)));
  });

  it('refuses an image over MAX_UPLOAD_BYTES that fits the body limit', async () => {
    const noisy = await noiseImage(150, 150, 'png'); // about 67 KB, over the 64 KiB cap
    expect(noisy.length).toBeGreaterThan(64 * 1024);
    const response = await upload(small, noisy.toString('base64'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 1,
      message: 'The image is too large: the limit is 65536 bytes.',
    });
  });
});

describe('base64', () => {
  it.each([
    ['characters outside the alphabet', 'iVBORw0KGgo$$$$'],
    ['a data: URL', 'data:image/png;base64,iVBORw0KGgo='],
    ['a dangling character', 'iVBORw0KG'],
    ['padding in the middle', 'iVBO=w0KGgo='],
    ['nothing', ''],
  ])('refuses %s', async (_name, data) => {
    const error = await rejection(media.ingestBase64(data));
    expect(error.message).toMatch(/not valid base64|empty/);
  });

  it('accepts line-wrapped base64', async () => {
    const png = await solidImage(10, 10, 'png', '#abcdef');
    const wrapped = png.toString('base64').replace(/(.{60})/g, '$1\r\n');
    const image = await media.ingestBase64(wrapped);
    expect(image.dominant_color).toBe('#abcdef');
  });
});

describe('after all that', () => {
  it('still serves, and still takes a good image', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const jpeg = await sharp(await patternImage(1300, 900, 'png'))
      .jpeg()
      .toBuffer();
    const response = await upload(t, jpeg.toString('base64'));
    expect(response.statusCode).toBe(200);
    expect(response.json().images['1200x']).toMatchObject({ width: 1200, height: 831 });
  });
});
