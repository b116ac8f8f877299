// A synthetic pin–board graph with the structure walks feed on, generated straight into the
// board-major arrays the builder takes (no edge list): pins belong to a topic and a theme within
// it, boards collect pins mostly of their own theme, then of their topic, then of anything, and
// within each pool popularity is power-law (Zipf-like), so a few pins are saved everywhere.
// Board sizes are Pareto-distributed (a few huge boards, which pruning removes). Used by the
// benchmark (100M+ edges) and by tests (hundreds). Pure: the same options give the same graph.
import { buildGraph, type PruneOptions } from './builder.ts';
import { bitsetWords, type GraphSnapshot, MAX_DEGREE, setBit, sharedUint8, sharedUint32 } from './csr.ts';

export interface SyntheticGraphOptions {
  pins: number;
  boards: number;
  /** Roughly this many edges (board sizes are random). */
  edges: number;
  topics?: number;
  themesPerTopic?: number;
  /** Where a board's pins come from: its theme, else its topic, else anywhere. */
  themeShare?: number;
  topicShare?: number;
  /** Zipf exponent of popularity within a pool. */
  popularity?: number;
  /** Fractions of boards and pins that are not public. */
  secretBoards?: number;
  closedPins?: number;
  seed?: number;
  pruning?: PruneOptions;
}

export interface SyntheticGraph {
  graph: GraphSnapshot;
  /** Theme group (topic × themes + theme) of each pin and board, for tests that check structure. */
  pinGroup: Uint16Array;
  boardGroup: Uint16Array;
  topics: number;
  themesPerTopic: number;
  /** Time spent making the board lists, then building the CSR from them. */
  seconds: { generate: number; build: number };
}

function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x85ebca6b, 0x9e3779b1) ^ Math.imul(b, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export function generateGraph(options: SyntheticGraphOptions): SyntheticGraph {
  const P = options.pins;
  const B = options.boards;
  const T = options.topics ?? 32;
  const S = options.themesPerTopic ?? 8;
  const G = T * S;
  const themeShare = options.themeShare ?? 0.7;
  const topicShare = options.topicShare ?? 0.2;
  const s = options.popularity ?? 0.9;
  const seed = options.seed ?? 1;
  const pruning = options.pruning ?? { boardCap: 2000, pinCap: MAX_DEGREE };
  if (G > 65535) throw new RangeError('too many theme groups');
  const started = performance.now();
  let x = hash(seed, 0x5eed) | 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };

  // Pins are generated in a local index space where each theme group is one contiguous range,
  // most popular first, so the generator's bookkeeping stays in cache; `scatter` (a random
  // permutation) then gives every pin its real index, so the graph's layout is as unordered as
  // data loaded by id would be.
  const groupStart = new Uint32Array(G + 1);
  for (let g = 0; g < G; g++) groupStart[g + 1] = groupStart[g]! + Math.floor(P / G) + (g < P % G ? 1 : 0);
  const scatter = new Uint32Array(P);
  for (let p = 0; p < P; p++) scatter[p] = p;
  for (let p = P - 1; p > 0; p--) {
    const q = Math.floor(next() * (p + 1));
    const swap = scatter[p]!;
    scatter[p] = scatter[q]!;
    scatter[q] = swap;
  }
  // Zipf-like ranks through the continuous inverse CDF, rank = (1 + u·(n^(1−s) − 1))^(1/(1−s)),
  // tabulated at 4096 points and interpolated (every group has about the same size n), which is
  // an order of magnitude cheaper than a pow per edge.
  const TABLE = 4096;
  const n0 = Math.max(1, Math.floor(P / G));
  const inverseCdf = new Float64Array(TABLE + 1);
  for (let i = 0; i <= TABLE; i++)
    inverseCdf[i] = (1 + (i / TABLE) * (n0 ** (1 - s) - 1)) ** (1 / (1 - s)) - 1;
  const popular = (g: number): number => {
    const n = groupStart[g + 1]! - groupStart[g]!;
    if (n === 0) return -1;
    const u = next() * TABLE;
    const i = u | 0;
    const rank = Math.floor(inverseCdf[i]! + (inverseCdf[i + 1]! - inverseCdf[i]!) * (u - i));
    return groupStart[g]! + (rank < n ? rank : n - 1);
  };

  // Board sizes: Pareto (α = 2) with the mean that gives about `edges` in all.
  const boardGroup = new Uint16Array(B);
  const boardSize = new Uint16Array(B);
  const xm = options.edges / B / 2;
  let planned = 0;
  for (let b = 0; b < B; b++) {
    boardGroup[b] = hash(b, seed ^ 0xb0a4d) % G;
    boardSize[b] = Math.min(Math.max(1, Math.round(xm / Math.sqrt(1 - next()))), MAX_DEGREE, P);
    planned += boardSize[b]!;
  }

  // A board that cannot fill a slot without repeating a pin (or overfilling one) ends up shorter.
  const boardStart = new Uint32Array(B + 1);
  const boardPins = sharedUint32(planned);
  const degree = new Uint16Array(P);
  const stamp = new Uint32Array(P);
  const pinCap = Math.min(pruning.pinCap, MAX_DEGREE);
  let w = 0;
  for (let b = 0; b < B; b++) {
    boardStart[b] = w;
    const g = boardGroup[b]!;
    const topic = Math.floor(g / S);
    for (let k = 0; k < boardSize[b]!; k++) {
      for (let attempt = 0; attempt < 8; attempt++) {
        const r = next();
        const pool =
          r < themeShare
            ? g
            : r < themeShare + topicShare
              ? topic * S + ((next() * S) | 0)
              : (next() * G) | 0;
        const p = popular(pool);
        if (p < 0 || stamp[p] === b + 1 || degree[p]! >= pinCap) continue;
        stamp[p] = b + 1;
        degree[p]!++;
        boardPins[w++] = scatter[p]!;
        break;
      }
    }
  }
  boardStart[B] = w;

  const pinGroup = new Uint16Array(P);
  for (let g = 0; g < G; g++)
    for (let p = groupStart[g]!; p < groupStart[g + 1]!; p++) pinGroup[scatter[p]!] = g;
  const pinTopic = sharedUint8(P);
  for (let p = 0; p < P; p++) pinTopic[p] = 1 + Math.floor(pinGroup[p]! / S);
  const boardTopic = sharedUint8(B);
  for (let b = 0; b < B; b++) boardTopic[b] = 1 + Math.floor(boardGroup[b]! / S);
  const boardOpen = sharedUint32(bitsetWords(B)).fill(0xffffffff);
  const pinOpen = sharedUint32(bitsetWords(P)).fill(0xffffffff);
  for (let b = 0; b < B; b++)
    if (hash(b, 0x5ec) / 4294967296 < (options.secretBoards ?? 0)) setBit(boardOpen, b, false);
  for (let p = 0; p < P; p++)
    if (hash(p, 0xc105e) / 4294967296 < (options.closedPins ?? 0)) setBit(pinOpen, p, false);

  const generated = performance.now();
  const graph = buildGraph(
    {
      pinCount: P,
      boardCount: B,
      boardStart,
      boardPins: boardPins.subarray(0, w),
      pinTopic,
      boardTopic,
      pinOpen,
      boardOpen,
      distinct: true,
    },
    pruning,
  );
  const seconds = { generate: (generated - started) / 1000, build: (performance.now() - generated) / 1000 };
  return { graph, pinGroup, boardGroup, topics: T, themesPerTopic: S, seconds };
}
