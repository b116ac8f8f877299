// The pin–board graph in compressed sparse rows, one side per node kind. Every array lives in a
// SharedArrayBuffer so walker threads read the same memory the main thread built.
//
// Offsets are two-level to stay well under half a byte per edge: per block of 16 nodes, the block's
// start (a Uint32, kept as two Uint16 halves) and 17 Uint16 offsets inside the block (the 17th is
// the block's end), so a node's range is read without crossing into the next block; with a spare
// Uint16, 40 bytes per block in one array. One array, not a start array and an offset array, so a
// walker finds a node's range in one cache line (occasionally two adjacent ones) where two arrays
// cost two misses on every step. A block spans at most 16 × MAX_DEGREE < 65536 edges, which is
// why no node may have more than MAX_DEGREE neighbours; the builder prunes to fit (Pixie prunes
// high-degree nodes anyway). Per node that is 40/16 = 2.5 bytes instead of 4 for Uint32 offsets.

export const BLOCK_SHIFT = 4;
export const BLOCK = 1 << BLOCK_SHIFT;
/** Uint16s per block in GraphSide.offsets: start low half, start high half, 17 offsets, a spare. */
export const BLOCK_STRIDE = 20;
/** The most neighbours one node may have: 16 of them must fit in a Uint16 block span. */
export const MAX_DEGREE = 4095;
/** Topic 0 means "not known". */
export const UNKNOWN_TOPIC = 0;

/** One node kind (pins or boards): who each node's neighbours on the other side are. */
export interface GraphSide {
  count: number;
  /**
   * Per block of 16 nodes, BLOCK_STRIDE Uint16s from (v >> 4) · 20: the block's start in
   * `adjacency` (low half, then high half), then 17 offsets relative to it; node v's range is
   * offsets[offsetIndex(v)] .. offsets[offsetIndex(v) + 1].
   */
  offsets: Uint16Array;
  adjacency: Uint32Array;
  /** Topic id per node (0 unknown). */
  topic: Uint8Array;
  /** Bitset: pins that may be shown to anyone; boards anyone may see (walks pass only through these). */
  open: Uint32Array;
}

export interface GraphSnapshot {
  pins: GraphSide;
  boards: GraphSide;
  /** Distinct pin–board edges (each stored once per side). */
  edges: number;
  /** Bitset over boards removed for having too many pins (low topical coherence). */
  prunedBoards: Uint32Array;
}

export function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

export function sharedUint16(length: number): Uint16Array {
  return new Uint16Array(new SharedArrayBuffer(Math.max(1, length) * 2), 0, length);
}

export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.max(1, length)), 0, length);
}

export function bitsetWords(bits: number): number {
  return (bits + 31) >>> 5;
}

export function hasBit(bits: Uint32Array, i: number): boolean {
  return ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

export function setBit(bits: Uint32Array, i: number, on: boolean): void {
  if (on) bits[i >>> 5]! |= 1 << (i & 31);
  else bits[i >>> 5]! &= ~(1 << (i & 31));
}

export function blockCount(nodes: number): number {
  return (nodes + BLOCK - 1) >>> BLOCK_SHIFT;
}

/** Where node v's offset is in GraphSide.offsets (its block's start is at (v >> 4) · 20). */
export function offsetIndex(v: number): number {
  return v + ((v >>> BLOCK_SHIFT) << 2) + 2;
}

/**
 * Two-level offsets from plain ones (`start[v]`..`start[v+1]` is node v's range).
 * Throws when a node has more than MAX_DEGREE neighbours: the builder must prune first.
 */
export function blockOffsets(count: number, start: ArrayLike<number>): Uint16Array {
  const blocks = blockCount(count);
  const offsets = sharedUint16(blocks * BLOCK_STRIDE);
  for (let blk = 0; blk < blocks; blk++) {
    const first = blk << BLOCK_SHIFT;
    const base = start[first]!;
    const at = blk * BLOCK_STRIDE;
    offsets[at] = base & 0xffff;
    offsets[at + 1] = base >>> 16;
    for (let j = 0; j <= BLOCK; j++) {
      const v = Math.min(first + j, count);
      const degree = j < BLOCK && first + j < count ? start[v + 1]! - start[v]! : 0;
      if (degree > MAX_DEGREE) throw new RangeError(`node ${v} has ${degree} neighbours (max ${MAX_DEGREE})`);
      offsets[at + 2 + j] = start[v]! - base;
    }
  }
  return offsets;
}

export function degreeOf(side: GraphSide, v: number): number {
  if (v >= side.count) return 0;
  const i = offsetIndex(v);
  return side.offsets[i + 1]! - side.offsets[i]!;
}

/** Where node v's neighbours start in `adjacency`. */
export function startOf(side: GraphSide, v: number): number {
  const at = (v >>> BLOCK_SHIFT) * BLOCK_STRIDE;
  return side.offsets[at]! + side.offsets[at + 1]! * 65536 + side.offsets[offsetIndex(v)]!;
}

/** Node v's neighbours, as a view into the shared adjacency (no copy). */
export function neighboursOf(side: GraphSide, v: number): Uint32Array {
  if (v >= side.count) return new Uint32Array(0);
  const start = startOf(side, v);
  return side.adjacency.subarray(start, start + degreeOf(side, v));
}

/** A side built from plain offsets and an adjacency of exactly start[count] entries. */
export function makeSide(
  count: number,
  start: ArrayLike<number>,
  adjacency: Uint32Array,
  topic: Uint8Array,
  open: Uint32Array,
): GraphSide {
  return { count, offsets: blockOffsets(count, start), adjacency, topic, open };
}

/** Bytes held by every array of the snapshot (what a walker needs resident). */
export function snapshotBytes(g: GraphSnapshot): number {
  const side = (s: GraphSide) =>
    s.offsets.byteLength + s.adjacency.byteLength + s.topic.byteLength + s.open.byteLength;
  return side(g.pins) + side(g.boards) + g.prunedBoards.byteLength;
}
