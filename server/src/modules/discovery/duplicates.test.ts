import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../media/index.ts';
import { collapseDuplicates, NEAR_DUPLICATE_BITS, PictureSet } from './duplicates.ts';

const flip = (hash: bigint, bits: number[]) => bits.reduce((h, bit) => h ^ (1n << BigInt(bit)), hash);
const signed = (hash: bigint) => BigInt.asIntN(64, hash).toString();

describe('duplicate pictures', () => {
  const base = 0xf0e1d2c3b4a59687n;

  it('collapses the same stored image and near-identical hashes, keeping the first in rank order', () => {
    const items = [
      { id: 'a', imageId: '1', phash: signed(base) },
      { id: 'b', imageId: '1', phash: signed(base) }, // same bytes
      { id: 'c', imageId: '2', phash: signed(flip(base, [0, 31, 32, 63])) }, // 4 bits off
      { id: 'd', imageId: '3', phash: signed(flip(base, [1, 2, 40, 50, 60])) }, // 5 bits off
      { id: 'e', imageId: '4', phash: signed(~base) }, // unrelated
      { id: 'f', imageId: null, phash: null }, // unknown picture: never a duplicate
    ];
    expect(hammingDistance(items[2]!.phash!, items[0]!.phash!)).toBe(NEAR_DUPLICATE_BITS);
    expect(hammingDistance(items[3]!.phash!, items[0]!.phash!)).toBe(NEAR_DUPLICATE_BITS + 1);
    expect(collapseDuplicates(items).map((item) => item.id)).toEqual(['a', 'd', 'e', 'f']);
  });

  it('treats pictures given up front as already shown', () => {
    const items = [
      { id: 'x', imageId: '9', phash: signed(flip(base, [5])) },
      { id: 'y', imageId: '8', phash: signed(flip(base, [5, 6, 7, 8, 9, 10])) },
    ];
    expect(collapseDuplicates(items, [{ imageId: '7', phash: signed(base) }]).map((i) => i.id)).toEqual([
      'y',
    ]);
    expect(collapseDuplicates(items, [{ imageId: '8', phash: null }]).map((i) => i.id)).toEqual(['x']);
  });

  it('accepts unsigned and signed decimal forms alike, and ignores malformed hashes', () => {
    const set = new PictureSet();
    expect(set.admit({ imageId: null, phash: base.toString() })).toBe(true);
    expect(set.has({ imageId: null, phash: signed(base) })).toBe(true);
    expect(set.admit({ imageId: null, phash: 'not a number' })).toBe(true);
    expect(set.admit({ imageId: null, phash: 'not a number' })).toBe(true);
  });
});
