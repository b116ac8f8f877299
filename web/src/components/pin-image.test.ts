import { describe, expect, it } from 'vitest';
import type { ImageSizes } from '../api/types.ts';
import {
  altTextOf,
  boxHeight,
  FEW_PINS,
  gridImage,
  MAX_GRID_RATIO,
  PLACEHOLDER_COLOR,
  pickSize,
  shortGridWidth,
} from './pin-image.ts';

const sizes = (w: number, h: number): ImageSizes => ({
  '150x150': { width: 150, height: 150, url: '/m/150.jpg' },
  '400x300': { width: 400, height: 300, url: '/m/400.jpg' },
  '600x': { width: Math.min(600, w), height: Math.round((h * Math.min(600, w)) / w), url: '/m/600.jpg' },
  '1200x': { width: Math.min(1200, w), height: Math.round((h * Math.min(1200, w)) / w), url: '/m/1200.jpg' },
});
const pin = (w: number, h: number, color: string | null = '#112233') => ({
  id: '1',
  dominant_color: color,
  media: { media_type: 'image' as const, images: sizes(w, h) },
});

describe('grid images', () => {
  it('sizes the box from the API’s width and height before the picture loads', () => {
    const image = gridImage(pin(1000, 1500), 236)!;
    expect(image.ratio).toBeCloseTo(1.5, 5);
    expect(boxHeight(image, 236)).toBe(354);
    expect(image).toMatchObject({ color: '#112233', cropped: false, url: '/m/600.jpg' });
  });

  it('crops very tall pictures and keeps very wide ones from collapsing', () => {
    const tall = gridImage(pin(600, 6000), 236)!;
    expect(tall.ratio).toBe(MAX_GRID_RATIO);
    expect(tall.cropped).toBe(true);
    const wide = gridImage(pin(3000, 300), 236)!;
    expect(wide.ratio).toBe(0.4);
  });

  it('loads the smallest size wide enough for sharp screens', () => {
    expect(pickSize(sizes(2000, 1000), 236, 2)?.url).toBe('/m/600.jpg');
    expect(pickSize(sizes(2000, 1000), 500, 2)?.url).toBe('/m/1200.jpg');
    expect(pickSize(sizes(2000, 1000), 900, 2)?.url).toBe('/m/1200.jpg');
    const onlyCropped = {
      ...sizes(800, 600),
      '600x': { width: null, height: null, url: '' },
      '1200x': { width: null, height: null, url: '' },
    };
    expect(pickSize(onlyCropped, 236)?.url).toBe('/m/400.jpg');
  });

  it('falls back to a neutral colour and describes pictures without alt text', () => {
    expect(gridImage(pin(100, 100, 'red'), 236)?.color).toBe(PLACEHOLDER_COLOR);
    expect(gridImage(pin(100, 100, null), 236)?.color).toBe(PLACEHOLDER_COLOR);
    expect(altTextOf({ alt_text: ' A cake ', title: 'Cake' })).toBe('A cake');
    expect(altTextOf({ alt_text: null, title: '', description: 'Lemon tart with berries' })).toBe(
      'Lemon tart with berries',
    );
    expect(altTextOf({ board_owner: { username: 'ada' } })).toBe('Pin saved by ada');
  });

  it('uses the first picture of a carousel', () => {
    const carousel = {
      id: '2',
      media: {
        media_type: 'multiple_images' as const,
        items: [
          {
            item_type: 'image' as const,
            images: sizes(500, 1000),
            title: null,
            description: null,
            link: null,
          },
        ],
      },
    };
    expect(gridImage(carousel, 236)?.ratio).toBe(2);
  });
});

describe('short grids', () => {
  it('is as wide as a few pins once the list is complete, and full width otherwise', () => {
    expect(shortGridWidth(1, true, 236, 16)).toBe(252);
    expect(shortGridWidth(FEW_PINS - 1, true, 236, 16)).toBe((FEW_PINS - 1) * 252);
    expect(shortGridWidth(FEW_PINS, true, 236, 16)).toBeUndefined();
    expect(shortGridWidth(3, false, 236, 16)).toBeUndefined();
    expect(shortGridWidth(0, true, 236, 16)).toBeUndefined();
  });
});
