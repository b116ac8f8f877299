// The recommendation engine's face: a pin–board graph (CSR snapshot + delta), kept current by
// addEdge/removeEdge and attribute changes, answering Pixie queries ("pins related to these pins")
// on walker threads or in-thread. Nodes are canonical pins (a save's origin_pin_id), so every save
// of one image joins the same node and connects the boards it was saved to.
//
// Consistency: every change is an op applied to the main delta at once (a query right after sees
// it) and broadcast to the walker threads before any later walk. When the delta has grown past
// `compactAfterOps`, a fresh CSR is built in the background (on a thread of its own when the graph
// is large or a pool runs)
// and swapped in atomically: the swap replays the ops that arrived meanwhile onto the new base.
import type { Logger } from 'pino';
import { DEFAULT_PRUNING, type PruneOptions } from './graph/builder.ts';
import { compact } from './graph/compaction.ts';
import { type GraphSnapshot, snapshotBytes } from './graph/csr.ts';
import { GraphDelta, OPS, packAttributes } from './graph/delta.ts';
import type { IdIndex } from './graph/id-index.ts';
import { createScratch } from './walk/kernel.ts';
import { type LaneCounts, runTask, type WireParams, walkParams } from './walk/lanes.ts';
import { checkWalkOptions, type RelatedOptions } from './walk/options.ts';
import { type LaneTask, type PlannedPin, planTasks } from './walk/plan.ts';
import { compactOffThread, WalkerPool } from './walk/pool.ts';
import { type RankedNode, ScoreBoard } from './walk/scoring.ts';

export type NodeId = bigint | string;
export {
  DEFAULT_EARLY_STOP,
  DEFAULT_RESTART,
  DEFAULT_STEPS,
  DEFAULT_TOPIC_BIAS,
  HOME_FEED_RESTART,
  type RelatedOptions,
} from './walk/options.ts';

export interface QueryPin {
  id: NodeId;
  /** Relative importance (e.g. recency in a home feed); 1 by default. */
  weight?: number;
}

export interface RelatedPin {
  pinId: string;
  score: number;
  visits: number;
}

export interface NodeQuery {
  node: number;
  weight: number;
}

export interface DiscoveryGraphOptions {
  pruning?: PruneOptions;
  /** Walker threads (0: walk on the calling thread). */
  threads?: number;
  /** Below this many edges walks stay in-thread even with threads (a message costs more than the walk). */
  threadMinEdges?: number;
  /** Fold the delta into a fresh CSR once it holds this many ops. */
  compactAfterOps?: number;
  /** Graphs below this many edges compact on the calling thread (no thread to start). */
  inlineCompactionEdges?: number;
  log?: Logger;
}

export interface GraphIds {
  pins: IdIndex;
  boards: IdIndex;
}

export interface GraphStats {
  pins: number;
  boards: number;
  edges: number;
  /** Bytes of the snapshot's arrays (adjacency both ways, offsets, topics, flags). */
  bytes: number;
  bytesPerEdge: number;
  /** Bytes of the id ↔ index maps (not needed by walks). */
  idBytes: number;
  deltaOps: number;
  compactions: number;
  threads: number;
}

export class DiscoveryGraph {
  private snapshot: GraphSnapshot;
  private delta: GraphDelta;
  /** Ops since the snapshot, for compaction and for loading new threads. */
  private log: number[] = [];
  /** Ops not yet sent to the walker threads. */
  private unsent: number[] = [];
  private pool: WalkerPool | null = null;
  private readonly scores = new ScoreBoard();
  private readonly scratch = createScratch(0);
  private compacting: Promise<void> | null = null;
  private compactions = 0;
  readonly pruning: PruneOptions;

  constructor(
    snapshot: GraphSnapshot,
    /** Database ids of the nodes; null: a node's id is its index (synthetic graphs). */
    private readonly ids: GraphIds | null,
    private readonly options: DiscoveryGraphOptions = {},
  ) {
    this.pruning = options.pruning ?? DEFAULT_PRUNING;
    this.snapshot = snapshot;
    this.delta = new GraphDelta(snapshot, this.pruning);
    const threads = options.threads ?? 0;
    if (threads > 0) {
      this.pool = new WalkerPool(threads);
      this.pool.load(snapshot, this.pruning, []);
    }
  }

  get threads(): number {
    return this.pool?.size ?? 0;
  }

  // ---- queries --------------------------------------------------------------------------------

  /** Pins related to the query pins, best first (Pixie). Unknown query pins are ignored. */
  async related(pins: readonly QueryPin[], options: RelatedOptions): Promise<RelatedPin[]> {
    return (await this.relatedWithSteps(pins, options)).pins;
  }

  /** As related(), also telling how many steps the walks took (early stopping saves some). */
  async relatedWithSteps(
    pins: readonly QueryPin[],
    options: RelatedOptions,
  ): Promise<{ pins: RelatedPin[]; steps: number }> {
    const queries: NodeQuery[] = [];
    for (const pin of pins) {
      const node = this.pinIndex(pin.id);
      if (node >= 0) queries.push({ node, weight: pin.weight ?? 1 });
    }
    const exclude = new Set<number>();
    for (const id of options.exclude ?? []) {
      const node = this.pinIndex(id);
      if (node >= 0) exclude.add(node);
    }
    const { ranked, steps } = await this.relatedNodes(queries, options, exclude);
    return {
      pins: ranked.map((r) => ({ pinId: this.pinIdOf(r.node), score: r.score, visits: r.visits })),
      steps,
    };
  }

