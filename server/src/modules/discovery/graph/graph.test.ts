import { describe, expect, it } from 'vitest';
import { fromEdges } from '../test-kit.ts';
import { compact } from './compaction.ts';
import {
  bitsetWords,
  blockOffsets,
  degreeOf,
  hasBit,
  MAX_DEGREE,
  neighboursOf,
  snapshotBytes,
} from './csr.ts';
import { GraphDelta, OPS, packAttributes } from './delta.ts';
import { IdIndex } from './id-index.ts';
import { generateGraph } from './synthetic.ts';

/** Op triples as the flat log GraphDelta.apply takes. */
const ops = (...triples: [number, number, number][]) => triples.flat();
const ADD = OPS.addEdge;
const REMOVE = OPS.removeEdge;

const sorted = (list: ArrayLike<number>) => Array.from(list).sort((a, b) => a - b);

describe('CSR build', () => {
  it('lists every edge once per side, merges repeats, and agrees with a naive adjacency', () => {
    // 40 pins, 7 boards, random edges with repeats: node counts span several offset blocks.
    const edges: [number, number][] = [];
    let x = 7;
    for (let k = 0; k < 300; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      edges.push([x % 40, (x >>> 8) % 7]);
    }
    const graph = fromEdges(40, 7, edges);
    const distinct = new Set(edges.map(([p, b]) => `${p}:${b}`));
    expect(graph.edges).toBe(distinct.size);
    for (let p = 0; p < 40; p++) {
      const expected = [...distinct].filter((e) => e.startsWith(`${p}:`)).map((e) => Number(e.split(':')[1]));
      expect(sorted(neighboursOf(graph.pins, p))).toEqual(sorted(expected));
      expect(degreeOf(graph.pins, p)).toBe(expected.length);
    }
    for (let b = 0; b < 7; b++) {
      const expected = [...distinct].filter((e) => e.endsWith(`:${b}`)).map((e) => Number(e.split(':')[0]));
      expect(Array.from(neighboursOf(graph.boards, b))).toEqual(sorted(expected));
    }
  });

  it('prunes boards over the cap from both sides', () => {
    const edges: [number, number][] = [];
    for (let p = 0; p < 10; p++) edges.push([p, 0]); // board 0: 10 pins
    edges.push([0, 1], [1, 1]);
    const graph = fromEdges(10, 2, edges, { boardCap: 5 });
    expect(hasBit(graph.prunedBoards, 0)).toBe(true);
    expect(degreeOf(graph.boards, 0)).toBe(0);
    expect(Array.from(neighboursOf(graph.pins, 0))).toEqual([1]);
    expect(degreeOf(graph.pins, 5)).toBe(0);
    expect(graph.edges).toBe(2);
  });

  it('caps pin degree, keeping the boards of the pin’s own topic, and infers unknown pin topics', () => {
    const edges: [number, number][] = [];
    for (let b = 0; b < 6; b++) edges.push([0, b]);
    edges.push([1, 0], [1, 1], [1, 2]);
    // Boards 0-2 are topic 3, boards 3-5 topic 9; pin 0 is topic 9, pin 1 unknown.
    const graph = fromEdges(2, 6, edges, { boardTopic: [3, 3, 3, 9, 9, 9], pinTopic: [9, 0], pinCap: 3 });
    expect(sorted(neighboursOf(graph.pins, 0))).toEqual([3, 4, 5]);
    for (const b of [0, 1, 2]) expect(Array.from(neighboursOf(graph.boards, b))).toEqual([1]);
    expect(graph.pins.topic[1]).toBe(3);
    expect(graph.edges).toBe(6);
  });

  it('refuses a node over MAX_DEGREE (its block could not hold it); the builder clamps caps to fit', () => {
    expect(() => blockOffsets(1, [0, MAX_DEGREE + 1])).toThrow(RangeError);
    expect(blockOffsets(1, [0, MAX_DEGREE])[3]).toBe(MAX_DEGREE);
    const edges: [number, number][] = Array.from({ length: MAX_DEGREE + 1 }, (_, p) => [p, 0]);
    const graph = fromEdges(MAX_DEGREE + 1, 1, edges, { boardCap: 99_999 });
    expect(hasBit(graph.prunedBoards, 0)).toBe(true);
  });

  it('stays under 8.5 bytes per edge, both directions, offsets and flags included', () => {
    const { graph } = generateGraph({ pins: 20_000, boards: 2_000, edges: 200_000, seed: 3 });
    expect(graph.edges).toBeGreaterThan(150_000);
    const perEdge = snapshotBytes(graph) / graph.edges;
    expect(perEdge).toBeGreaterThanOrEqual(8);
    expect(perEdge).toBeLessThan(8.5);
  });
});

