// One Pixie random walk (Eksombatchai et al., WWW 2018, Algorithm 2): from the query pin, step
// pin → board → pin, count each pin landed on, restart at the query pin with probability
// `restart` after every step, and stop when the step budget is spent or, early, once `np` pins
// (open ones other than the query) have `nv` visits each.
//
// The loop is the whole cost of a recommendation, so it is written for V8: typed arrays read
// into locals, an inline xorshift32 generator, no allocation, visit counts in an open-addressing
// table of typed arrays sized to the walk (not to the graph, so it stays in cache; not a Map),
// cleared through the list of pins touched. Clean nodes are read from the CSR; nodes
// changed since the snapshot (their dirty bit set) from the delta, off the fast path.
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
  /** Hash table of visited pins: slot i holds [pin + 1 (0: empty), touch index] at 2i, 2i + 1. */
  slots: Int32Array;
  /** 32 − log2(slot count): Fibonacci hashing keeps the top bits. */
  shift: number;
  /** Pins in the order first visited, their visit counts, and the slot each went to. */
  touched: Uint32Array;
  counts: Uint32Array;
  slotOf: Uint32Array;
  /** Per walker: its pin, and the offset, degree and board of the step in progress. */
  walkers: { current: Int32Array; offset: Int32Array; degree: Int32Array; board: Int32Array };
}

export function createScratch(steps: number): WalkScratch {
  const scratch: WalkScratch = {
    slots: new Int32Array(0),
    shift: 32,
    touched: new Uint32Array(0),
    counts: new Uint32Array(0),
    slotOf: new Uint32Array(0),
    walkers: {
      current: new Int32Array(WALKERS),
      offset: new Int32Array(WALKERS),
      degree: new Int32Array(WALKERS),
      board: new Int32Array(WALKERS),
    },
  };
  return fitScratch(scratch, steps);
}

/** Grows the scratch for walks of `steps` steps (at most one new pin a step; table at most half full). */
export function fitScratch(scratch: WalkScratch, steps: number): WalkScratch {
  if (scratch.touched.length >= steps && scratch.touched.length > 0) return scratch;
  const capacity = Math.max(1024, steps);
  let bits = 10;
  while (1 << bits < capacity * 2) bits++;
  scratch.slots = new Int32Array(2 << bits);
  scratch.shift = 32 - bits;
  scratch.touched = new Uint32Array(capacity);
  scratch.counts = new Uint32Array(capacity);
  scratch.slotOf = new Uint32Array(capacity);
  return scratch;
}

export interface WalkOutcome {
  steps: number;
  /** scratch.touched[0 .. touched) are the pins visited, scratch.counts[0 .. touched) how often. */
  touched: number;
}

const TO_UNIT = 1 / 4294967296;

/**
 * Walkers advanced together. One walker's step is a chain of dependent cache misses (offsets,
 * then adjacency, on each side); sixteen independent chains advanced phase by phase let the CPU
 * have sixteen misses in flight instead of one. Restarts already cut a Pixie walk into short
 * independent segments from the query pin, so sixteen chains sharing the budget, the counts and
 * the early stop are the same walk, reordered.
 */
export const WALKERS = 32;

