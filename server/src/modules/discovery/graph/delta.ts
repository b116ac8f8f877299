// What changed since the snapshot was built: a small mutable layer over the immutable CSR.
//
// A node touched by a change gets its effective neighbour list materialised (its CSR list with
// removed edges taken out — the tombstones — and added edges appended) and a "dirty" bit; walkers
// read clean nodes from the CSR and dirty ones from here. Nodes created after the snapshot live
// only here. Changes travel as a flat op log (OPS) that every thread replays in the same order onto
// its own replica, so all replicas agree; compaction writes the effective lists into a fresh CSR in
// exactly this order, so walks are the same before and after it.
import type { PruneOptions } from './builder.ts';
import {
  bitsetWords,
  degreeOf,
  type GraphSide,
  type GraphSnapshot,
  hasBit,
  MAX_DEGREE,
  neighboursOf,
  setBit,
  UNKNOWN_TOPIC,
} from './csr.ts';

/** Op codes; each op is three numbers: code, a, b. */
export const OPS = {
  /** pin, board */
  addEdge: 1,
  removeEdge: 2,
  /** pin, attributes (open bit | topic << 1) */
  pinAttributes: 3,
  /** board, attributes */
  boardAttributes: 4,
} as const;

export function packAttributes(open: boolean, topic: number): number {
  return (open ? 1 : 0) | ((topic & 0xff) << 1);
}

/** Node attributes: whether it is open (public) and its topic. New nodes start closed, topic unknown. */
const CLOSED_UNKNOWN = packAttributes(false, UNKNOWN_TOPIC);

/** Nodes per bit of DeltaSide.dirtyRegions (2^6). */
export const DIRTY_REGION_SHIFT = 6;

export class DeltaSide {
  readonly lists = new Map<number, number[]>();
  readonly attributes = new Map<number, number>();
  readonly dirty: Uint32Array;
  /**
   * One bit per 64 nodes, set when any of them is dirty: a walker checks this small bitset (a few
   * KB, cache-resident) first and reads `dirty` (a bit per node, MBs) only in marked regions.
   */
  readonly dirtyRegions: Uint32Array;
  count: number;

  constructor(readonly base: GraphSide) {
    this.dirty = new Uint32Array(bitsetWords(base.count));
    this.dirtyRegions = new Uint32Array(bitsetWords((base.count >>> DIRTY_REGION_SHIFT) + 1));
    this.count = base.count;
  }

  isDirty(v: number): boolean {
    return v >= this.base.count || hasBit(this.dirty, v);
  }

  /** The node's effective neighbours (never mutate the result). */
  list(v: number): ArrayLike<number> {
    return this.lists.get(v) ?? neighboursOf(this.base, v);
  }

  degree(v: number): number {
    return this.lists.get(v)?.length ?? degreeOf(this.base, v);
  }

  /** The node's list, materialised for change. */
  editable(v: number): number[] {
    let list = this.lists.get(v);
    if (!list) {
      list = Array.from(neighboursOf(this.base, v));
      this.lists.set(v, list);
      this.markDirty(v);
    }
    if (v >= this.count) this.count = v + 1;
    return list;
  }

  markDirty(v: number): void {
    if (v >= this.base.count) return;
    setBit(this.dirty, v, true);
    setBit(this.dirtyRegions, v >>> DIRTY_REGION_SHIFT, true);
  }

  packedAttributes(v: number): number {
    const changed = this.attributes.get(v);
    if (changed !== undefined) return changed;
    if (v >= this.base.count) return CLOSED_UNKNOWN;
    return packAttributes(hasBit(this.base.open, v), this.base.topic[v]!);
  }

  setAttributes(v: number, packed: number): void {
    this.attributes.set(v, packed);
    this.markDirty(v);
    if (v >= this.count) this.count = v + 1;
  }
}

export class GraphDelta {
  readonly pins: DeltaSide;
  readonly boards: DeltaSide;
  /** Boards pruned since the snapshot (they outgrew the cap). */
  readonly newlyPruned = new Set<number>();
  edges: number;
  /** Ops applied since the snapshot. */
  ops = 0;

