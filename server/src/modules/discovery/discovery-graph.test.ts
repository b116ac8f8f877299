import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { DiscoveryGraph, type RelatedOptions } from './discovery-graph.ts';
import { generateGraph } from './graph/synthetic.ts';
import { fromEdges } from './test-kit.ts';

// Pin 0 is the query. Board 0 (topic 1): pins 1–10; board 1 (topic 2): pins 11–20; board 2 is
// secret (pin 21 is only there); board 3 has 30 pins (22–51), over the cap of 25, so it is pruned;
// pin 5 may not be shown; board 4 joins pin 1 to pin 52 (two hops from the query).
function fixture(): [number, number][] {
  const edges: [number, number][] = [];
  for (let p = 0; p <= 10; p++) edges.push([p, 0]);
  for (let p = 11; p <= 20; p++) edges.push([p, 1]);
  edges.push([0, 1], [0, 2], [21, 2], [0, 3]);
  for (let p = 22; p <= 51; p++) edges.push([p, 3]);
  edges.push([1, 4], [52, 4]);
  return edges;
}

const topics = [1, 2, 1, 3, 1];
const small = () =>
  new DiscoveryGraph(
    fromEdges(53, 5, fixture(), { boardTopic: topics, boardCap: 25, secretBoards: [2], closedPins: [5] }),
    null,
    { pruning: { boardCap: 25, pinCap: 4095 } },
  );
const options: RelatedOptions = { steps: 20_000, limit: 100, seed: 7 };
const ids = (pins: { pinId: string }[]) => pins.map((p) => Number(p.pinId));

describe('DiscoveryGraph on a small graph', () => {
  it('returns the pins around the query, never the query, secret-board-only, pruned-board-only or closed pins', async () => {
    const graph = small();
    const found = ids(await graph.related([{ id: '0' }], options));
    const expected = [1, 2, 3, 4, 6, 7, 8, 9, 10, ...Array.from({ length: 10 }, (_, k) => 11 + k), 52];
    expect(found.sort((a, b) => a - b)).toEqual(expected);
  });

  it('tilts toward the viewer’s topics when biased', async () => {
    const graph = small();
    const share = (pins: { pinId: string; visits: number }[]) => {
      const total = pins.reduce((sum, p) => sum + p.visits, 0);
      return (
        pins.filter((p) => Number(p.pinId) >= 11 && Number(p.pinId) <= 20).reduce((s, p) => s + p.visits, 0) /
        total
      );
    };
    const plain = share(await graph.related([{ id: '0' }], options));
    const biased = share(await graph.related([{ id: '0' }], { ...options, topics: [2], topicBias: 1 }));
    expect(plain).toBeGreaterThan(0.35);
    expect(plain).toBeLessThan(0.6);
    expect(biased).toBeGreaterThan(plain + 0.2);
  });

  it('sees an added edge at once and forgets a removed one; compaction changes nothing', async () => {
    const graph = small();
    expect(graph.addEdge('0', '5')).toBe(true);
    expect(graph.addEdge('60', '5')).toBe(true);
    expect(graph.addEdge('0', '5')).toBe(false);
    expect(ids(await graph.related([{ id: '0' }], options))).not.toContain(60); // new pins start closed
    graph.setPin('60', { open: true });
    graph.setBoard('5', { open: true });
    const withNew = await graph.related([{ id: '0' }], options);
    expect(ids(withNew)).toContain(60);

    await graph.compact();
    expect(graph.stats().deltaOps).toBe(0);
    expect(await graph.related([{ id: '0' }], options)).toEqual(withNew);

    expect(graph.removeEdge('60', '5')).toBe(true);
    expect(ids(await graph.related([{ id: '0' }], options))).not.toContain(60);
    graph.setBoard('1', { open: false }); // a board turned secret: walks stop passing through it
    expect(ids(await graph.related([{ id: '0' }], options)).filter((p) => p >= 11 && p <= 20)).toEqual([]);
  });

  it('compacts by itself once the delta grows, on a thread of its own, without changing results', async () => {
    const graph = new DiscoveryGraph(fromEdges(53, 5, fixture(), { boardTopic: topics }), null, {
      compactAfterOps: 4,
      inlineCompactionEdges: 0,
    });
    graph.addEdge('52', '1');
    graph.removeEdge('9', '0');
    graph.addEdge('9', '4');
    const before = await graph.related([{ id: '0' }], options);
    graph.setPin('3', { open: false }); // the fourth op: compaction starts in the background
    const expected = before.filter((p) => p.pinId !== '3');
    await graph.settled();
    expect(graph.stats()).toMatchObject({ compactions: 1, deltaOps: 0 });
    expect(graph.boardsOf('9')).toEqual(['4']);
    expect(await graph.related([{ id: '0' }], options)).toEqual(expected);
  });

  it('syncs a board to a given pin set', () => {
    const graph = small();
    expect(graph.syncBoard('4', ['1', '52', '9'])).toBe(1);
    expect(graph.syncBoard('4', ['9'])).toBe(2);
    expect(graph.pinsOf('4')).toEqual(['9']);
    expect(graph.boardsOf('52')).toEqual([]);
  });

  it('rejects options out of range as 400s', async () => {
    const graph = small();
    for (const bad of [
      { steps: 0 },
      { limit: 0 },
      { restart: 0 },
      { topics: [0] },
      { earlyStop: { np: 0, nv: 1 } },
    ]) {
      const error = await graph.related([{ id: '0' }], { ...options, ...bad }).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(400);
    }
    expect(await graph.related([{ id: '999' }], options)).toEqual([]);
  });
});

