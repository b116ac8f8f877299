// Runs planned walk tasks on one thread and hands each one's counts on: shared by the in-thread
// path and the pool's workers, so both produce the same counts for the same tasks.
import type { GraphSnapshot } from '../graph/csr.ts';
import type { GraphDelta } from '../graph/delta.ts';
import { clearVisits, fitScratch, type WalkParams, type WalkScratch, type WalkTask, walk } from './kernel.ts';

/** Per task: the pins its walk visited and how often, and the steps it took. */
export interface LaneCounts {
  steps: number;
  nodes: Uint32Array;
  counts: Uint32Array;
}

/** Walk parameters as they cross threads (the topic mask as a plain array or null). */
export interface WireParams {
  restart: number;
  topics: number[] | null;
  topicBias: number;
}

export function walkParams(wire: WireParams): WalkParams {
  let topicMask: Uint8Array | null = null;
  if (wire.topics && wire.topics.length > 0) {
    topicMask = new Uint8Array(256);
    for (const t of wire.topics) topicMask[t & 0xff] = 1;
  }
  return { restart: wire.restart, topicMask, topicBias: wire.topicBias };
}

/** Runs `task` and passes its counts to `sink` (views into the scratch, valid during the call). */
export function runTask(
  graph: GraphSnapshot,
  delta: GraphDelta,
  task: WalkTask,
  params: WalkParams,
  scratch: WalkScratch,
  sink: (touched: Uint32Array, counts: Uint32Array, length: number) => void,
): number {
  fitScratch(scratch, task.steps);
  const outcome = walk(graph, delta, task, params, scratch);
  sink(scratch.touched, scratch.counts, outcome.touched);
  clearVisits(scratch);
  return outcome.steps;
}

/** Runs tasks and copies each one's counts out (for sending to another thread). */
export function runTasksToCounts(
  graph: GraphSnapshot,
  delta: GraphDelta,
  tasks: readonly WalkTask[],
  params: WalkParams,
  scratch: WalkScratch,
): LaneCounts[] {
  return tasks.map((task) => {
    let nodes = new Uint32Array(0);
    let counts = new Uint32Array(0);
    const steps = runTask(graph, delta, task, params, scratch, (touched, visits, length) => {
      nodes = touched.slice(0, length);
      counts = visits.slice(0, length);
    });
    return { steps, nodes, counts };
  });
}
