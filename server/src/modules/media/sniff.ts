// What kind of file the bytes are, from their magic numbers alone: a declared content type is never
// trusted. Pure (no I/O), so it is cheap to run before any decoder sees hostile data.

export const IMAGE_TYPES = ['jpeg', 'png', 'webp', 'gif', 'avif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const MIME_TYPES: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

export const EXTENSIONS: Record<ImageType, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'avif',
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[] | string, offset = 0): boolean {
  const expected = typeof prefix === 'string' ? [...prefix].map((c) => c.charCodeAt(0)) : prefix;
  if (bytes.length < offset + expected.length) return false;
  return expected.every((value, i) => bytes[offset + i] === value);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The brands of an ISO-BMFF `ftyp` box at the start of the data (major brand first), if any. */
export function ftypBrands(bytes: Uint8Array): string[] {
  if (!startsWith(bytes, 'ftyp', 4) || bytes.length < 16) return [];
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (size < 16 || size > bytes.length || size > 4096 || size % 4 !== 0) return [];
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= size; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

/** The image type the bytes are, or undefined when they are none of the accepted ones. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return 'gif';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'webp';
  const brands = ftypBrands(bytes);
  if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  return undefined;
}

/** A short name for common non-image (or unsupported image) data, to make the 400 message clear. */
export function describeUnsupported(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, '%PDF-')) return 'a PDF document';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return 'a ZIP archive';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip data';
  if (startsWith(bytes, 'II*\0') || startsWith(bytes, 'MM\0*')) return 'a TIFF image';
  if (startsWith(bytes, 'BM')) return 'a BMP image';
  if (ftypBrands(bytes).some((b) => ['heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(b)))
    return 'a HEIC image';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg)/i.test(head)) return 'an SVG image';
  if (/^(<!doctype html|<html)/i.test(head)) return 'an HTML page';
  return undefined;
}

export function unsupportedTypeMessage(bytes: Uint8Array): string {
  const kind = describeUnsupported(bytes);
  const detail = kind === 'empty' ? ' (it is empty)' : kind ? ` (it looks like ${kind})` : '';
  return `Unsupported image type: the data is not JPEG, PNG, WebP, GIF or AVIF${detail}.`;
}
