// 64-bit difference hash (dHash): from a 9x8 grayscale thumbnail, one bit per horizontally adjacent
// pair, set when the left pixel is brighter. Near-identical pictures (resized, recompressed) differ in
// a few bits; unrelated ones in about half. Pure: the thumbnail comes from sharp in pipeline.ts.

export const DHASH_WIDTH = 9;
export const DHASH_HEIGHT = 8;

/** The dHash of a 9x8 single-channel image (row-major, 72 bytes) as an unsigned 64-bit value. */
export function dHash(gray: Uint8Array): bigint {
  if (gray.length !== DHASH_WIDTH * DHASH_HEIGHT)
    throw new Error(`dHash needs ${DHASH_WIDTH * DHASH_HEIGHT} pixels, got ${gray.length}`);
  let hash = 0n;
  for (let y = 0; y < DHASH_HEIGHT; y++) {
    for (let x = 0; x < DHASH_WIDTH - 1; x++) {
      const left = gray[y * DHASH_WIDTH + x]!;
      const right = gray[y * DHASH_WIDTH + x + 1]!;
      hash = (hash << 1n) | (left > right ? 1n : 0n);
    }
  }
  return hash;
}

/** As stored in images.phash (a signed bigint column): the two's-complement decimal string. */
export function toSignedDecimal(hash: bigint): string {
  return BigInt.asIntN(64, hash).toString();
}

function toUnsigned(hash: string | bigint): bigint {
  const value = typeof hash === 'bigint' ? hash : BigInt(hash);
  return BigInt.asUintN(64, value);
}

/** Number of differing bits between two 64-bit hashes (signed or unsigned, bigint or decimal). */
export function hammingDistance(a: string | bigint, b: string | bigint): number {
  let diff = toUnsigned(a) ^ toUnsigned(b);
  let count = 0;
  while (diff > 0n) {
    diff &= diff - 1n;
    count++;
  }
  return count;
}
