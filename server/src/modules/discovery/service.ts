// Discovery: the Pixie graph of this database, built at start and kept current from pin events.
//
// Rules: the graph holds canonical pins (originals) and boards; a pin row is an edge between its
// original and its board. Results only ever contain pins whose original is on a PUBLIC board, and
// walks pass only through PUBLIC boards (see loader.ts). Whether the viewer may see a result in
// full (blocks, their own secret pins) stays the endpoints' business.
//
// Freshness: pin events name boards whose pins changed; each batch re-reads those boards' current
// canonical pins and privacy (one query) and applies the difference, so a save or deletion is in
// the graph within one event delivery, events may repeat or arrive out of order, and no rebuild
// is needed. Events that arrive while the graph is loading wait and are applied after.
import type { ServiceContext } from '../../platform/context.ts';
import type { CorkboardEvent, EventsService, EventType } from '../events/index.ts';
import {
  DiscoveryGraph,
  type GraphStats,
  type QueryPin,
  type RelatedOptions,
  type RelatedPin,
} from './discovery-graph.ts';
import type { PruneOptions } from './graph/builder.ts';
import { DEFAULT_PRUNING } from './graph/builder.ts';
import { loadFromDatabase } from './loader.ts';
import * as repo from './repo.ts';
import { topicIdOfBoardName } from './topic-match.ts';

/** The part of the events service discovery uses (a listener runs in every process). */
export type PinEventSource = Pick<EventsService, 'registerListener'>;

/** Each names the board whose pins changed (data.board_id): the save's target, the new or deleted pin's board. */
export const PIN_EVENT_TYPES = [
  'pin.created.v1',
  'pin.saved.v1',
  'pin.deleted.v1',
] as const satisfies EventType[];
/** Changes to a board as a whole (privacy, name, pins deleted in bulk): the board is read again. */
const BOARD_EVENT_TYPES = ['board.updated.v1', 'board.deleted.v1'] as const satisfies EventType[];
const GRAPH_EVENT_TYPES = [...PIN_EVENT_TYPES, ...BOARD_EVENT_TYPES];
type PinEvent = CorkboardEvent<(typeof PIN_EVENT_TYPES)[number]>;

function isPinEvent(event: CorkboardEvent): event is PinEvent {
  return (PIN_EVENT_TYPES as readonly string[]).includes(event.type);
}

function isBoardEvent(event: CorkboardEvent): boolean {
  return (BOARD_EVENT_TYPES as readonly string[]).includes(event.type);
}

export interface DiscoveryOptions {
  /** Walker threads; 0 walks on the main thread. */
  threads: number;
  pruning?: PruneOptions;
  compactAfterOps?: number;
  threadMinEdges?: number;
}

export class DiscoveryService {
  private graph: DiscoveryGraph | null = null;
  private loading: Promise<DiscoveryGraph> | null = null;
  /** Events received before the graph was ready. */
  private queued: CorkboardEvent[] = [];
  private closed = false;
  /** Syncs run one after another, so an older read of a board never lands after a newer one. */
  private syncing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: DiscoveryOptions,
  ) {}

  /** Builds the graph from the database (once; later calls wait for the same build). */
  start(): Promise<DiscoveryGraph> {
    this.loading ??= this.load().catch((error) => {
      this.loading = null; // the next call tries again
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<DiscoveryGraph> {
    const started = performance.now();
    const pruning = this.options.pruning ?? DEFAULT_PRUNING;
    const loaded = await loadFromDatabase(this.ctx.db, pruning);
    const graph = new DiscoveryGraph(loaded.snapshot, loaded.ids, {
      pruning,
      threads: this.options.threads,
      compactAfterOps: this.options.compactAfterOps,
      threadMinEdges: this.options.threadMinEdges,
      log: this.ctx.log,
    });
    if (this.closed) {
      await graph.close();
      throw new Error('discovery closed while loading');
    }
    this.graph = graph;
    const stats = graph.stats();
    this.ctx.log.info(
      {
        pins: stats.pins,
        boards: stats.boards,
        edges: stats.edges,
        ms: Math.round(performance.now() - started),
      },
      'discovery graph built',
    );
    const waiting = this.queued;
    this.queued = [];
    if (waiting.length > 0) await this.applyEvents(waiting);
    return graph;
  }

  /** Keeps the graph current from pin events and changes to whole boards. */
  listenTo(source: PinEventSource): void {
    source.registerListener({
      name: 'discovery-graph',
      types: GRAPH_EVENT_TYPES,
      onEvents: (events) => this.onEvents(events as readonly CorkboardEvent[]),
    });
  }

  async onEvents(events: readonly CorkboardEvent[]): Promise<void> {
    if (!this.graph) {
      this.queued.push(...events);
      return;
    }
    await this.applyEvents(events);
  }

  private async applyEvents(events: readonly CorkboardEvent[]): Promise<void> {
    const boards = new Set<string>();
    const deleted: string[] = [];
    for (const event of events) {
      if (isBoardEvent(event)) boards.add(event.object.id);
      if (!isPinEvent(event)) continue;
      boards.add(event.data.board_id);
      if (event.type === 'pin.deleted.v1') deleted.push(event.object.id);
    }
    await this.syncBoards([...boards]);
    // A deleted original can no longer be shown; its saves keep its node (and their boards) joined.
    const graph = this.graph!;
    for (const id of deleted) if (graph.hasPin(id)) graph.setPin(id, { open: false });
  }

  /** Re-reads these boards' pins and privacy and applies the difference (also after board changes). */
  syncBoards(boardIds: readonly string[]): Promise<number> {
    const run = this.syncing.then(() => this.syncBoardsNow(boardIds));
    this.syncing = run.catch(() => {});
    return run;
  }

  private async syncBoardsNow(boardIds: readonly string[]): Promise<number> {
    const graph = this.graph ?? (await this.start());
    if (boardIds.length === 0) return 0;
    const rows = await repo.boardEdges(this.ctx.db, boardIds);
    const byBoard = new Map<string, { open: boolean; topic: number; pins: string[] }>();
    for (const id of boardIds) byBoard.set(id, { open: false, topic: 0, pins: [] }); // gone unless a row says otherwise
    for (const row of rows) {
      const board = byBoard.get(row.board_id)!;
      board.open = row.privacy === 'PUBLIC';
      board.topic = topicIdOfBoardName(row.name);
      if (row.origin_pin_id === null) continue;
      board.pins.push(row.origin_pin_id);
      graph.setPin(row.origin_pin_id, { open: row.origin_open });
    }
    let changed = 0;
    for (const [id, board] of byBoard) {
      if (!graph.hasBoard(id) && board.pins.length === 0) continue;
      graph.setBoard(id, { open: board.open, topic: board.topic });
      changed += graph.syncBoard(id, board.pins);
    }
    return changed;
  }

  async related(pins: readonly QueryPin[], options: RelatedOptions): Promise<RelatedPin[]> {
    const graph = this.graph ?? (await this.start());
    return graph.related(pins, options);
  }

  /** The graph, once built (for callers that need relatedWithSteps or node-level access). */
  ready(): Promise<DiscoveryGraph> {
    return this.graph ? Promise.resolve(this.graph) : this.start();
  }

  stats(): GraphStats | null {
    return this.graph?.stats() ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.graph?.close();
    this.graph = null;
  }
}
