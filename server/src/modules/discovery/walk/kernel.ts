// One Pixie random walk (Eksombatchai et al., WWW 2018, Algorithm 2): from the query pin, step
// pin → board → pin, count each pin landed on, restart at the query pin with probability
// `restart` after every step, and stop when the step budget is spent or, early, once `np` pins
// (open ones other than the query) have `nv` visits each.
//
// The loop is the whole cost of a recommendation, and it is bound by memory latency: every step
// reads a pin's offsets, a board id and a pin id at random places in ~800 MB of CSR arrays. So it
// is written for V8 and for memory-level parallelism: typed arrays read into locals, an inline
// xorshift32 generator with a multiply-shift bounded draw (no modulo, no float), no allocation,
// visit counts in an open-addressing table of typed arrays sized to the walk (not to the graph;
// not a Map), read out and cleared by scanning the part of the table the walk used (sequential,
// where following a list of the pins touched would cost a cache miss each). Clean nodes are read
// from the CSR; nodes changed since the snapshot (their dirty bit set) are marked pending and read
// from the delta in a fix-up loop, so the hot loops make no calls (a call would make V8 reload
// every array's pointers and re-check its map on every iteration).
//
// Bias: with viewer topics, a neighbour off those topics is re-drawn once with probability
// `topicBias` (boards on the pin → board step, pins on the board → pin step), which tilts the walk
// toward the viewer's topics without scanning neighbour lists.
import { BLOCK_SHIFT, type GraphSnapshot } from '../graph/csr.ts';
import type { GraphDelta } from '../graph/delta.ts';

export interface WalkParams {
  /** Probability of returning to the query pin after each step (mean walk length 1/restart). */
  restart: number;
  /** 256 entries, non-zero for the viewer's topics; null: no bias. */
  topicMask: Uint8Array | null;
  /** Probability of re-drawing a neighbour off the viewer's topics (0..1). */
  topicBias: number;
}

export interface WalkTask {
  query: number;
  steps: number;
  /** Seeds the generator; the same seed on the same graph gives the same walk. */
  seed: number;
  /** Early stop once np pins have nv visits; np 0 turns it off. */
  np: number;
  nv: number;
}

/** Per-thread scratch: the walk's visit counts and the walkers' state. */
export interface WalkScratch {
  /**
   * Hash table of visited pins: slot i holds [pin + 1 (0: empty), visits] at 2i, 2i + 1. A walk
   * uses its first 2^bits slots, bits fitted to its own budget (tableBits), so a short walk after
   * a long one reads and clears a table of its own size.
   */
  slots: Int32Array;
  /** Slots the last walk used (what clearVisits empties). */
  used: number;
  /** The pins visited and their visit counts, in table order (filled when the walk ends). */
  touched: Uint32Array;
  counts: Uint32Array;
  /** Per walker: its pin, the offset and degree of the list it draws from, its board, the pin drawn. */
  walkers: {
    current: Int32Array;
    offset: Int32Array;
    degree: Int32Array;
    board: Int32Array;
    next: Int32Array;
  };
}

/**
 * Walkers advanced together. One walker's step is a chain of dependent cache misses (offsets,
 * then adjacency, on each side); 64 independent chains advanced phase by phase let the CPU have
 * many misses in flight instead of one (64 measured faster than 16 or 32 on the 100M-edge graph).
 * Restarts already cut a Pixie walk into short independent segments from the query pin, so
 * chains sharing the budget, the counts and the early stop are the same walk, reordered.
 */
export const WALKERS = 64;

export function createScratch(steps: number): WalkScratch {
  const scratch: WalkScratch = {
    slots: new Int32Array(0),
    used: 0,
    touched: new Uint32Array(0),
    counts: new Uint32Array(0),
    walkers: {
      current: new Int32Array(WALKERS),
      offset: new Int32Array(WALKERS),
      degree: new Int32Array(WALKERS),
      board: new Int32Array(WALKERS),
      next: new Int32Array(WALKERS),
    },
  };
  return fitScratch(scratch, steps);
}

/**
 * log2 of the table slots a walk of `steps` steps uses: at most one new pin a step, so the table
 * is never more than 80% full (about 60% in practice: ~3 in 4 steps land on a new pin), and small
 * enough to stay in L2 (1 MiB for a 100k-step walk).
 */
export function tableBits(steps: number): number {
  const capacity = Math.max(1024, steps);
  let bits = 10;
  while (1 << bits < capacity * 1.25) bits++;
  return bits;
}

/** Grows the scratch for walks of `steps` steps. */
export function fitScratch(scratch: WalkScratch, steps: number): WalkScratch {
  const bits = tableBits(steps);
  if (scratch.slots.length >= 2 << bits) return scratch;
  scratch.slots = new Int32Array(2 << bits);
  scratch.touched = new Uint32Array(1 << bits);
  scratch.counts = new Uint32Array(1 << bits);
  return scratch;
}

