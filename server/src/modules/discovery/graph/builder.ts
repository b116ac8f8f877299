// Builds a GraphSnapshot from board-major pin lists: duplicates removed, boards with too many pins
// pruned (Pixie: very large boards mix many topics and only dilute walks), pins with more boards
// than the cap keep the boards closest to their own topic, unknown pin topics filled in from their
// boards, then the pin side transposed from the board side. Linear in the edges; pure (no I/O).
import {
  bitsetWords,
  type GraphSnapshot,
  hasBit,
  MAX_DEGREE,
  makeSide,
  setBit,
  sharedUint8,
  sharedUint32,
  UNKNOWN_TOPIC,
} from './csr.ts';

export interface GraphInput {
  pinCount: number;
  boardCount: number;
  /** Board b's pins are boardPins[boardStart[b] .. boardStart[b + 1]). Consumed: sorted in place. */
  boardStart: ArrayLike<number>;
  boardPins: Uint32Array;
  /** Topic per pin and board (0 unknown); pins without one take their boards' most common topic. */
  pinTopic?: Uint8Array;
  boardTopic?: Uint8Array;
  /** Bitsets: pins anyone may be shown, boards anyone may see. Missing: everything is open. */
  pinOpen?: Uint32Array;
  boardOpen?: Uint32Array;
  /** No board lists a pin twice (generators that know it skip the sort and dedupe). */
  distinct?: boolean;
}

export interface PruneOptions {
  /** Boards with more pins than this are left out of walks (kept at most MAX_DEGREE). */
  boardCap: number;
  /** Pins on more boards than this keep only this many (at most MAX_DEGREE). */
  pinCap: number;
}

export const DEFAULT_PRUNING: PruneOptions = { boardCap: 2000, pinCap: MAX_DEGREE };

function clampCap(cap: number): number {
  if (!Number.isInteger(cap) || cap < 1)
    throw new RangeError(`a degree cap must be a positive integer (got ${cap})`);
  return Math.min(cap, MAX_DEGREE);
}

/** A stable pseudo-random rank of (pin, board), so the boards a capped pin keeps do not depend on id order. */
function edgeRank(pin: number, board: number): number {
  let h = Math.imul(pin ^ 0x9e3779b9, 0x85ebca6b) ^ board;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Board-major lists from an edge list (counting sort by board). */
export function groupByBoard(
  boardCount: number,
  edgePins: Uint32Array,
  edgeBoards: Uint32Array,
  edgeCount: number,
): { boardStart: Uint32Array; boardPins: Uint32Array } {
  const boardStart = new Uint32Array(boardCount + 1);
  for (let e = 0; e < edgeCount; e++) boardStart[edgeBoards[e]! + 1]!++;
  for (let b = 0; b < boardCount; b++) boardStart[b + 1]! += boardStart[b]!;
  const cursor = boardStart.slice(0, boardCount);
  const boardPins = new Uint32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) boardPins[cursor[edgeBoards[e]!]!++] = edgePins[e]!;
  return { boardStart, boardPins };
}

/** Sorts each board's slice and drops repeats, compacting in place; returns the new starts. */
function dedupe(boardCount: number, start: ArrayLike<number>, pins: Uint32Array): Uint32Array {
  const out = new Uint32Array(boardCount + 1);
  let w = 0;
  for (let b = 0; b < boardCount; b++) {
    const from = start[b]!;
    const to = start[b + 1]!;
    out[b] = w;
    if (to === from) continue;
    pins.subarray(from, to).sort();
    let last = -1;
    for (let k = from; k < to; k++) {
      const p = pins[k]!;
      if (p !== last) pins[w++] = p;
      last = p;
    }
  }
  out[boardCount] = w;
  return out;
}

/** The input lists, copied into shared memory, with pruned boards' emptied. */
function withoutPruned(
  boardCount: number,
  start: ArrayLike<number>,
  pins: Uint32Array,
  pruned: Uint32Array,
): { start: Uint32Array; adjacency: Uint32Array } {
  const kept = new Uint32Array(boardCount + 1);
  for (let b = 0; b < boardCount; b++)
    kept[b + 1] = kept[b]! + (hasBit(pruned, b) ? 0 : start[b + 1]! - start[b]!);
  const adjacency = sharedUint32(kept[boardCount]!);
  for (let b = 0; b < boardCount; b++) {
    if (!hasBit(pruned, b)) adjacency.set(pins.subarray(start[b]!, start[b + 1]!), kept[b]!);
  }
  return { start: kept, adjacency };
}

function allOpen(count: number): Uint32Array {
  const bits = sharedUint32(bitsetWords(count));
  bits.fill(0xffffffff);
  return bits;
}

function sharedCopy(bits: Uint32Array | undefined, count: number): Uint32Array {
  if (!bits) return allOpen(count);
  const copy = sharedUint32(bitsetWords(count));
  copy.set(bits.subarray(0, copy.length));
  return copy;
}

/**
 * Transposes one side's lists into the other's: source node s lists targets list[start[s]..start[s+1]);
 * the result lists, for each target, its sources in ascending order. Sources flagged in `skip`
 * and pairs `keep` refuses are left out.
 */
