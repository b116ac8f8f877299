import { createHash } from 'node:crypto';
import { ConfigError } from '../../config.ts';
import type { ImageVariant } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { decodeBase64 } from './base64.ts';
import { emptyImage, fetchFailed, invalidBase64, tooManyBytes } from './errors.ts';
import { FetchRefusedError, fetchImage, type Resolver } from './fetch-url.ts';
import { type AllowEntry, parseAllowList } from './ip-ranges.ts';
import { processImage } from './pipeline.ts';
import * as repo from './repo.ts';
import type { ImageSize } from './schemas.ts';
import {
  type MediaKey,
  mediaUrl,
  parseMediaKey,
  SIZE_NAMES,
  type SizeName,
  type VariantName,
  variantKey,
} from './sizes.ts';
import { sniffImageType } from './sniff.ts';
import { LocalDiskStorage, type MediaStorage, type StoredObject } from './storage.ts';

export type { ImageRow } from './repo.ts';

/** An image as stored: one row per distinct original (by sha256), with its sizes. */
export interface StoredImage {
  id: string;
  sha256: string;
  /** The original's type, detected from its bytes. */
  mime: string;
  /** The original's size as shown (EXIF orientation applied). */
  width: number;
  height: number;
  /** The original's length in bytes. */
  bytes: number;
  /** "#rrggbb" */
  dominant_color: string;
  /** 64-bit perceptual hash (dHash) as a signed decimal string; compare with hammingDistance. */
  phash: string;
  /** "150x150", "400x300", "600x", "1200x" and "original", each with its storage key and size. */
  variants: Record<string, ImageVariant>;
}

export interface MediaServiceOptions {
  /** Where files go; LocalDiskStorage under MEDIA_DIR unless given. */
  storage?: MediaStorage;
  /** Host name resolution for image_url fetches; the system resolver unless given (tests). */
  resolve?: Resolver;
}

const ID_PATTERN = /^\d{1,19}$/;
const MAX_BIGINT = 9223372036854775807n;

export class MediaService {
  readonly storage: MediaStorage;
  private readonly allowList: AllowEntry[];
  private readonly resolve: Resolver | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    options: MediaServiceOptions = {},
  ) {
    this.storage = options.storage ?? new LocalDiskStorage(ctx.config.mediaDir);
    this.resolve = options.resolve;
    try {
      this.allowList = parseAllowList(ctx.config.imageFetchAllowHosts);
    } catch (error) {
      throw new ConfigError([`IMAGE_FETCH_ALLOW_HOSTS: ${(error as Error).message}`]);
    }
  }

  /**
   * Stores an image sent as base64 (image_base64 / multiple_image_base64). Whitespace is ignored.
   * The declared content type is not trusted: the type is detected from the bytes, so PNG data
   * declared image/jpeg is stored as the PNG it is, and non-image data is refused whatever it claims.
   */
  async ingestBase64(data: string, declaredContentType?: string): Promise<StoredImage> {
    const decoded = decodeBase64(data, this.ctx.config.maxUploadBytes);
    if (!decoded.ok) {
      throw decoded.reason === 'too large' ? tooManyBytes(this.ctx.config.maxUploadBytes) : invalidBase64();
    }
    const detected = sniffImageType(decoded.bytes);
    if (declaredContentType && detected && declaredContentType !== `image/${detected}`) {
      this.ctx.log.debug({ declaredContentType, detected }, 'image type differs from the declared one');
    }
    return this.ingestBytes(decoded.bytes);
  }

  /** Fetches an image_url (SSRF-guarded, size- and time-capped) and stores it. */
  async ingestUrl(url: string): Promise<StoredImage> {
    const { config } = this.ctx;
    let bytes: Buffer;
    try {
      ({ bytes } = await fetchImage(url, {
        maxBytes: config.maxUploadBytes,
        timeoutMs: config.imageFetchTimeoutMs,
        allowList: this.allowList,
        resolve: this.resolve,
        userAgent: `Corkboard (+${config.publicUrl})`,
      }));
    } catch (error) {
      if (error instanceof FetchRefusedError) throw fetchFailed(error.message);
      throw error;
    }
    return this.ingestBytes(bytes);
  }

  /**
   * Stores an image from its bytes. An identical file (same SHA-256) is stored once: a second
   * ingest returns the existing row without decoding anything.
   */
  async ingestBytes(bytes: Buffer): Promise<StoredImage> {
    const { config, db } = this.ctx;
    if (bytes.length === 0) throw emptyImage();
    if (bytes.length > config.maxUploadBytes) throw tooManyBytes(config.maxUploadBytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = await repo.findImageBySha256(db, sha256);
    if (existing) return existing;

    const image = await processImage(bytes, { maxPixels: config.maxImagePixels });
    const variants: Record<string, ImageVariant> = {
      original: { width: image.width, height: image.height, key: variantKey(sha256, 'original', image.type) },
    };
    const files: [string, Uint8Array][] = [[variants.original!.key, bytes]];
    for (const name of SIZE_NAMES) {
      const variant = image.variants[name];
      const key = variantKey(sha256, name);
      variants[name] = { width: variant.width, height: variant.height, key };
      files.push([key, variant.bytes]);
    }
    // Files first, then the row: a row never points at files that are not there yet.
    await Promise.all(files.map(([key, data]) => this.storage.put(key, data)));
    const row = await repo.insertImage(db, {
      sha256,
      mime: image.mime,
      width: image.width,
      height: image.height,
      bytes: bytes.length,
      dominant_color: image.dominantColor,
      phash: image.phash,
      variants,
    });
    // Lost a race with a concurrent ingest of the same file: its row (and the same files) stand.
    return row ?? (await repo.findImageBySha256(db, sha256))!;
  }

  /**
   * The spec's ImageSize for an image (a StoredImage, an ImageRow, or anything carrying their
   * `variants`): each size's width, height and public URL.
   */
  imageSizes(image: Pick<StoredImage, 'variants'>): ImageSize {
    const entry = (name: SizeName) => {
      const variant = image.variants[name];
      if (!variant) return { width: null, height: null, url: this.variantUrl(image, 'original') ?? '' };
      return {
        width: variant.width,
        height: variant.height,
        url: mediaUrl(this.ctx.config.publicUrl, variant.key),
      };
    };
    return {
      '150x150': entry('150x150'),
      '400x300': entry('400x300'),
      '600x': entry('600x'),
      '1200x': entry('1200x'),
    };
  }

  /** The public URL of one stored variant ("original" included). */
  variantUrl(image: Pick<StoredImage, 'variants'>, name: VariantName): string | undefined {
    const key = image.variants[name]?.key;
    return key ? mediaUrl(this.ctx.config.publicUrl, key) : undefined;
  }

  /** Images by id, in the order asked (unknown and malformed ids are left out, repeats once). */
  async findByIds(ids: readonly string[]): Promise<repo.ImageRow[]> {
    const wanted = [...new Set(ids)].filter((id) => ID_PATTERN.test(id) && BigInt(id) <= MAX_BIGINT);
    const rows = await repo.findImagesByIds(this.ctx.db, wanted);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  /** A stored file by its public key, or undefined for keys this module never makes or lacks. */
  async open(key: string): Promise<{ media: MediaKey; object: StoredObject } | undefined> {
    const media = parseMediaKey(key);
    if (!media) return undefined;
    const object = await this.storage.get(media.key);
    return object ? { media, object } : undefined;
  }
}