/** Runs one walk. The caller reads the counts and must call clearVisits before the next walk. */
export function walk(
  graph: GraphSnapshot,
  delta: GraphDelta,
  task: WalkTask,
  params: WalkParams,
  scratch: WalkScratch,
): WalkOutcome {
  const { pins, boards } = graph;
  const pinCount = pins.count;
  const pinBlock = pins.blockStart;
  const pinWithin = pins.within;
  const pinAdjacency = pins.adjacency;
  const pinTopic = pins.topic;
  const boardCount = boards.count;
  const boardBlock = boards.blockStart;
  const boardWithin = boards.within;
  const boardAdjacency = boards.adjacency;
  const boardTopic = boards.topic;
  const boardOpen = boards.open;
  const pinDirty = delta.pins.dirty;
  const boardDirty = delta.boards.dirty;
  const { slots, shift, touched, counts, slotOf } = scratch;
  const mask = (slots.length >>> 1) - 1;
  const topicMask = params.topicMask;
  const biased = topicMask !== null && params.topicBias > 0;
  const biasCut = params.topicBias * 4294967296;
  const restartCut = params.restart * 4294967296;
  const query = task.query;
  const budget = task.steps;
  const np = task.np;
  const nv = task.nv;
  const { current, offset, degree, board } = scratch.walkers;

  let x = task.seed | 0 || 0x2545f491;
  let steps = 0;
  let count = 0;
  let high = 0;

  if (delta.pins.degree(query) === 0) return { steps: 0, touched: 0 };
  current.fill(query);

  while (steps < budget) {
    const lanes = Math.min(WALKERS, budget - steps);

    // Phase 1: where each walker's pin keeps its boards (-1: read the delta instead).
    for (let j = 0; j < lanes; j++) {
      const pin = current[j]!;
      if (pin < pinCount && (pinDirty[pin >>> 5]! & (1 << (pin & 31))) === 0) {
        const i = pin + (pin >>> BLOCK_SHIFT);
        const from = pinWithin[i]!;
        offset[j] = pinBlock[pin >>> BLOCK_SHIFT]! + from;
        degree[j] = pinWithin[i + 1]! - from;
      } else {
        degree[j] = -1;
      }
    }

    // Phase 2: pin → board (-1: dead end, the walker restarts).
    for (let j = 0; j < lanes; j++) {
      let d = degree[j]!;
      let list: ArrayLike<number> | null = null;
      if (d < 0) {
        list = delta.boardsOf(current[j]!);
        d = list.length;
      }
      if (d === 0) {
        board[j] = -1;
        continue;
      }
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      let b =
        list === null
          ? pinAdjacency[offset[j]! + (((x >>> 0) * d * TO_UNIT) | 0)]!
          : list[((x >>> 0) * d * TO_UNIT) | 0]!;
      if (biased) {
        const topic =
          b < boardCount && (boardDirty[b >>> 5]! & (1 << (b & 31))) === 0
            ? boardTopic[b]!
            : delta.boardTopic(b);
        if (topicMask![topic] === 0) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          if (x >>> 0 < biasCut) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            const k = ((x >>> 0) * d * TO_UNIT) | 0;
            b = list === null ? pinAdjacency[offset[j]! + k]! : list[k]!;
          }
        }
      }
      board[j] = b;
    }

    // Phase 3: where each board keeps its pins; walks pass only through boards anyone may see.
    for (let j = 0; j < lanes; j++) {
      const b = board[j]!;
      if (b < 0) continue;
      if (b < boardCount && (boardDirty[b >>> 5]! & (1 << (b & 31))) === 0) {
        if ((boardOpen[b >>> 5]! & (1 << (b & 31))) === 0) {
          board[j] = -1;
          continue;
        }
        const i = b + (b >>> BLOCK_SHIFT);
        const from = boardWithin[i]!;
        offset[j] = boardBlock[b >>> BLOCK_SHIFT]! + from;
        degree[j] = boardWithin[i + 1]! - from;
      } else if (delta.boardOpen(b)) {
        degree[j] = -1;
      } else {
        board[j] = -1;
      }
    }

    // Phase 4: board → pin, count the visit, maybe restart.
    for (let j = 0; j < lanes; j++) {
      steps++;
      const b = board[j]!;
      let d = b < 0 ? 0 : degree[j]!;
      let list: ArrayLike<number> | null = null;
      if (d < 0) {
        list = delta.pinsOf(b);
        d = list.length;
      }
      if (d === 0) {
        current[j] = query;
        continue;
      }
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      let pin =
        list === null
          ? boardAdjacency[offset[j]! + (((x >>> 0) * d * TO_UNIT) | 0)]!
          : list[((x >>> 0) * d * TO_UNIT) | 0]!;
      if (biased) {
        const topic =
          pin < pinCount && (pinDirty[pin >>> 5]! & (1 << (pin & 31))) === 0
            ? pinTopic[pin]!
            : delta.pinTopic(pin);
        if (topicMask![topic] === 0) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          if (x >>> 0 < biasCut) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            const k = ((x >>> 0) * d * TO_UNIT) | 0;
            pin = list === null ? boardAdjacency[offset[j]! + k]! : list[k]!;
          }
        }
      }
      let slot = Math.imul(pin, 0x9e3779b1) >>> shift;
      let seen: number;
      for (;;) {
        const key = slots[slot << 1]!;
        if (key === pin + 1) {
          seen = ++counts[slots[(slot << 1) + 1]!]!;
          break;
        }
        if (key === 0) {
          slots[slot << 1] = pin + 1;
          slots[(slot << 1) + 1] = count;
          touched[count] = pin;
          counts[count] = 1;
          slotOf[count++] = slot;
          seen = 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (seen === nv && np > 0 && pin !== query && delta.pinOpen(pin) && ++high >= np) {
        return { steps, touched: count };
      }
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      current[j] = x >>> 0 < restartCut ? query : pin;
    }
  }
  return { steps, touched: count };
}

/** Empties the table of the pins the last walk touched. */
export function clearVisits(scratch: WalkScratch, touched: number): void {
  const { slots, slotOf } = scratch;
  for (let k = 0; k < touched; k++) slots[slotOf[k]! << 1] = 0;
}
