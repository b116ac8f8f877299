// Test support: real images made with sharp, and hand-made hostile files. Not imported by the app.
import zlib from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

type Format = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'tiff';

/** A deterministic picture with structure (gradients and a checker), so hashes have signal. */
export function patternPixels(width: number, height: number, variant = 0): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const u = variant === 0 ? x / width : y / height;
      const v = variant === 0 ? y / height : 1 - x / width;
      const checker = (Math.floor((x * 8) / width) + Math.floor((y * 6) / height)) % 2;
      pixels[i] = Math.round(255 * u);
      pixels[i + 1] = checker ? 200 : 40;
      pixels[i + 2] = Math.round(255 * v);
    }
  }
  return pixels;
}

export function encode(image: Sharp, format: Format): Promise<Buffer> {
  return image.toFormat(format, format === 'avif' ? { effort: 0 } : {}).toBuffer();
}

export function patternImage(width: number, height: number, format: Format, variant = 0): Promise<Buffer> {
  return encode(
    sharp(patternPixels(width, height, variant), { raw: { width, height, channels: 3 } }),
    format,
  );
}

/** A flat colour with a smaller square of another colour in the middle. */
export async function solidImage(
  width: number,
  height: number,
  format: Format,
  background: string,
  square?: { colour: string; size: number },
): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background } });
  if (!square) return encode(base, format);
  const inner = {
    create: { width: square.size, height: square.size, channels: 3 as const, background: square.colour },
  };
  return sharp(await base.png().toBuffer())
    .composite([{ input: inner, gravity: 'centre' }])
    .toFormat(format)
    .toBuffer();
}

/** Random noise: compresses badly, so a truncated copy keeps a valid header but loses pixel data. */
export function noiseImage(width: number, height: number, format: Format, seed = 1): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed >>> 0;
  for (let i = 0; i < pixels.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    pixels[i] = state >>> 24;
  }
  return encode(sharp(pixels, { raw: { width, height, channels: 3 } }), format);
}

/** A two-frame animated GIF: the first frame red, the second blue. */
export function animatedGif(width: number, height: number): Promise<Buffer> {
  const frame = (r: number, b: number) =>
    Buffer.alloc(width * height * 3).map((_, i) => (i % 3 === 0 ? r : i % 3 === 2 ? b : 0));
  const pixels = Buffer.concat([frame(255, 0), frame(0, 255)]);
  return sharp(pixels, { raw: { width, height: height * 2, channels: 3, pageHeight: height } })
    .gif({ loop: 0, delay: [100, 100] })
    .toBuffer();
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid-looking PNG header claiming width x height, with a few hundred bytes of pixel data. */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(64 * 1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real JPEG whose start-of-frame header is rewritten to claim width x height. */
export async function jpegBomb(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(await solidImage(16, 16, 'jpeg', '#808080'));
  for (let i = 2; i + 9 < jpeg.length; ) {
    if (jpeg[i] !== 0xff) break;
    const marker = jpeg[i + 1]!;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      jpeg.writeUInt16BE(height, i + 5);
      jpeg.writeUInt16BE(width, i + 7);
      return jpeg;
    }
    i += 2 + length;
  }
  throw new Error('no SOF marker found');
}

/** A real GIF whose logical screen and first frame are rewritten to claim width x height. */
export async function gifBomb(width: number, height: number): Promise<Buffer> {
  const gif = Buffer.from(await solidImage(16, 16, 'gif', '#808080'));
  gif.writeUInt16LE(width, 6);
  gif.writeUInt16LE(height, 8);
  const flags = gif[10]!;
  let i = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  while (gif[i] === 0x21) {
    i += 2; // extension introducer and label, then sub-blocks up to a zero length
    while (gif[i]! > 0) i += gif[i]! + 1;
    i += 1;
  }
  if (gif[i] !== 0x2c) throw new Error('no image descriptor found');
  gif.writeUInt16LE(width, i + 5);
  gif.writeUInt16LE(height, i + 7);
  return gif;
}
