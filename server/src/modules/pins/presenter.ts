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

/** A pin's engagement counts over a period, as the analytics rollups keep them. */
export interface EngagementCounts {
  impression: number;
  pin_click: number;
  outbound_click: number;
  save: number;
}

/** The rollups' totals for one pin: the last 90 days (today included) and its lifetime. */
export interface PinEngagement {
  last90Days: EngagementCounts;
  lifetime: EngagementCounts;
}

export function toPin(
  row: PinWithBoard,
  images: PinImageRow[],
  viewer: Principal | null,
  withMetrics: boolean,
  sizesOf: ImageSizesOf,
  engagement?: PinEngagement,
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
    pin_metrics: withMetrics ? metricsOf(row, engagement) : null,
  };
}

const NO_ENGAGEMENT: EngagementCounts = { impression: 0, pin_click: 0, outbound_click: 0, save: 0 };

const saveRate = (saves: number, impressions: number) => (impressions === 0 ? 0 : saves / impressions);

// Impressions, pin clicks (closeups), outbound clicks ("clickthrough" in Pinterest's example) and
// 90-day saves come from the analytics rollups. The lifetime save is save_count, which counts the
// same save events with the same attribution (the pin saved and its root original) but in the
// save's own transaction, so a save shows at once; comments and reactions are counted likewise.
function metricsOf(
  row: PinWithBoard,
  engagement: PinEngagement | undefined,
): NonNullable<Pin['pin_metrics']> {
  const recent = engagement?.last90Days ?? NO_ENGAGEMENT;
  const lifetime = engagement?.lifetime ?? NO_ENGAGEMENT;
  return {
    '90d': {
      impression: recent.impression,
      pin_click: recent.pin_click,
      outbound_click: recent.outbound_click,
      clickthrough: recent.outbound_click,
      save: recent.save,
      save_rate: saveRate(recent.save, recent.impression),
    },
    lifetime_metrics: {
      impression: lifetime.impression,
      pin_click: lifetime.pin_click,
      outbound_click: lifetime.outbound_click,
      clickthrough: lifetime.outbound_click,
      save: row.save_count,
      save_rate: saveRate(row.save_count, lifetime.impression),
      reaction: row.reaction_count,
      comment: row.comment_count,
    },
  };
}

function emptySizes() {
  const none = { width: null, height: null, url: '' };
  return { '150x150': none, '400x300': none, '600x': none, '1200x': none };
}