  constructor(
    readonly snapshot: GraphSnapshot,
    readonly pruning: PruneOptions,
  ) {
    this.pins = new DeltaSide(snapshot.pins);
    this.boards = new DeltaSide(snapshot.boards);
    this.edges = snapshot.edges;
  }

  get pinCount(): number {
    return this.pins.count;
  }

  get boardCount(): number {
    return this.boards.count;
  }

  isPruned(board: number): boolean {
    return (
      this.newlyPruned.has(board) ||
      (board < this.snapshot.boards.count && hasBit(this.snapshot.prunedBoards, board))
    );
  }

  pinOpen(pin: number): boolean {
    if (!this.pins.isDirty(pin)) return hasBit(this.snapshot.pins.open, pin);
    return (this.pins.packedAttributes(pin) & 1) === 1;
  }

  boardOpen(board: number): boolean {
    if (!this.boards.isDirty(board)) return hasBit(this.snapshot.boards.open, board);
    return (this.boards.packedAttributes(board) & 1) === 1;
  }

  pinTopic(pin: number): number {
    return this.pins.isDirty(pin) ? this.pins.packedAttributes(pin) >>> 1 : this.snapshot.pins.topic[pin]!;
  }

  boardTopic(board: number): number {
    return this.boards.isDirty(board)
      ? this.boards.packedAttributes(board) >>> 1
      : this.snapshot.boards.topic[board]!;
  }

  /** Effective boards of a pin / pins of a board. */
  boardsOf(pin: number): ArrayLike<number> {
    return this.pins.list(pin);
  }

  pinsOf(board: number): ArrayLike<number> {
    return this.boards.list(board);
  }

  hasEdge(pin: number, board: number): boolean {
    const boards = this.pins.list(pin);
    for (let k = 0; k < boards.length; k++) if (boards[k] === board) return true;
    return false;
  }

  /** Applies a flat op log (see OPS). Returns how many ops changed something. */
  apply(log: ArrayLike<number>, from = 0, to = log.length): number {
    let changed = 0;
    for (let k = from; k + 2 < to; k += 3) {
      if (this.applyOne(log[k]!, log[k + 1]!, log[k + 2]!)) changed++;
    }
    return changed;
  }

  private applyOne(code: number, a: number, b: number): boolean {
    this.ops++;
    switch (code) {
      case OPS.addEdge:
        return this.addEdge(a, b);
      case OPS.removeEdge:
        return this.removeEdge(a, b);
      case OPS.pinAttributes:
        this.pins.setAttributes(a, b);
        return true;
      case OPS.boardAttributes:
        this.boards.setAttributes(a, b);
        return true;
      default:
        throw new RangeError(`unknown graph op ${code}`);
    }
  }

  private addEdge(pin: number, board: number): boolean {
    if (this.isPruned(board) || this.hasEdge(pin, board)) return false;
    if (this.pins.degree(pin) >= Math.min(this.pruning.pinCap, MAX_DEGREE)) return false;
    this.pins.editable(pin).push(board);
    this.boards.editable(board).push(pin);
    this.edges++;
    if (this.boards.degree(board) > Math.min(this.pruning.boardCap, MAX_DEGREE)) this.prune(board);
    return true;
  }

  private removeEdge(pin: number, board: number): boolean {
    if (!this.hasEdge(pin, board)) return false;
    const boards = this.pins.editable(pin);
    boards.splice(boards.indexOf(board), 1);
    const pins = this.boards.editable(board);
    pins.splice(pins.indexOf(pin), 1);
    this.edges--;
    return true;
  }

  /** A board that outgrew the cap leaves the walk graph, as the builder would have left it out. */
  private prune(board: number): void {
    const pins = this.boards.editable(board);
    for (const pin of pins) {
      const boards = this.pins.editable(pin);
      boards.splice(boards.indexOf(board), 1);
    }
    this.edges -= pins.length;
    pins.length = 0;
    this.newlyPruned.add(board);
  }
}
