// The Pixie engine at scale: a synthetic pin–board graph of BENCH_RELATED_EDGES edges (default
// 100M; pins a tenth of that, boards a hundredth) generated straight into CSR arrays
// (discovery/graph/synthetic.ts: topic- and theme-structured boards, power-law popularity), then
//   build_s / generate_s     generating the board lists / building the two-sided CSR from them
//   bytes_per_edge           every array of the snapshot over its edges (both directions counted)
//   id_bytes_per_edge        the id ↔ index maps a database-loaded graph adds (not used by walks)
//   steps_per_s_per_core     full 100k-step walks on one thread, per CPU second of this process
//                            (the walk, merging its counts and ranking the top 100 included)
//   related_p50/p99_ms       100k-step queries with early stopping (DEFAULT_EARLY_STOP), on a pool
//                            of 2 walker threads: the query's 2 lanes run one on each thread
//   related_mean_steps       steps those queries took (early stopping ends them before 100k)
//   fast_p99_ms              20k-step queries with early stopping (the fast mode), same pool
// A step is Pixie's: pin → board → pin, one random board of the current pin, one random pin of
// that board, and one visit counted (a step that meets a dead end or a board walks may not pass
// through still counts, and restarts at the query pin). A restart costs no step of its own.
// Query pins are drawn like traffic: a random board, then a random pin on it (degree-weighted).
// The machine's load average goes to stderr: latencies on a shared machine include others' work.
// home_rps, home_p99_ms and search_p99_ms, which the discovery issue lists with these, need a seeded
// PostgreSQL world and come from their own benches: `npm run bench -- related home search`.
//
// Walks are bound by memory latency, and with 4 KiB pages nearly every step also misses the TLB.
// Node cannot ask for huge pages itself, but glibc's malloc can (GLIBC_TUNABLES=
// glibc.malloc.hugetlb=1 makes it madvise its large blocks, which is where V8 puts array
// buffers), so the benchmark runs in a child process with that set, as a deployment should
// (docs/discovery.md); huge_page_share is the process's memory on huge pages over the graph's
// size, at most 1 (0: none).
// BENCH_RELATED_HUGE_PAGES=0 measures with ordinary pages.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { neighboursOf } from '../../server/src/modules/discovery/graph/csr.ts';
import { IdIndex } from '../../server/src/modules/discovery/graph/id-index.ts';
import {
  DEFAULT_EARLY_STOP,
  DEFAULT_STEPS,
  DiscoveryGraph,
  generateGraph,
} from '../../server/src/modules/discovery/index.ts';
import { report } from '../support/report.ts';

const BENCH = 'related';

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Runs this benchmark again in a child process whose malloc uses transparent huge pages. */
function inHugePageChild(): Promise<void> {
  const [script, ...args] = process.argv.slice(1);
  const child = spawn(process.execPath, [...process.execArgv, script!, ...args.filter((a) => a === BENCH)], {
    env: { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1', BENCH_RELATED_HUGE_PAGES: 'child' },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`related bench child exited ${code}`)),
    );
  });
}

/** Bytes of this process's anonymous memory on transparent huge pages (0 where /proc is missing). */
function hugePageBytes(): number {
  try {
    const rollup = fs.readFileSync('/proc/self/smaps_rollup', 'utf8');
    return Number(/AnonHugePages:\s+(\d+) kB/.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

export async function run(): Promise<void> {
  const hugePages = process.env.BENCH_RELATED_HUGE_PAGES ?? '1';
  if (hugePages !== '0' && hugePages !== 'child') return inHugePageChild();
  const edges = envCount('BENCH_RELATED_EDGES', 100_000_000);
  const queries = envCount('BENCH_RELATED_QUERIES', 300);
  const log = (line: string) => process.stderr.write(`related: ${line}\n`);
  log(
    `generating ${edges} edges (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  // Board slots that cannot be filled without repeats, and pruned boards, cost a few percent of
  // the edges asked for: ask for 4% more, so the graph has at least as many as requested.
  const synthetic = generateGraph({
    pins: Math.round(edges / 10),
    boards: Math.round(edges / 100),
    edges: Math.ceil(edges * 1.04),
    seed: 7,
  });
  const { graph: snapshot, seconds } = synthetic;
  if (snapshot.edges < edges)
    throw new Error(`generated ${snapshot.edges} edges, fewer than the ${edges} asked for`);
  report(BENCH, 'edges', snapshot.edges, 'edges');
  report(BENCH, 'generate_s', seconds.generate, 's');
  report(BENCH, 'build_s', seconds.build, 's');

  // What a database-loaded graph of this size would add for its ids (64-bit, as the database's).
  const ids = new IdIndex(snapshot.pins.count + snapshot.boards.count);
  for (let i = 0; i < snapshot.pins.count + snapshot.boards.count; i++)
    ids.addParts(0x1f3 + (i >>> 20), (((i & 0xfffff) << 12) | 1023) >>> 0);
  const graph = new DiscoveryGraph(snapshot, null, { threads: 2 });
  const stats = graph.stats();
  report(BENCH, 'bytes_per_edge', stats.bytesPerEdge, 'bytes');
  report(BENCH, 'id_bytes_per_edge', ids.bytes() / snapshot.edges, 'bytes');
  report(BENCH, 'huge_page_share', Math.min(1, hugePageBytes() / stats.bytes), 'ratio');

  let x = 12345;
  const randomPin = () => {
    for (;;) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const board = x % snapshot.boards.count;
      const pins = neighboursOf(snapshot.boards, board);
      if (pins.length > 0) return pins[(x >>> 8) % pins.length]!;
    }
  };

  // One thread, no early stopping: the kernel's rate with the merge and ranking around it.
  const single = new DiscoveryGraph(snapshot, null, { threads: 0 });
  const walkOptions = { steps: DEFAULT_STEPS, limit: 100, lanes: 1 };
  for (let i = 0; i < 5; i++)
    await single.relatedNodes([{ node: randomPin(), weight: 1 }], { ...walkOptions, seed: i });
  let steps = 0;
  const cpuBefore = cpuSeconds();
  for (let i = 0; i < 40; i++) {
    steps += (await single.relatedNodes([{ node: randomPin(), weight: 1 }], { ...walkOptions, seed: i }))
      .steps;
  }
  report(BENCH, 'steps_per_s_per_core', steps / (cpuSeconds() - cpuBefore), 'steps/s');

  const latencies = async (budget: number) => {
    const options = { steps: budget, limit: 100, earlyStop: DEFAULT_EARLY_STOP, lanes: 2 };
    for (let i = 0; i < 20; i++)
      await graph.relatedNodes([{ node: randomPin(), weight: 1 }], { ...options, seed: i });
    const times: number[] = [];
    let used = 0;
    for (let i = 0; i < queries; i++) {
      const started = performance.now();
      used += (await graph.relatedNodes([{ node: randomPin(), weight: 1 }], { ...options, seed: i })).steps;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), steps: used / queries };
  };
  const related = await latencies(DEFAULT_STEPS);
  report(BENCH, 'related_p50_ms', related.p50, 'ms');
  report(BENCH, 'related_p99_ms', related.p99, 'ms');
  report(BENCH, 'related_mean_steps', related.steps, 'steps');
  const fast = await latencies(20_000);
  report(BENCH, 'fast_p50_ms', fast.p50, 'ms');
  report(BENCH, 'fast_p99_ms', fast.p99, 'ms');
  log(
    `done (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  await graph.close();
}
