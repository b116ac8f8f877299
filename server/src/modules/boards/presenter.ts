// Rows to the spec's JSON. Pure functions: no database, no rules.
import type { ImageVariant } from '../../db/schema.ts';
import type { BoardView, MediaRow, SectionRow } from './repo.ts';
import type { Board, BoardMedia, BoardSection } from './schemas.ts';

export const NO_MEDIA: BoardMedia = { image_cover_url: null, pin_thumbnail_urls: [] };

const iso = (value: Date | string) => new Date(value).toISOString();

/** A board row (with its owner's username) as Pinterest's Board. */
export function toBoard(row: BoardView, media: BoardMedia = NO_MEDIA): Board {
  return {
    id: row.id,
    created_at: iso(row.created_at),
    board_pins_modified_at: iso(row.pins_modified_at),
    name: row.name,
    description: row.description,
    collaborator_count: row.collaborator_count,
    pin_count: row.pin_count,
    follower_count: row.follower_count,
    media,
    owner: { username: row.owner_username },
    privacy: row.privacy,
    is_ads_only: false,
  };
}

export function toSection(row: SectionRow): BoardSection {
  return { id: row.id, name: row.name };
}

/**
 * Board.media per board id from the first images of its first pins: the first pin's 400x300 size
 * is the cover, and the 150x150 sizes of up to four pins are the thumbnails. Image files are
 * served by the media module under `${publicUrl}/media/`.
 */
export function mediaByBoard(rows: MediaRow[], publicUrl: string): Map<string, BoardMedia> {
  const base = publicUrl.replace(/\/+$/, '');
  const url = (variant: ImageVariant | undefined) => (variant ? `${base}/media/${variant.key}` : null);
  const result = new Map<string, BoardMedia>();
  for (const row of rows) {
    let media = result.get(row.board_id);
    if (!media) {
      media = { image_cover_url: url(row.variants['400x300']), pin_thumbnail_urls: [] };
      result.set(row.board_id, media);
    }
    const thumbnail = url(row.variants['150x150']);
    if (thumbnail && media.pin_thumbnail_urls.length < 4) media.pin_thumbnail_urls.push(thumbnail);
  }
  return result;
}
