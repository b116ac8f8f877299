// Maps stored pins to Pinterest's Pin JSON. No I/O: the service loads rows and images first.
import type { Principal } from '../../platform/principal.ts';
import type { PinImageRow, PinWithBoard } from './repo.ts';
import type { Pin } from './schemas.ts';

export type ImageSizesOf = (
  image: Pick<PinImageRow, 'width' | 'height' | 'variants'>,
) => Pin['media'] extends infer M ? (M extends { images: infer S } ? S : never) : never;

export function groupImages(rows: PinImageRow[]): Map<string, PinImageRow[]> {
  const byPin = new Map<string, PinImageRow[]>();
  for (const row of rows) {
    const list = byPin.get(row.pin_id) ?? [];
    list.push(row);
    byPin.set(row.pin_id, list);
  }
  return byPin;
}

export function toPin(
  row: PinWithBoard,
  images: PinImageRow[],
  viewer: Principal | null,
  withMetrics: boolean,
  sizesOf: ImageSizesOf,
): Pin {
  const first = images[0];
  const media: Pin['media'] =
    row.media_type === 'multiple_images'
      ? {
          media_type: 'multiple_images',
          items: images.map((image) => ({
            item_type: 'image' as const,
            images: sizesOf(image),
            title: image.title,
            description: image.description,
            link: image.link,
          })),
        }
      : { media_type: 'image', images: first ? sizesOf(first) : emptySizes() };
  return {
    id: row.id,
    created_at: new Date(row.created_at).toISOString(),
    link: row.link,
    title: row.title,
    description: row.description,
    dominant_color: row.dominant_color,
    alt_text: row.alt_text,
    creative_type: row.creative_type,
    board_id: row.board_id,
    board_section_id: row.section_id,
    board_owner: { username: row.board_owner_username },
    is_owner: viewer?.userId === row.owner_id,
    media,
    parent_pin_id: row.parent_pin_id,
    is_standard: row.is_standard,
    has_been_promoted: false,
    pin_metrics: withMetrics ? metricsOf(row) : null,
  };
}

// Engagement that the data platform's rollups will extend (impressions, clicks); saves, comments
// and reactions are counted as they happen.
function metricsOf(row: PinWithBoard): NonNullable<Pin['pin_metrics']> {
  return {
    '90d': { pin_click: 0, impression: 0, clickthrough: 0 },
    lifetime_metrics: {
      pin_click: 0,
      impression: 0,
      clickthrough: 0,
      save: row.save_count,
      reaction: row.reaction_count,
      comment: row.comment_count,
    },
  };
}

function emptySizes() {
  const none = { width: null, height: null, url: '' };
  return { '150x150': none, '400x300': none, '600x': none, '1200x': none };
}
