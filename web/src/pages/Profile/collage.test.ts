import { describe, expect, it } from 'vitest';
import type { ImageSizes } from '../../api/types.ts';
import { boardCollage, collageImageOf, distinctPictures, needsFallback, pictureOf } from './collage.ts';

const media = (sha: string, size: string) => `http://cork.test/media/${sha.slice(0, 2)}/${sha}/${size}.jpg`;

describe('pictureOf', () => {
  it('treats the stored sizes of one image as the same picture', () => {
    expect(pictureOf(media('aa11', '400x300'))).toBe(pictureOf(media('aa11', '150x150')));
    expect(pictureOf(media('aa11', '400x300'))).not.toBe(pictureOf(media('bb22', '400x300')));
  });

  it('leaves other URLs whole, without their query', () => {
    expect(pictureOf('https://cdn.example/a/b.jpg?w=100')).toBe('https://cdn.example/a/b.jpg');
  });
});

describe('boardCollage', () => {
  it('puts the cover first and skips the thumbnail of the same picture', () => {
    const collage = boardCollage({
      image_cover_url: media('aa11', '400x300'),
      pin_thumbnail_urls: [
        media('aa11', '150x150'),
        media('bb22', '150x150'),
        media('cc33', '150x150'),
        media('dd44', '150x150'),
      ],
    });
    expect(collage).toEqual([media('aa11', '400x300'), media('bb22', '150x150'), media('cc33', '150x150')]);
  });

  it('fills missing slots from the first pins, still without repeats', () => {
    const collage = boardCollage({ image_cover_url: null, pin_thumbnail_urls: [media('bb22', '150x150')] }, [
      media('bb22', '400x300'),
      media('ee55', '150x150'),
    ]);
    expect(collage).toEqual([media('bb22', '150x150'), media('ee55', '150x150')]);
  });

  it('is empty for an empty board', () => {
    expect(boardCollage({ image_cover_url: null, pin_thumbnail_urls: [] })).toEqual([]);
  });
});

describe('needsFallback', () => {
  it('asks for the first pins only when the board has more pins than pictures', () => {
    const one = { image_cover_url: media('aa11', '400x300'), pin_thumbnail_urls: [media('aa11', '150x150')] };
    expect(needsFallback({ media: one, pin_count: 1 })).toBe(false);
    expect(needsFallback({ media: one, pin_count: 5 })).toBe(true);
    expect(needsFallback({ media: { image_cover_url: null, pin_thumbnail_urls: [] }, pin_count: 0 })).toBe(
      false,
    );
  });
});

describe('distinctPictures and collageImageOf', () => {
  it('keeps at most the slots asked for', () => {
    expect(distinctPictures(['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'b']);
    expect(distinctPictures([null, undefined, 'a', 'a'])).toEqual(['a']);
  });

  it('prefers the cropped size for the large slot and the small one for the others', () => {
    const images = {
      '150x150': { width: 150, height: 150, url: 's' },
      '400x300': { width: 400, height: 300, url: 'm' },
      '600x': { width: 600, height: 900, url: 'l' },
      '1200x': { width: null, height: null, url: '' },
    } satisfies ImageSizes;
    expect(collageImageOf(images, true)).toBe('m');
    expect(collageImageOf(images, false)).toBe('s');
    expect(collageImageOf(undefined, true)).toBeUndefined();
  });
});
