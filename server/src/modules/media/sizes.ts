// The spec's image sizes, how each is cut from the original, and where each file lives. Pure.
import { EXTENSIONS, type ImageType, MIME_TYPES } from './sniff.ts';

export const SIZE_NAMES = ['150x150', '400x300', '600x', '1200x'] as const;
export type SizeName = (typeof SIZE_NAMES)[number];
export type VariantName = SizeName | 'original';

interface SizeSpec {
  width: number;
  /** Fixed boxes are cover-cropped to exactly width x height; the others keep the aspect ratio. */
  height?: number;
}

export const SIZE_SPECS: Record<SizeName, SizeSpec> = {
  '150x150': { width: 150, height: 150 },
  '400x300': { width: 400, height: 300 },
  '600x': { width: 600 },
  '1200x': { width: 1200 },
};

export interface Dimensions {
  width: number;
  height: number;
}

/**
 * The size of a variant of an original of the given (EXIF-oriented) size. Fixed boxes are filled
 * exactly (cover crop, as Pinterest does, enlarging a smaller original); width-only sizes are
 * never wider than the original, and keep its aspect ratio.
 */
export function variantDimensions(name: SizeName, original: Dimensions): Dimensions {
  const spec = SIZE_SPECS[name];
  if (spec.height !== undefined) return { width: spec.width, height: spec.height };
  const width = Math.min(spec.width, original.width);
  const height = Math.max(1, Math.round((original.height * width) / original.width));
  return { width, height };
}

/** The storage key of a variant: "ab/<sha256>/600x.jpg", or "ab/<sha256>/original.png". */
export function variantKey(sha256: string, name: VariantName, type: ImageType = 'jpeg'): string {
  const extension = name === 'original' ? EXTENSIONS[type] : 'jpg';
  return `${sha256.slice(0, 2)}/${sha256}/${name}.${extension}`;
}

const KEY_PATTERN =
  /^([0-9a-f]{2})\/([0-9a-f]{64})\/(?:(150x150|400x300|600x|1200x)\.jpg|original\.(jpg|png|webp|gif|avif))$/;
const TYPE_BY_EXTENSION = Object.fromEntries(
  Object.entries(EXTENSIONS).map(([type, extension]) => [extension, type as ImageType]),
) as Record<string, ImageType>;

export interface MediaKey {
  key: string;
  sha256: string;
  name: VariantName;
  contentType: string;
}

/**
 * A storage key taken from a URL, or undefined unless it is exactly one this module makes. Only
 * lowercase hex, the size names and known extensions pass, so no path can escape the media root.
 */
export function parseMediaKey(key: string): MediaKey | undefined {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const [, prefix, sha256 = '', size, originalExtension] = match;
  if (!sha256.startsWith(prefix ?? '-')) return undefined;
  const name: VariantName = (size as SizeName | undefined) ?? 'original';
  const type = originalExtension ? TYPE_BY_EXTENSION[originalExtension] : 'jpeg';
  return { key, sha256, name, contentType: MIME_TYPES[type ?? 'jpeg'] };
}

/** The public URL of a stored file, under PUBLIC_URL. */
export function mediaUrl(publicUrl: string, key: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/media/${key}`;
}