export interface WalkOutcome {
  steps: number;
  /** scratch.touched[0 .. touched) are the pins visited, scratch.counts[0 .. touched) how often. */
  touched: number;
}

/** Pending marker: the walker's node is in the delta; a fix-up loop reads it there. */
const PENDING = -2;

/**
 * Runs one walk. The caller reads the counts and must call clearVisits before the next walk.
 * A neighbour is drawn as (r >>> 12) · degree >>> 20 from a 32-bit random r: exact in 32 bits
 * because no list is longer than MAX_DEGREE (< 2^12), for CSR and delta lists alike, so a walk
 * is the same before and after a compaction.
 */
export function walk(
  graph: GraphSnapshot,
  delta: GraphDelta,
  task: WalkTask,
  params: WalkParams,
  scratch: WalkScratch,
): WalkOutcome {
  const { pins, boards } = graph;
  const pinCount = pins.count;
  const pinOffsets = pins.offsets;
  const pinAdjacency = pins.adjacency;
  const pinTopic = pins.topic;
  const boardCount = boards.count;
  const boardOffsets = boards.offsets;
  const boardAdjacency = boards.adjacency;
  const boardTopic = boards.topic;
  const boardOpen = boards.open;
  const pinDirty = delta.pins.dirty;
  const pinDirtyRegions = delta.pins.dirtyRegions;
  const boardDirty = delta.boards.dirty;
  const boardDirtyRegions = delta.boards.dirtyRegions;
  const slots = scratch.slots;
  const bits = tableBits(task.steps);
  const shift = 32 - bits;
  const mask = (1 << bits) - 1;
  if (slots.length < 2 << bits) throw new RangeError('walk scratch too small: fitScratch first');
  scratch.used = 1 << bits;
  const topicMask = params.topicMask;
  const biased = topicMask !== null && params.topicBias > 0;
  const biasCut = params.topicBias * 4294967296;
  const restartCut = params.restart * 4294967296;
  const query = task.query;
  const budget = task.steps;
  const np = task.np;
  const nv = np > 0 ? task.nv : 0;
  const { current, offset, degree, board, next } = scratch.walkers;

  let x = task.seed | 0 || 0x2545f491;
  let steps = 0;
  let high = 0;
  /** Folds the touched slots so V8 keeps the loads of phase 5. */
  let sink = 0;

  if (delta.pins.degree(query) === 0) return finish(scratch, 0);
  current.fill(query);

  while (steps < budget) {
    const lanes = budget - steps < WALKERS ? budget - steps : WALKERS;
    let pending = 0;

    // Phase 1: where each walker's pin keeps its boards.
    for (let j = 0; j < lanes; j++) {
      const pin = current[j]!;
      // Clean unless its region of 64 (DIRTY_REGION_SHIFT) is marked and its own bit is set.
      if (
        pin < pinCount &&
        ((pinDirtyRegions[pin >>> 11]! & (1 << ((pin >>> 6) & 31))) === 0 ||
          (pinDirty[pin >>> 5]! & (1 << (pin & 31))) === 0)
      ) {
        // csr.ts: the block's start at (pin >> 4) · 20 (two halves), the node's offsets after it.
        const block = (pin >>> BLOCK_SHIFT) * 20;
        const i = pin + ((pin >>> BLOCK_SHIFT) << 2) + 2;
        const from = pinOffsets[i]!;
        offset[j] = pinOffsets[block]! + pinOffsets[block + 1]! * 65536 + from;
        degree[j] = pinOffsets[i + 1]! - from;
      } else {
        degree[j] = PENDING;
        pending = 1;
      }
    }

    // Phase 2: pin → board (-1: dead end).
    for (let j = 0; j < lanes; j++) {
      const d = degree[j]!;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      if (d > 0) board[j] = pinAdjacency[offset[j]! + (Math.imul(x >>> 12, d) >>> 20)]!;
      else if (d === 0) board[j] = -1;
      else {
        board[j] = PENDING;
        offset[j] = x;
      }
    }
    if (pending !== 0) {
      for (let j = 0; j < lanes; j++) {
        if (board[j] !== PENDING) continue;
        const list = delta.boardsOf(current[j]!);
        board[j] = list.length === 0 ? -1 : list[Math.imul(offset[j]! >>> 12, list.length) >>> 20]!;
        degree[j] = -1;
      }
    }
    if (biased) {
      for (let j = 0; j < lanes; j++) {
        const b = board[j]!;
        if (b < 0) continue;
        const topic =
          b < boardCount && (boardDirty[b >>> 5]! & (1 << (b & 31))) === 0
            ? boardTopic[b]!
            : delta.boardTopic(b);
        if (topicMask![topic] !== 0) continue;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        if (x >>> 0 >= biasCut) continue;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        const d = degree[j]!;
        if (d > 0) board[j] = pinAdjacency[offset[j]! + (Math.imul(x >>> 12, d) >>> 20)]!;
        else {
          const list = delta.boardsOf(current[j]!);
          board[j] = list[Math.imul(x >>> 12, list.length) >>> 20]!;
        }
      }
    }

    // Phase 3: where each board keeps its pins; walks pass only through boards anyone may see.
    pending = 0;
    for (let j = 0; j < lanes; j++) {
      const b = board[j]!;
      if (b < 0) degree[j] = 0;
      else if (
        b < boardCount &&
        ((boardDirtyRegions[b >>> 11]! & (1 << ((b >>> 6) & 31))) === 0 ||
          (boardDirty[b >>> 5]! & (1 << (b & 31))) === 0)
      ) {
        if ((boardOpen[b >>> 5]! & (1 << (b & 31))) === 0) degree[j] = 0;
        else {
          const block = (b >>> BLOCK_SHIFT) * 20;
          const i = b + ((b >>> BLOCK_SHIFT) << 2) + 2;
          const from = boardOffsets[i]!;
          offset[j] = boardOffsets[block]! + boardOffsets[block + 1]! * 65536 + from;
          degree[j] = boardOffsets[i + 1]! - from;
        }
      } else {
        degree[j] = PENDING;
        pending = 1;
      }
    }

    // Phase 4: board → pin (-1: dead end).
    for (let j = 0; j < lanes; j++) {
      const d = degree[j]!;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      if (d > 0) next[j] = boardAdjacency[offset[j]! + (Math.imul(x >>> 12, d) >>> 20)]!;
      else if (d === 0) next[j] = -1;
      else {
        next[j] = PENDING;
        offset[j] = x;
      }
    }
    if (pending !== 0) {
      for (let j = 0; j < lanes; j++) {
        if (next[j] !== PENDING) continue;
        const b = board[j]!;
        const list = delta.boardOpen(b) ? delta.pinsOf(b) : [];
        next[j] = list.length === 0 ? -1 : list[Math.imul(offset[j]! >>> 12, list.length) >>> 20]!;
        degree[j] = list.length === 0 ? 0 : -1;
      }
    }
    if (biased) {
      for (let j = 0; j < lanes; j++) {
        const p = next[j]!;
        if (p < 0) continue;
        const topic =
          p < pinCount && (pinDirty[p >>> 5]! & (1 << (p & 31))) === 0 ? pinTopic[p]! : delta.pinTopic(p);
        if (topicMask![topic] !== 0) continue;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        if (x >>> 0 >= biasCut) continue;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        const d = degree[j]!;
        if (d > 0) next[j] = boardAdjacency[offset[j]! + (Math.imul(x >>> 12, d) >>> 20)]!;
        else {
          const list = delta.pinsOf(board[j]!);
          next[j] = list[Math.imul(x >>> 12, list.length) >>> 20]!;
        }
      }
    }

    // Phase 5: touch each landing pin's slot, so the probes below find it cached.
    for (let j = 0; j < lanes; j++) {
      const slot = Math.imul(next[j]!, 0x9e3779b1) >>> shift;
      offset[j] = slot;
      sink ^= slots[slot << 1]!;
    }

    // Phase 6: count the visits, maybe restart. A pin reaching nv visits leaves the inner loop to be
    // checked (is it open?) outside it, so the early stop happens at exactly that step.
    let j = 0;
    for (;;) {
      for (; j < lanes; j++) {
        const pin = next[j]!;
        if (pin < 0) {
          current[j] = query;
          continue;
        }
        let slot = offset[j]!;
        let seen: number;
        for (;;) {
          const at = slot << 1;
          const key = slots[at]!;
          if (key === pin + 1) {
            seen = ++slots[at + 1]!;
            break;
          }
          if (key === 0) {
            slots[at] = pin + 1;
            slots[at + 1] = 1;
            seen = 1;
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (seen === nv && pin !== query) break;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        current[j] = x >>> 0 < restartCut ? query : pin;
      }
      if (j >= lanes) break;
      const pin = next[j]!;
      if (delta.pinOpen(pin) && ++high >= np) {
        board[0] = sink;
        return finish(scratch, steps + j + 1);
      }
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      current[j] = x >>> 0 < restartCut ? query : pin;
      j++;
    }
    steps += lanes;
  }
  board[0] = sink;
  return finish(scratch, steps);
}

/** Copies the visited pins and their counts out of the table, in slot order. */
function finish(scratch: WalkScratch, steps: number): WalkOutcome {
  const { slots, touched, counts } = scratch;
  const end = scratch.used << 1;
  let n = 0;
  for (let at = 0; at < end; at += 2) {
    const key = slots[at]!;
    if (key === 0) continue;
    touched[n] = key - 1;
    counts[n++] = slots[at + 1]!;
  }
  return { steps, touched: n };
}

/** Empties the part of the table the last walk used. */
export function clearVisits(scratch: WalkScratch): void {
  scratch.slots.fill(0, 0, scratch.used << 1);
  scratch.used = 0;
}
