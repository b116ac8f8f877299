// Folds a delta into a fresh snapshot: every node's effective list, in the order walkers already
// see it, so a seeded walk gives the same result before and after. Node indexes never change
// (nodes added since the snapshot are appended), so ids held elsewhere stay valid across the swap.
// Pure; runs on a worker thread for large graphs (see walk/pool.ts), inline for small ones.

import {
  bitsetWords,
  type GraphSide,
  type GraphSnapshot,
  makeSide,
  setBit,
  sharedUint8,
  sharedUint32,
  startOf,
} from './csr.ts';
import type { DeltaSide, GraphDelta } from './delta.ts';

function compactSide(delta: DeltaSide): GraphSide {
  const base = delta.base;
  const count = delta.count;
  const start = new Uint32Array(count + 1);
  for (let v = 0; v < count; v++) start[v + 1] = start[v]! + delta.degree(v);
  const adjacency = sharedUint32(start[count]!);
  // Clean nodes' lists are contiguous in the old adjacency: copy each run of them in one go.
  let runFrom = 0;
  const flush = (to: number) => {
    if (to > runFrom) {
      const from = startOf(base, runFrom);
      const end = to < base.count ? startOf(base, to) : base.adjacency.length;
      adjacency.set(base.adjacency.subarray(from, end), start[runFrom]!);
    }
  };
  for (let v = 0; v < count; v++) {
    if (!delta.isDirty(v)) continue;
    flush(Math.min(v, base.count));
    const list = delta.list(v);
    for (let k = 0; k < list.length; k++) adjacency[start[v]! + k] = list[k]!;
    runFrom = v + 1;
  }
  flush(Math.min(count, base.count));

  const topic = sharedUint8(count);
  topic.set(base.topic.subarray(0, Math.min(count, base.count)));
  const open = sharedUint32(bitsetWords(count));
  open.set(base.open.subarray(0, open.length));
  // Bits past the old count may be set (builders fill whole words); new nodes start closed.
  for (let v = base.count; v < Math.min(count, base.count + 32); v++) setBit(open, v, false);
  for (const [v, packed] of delta.attributes) {
    topic[v] = packed >>> 1;
    setBit(open, v, (packed & 1) === 1);
  }
  return makeSide(count, start, adjacency, topic, open);
}

export function compact(delta: GraphDelta): GraphSnapshot {
  const boards = compactSide(delta.boards);
  const prunedBoards = sharedUint32(bitsetWords(boards.count));
  prunedBoards.set(delta.snapshot.prunedBoards.subarray(0, prunedBoards.length));
  for (const board of delta.newlyPruned) setBit(prunedBoards, board, true);
  return { pins: compactSide(delta.pins), boards, edges: delta.edges, prunedBoards };
}
