// How a pin's picture sits in a grid: which stored size to load, and the box it gets before the
// image arrives (sized from the API's width and height, filled with the dominant colour), so
// nothing moves when it loads. Pure: no I/O.
import type { ImageSize, ImageSizes, Pin } from '../api/types.ts';

/** Pins taller than this (height / width) are cropped in grids, as Pinterest does. */
export const MAX_GRID_RATIO = 2.5;
/** Very wide pictures still get a box at least this tall (relative to width). */
export const MIN_GRID_RATIO = 0.4;
export const PLACEHOLDER_COLOR = '#efefef';

export interface GridImage {
  url: string;
  /** Height divided by width of the box the picture fills. */
  ratio: number;
  /** Whether the picture is taller or wider than the box and is cropped to it. */
  cropped: boolean;
  color: string;
  naturalWidth: number;
  naturalHeight: number;
}

export type PinLike = Pick<Pin, 'id' | 'media'> & Partial<Pick<Pin, 'dominant_color'>>;

export function firstImages(pin: Pick<Pin, 'media'>): ImageSizes | undefined {
  return pin.media.media_type === 'image' ? pin.media.images : pin.media.items[0]?.images;
}

function hasSize(size: ImageSize | undefined): size is ImageSize & { width: number; height: number } {
  return !!size?.url && !!size.width && !!size.height && size.width > 0 && size.height > 0;
}

/**
 * The size to show at `cssWidth` pixels (doubled for sharp screens): the smallest width-only size
 * that is wide enough, else the widest; the cropped 400x300 only when nothing else has dimensions.
 */
export function pickSize(
  images: ImageSizes | undefined,
  cssWidth: number,
  pixelRatio = 2,
): ImageSize | undefined {
  if (!images) return undefined;
  const needed = cssWidth * pixelRatio;
  const free = [images['600x'], images['1200x']].filter(hasSize);
  const wideEnough = free.find((size) => size.width >= needed);
  return wideEnough ?? free[free.length - 1] ?? (hasSize(images['400x300']) ? images['400x300'] : undefined);
}

export function gridImage(pin: PinLike, cssWidth: number, pixelRatio = 2): GridImage | undefined {
  const size = pickSize(firstImages(pin), cssWidth, pixelRatio);
  if (!size?.url) return undefined;
  const width = size.width ?? 1;
  const height = size.height ?? 1;
  const natural = height / width;
  const ratio = Math.min(MAX_GRID_RATIO, Math.max(MIN_GRID_RATIO, natural));
  return {
    url: size.url,
    ratio,
    cropped: ratio !== natural,
    color: validColor(pin.dominant_color) ?? PLACEHOLDER_COLOR,
    naturalWidth: width,
    naturalHeight: height,
  };
}

/** The pixel height of the picture's box in a column `columnWidth` wide. */
export function boxHeight(image: Pick<GridImage, 'ratio'>, columnWidth: number): number {
  return Math.round(columnWidth * image.ratio);
}

function validColor(color: string | null | undefined): string | undefined {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : undefined;
}

/** Alt text for a pin's picture: its own, else its title, else who saved it. */
export function altTextOf(
  pin: Partial<Pick<Pin, 'alt_text' | 'title' | 'description' | 'board_owner'>>,
): string {
  const text = pin.alt_text?.trim() || pin.title?.trim() || pin.description?.trim().slice(0, 120);
  if (text) return text;
  return pin.board_owner ? `Pin saved by ${pin.board_owner.username}` : 'Pin';
}

/** Complete lists shorter than this get a grid only as wide as their pins, centred. */
export const FEW_PINS = 8;

/**
 * The width of a grid for a short, complete list (a new board, a few results): just its pins'
 * columns, so it can sit centred under the page's header rather than hug the left edge; undefined
 * (the full width) for longer or still-loading lists.
 */
export function shortGridWidth(
  count: number,
  complete: boolean,
  columnWidth: number,
  gutter: number,
): number | undefined {
  return complete && count > 0 && count < FEW_PINS ? count * (columnWidth + gutter) : undefined;
}
