// Helpers for the discovery tests: small graphs written out edge by edge.
import { buildGraph, groupByBoard } from './graph/builder.ts';
import { bitsetWords, type GraphSnapshot, MAX_DEGREE, setBit } from './graph/csr.ts';

export interface EdgeGraphExtras {
  boardTopic?: number[];
  pinTopic?: number[];
  boardCap?: number;
  pinCap?: number;
  /** Boards nobody else may see, and pins that may not be shown. */
  secretBoards?: number[];
  closedPins?: number[];
}

function openExcept(count: number, closed: number[] = []): Uint32Array {
  const bits = new Uint32Array(bitsetWords(count)).fill(0xffffffff);
  for (const v of closed) setBit(bits, v, false);
  return bits;
}

/** A graph from [pin, board] pairs. */
export function fromEdges(
  pins: number,
  boards: number,
  edges: [number, number][],
  extra: EdgeGraphExtras = {},
): GraphSnapshot {
  const grouped = groupByBoard(
    boards,
    Uint32Array.from(edges.map((e) => e[0])),
    Uint32Array.from(edges.map((e) => e[1])),
    edges.length,
  );
  return buildGraph(
    {
      pinCount: pins,
      boardCount: boards,
      ...grouped,
      pinTopic: extra.pinTopic ? Uint8Array.from(extra.pinTopic) : undefined,
      boardTopic: extra.boardTopic ? Uint8Array.from(extra.boardTopic) : undefined,
      pinOpen: openExcept(pins, extra.closedPins),
      boardOpen: openExcept(boards, extra.secretBoards),
    },
    { boardCap: extra.boardCap ?? MAX_DEGREE, pinCap: extra.pinCap ?? MAX_DEGREE },
  );
}
