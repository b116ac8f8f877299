// Turns untrusted bytes into the spec's sizes with sharp. The order is what keeps hostile input
// cheap: the type is sniffed from the magic numbers, the dimensions are read from the header
// (sharp's metadata decodes no pixels) and checked against MAX_IMAGE_PIXELS, and only then is
// anything decoded, with sharp's own pixel limit as a second guard. Every decoder failure is the
// client's problem (400), never a 500.
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { dominantColor } from './color.ts';
import { corruptImage, tooLong, tooManyPixels, unsupportedType } from './errors.ts';
import { DHASH_HEIGHT, DHASH_WIDTH, dHash, toSignedDecimal } from './phash.ts';
import { type Dimensions, SIZE_NAMES, SIZE_SPECS, type SizeName, variantDimensions } from './sizes.ts';
import { type ImageType, MIME_TYPES, sniffImageType } from './sniff.ts';

export interface ProcessedVariant extends Dimensions {
  bytes: Buffer;
}

export interface ProcessedImage extends Dimensions {
  type: ImageType;
  mime: string;
  /** "#rrggbb" */
  dominantColor: string;
  /** 64-bit dHash as a signed decimal string. */
  phash: string;
  variants: Record<SizeName, ProcessedVariant>;
}

export interface PipelineLimits {
  maxPixels: number;
  /** Seconds one sharp operation may run before it is abandoned. */
  timeoutSeconds?: number;
}

const MAX_SIDE = 65_535;
const JPEG_OPTIONS = { quality: 82, mozjpeg: true } as const;
const WHITE = { r: 255, g: 255, b: 255 };
const SHARP_FORMAT: Record<ImageType, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'heif',
};

function isPixelLimitError(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

/** Header-only inspection: type from the bytes, then dimensions, before any pixel is decoded. */
export async function inspectImage(
  bytes: Buffer,
  limits: PipelineLimits,
): Promise<{ type: ImageType; width: number; height: number }> {
  const type = sniffImageType(bytes);
  if (!type) throw unsupportedType(bytes);
  let metadata: Metadata;
  try {
    // metadata() parses the header only; the pixel count is checked right below, with the size.
    metadata = await sharp(bytes, { limitInputPixels: false, failOn: 'error', pages: 1 }).metadata();
  } catch (error) {
    if (isPixelLimitError(error)) throw tooManyPixels(undefined, limits.maxPixels);
    throw corruptImage();
  }
  if (metadata.format !== SHARP_FORMAT[type] || (type === 'avif' && metadata.compression !== 'av1'))
    throw unsupportedType(bytes);
  const { width, height } = metadata;
  if (!(width > 0 && height > 0)) throw corruptImage();
  if (width * height > limits.maxPixels) throw tooManyPixels({ width, height }, limits.maxPixels);
  // The sizes are JPEGs, which cannot be taller or wider than this; nor can a sane picture.
  if (width > MAX_SIDE || height > MAX_SIDE) throw tooLong({ width, height }, MAX_SIDE);
  // Width and height as shown, after the EXIF orientation is applied.
  const oriented = metadata.autoOrient ?? { width, height };
  return { type, width: oriented.width, height: oriented.height };
}

export async function processImage(bytes: Buffer, limits: PipelineLimits): Promise<ProcessedImage> {
  const { type, width, height } = await inspectImage(bytes, limits);
  const input: SharpOptions = {
    limitInputPixels: limits.maxPixels,
    failOn: 'error',
    pages: 1, // an animated GIF or WebP shows its first frame
    autoOrient: true,
  };
  const open = (): Sharp =>
    sharp(bytes, input)
      .timeout({ seconds: limits.timeoutSeconds ?? 60 })
      .flatten({ background: WHITE });
  const original = { width, height };
  try {
    const variants = {} as Record<SizeName, ProcessedVariant>;
    // One size at a time: each decode is bounded by the pixel limit, and they never pile up.
    for (const name of SIZE_NAMES) {
      const target = variantDimensions(name, original);
      const fit = SIZE_SPECS[name].height === undefined ? 'fill' : 'cover';
      const { data, info } = await open()
        .resize(target.width, target.height, { fit, position: 'centre' })
        .jpeg(JPEG_OPTIONS)
        .toBuffer({ resolveWithObject: true });
      variants[name] = { bytes: data, width: info.width, height: info.height };
    }
    const gray = await open()
      .resize(DHASH_WIDTH, DHASH_HEIGHT, { fit: 'fill' })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const colour = await open()
      .resize(64, 64, { fit: 'inside' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      type,
      mime: MIME_TYPES[type],
      width,
      height,
      dominantColor: dominantColor(colour.data, colour.info.channels),
      phash: toSignedDecimal(dHash(firstChannel(gray.data, gray.info.channels))),
      variants,
    };
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw error; // a bug, not the input
    if (isPixelLimitError(error)) throw tooManyPixels(original, limits.maxPixels);
    throw corruptImage();
  }
}

function firstChannel(data: Buffer, channels: number): Uint8Array {
  if (channels === 1) return data;
  const out = new Uint8Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels]!;
  return out;
}