function transpose(
  targetCount: number,
  sourceCount: number,
  start: ArrayLike<number>,
  list: Uint32Array,
  skip: Uint32Array,
  keep: ((target: number, source: number) => boolean) | null,
): { start: Uint32Array; adjacency: Uint32Array } {
  const targetStart = new Uint32Array(targetCount + 1);
  for (let s = 0; s < sourceCount; s++) {
    if (hasBit(skip, s)) continue;
    for (let k = start[s]!; k < start[s + 1]!; k++)
      if (keep === null || keep(list[k]!, s)) targetStart[list[k]! + 1]!++;
  }
  for (let t = 0; t < targetCount; t++) targetStart[t + 1]! += targetStart[t]!;
  const cursor = targetStart.slice(0, targetCount);
  const adjacency = sharedUint32(targetStart[targetCount]!);
  for (let s = 0; s < sourceCount; s++) {
    if (hasBit(skip, s)) continue;
    for (let k = start[s]!; k < start[s + 1]!; k++) {
      const t = list[k]!;
      if (keep === null || keep(t, s)) adjacency[cursor[t]!++] = s;
    }
  }
  return { start: targetStart, adjacency };
}

/** Most common known topic among each pin's boards, for pins whose own topic is unknown. */
function inferPinTopics(
  pinTopic: Uint8Array,
  pinStart: Uint32Array,
  pinBoards: Uint32Array,
  boardTopic: Uint8Array,
): void {
  const votes = new Uint32Array(256);
  for (let p = 0; p < pinTopic.length; p++) {
    if (pinTopic[p] !== UNKNOWN_TOPIC) continue;
    let best = UNKNOWN_TOPIC;
    let bestVotes = 0;
    for (let k = pinStart[p]!; k < pinStart[p + 1]!; k++) {
      const t = boardTopic[pinBoards[k]!]!;
      if (t === UNKNOWN_TOPIC) continue;
      const n = ++votes[t]!;
      if (n > bestVotes || (n === bestVotes && t < best)) {
        best = t;
        bestVotes = n;
      }
    }
    for (let k = pinStart[p]!; k < pinStart[p + 1]!; k++) votes[boardTopic[pinBoards[k]!]!] = 0;
    pinTopic[p] = best;
  }
}

/** For each pin over the cap, the set of boards it keeps: its own topic's first, then by edgeRank. */
function chooseKeptEdges(
  pinCap: number,
  pinStart: Uint32Array,
  pinBoards: Uint32Array,
  pinTopic: Uint8Array,
  boardTopic: Uint8Array,
): Map<number, Set<number>> {
  const kept = new Map<number, Set<number>>();
  for (let p = 0; p < pinStart.length - 1; p++) {
    const from = pinStart[p]!;
    const to = pinStart[p + 1]!;
    if (to - from <= pinCap) continue;
    const boards = Array.from(pinBoards.subarray(from, to));
    const own = pinTopic[p]!;
    boards.sort((a, b) => {
      const ta = own !== UNKNOWN_TOPIC && boardTopic[a] === own ? 0 : 1;
      const tb = own !== UNKNOWN_TOPIC && boardTopic[b] === own ? 0 : 1;
      return ta - tb || edgeRank(p, a) - edgeRank(p, b) || a - b;
    });
    kept.set(p, new Set(boards.slice(0, pinCap)));
  }
  return kept;
}

export function buildGraph(input: GraphInput, options: PruneOptions = DEFAULT_PRUNING): GraphSnapshot {
  const { pinCount, boardCount } = input;
  const boardCap = clampCap(options.boardCap);
  const pinCap = clampCap(options.pinCap);
  const start = input.distinct ? input.boardStart : dedupe(boardCount, input.boardStart, input.boardPins);
  const pins = input.boardPins;

  const prunedBoards = sharedUint32(bitsetWords(boardCount));
  for (let b = 0; b < boardCount; b++)
    if (start[b + 1]! - start[b]! > boardCap) setBit(prunedBoards, b, true);

  const pinTopic = sharedUint8(pinCount);
  if (input.pinTopic) pinTopic.set(input.pinTopic.subarray(0, pinCount));
  const boardTopic = sharedUint8(boardCount);
  if (input.boardTopic) boardTopic.set(input.boardTopic.subarray(0, boardCount));

  let pinSide = transpose(pinCount, boardCount, start, pins, prunedBoards, null);
  inferPinTopics(pinTopic, pinSide.start, pinSide.adjacency, boardTopic);
  const kept = chooseKeptEdges(pinCap, pinSide.start, pinSide.adjacency, pinTopic, boardTopic);
  let boardSide: { start: Uint32Array; adjacency: Uint32Array };
  if (kept.size > 0) {
    const keep = (p: number, b: number) => kept.get(p)?.has(b) ?? true;
    pinSide = transpose(pinCount, boardCount, start, pins, prunedBoards, keep);
    // Transposed back from the pin side, the boards drop exactly the edges capped pins let go.
    const none = new Uint32Array(bitsetWords(pinCount));
    boardSide = transpose(boardCount, pinCount, pinSide.start, pinSide.adjacency, none, null);
  } else {
    boardSide = withoutPruned(boardCount, start, pins, prunedBoards);
  }

  const edges = pinSide.start[pinCount]!;
  return {
    pins: makeSide(pinCount, pinSide.start, pinSide.adjacency, pinTopic, sharedCopy(input.pinOpen, pinCount)),
    boards: makeSide(
      boardCount,
      boardSide.start,
      boardSide.adjacency,
      boardTopic,
      sharedCopy(input.boardOpen, boardCount),
    ),
    edges,
    prunedBoards,
  };
}
