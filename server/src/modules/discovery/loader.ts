// Builds the graph from the database at start: boards, then every pin row streamed in keyset
// pages of (id, board_id, origin_pin_id). Each row is an edge between its canonical pin — the
// original at the root of its save chain, as Pixie uses — and its board, so the boards that saved
// the same image meet at one node. All edges are kept, secret boards' too, with per-node flags:
// a pin is "open" (may be recommended to anyone) when its original exists on a PUBLIC board, and
// walks pass only through PUBLIC boards, so nothing secret leaks into anyone's results. A board's
// topic comes from its name (topic-match.ts); pins take their boards' most common topic.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { GraphIds } from './discovery-graph.ts';
import { buildGraph, groupByBoard, type PruneOptions } from './graph/builder.ts';
import { bitsetWords, type GraphSnapshot, setBit } from './graph/csr.ts';
import { IdIndex } from './graph/id-index.ts';
import * as repo from './repo.ts';
import { topicIdOfBoardName } from './topic-match.ts';

const PAGE = 20_000;

/** A Uint32Array that doubles when full. */
class GrowingUint32 {
  data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** Sets index i (growing with zeros). */
  set(i: number, value: number): void {
    while (i >= this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[i] = value;
    if (i >= this.length) this.length = i + 1;
  }
}

export interface LoadedGraph {
  snapshot: GraphSnapshot;
  ids: GraphIds;
  /** Pin rows read (edges before duplicates were merged). */
  rows: number;
}

export async function loadFromDatabase(db: Kysely<DB>, pruning: PruneOptions): Promise<LoadedGraph> {
  const boards = new IdIndex();
  const boardIsOpen = new GrowingUint32();
  const boardTopic = new GrowingUint32();
  for (let after: string | null = null; ; ) {
    const page = await repo.boardPage(db, after, PAGE);
    for (const row of page) {
      const board = boards.add(row.id);
      boardIsOpen.set(board, row.privacy === 'PUBLIC' ? 1 : 0);
      boardTopic.set(board, topicIdOfBoardName(row.name));
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }

  const pins = new IdIndex();
  const pinIsOpen = new GrowingUint32();
  const edgePins = new GrowingUint32();
  const edgeBoards = new GrowingUint32();
  let rows = 0;
  for (let after: string | null = null; ; ) {
    const page = await repo.pinEdgePage(db, after, PAGE);
    for (const row of page) {
      // A board made after the board scan is added closed; its next sync says whether it is open.
      const board = boards.add(row.board_id);
      const origin = pins.add(row.origin_pin_id);
      if (row.id === row.origin_pin_id) pinIsOpen.set(origin, boardIsOpen.data[board] ?? 0);
      else if (origin >= pinIsOpen.length) pinIsOpen.set(origin, 0);
      edgePins.push(origin);
      edgeBoards.push(board);
      rows++;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }

  const pinOpen = new Uint32Array(bitsetWords(pins.size));
  for (let p = 0; p < pins.size; p++) if (pinIsOpen.data[p] === 1) setBit(pinOpen, p, true);
  const boardOpen = new Uint32Array(bitsetWords(boards.size));
  for (let b = 0; b < boards.size; b++) if (boardIsOpen.data[b] === 1) setBit(boardOpen, b, true);
  const grouped = groupByBoard(boards.size, edgePins.data, edgeBoards.data, edgePins.length);
  const snapshot = buildGraph(
    {
      pinCount: pins.size,
      boardCount: boards.size,
      boardStart: grouped.boardStart,
      boardPins: grouped.boardPins,
      boardTopic: Uint8Array.from(boardTopic.data.subarray(0, boards.size)),
      pinOpen,
      boardOpen,
    },
    pruning,
  );
  return { snapshot, ids: { pins, boards }, rows };
}