describe('delta and compaction', () => {
  const pruning = { boardCap: 4, pinCap: 3 };
  const base = () =>
    fromEdges(
      6,
      3,
      [
        [0, 0],
        [1, 0],
        [2, 1],
        [3, 1],
        [4, 2],
      ],
      { boardCap: 4, pinCap: 3 },
    );

  it('adds and removes edges, enforces the caps and prunes a board that outgrows its cap', () => {
    const delta = new GraphDelta(base(), pruning);
    delta.apply(ops([ADD, 5, 0], [ADD, 0, 0], [REMOVE, 2, 1]));
    expect(Array.from(delta.pinsOf(0))).toEqual([0, 1, 5]);
    expect(Array.from(delta.boardsOf(2))).toEqual([]);
    expect(delta.edges).toBe(5);
    // A new pin (index 6) beyond the snapshot.
    delta.apply(ops([ADD, 6, 2]));
    expect(delta.pinCount).toBe(7);
    expect(Array.from(delta.pinsOf(2))).toEqual([4, 6]);
    // Board 0 goes to 4 pins (at the cap), then 5: pruned, its edges gone from its pins too.
    delta.apply(ops([ADD, 3, 0]));
    expect(delta.isPruned(0)).toBe(false);
    delta.apply(ops([ADD, 4, 0]));
    expect(delta.isPruned(0)).toBe(true);
    expect(Array.from(delta.boardsOf(0))).toEqual([]);
    expect(Array.from(delta.boardsOf(3))).toEqual([1]);
    delta.apply(ops([ADD, 2, 0]));
    expect(Array.from(delta.pinsOf(0))).toEqual([]);
    // Pin cap 3: the fourth board is refused.
    delta.apply(ops([ADD, 5, 1], [ADD, 5, 2], [ADD, 5, 3], [ADD, 5, 4]));
    expect(Array.from(delta.boardsOf(5))).toEqual([1, 2, 3]);
  });

  it('marks the region of 64 nodes around a changed node, so walkers read per-node bits only there', () => {
    const { graph } = generateGraph({ pins: 300, boards: 30, edges: 3000, seed: 5 });
    const delta = new GraphDelta(graph, { boardCap: 4095, pinCap: 4095 });
    delta.apply(ops([ADD, 130, 29]));
    const regions = delta.pins.dirtyRegions;
    expect([0, 1, 2, 3, 4].map((r) => hasBit(regions, r))).toEqual([false, false, true, false, false]);
    expect(hasBit(delta.boards.dirtyRegions, 0)).toBe(true);
    expect(delta.pins.isDirty(130)).toBe(true);
    expect(delta.pins.isDirty(131)).toBe(false);
  });

  it('compacts into a CSR with exactly the effective lists, attributes and pruning', () => {
    const delta = new GraphDelta(base(), pruning);
    delta.apply(
      ops(
        [ADD, 5, 0],
        [REMOVE, 0, 0],
        [ADD, 7, 1],
        [OPS.pinAttributes, 7, packAttributes(true, 12)],
        [OPS.boardAttributes, 3, packAttributes(false, 2)],
        [OPS.pinAttributes, 1, packAttributes(false, 5)],
      ),
    );
    const next = compact(delta);
    expect(next.pins.count).toBe(8);
    expect(next.boards.count).toBe(4);
    expect(next.edges).toBe(delta.edges);
    for (let p = 0; p < 8; p++)
      expect(Array.from(neighboursOf(next.pins, p))).toEqual(Array.from(delta.boardsOf(p)));
    for (let b = 0; b < 4; b++)
      expect(Array.from(neighboursOf(next.boards, b))).toEqual(Array.from(delta.pinsOf(b)));
    expect(hasBit(next.pins.open, 7)).toBe(true);
    expect(next.pins.topic[7]).toBe(12);
    expect(hasBit(next.pins.open, 1)).toBe(false);
    expect(hasBit(next.pins.open, 6)).toBe(false); // created by no attribute op: closed
    expect(hasBit(next.boards.open, 3)).toBe(false);
    expect(hasBit(next.boards.open, 2)).toBe(true);
    expect(next.boards.open.length).toBe(bitsetWords(4));
  });
});

describe('IdIndex', () => {
  it('maps 64-bit ids to dense indexes and back, through growth', () => {
    const index = new IdIndex(4);
    const ids = Array.from({ length: 5000 }, (_, k) => (BigInt(k) << 40n) + 123456789n + BigInt(k * 7));
    ids.forEach((id, k) => {
      expect(index.add(id.toString())).toBe(k);
    });
    ids.forEach((id, k) => {
      expect(index.get(id)).toBe(k);
      expect(index.idOf(k)).toBe(id.toString());
    });
    expect(index.add(ids[17]!)).toBe(17);
    expect(index.get('42')).toBe(-1);
    expect(index.get('9223372036854775807')).toBe(-1);
    expect(() => index.add('-1')).toThrow(RangeError);
  });
});
