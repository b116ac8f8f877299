// Messages between the main thread and walker threads. Snapshots travel as objects of typed
// arrays over SharedArrayBuffers, so posting one shares its memory instead of copying it.
import type { PruneOptions } from '../graph/builder.ts';
import type { GraphSnapshot } from '../graph/csr.ts';
import type { WalkTask } from './kernel.ts';
import type { LaneCounts, WireParams } from './lanes.ts';

export type WorkerRequest =
  /** A new snapshot and the ops applied on top of it so far (also after a compaction swap). */
  | { kind: 'load'; snapshot: GraphSnapshot; pruning: PruneOptions; log: number[] }
  | { kind: 'ops'; log: number[] }
  | { kind: 'walk'; id: number; tasks: WalkTask[]; params: WireParams }
  | { kind: 'compact'; id: number; snapshot: GraphSnapshot; pruning: PruneOptions; log: number[] };

export type WorkerReply =
  | { kind: 'walked'; id: number; results: LaneCounts[] }
  | { kind: 'compacted'; id: number; snapshot: GraphSnapshot }
  | { kind: 'failed'; id: number; error: string };
