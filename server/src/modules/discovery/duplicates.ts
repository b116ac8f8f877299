// Collapsing duplicate pictures in a ranked list. Pure: no I/O.
//
// Two pins show the same picture when their first images are the same stored image (media dedups
// by SHA-256, so identical bytes are one row) or when their dHashes differ in at most
// NEAR_DUPLICATE_BITS bits (a resized or recompressed copy differs in a few; unrelated pictures in
// about half of the 64). The first of each group, in rank order, stays.

/** Largest Hamming distance between two dHashes of one picture. */
export const NEAR_DUPLICATE_BITS = 4;

export interface Picture {
  /** The stored image's id (identical bytes share it); null when unknown. */
  imageId: string | null;
  /** The image's 64-bit dHash as a decimal string (signed or unsigned); null when unknown. */
  phash: string | null;
}

interface Hash {
  hi: number;
  lo: number;
}

function split(phash: string): Hash | null {
  try {
    const value = BigInt.asUintN(64, BigInt(phash));
    return { hi: Number(value >> 32n), lo: Number(value & 0xffffffffn) };
  } catch {
    return null;
  }
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function distance(a: Hash, b: Hash): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

/** Tracks the pictures already kept; `admit` says whether another one is new. */
export class PictureSet {
  private readonly imageIds = new Set<string>();
  private readonly hashes: Hash[] = [];

  constructor(private readonly maxBits = NEAR_DUPLICATE_BITS) {}

  /** Whether the picture duplicates one already kept. */
  has(picture: Picture): boolean {
    if (picture.imageId !== null && this.imageIds.has(picture.imageId)) return true;
    const hash = picture.phash === null ? null : split(picture.phash);
    return hash !== null && this.hashes.some((kept) => distance(kept, hash) <= this.maxBits);
  }

  /** Keeps the picture unless it duplicates one already kept; returns whether it was new. */
  admit(picture: Picture): boolean {
    if (this.has(picture)) return false;
    if (picture.imageId !== null) this.imageIds.add(picture.imageId);
    const hash = picture.phash === null ? null : split(picture.phash);
    if (hash) this.hashes.push(hash);
    return true;
  }
}

/**
 * The items in order with every later duplicate of an earlier picture left out; pictures in
 * `already` (e.g. the query pin's own) count as kept before the first item.
 */
export function collapseDuplicates<T extends Picture>(
  items: readonly T[],
  already: readonly Picture[] = [],
  maxBits = NEAR_DUPLICATE_BITS,
): T[] {
  const kept = new PictureSet(maxBits);
  for (const picture of already) kept.admit(picture);
  return items.filter((item) => kept.admit(item));
}
