import { describe, expect, it } from 'vitest';
import { GraphDelta } from '../graph/delta.ts';
import { generateGraph } from '../graph/synthetic.ts';
import { clearVisits, createScratch, walk } from './kernel.ts';
import { deriveSeed, pixieScale, planTasks, stepBudgets } from './plan.ts';
import { ScoreBoard } from './scoring.ts';

describe('step budgets (Pixie: s_q = deg·(C − ln deg), times the weight)', () => {
  it('splits the budget exactly, sub-linearly in degree, scaled by weight, none for pins without boards', () => {
    const budgets = stepBudgets(
      [
        { index: 0, weight: 1, degree: 10 },
        { index: 1, weight: 1, degree: 100 },
        { index: 2, weight: 2, degree: 10 },
        { index: 3, weight: 1, degree: 0 },
      ],
      100_001,
    );
    expect(budgets.reduce((a, b) => a + b, 0)).toBe(100_001);
    expect(budgets[3]).toBe(0);
    const ratio = budgets[1]! / budgets[0]!;
    expect(ratio).toBeCloseTo(pixieScale(100) / pixieScale(10), 2);
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(10);
    expect(budgets[2]! / budgets[0]!).toBeCloseTo(2, 2);
  });

  it('plans lanes with seeds from the query seed, position and lane, and shares early stopping', () => {
    const tasks = planTasks([{ index: 7, weight: 1, degree: 5 }], 1001, 2, 99, { np: 100, nv: 5 });
    expect(tasks.map((t) => t.steps)).toEqual([501, 500]);
    expect(tasks.map((t) => t.seed)).toEqual([deriveSeed(99, 0, 0), deriveSeed(99, 0, 1)]);
    expect(new Set(tasks.map((t) => t.seed)).size).toBe(2);
    expect(tasks.every((t) => t.np === 100 && t.nv === 3 && t.query === 7)).toBe(true);
  });
});

describe('multi-hit booster', () => {
  it('ranks a pin reached from two query pins above one reached more often from only one', () => {
    const board = new ScoreBoard();
    board.fit(10, 100);
    board.addCounts([1, 2], [50, 120]); // query pin A: pin 1 ×50, pin 2 ×120
    board.endQueryPin();
    board.addCounts([1], [30]); // query pin B, two lanes: pin 1 ×30 + ×20
    board.addCounts([1], [20]);
    board.endQueryPin();
    const ranked = board.top(10, () => true);
    expect(ranked.map((r) => r.node)).toEqual([1, 2]);
    expect(ranked[0]!.visits).toBe(100);
    expect(ranked[0]!.score).toBeCloseTo((Math.sqrt(50) + Math.sqrt(50)) ** 2, 6);
    expect(ranked[1]).toEqual({ node: 2, score: 120, visits: 120 });
    // The board resets after top(): the next query starts from zero.
    board.addCounts([3], [4]);
    board.endQueryPin();
    expect(board.top(10, () => true)).toEqual([{ node: 3, score: 4, visits: 4 }]);
  });

  it('grows past the size it was fitted to, keeping every count', () => {
    const board = new ScoreBoard();
    board.fit(4, 4);
    const nodes = Array.from({ length: 3000 }, (_, k) => k * 7919);
    board.addCounts(
      nodes.slice(0, 10),
      nodes.slice(0, 10).map(() => 1),
    );
    board.endQueryPin();
    board.addCounts(
      nodes,
      nodes.map((_, k) => k + 1),
    );
    board.endQueryPin();
    const ranked = board.top(3000, () => true);
    expect(ranked).toHaveLength(3000);
    const visits = new Map(ranked.map((r) => [r.node, r.visits]));
    expect(nodes.every((n, k) => visits.get(n) === k + 1 + (k < 10 ? 1 : 0))).toBe(true);
    expect(ranked[0]).toEqual({ node: nodes[2999], score: 3000, visits: 3000 });
  });

  it('keeps the best `limit` with ties broken by node, and skips ineligible pins', () => {
    const board = new ScoreBoard();
    board.fit(100, 100);
    board.addCounts(
      Array.from({ length: 50 }, (_, k) => k),
      Array.from({ length: 50 }, (_, k) => (k % 10) + 1),
    );
    board.endQueryPin();
    const ranked = board.top(5, (node) => node !== 49);
    expect(ranked.map((r) => [r.node, r.visits])).toEqual([
      [9, 10],
      [19, 10],
      [29, 10],
      [39, 10],
      [8, 9],
    ]);
  });
});

describe('kernel', () => {
  const { graph } = generateGraph({ pins: 3000, boards: 300, edges: 30_000, seed: 11 });
  const delta = new GraphDelta(graph, { boardCap: 4095, pinCap: 4095 });
  const params = { restart: 0.5, topicMask: null, topicBias: 0 };
  const counts = (seed: number, np = 0, nv = 0, steps = 20_000) => {
    const scratch = createScratch(steps);
    const outcome = walk(graph, delta, { query: 42, steps, seed, np, nv }, params, scratch);
    const visits = new Map<number, number>();
    for (let k = 0; k < outcome.touched; k++) visits.set(scratch.touched[k]!, scratch.counts[k]!);
    expect(visits.size).toBe(outcome.touched); // each pin counted in one place
    clearVisits(scratch);
    expect(scratch.slots.every((v, i) => i % 2 === 1 || v === 0)).toBe(true);
    return { steps: outcome.steps, visits };
  };

  it('is deterministic for a seed and differs across seeds', () => {
    const a = counts(5);
    expect(counts(5)).toEqual(a);
    expect(counts(6).visits).not.toEqual(a.visits);
    const total = [...a.visits.values()].reduce((x, y) => x + y, 0);
    expect(a.steps).toBe(20_000);
    expect(total).toBeGreaterThan(15_000); // most steps land somewhere (few dead ends)
  });

  it('stops early once np pins have nv visits', () => {
    const early = counts(5, 30, 8);
    expect(early.steps).toBeLessThan(20_000);
    const qualified = [...early.visits].filter(([pin, v]) => pin !== 42 && v >= 8).length;
    expect(qualified).toBe(30);
  });
});
