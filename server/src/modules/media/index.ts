// The media module: image ingestion (base64 and image_url), the spec's sizes, storage and serving.
export { base64BodyLimit } from './base64.ts';
export { blockedReason, isPublicAddress } from './ip-ranges.ts';
export { hammingDistance } from './phash.ts';
export { mediaRoutes } from './routes.ts';
export { type ImageDetails, ImageDetailsSchema, type ImageSize, ImageSizeSchema } from './schemas.ts';
export { type ImageRow, MediaService, type MediaServiceOptions, type StoredImage } from './service.ts';
export { SIZE_NAMES, type SizeName, type VariantName } from './sizes.ts';
export { LocalDiskStorage, type MediaStorage, type StoredObject } from './storage.ts';