  /** The engine at node level (benchmarks and evaluation work with indexes). */
  async relatedNodes(
    queries: readonly NodeQuery[],
    options: RelatedOptions,
    exclude: ReadonlySet<number> = new Set(),
  ): Promise<{ ranked: RankedNode[]; steps: number }> {
    const checked = checkWalkOptions(options, this.threads);
    const delta = this.delta;
    const graph = this.snapshot;
    const planned: PlannedPin[] = queries
      .filter((q) => q.node >= 0 && q.node < delta.pinCount)
      .map((q) => ({ index: q.node, weight: q.weight, degree: delta.pins.degree(q.node) }));
    const tasks = planTasks(planned, checked.steps, checked.lanes, checked.seed, options.earlyStop ?? null);
    this.scores.fit(delta.pinCount, checked.steps);
    let steps = 0;
    const results = await this.walkOnThreads(tasks, checked.wire, delta.edges);
    if (results) {
      // A swap may have happened while waiting: size the board for the graph as it is now.
      this.scores.fit(this.delta.pinCount, checked.steps);
      tasks.forEach((task, k) => {
        const counts = results[k]!;
        steps += counts.steps;
        this.scores.addCounts(counts.nodes, counts.counts);
        if (tasks[k + 1]?.pinPosition !== task.pinPosition) this.scores.endQueryPin();
      });
    } else {
      const params = walkParams(checked.wire);
      tasks.forEach((task, k) => {
        steps += runTask(graph, delta, task, params, this.scratch, (touched, counts, length) =>
          this.scores.addCounts(touched, counts, length),
        );
        if (tasks[k + 1]?.pinPosition !== task.pinPosition) this.scores.endQueryPin();
      });
    }
    const queried = new Set(planned.map((p) => p.index));
    const current = this.delta;
    const ranked = this.scores.top(
      checked.limit,
      (node) => !queried.has(node) && !exclude.has(node) && current.pinOpen(node),
    );
    return { ranked, steps };
  }

  /** The tasks' counts from the walker threads; null to walk here (no pool, small graph, dead pool). */
  private async walkOnThreads(
    tasks: LaneTask[],
    wire: WireParams,
    edges: number,
  ): Promise<LaneCounts[] | null> {
    const pool = this.pool;
    if (!pool || pool.failed || edges < (this.options.threadMinEdges ?? 200_000)) return null;
    this.flush();
    try {
      return await pool.walk(tasks, wire);
    } catch (error) {
      if (!pool.failed) throw error;
      // A walker thread died: this query, and every later one, walks on this thread.
      this.options.log?.error({ err: error }, 'discovery walker thread failed; walking in-thread');
      return null;
    }
  }

  // ---- changes ------------------------------------------------------------------------------

  /** Adds the edge pin ↔ board (pin: the canonical, original pin). False if it was there or refused. */
  addEdge(pinId: NodeId, boardId: NodeId): boolean {
    return this.emit(OPS.addEdge, this.pinNode(pinId), this.boardNode(boardId));
  }

  removeEdge(pinId: NodeId, boardId: NodeId): boolean {
    const pin = this.pinIndex(pinId);
    const board = this.boardIndex(boardId);
    if (pin < 0 || board < 0) return false;
    return this.emit(OPS.removeEdge, pin, board);
  }

  /** Whether a pin may be shown to anyone, and its topic (0 unknown). */
  setPin(pinId: NodeId, attributes: { open: boolean; topic?: number }): void {
    const pin = this.pinNode(pinId);
    const topic = attributes.topic ?? this.delta.pinTopic(pin);
    if (this.delta.pinOpen(pin) === attributes.open && this.delta.pinTopic(pin) === topic) return;
    this.emit(OPS.pinAttributes, pin, packAttributes(attributes.open, topic));
  }

  /** Whether anyone may see the board (walks pass only through such boards), and its topic. */
  setBoard(boardId: NodeId, attributes: { open: boolean; topic?: number }): void {
    const board = this.boardNode(boardId);
    const topic = attributes.topic ?? this.delta.boardTopic(board);
    if (this.delta.boardOpen(board) === attributes.open && this.delta.boardTopic(board) === topic) return;
    this.emit(OPS.boardAttributes, board, packAttributes(attributes.open, topic));
  }

  /** Makes a board's pins exactly `pinIds` (canonical ids); returns how many edges changed. */
  syncBoard(boardId: NodeId, pinIds: readonly NodeId[]): number {
    const board = this.boardNode(boardId);
    const wanted = new Set(pinIds.map((id) => this.pinNode(id)));
    let changed = 0;
    for (const pin of Array.from(this.delta.pinsOf(board))) {
      if (!wanted.has(pin) && this.emit(OPS.removeEdge, pin, board)) changed++;
      wanted.delete(pin);
    }
    for (const pin of wanted) if (this.emit(OPS.addEdge, pin, board)) changed++;
    return changed;
  }

