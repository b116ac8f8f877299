// Ingestion end to end on real images made with sharp: sizes, colours, hashes, dedup, storage and
// the /media serving route.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { hammingDistance, type MediaService, SIZE_NAMES, type StoredImage } from './index.ts';
import { animatedGif, noiseImage, patternImage, patternPixels, solidImage } from './test-images.ts';

let t: TestApp;
let media: MediaService;
beforeAll(async () => {
  t = await startTestApp({ publicUrl: 'https://pins.example' });
  media = t.app.services.media;
});
afterAll(async () => t?.close());

const FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif'] as const;

function pathOf(url: string): string {
  expect(url.startsWith('https://pins.example/media/')).toBe(true);
  return url.slice('https://pins.example'.length);
}

function closeTo(hex: string, expected: string, tolerance: number): boolean {
  const channels = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
  const a = channels(hex);
  const b = channels(expected);
  return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
}

describe('ingesting each accepted type', () => {
  it.each(FORMATS)('stores a %s in the four sizes plus the original', async (format) => {
    const bytes = await patternImage(2000, 1000, format);
    const image = await media.ingestBase64(bytes.toString('base64'), 'image/jpeg');
    expect(image).toMatchObject({ width: 2000, height: 1000, bytes: bytes.length, mime: `image/${format}` });
    expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(image.dominant_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(image.phash).toMatch(/^-?\d+$/);
    expect(media.imageSizes(image)).toEqual({
      '150x150': { width: 150, height: 150, url: expect.stringMatching(/\/150x150\.jpg$/) },
      '400x300': { width: 400, height: 300, url: expect.stringMatching(/\/400x300\.jpg$/) },
      '600x': { width: 600, height: 300, url: expect.stringMatching(/\/600x\.jpg$/) },
      '1200x': { width: 1200, height: 600, url: expect.stringMatching(/\/1200x\.jpg$/) },
    });
    // The files are real JPEGs of the recorded size; the original is the bytes as sent.
    for (const name of SIZE_NAMES) {
      const response = await t.app.inject({ url: pathOf(media.imageSizes(image)[name].url) });
      expect(response.statusCode).toBe(200);
      const meta = await sharp(response.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([
        'jpeg',
        image.variants[name]!.width,
        image.variants[name]!.height,
      ]);
    }
    const original = await t.app.inject({ url: pathOf(media.variantUrl(image, 'original')!) });
    expect(original.headers['content-type']).toBe(`image/${format}`);
    expect(original.rawPayload.equals(bytes)).toBe(true);
  });

  it('keeps small originals small in the width-only sizes and fills the fixed boxes', async () => {
    const image = await media.ingestBase64((await patternImage(300, 200, 'png')).toString('base64'));
    expect(image.variants).toMatchObject({
      '150x150': { width: 150, height: 150 },
      '400x300': { width: 400, height: 300 },
      '600x': { width: 300, height: 200 },
      '1200x': { width: 300, height: 200 },
      original: { width: 300, height: 200 },
    });
  });

  it('applies the EXIF orientation', async () => {
    const raw = { raw: { width: 200, height: 100, channels: 3 as const } };
    const rotated = await sharp(patternPixels(200, 100), raw)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await media.ingestBase64(rotated.toString('base64'));
    expect([image.width, image.height]).toEqual([100, 200]);
    expect(image.variants['600x']).toMatchObject({ width: 100, height: 200 });
  });

  it('records the dominant colour', async () => {
    const png = await media.ingestBase64(
      (await solidImage(200, 200, 'png', '#e01010', { colour: '#1010e0', size: 80 })).toString('base64'),
    );
    expect(png.dominant_color).toBe('#e01010');
    const jpeg = await media.ingestBase64((await solidImage(300, 200, 'jpeg', '#2a7f3c')).toString('base64'));
    expect(closeTo(jpeg.dominant_color, '#2a7f3c', 6)).toBe(true);
  });

  it('flattens transparency onto white', async () => {
    const transparent = await sharp({
      create: { width: 120, height: 90, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const image = await media.ingestBase64(transparent.toString('base64'));
    expect(image.dominant_color).toBe('#ffffff');
    const thumb = await t.app.inject({ url: pathOf(media.imageSizes(image)['150x150'].url) });
    const stats = await sharp(thumb.rawPayload).stats();
    expect(stats.channels.map((c) => Math.round(c.mean))).toEqual([255, 255, 255]);
  });

  it('shows the first frame of an animated GIF', async () => {
    const gif = await animatedGif(60, 40);
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const image = await media.ingestBase64(gif.toString('base64'));
    expect([image.width, image.height, image.dominant_color]).toEqual([60, 40, '#ff0000']);
  });
});

describe('deduplication and perceptual hashes', () => {
  it('stores an identical file once, and does not process it again', async () => {
    const bytes = await noiseImage(320, 240, 'png', 7);
    const [a, b] = await Promise.all([
      media.ingestBase64(bytes.toString('base64')),
      media.ingestBase64(bytes.toString('base64')),
    ]);
    expect(b.id).toBe(a.id);
    // With a size removed from storage, a repeat ingest returns the row and writes nothing.
    await media.storage.delete(a.variants['600x']!.key);
    const c = await media.ingestBase64(bytes.toString('base64').replace(/(.{76})/g, '$1\n'));
    expect(c).toEqual(a);
    expect(await media.storage.exists(a.variants['600x']!.key)).toBe(false);
    const rows = await t.app.services.ctx.db
      .selectFrom('images')
      .select('id')
      .where('sha256', '=', a.sha256)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('gives the same picture in other encodings a near hash, and a different picture a far one', async () => {
    const ingest = async (bytes: Buffer) => media.ingestBase64(bytes.toString('base64'));
    const original = await ingest(await patternImage(800, 600, 'png'));
    const smallJpeg = await ingest(
      await sharp(await patternImage(800, 600, 'png'))
        .resize(400)
        .jpeg({ quality: 40 })
        .toBuffer(),
    );
    const mirrored = await ingest(
      await sharp(await patternImage(800, 600, 'png'))
        .flop()
        .png()
        .toBuffer(),
    );
    const noise = await ingest(await noiseImage(800, 600, 'png', 3));
    expect(smallJpeg.id).not.toBe(original.id);
    expect(hammingDistance(original.phash, smallJpeg.phash)).toBeLessThanOrEqual(4);
    expect(hammingDistance(original.phash, mirrored.phash)).toBeGreaterThan(16);
    expect(hammingDistance(original.phash, noise.phash)).toBeGreaterThan(16);
  });

  it('finds images by id, in the order asked, ignoring unknown and malformed ids', async () => {
    const a = await media.ingestBase64((await solidImage(20, 20, 'png', '#010203')).toString('base64'));
    const b = await media.ingestBase64((await solidImage(20, 20, 'png', '#040506')).toString('base64'));
    const found = await media.findByIds([b.id, 'nope', a.id, '1', b.id, '99999999999999999999', '']);
    expect(found.map((row) => row.id)).toEqual([b.id, a.id]);
    expect(await media.findByIds([])).toEqual([]);
  });
});

describe('GET /media/*', () => {
  let image: StoredImage;
  beforeAll(async () => {
    image = await media.ingestBase64((await patternImage(640, 480, 'webp')).toString('base64'));
  });

  it('serves immutable files with a strong ETag, and 304 for a matching If-None-Match', async () => {
    const url = pathOf(media.imageSizes(image)['400x300'].url);
    const first = await t.app.inject({ url });
    expect(first.statusCode).toBe(200);
    expect(first.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-length': String(first.rawPayload.length),
    });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}-400x300"$/);
    const again = await t.app.inject({ url, headers: { 'if-none-match': `"other", ${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const changed = await t.app.inject({ url, headers: { 'if-none-match': '"other"' } });
    expect(changed.statusCode).toBe(200);
    const head = await t.app.inject({ method: 'HEAD', url });
    expect([head.statusCode, head.headers['content-length'], head.rawPayload.length]).toEqual([
      200,
      String(first.rawPayload.length),
      0,
    ]);
  });

  it('needs no credentials', async () => {
    const response = await t.app.inject({ url: pathOf(media.variantUrl(image, 'original')!) });
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'image/webp']);
  });

  it.each([
    ['an unknown image', () => `/media/00/${'0'.repeat(64)}/600x.jpg`],
    ['a wrong extension', () => `/media/${image.sha256.slice(0, 2)}/${image.sha256}/original.png`],
    ['an unknown size', () => `/media/${image.sha256.slice(0, 2)}/${image.sha256}/100x.jpg`],
    ['a mismatched prefix', () => `/media/zz/${image.sha256}/600x.jpg`],
    ['dot segments', () => '/media/../../package.json'],
    ['encoded dot segments', () => '/media/%2e%2e/%2e%2e/package.json'],
    ['encoded slashes', () => `/media/..%2F..%2F..%2Fetc%2Fpasswd`],
    ['a temp file name', () => `/media/${image.sha256.slice(0, 2)}/${image.sha256}/.tmp-00`],
    ['the bare prefix', () => '/media/'],
  ])('answers 404 JSON for %s', async (_name, url) => {
    const response = await t.app.inject({ url: url() });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 404, message: expect.any(String) });
  });
});