describe('DiscoveryGraph on walker threads', () => {
  const { graph: snapshot } = generateGraph({ pins: 5000, boards: 500, edges: 50_000, seed: 4 });
  const pooled = new DiscoveryGraph(snapshot, null, {
    threads: 2,
    threadMinEdges: 0,
    compactAfterOps: 1_000_000,
  });
  const inline = new DiscoveryGraph(snapshot, null, { threads: 0 });
  afterAll(() => pooled.close());
  const query = [{ id: '17' }, { id: '4000', weight: 2 }];
  const walkOptions: RelatedOptions = { steps: 40_000, limit: 50, seed: 123, lanes: 2, restart: 0.5 };

  it('gives the same ranking as the single-thread path, run after run', async () => {
    const first = await pooled.related(query, walkOptions);
    expect(first).toHaveLength(50);
    expect(await pooled.related(query, walkOptions)).toEqual(first);
    expect(await inline.related(query, walkOptions)).toEqual(first);
    expect(await pooled.related(query, { ...walkOptions, seed: 124 })).not.toEqual(first);
  });

  it('stops early with fewer steps and keeps most of the top pins', async () => {
    const full = await pooled.relatedWithSteps(query, walkOptions);
    const early = await pooled.relatedWithSteps(query, { ...walkOptions, earlyStop: { np: 100, nv: 10 } });
    expect(full.steps).toBe(40_000);
    expect(early.steps).toBeLessThan(40_000);
    const top = new Set(full.pins.slice(0, 20).map((p) => p.pinId));
    expect(early.pins.slice(0, 20).filter((p) => top.has(p.pinId)).length).toBeGreaterThanOrEqual(10);
  });

  it('replays changes on the threads and swaps a compacted snapshot in off the main thread', async () => {
    pooled.addEdge('17', '499');
    pooled.removeEdge('17', pooled.boardsOf('17')[0]!);
    inline.addEdge('17', '499');
    inline.removeEdge('17', inline.boardsOf('17')[0]!);
    const before = await pooled.related(query, walkOptions);
    expect(await inline.related(query, walkOptions)).toEqual(before);
    await pooled.compact();
    expect(pooled.stats()).toMatchObject({ deltaOps: 0, compactions: 1 });
    expect(await pooled.related(query, walkOptions)).toEqual(before);
  });
});
