// Which pictures make a board's cover collage on a profile: one large on the left and two small
// ones stacked on the right, as Pinterest draws board covers. Pure: no I/O.
import type { Board, ImageSizes } from '../../api/types.ts';

export const COLLAGE_SLOTS = 3;

/**
 * The picture a media URL shows, whatever its size: stored sizes of one image share everything but
 * the last path segment (/media/<ab>/<sha256>/<size>.jpg), so "same picture" survives the cover
 * being 400x300 and a thumbnail 150x150.
 */
export function pictureOf(url: string): string {
  const clean = url.split(/[?#]/)[0]!;
  const slash = clean.lastIndexOf('/');
  return /\/media\//.test(clean) && slash > 0 ? clean.slice(0, slash) : clean;
}

/** Up to `slots` URLs, first come first kept, never the same picture twice. */
export function distinctPictures(
  urls: readonly (string | null | undefined)[],
  slots = COLLAGE_SLOTS,
): string[] {
  const seen = new Set<string>();
  const picked: string[] = [];
  for (const url of urls) {
    if (!url || picked.length >= slots) continue;
    const picture = pictureOf(url);
    if (seen.has(picture)) continue;
    seen.add(picture);
    picked.push(url);
  }
  return picked;
}

/**
 * The collage of a board: its cover first (the API's image_cover_url), then its pin thumbnails,
 * then, when the board's media has too few, pictures of its first pins (`fallback`).
 */
export function boardCollage(media: Board['media'], fallback: readonly string[] = []): string[] {
  return distinctPictures([media.image_cover_url, ...media.pin_thumbnail_urls, ...fallback]);
}

/** Whether the collage would be better with the board's first pins (it has pins but too few pictures). */
export function needsFallback(board: Pick<Board, 'media' | 'pin_count'>): boolean {
  return boardCollage(board.media).length < Math.min(COLLAGE_SLOTS, board.pin_count);
}

/** A pin's picture for a collage slot: the cropped 400x300 for the large one, else a small size. */
export function collageImageOf(images: ImageSizes | undefined, large: boolean): string | undefined {
  if (!images) return undefined;
  const order = large ? (['400x300', '600x', '150x150'] as const) : (['150x150', '400x300', '600x'] as const);
  for (const size of order) if (images[size]?.url) return images[size].url;
  return undefined;
}
