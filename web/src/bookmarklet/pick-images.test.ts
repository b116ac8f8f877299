import { describe, expect, it } from 'vitest';
import { fetchableUrl, MAX_CANDIDATES, pickImages } from './pick-images.ts';

const page = 'https://blog.example/posts/tart?x=1#top';

describe('pickImages', () => {
  it('keeps pictures of at least 150 px on both sides, largest first', () => {
    const picked = pickImages(
      [
        { src: '/img/icon.png', width: 32, height: 32 },
        { src: '/img/banner.jpg', width: 1200, height: 149 },
        { src: '/img/tart.jpg', width: 600, height: 800, alt: 'Lemon tart' },
        { src: 'https://cdn.example/side.jpg', width: 300, height: 300 },
      ],
      page,
      'Best tarts',
    );
    expect(picked).toEqual([
      { url: 'https://blog.example/img/tart.jpg', width: 600, height: 800, description: 'Lemon tart' },
      { url: 'https://cdn.example/side.jpg', width: 300, height: 300, description: 'Best tarts' },
    ]);
  });

  it('offers a picture shown twice once, at its largest size', () => {
    const picked = pickImages(
      [
        { src: 'https://cdn.example/a.jpg#thumb', width: 200, height: 200, alt: 'First' },
        { src: 'https://cdn.example/a.jpg', width: 800, height: 800, alt: 'Second' },
      ],
      page,
    );
    expect(picked).toEqual([
      { url: 'https://cdn.example/a.jpg', width: 800, height: 800, description: 'First' },
    ]);
  });

  it('skips pictures the server cannot fetch and images not loaded yet', () => {
    const picked = pickImages(
      [
        { src: 'data:image/png;base64,AAAA', width: 500, height: 500 },
        { src: 'blob:https://blog.example/123', width: 500, height: 500 },
        { src: 'https://cdn.example/loading.jpg', width: 0, height: 0 },
        { src: 'https://cdn.example/nan.jpg', width: Number.NaN, height: 400 },
      ],
      page,
    );
    expect(picked).toEqual([]);
  });

  it('offers at most a screenful of candidates', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ src: `/p/${i}.jpg`, width: 200 + i, height: 200 }));
    const picked = pickImages(many, page);
    expect(picked).toHaveLength(MAX_CANDIDATES);
    expect(picked[0]!.url).toBe('https://blog.example/p/59.jpg');
  });
});

describe('fetchableUrl', () => {
  it('resolves relative sources against the page and drops the fragment', () => {
    expect(fetchableUrl('../a.png#x', page)).toBe('https://blog.example/a.png');
    expect(fetchableUrl('ftp://files.example/a.png', page)).toBeNull();
    expect(fetchableUrl('http://[bad', page)).toBeNull();
  });
});