  hasPin(pinId: NodeId): boolean {
    return this.pinIndex(pinId) >= 0;
  }

  hasBoard(boardId: NodeId): boolean {
    return this.boardIndex(boardId) >= 0;
  }

  /** The board ids of a pin's effective edges (tests and diagnostics). */
  boardsOf(pinId: NodeId): string[] {
    const pin = this.pinIndex(pinId);
    return pin < 0 ? [] : Array.from(this.delta.boardsOf(pin), (b) => this.boardIdOf(b));
  }

  pinsOf(boardId: NodeId): string[] {
    const board = this.boardIndex(boardId);
    return board < 0 ? [] : Array.from(this.delta.pinsOf(board), (p) => this.pinIdOf(p));
  }

  private emit(code: number, a: number, b: number): boolean {
    if (this.delta.apply([code, a, b]) === 0) return false;
    this.log.push(code, a, b);
    if (this.pool) {
      if (this.unsent.length === 0) queueMicrotask(() => this.flush());
      this.unsent.push(code, a, b);
    }
    if (this.log.length / 3 >= (this.options.compactAfterOps ?? 50_000) && !this.compacting) {
      this.compacting = this.compact()
        .catch((error) => this.options.log?.error({ err: error }, 'discovery graph compaction failed'))
        .finally(() => {
          this.compacting = null;
        });
    }
    return true;
  }

  private flush(): void {
    if (this.unsent.length === 0 || !this.pool) return;
    this.pool.ops(this.unsent);
    this.unsent = [];
  }

  /** Folds the delta into a fresh CSR and swaps it in; ops arriving meanwhile are replayed on top. */
  async compact(): Promise<void> {
    // Never in the middle of the caller's change (emit schedules this).
    await new Promise((resolve) => setImmediate(resolve));
    const base = this.snapshot;
    const upTo = this.log.length;
    // Rewriting a large CSR takes seconds: a thread of its own does it while this one serves.
    const offThread = this.pool !== null || base.edges >= (this.options.inlineCompactionEdges ?? 1_000_000);
    const next = offThread
      ? await compactOffThread(base, this.pruning, this.log.slice(0, upTo))
      : compact(this.delta);
    if (this.snapshot !== base) return; // another compaction won the race
    const tail = this.log.slice(upTo);
    this.flush();
    const delta = new GraphDelta(next, this.pruning);
    delta.apply(tail);
    this.snapshot = next;
    this.delta = delta;
    this.log = tail;
    this.pool?.load(next, this.pruning, tail);
    this.compactions++;
  }

  /** Waits for a compaction in progress, if any (tests, shutdown). */
  async settled(): Promise<void> {
    await this.compacting;
  }

  stats(): GraphStats {
    const bytes = snapshotBytes(this.snapshot);
    return {
      pins: this.delta.pinCount,
      boards: this.delta.boardCount,
      edges: this.delta.edges,
      bytes,
      bytesPerEdge: this.snapshot.edges > 0 ? bytes / this.snapshot.edges : 0,
      idBytes: this.ids ? this.ids.pins.bytes() + this.ids.boards.bytes() : 0,
      deltaOps: this.log.length / 3,
      compactions: this.compactions,
      threads: this.threads,
    };
  }

  async close(): Promise<void> {
    await this.compacting;
    await this.pool?.close();
    this.pool = null;
  }

  // ---- ids ----------------------------------------------------------------------------------

  private pinIndex(id: NodeId): number {
    return this.indexOf(this.ids?.pins, id, this.delta.pinCount);
  }

  private boardIndex(id: NodeId): number {
    return this.indexOf(this.ids?.boards, id, this.delta.boardCount);
  }

  private indexOf(index: IdIndex | undefined, id: NodeId, count: number): number {
    if (index) return index.get(id);
    const n = Number(id);
    return Number.isInteger(n) && n >= 0 && n < count ? n : -1;
  }

  /** The pin's node, created (closed, topic unknown) if new. */
  private pinNode(id: NodeId): number {
    const known = this.pinIndex(id);
    if (known >= 0) return known;
    const node = this.ids ? this.ids.pins.add(id) : Number(id);
    if (!Number.isInteger(node) || node < this.delta.pinCount) throw new RangeError(`bad pin id ${id}`);
    this.emit(OPS.pinAttributes, node, packAttributes(false, 0));
    return node;
  }

  private boardNode(id: NodeId): number {
    const known = this.boardIndex(id);
    if (known >= 0) return known;
    const node = this.ids ? this.ids.boards.add(id) : Number(id);
    if (!Number.isInteger(node) || node < this.delta.boardCount) throw new RangeError(`bad board id ${id}`);
    this.emit(OPS.boardAttributes, node, packAttributes(false, 0));
    return node;
  }

  private pinIdOf(node: number): string {
    return this.ids ? this.ids.pins.idOf(node) : String(node);
  }

  private boardIdOf(node: number): string {
    return this.ids ? this.ids.boards.idOf(node) : String(node);
  }
}
