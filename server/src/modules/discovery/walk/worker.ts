// A walker thread: holds the shared snapshot, its own replica of the delta (kept in step by the op
// log the main thread broadcasts), and scratch for walks. Also used once per compaction, on a
// thread of its own, to fold a delta into a fresh snapshot off the main thread.
import { parentPort } from 'node:worker_threads';
import { compact } from '../graph/compaction.ts';
import type { GraphSnapshot } from '../graph/csr.ts';
import { GraphDelta } from '../graph/delta.ts';
import { createScratch } from './kernel.ts';
import { runTasksToCounts, walkParams } from './lanes.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('walk/worker.ts runs only as a worker thread');

let delta: GraphDelta | null = null;
let graph: GraphSnapshot | null = null;
const scratch = createScratch(0);

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

port.on('message', (message: WorkerRequest) => {
  switch (message.kind) {
    case 'load':
      graph = message.snapshot;
      delta = new GraphDelta(message.snapshot, message.pruning);
      delta.apply(message.log);
      return;
    case 'ops':
      delta!.apply(message.log);
      return;
    case 'walk': {
      try {
        if (!graph || !delta) throw new Error('walker has no graph loaded');
        const results = runTasksToCounts(graph, delta, message.tasks, walkParams(message.params), scratch);
        const transfer = results.flatMap((r) => [
          r.nodes.buffer as ArrayBuffer,
          r.counts.buffer as ArrayBuffer,
        ]);
        reply({ kind: 'walked', id: message.id, results }, transfer);
      } catch (error) {
        reply({ kind: 'failed', id: message.id, error: String(error) });
      }
      return;
    }
    case 'compact': {
      try {
        const source = new GraphDelta(message.snapshot, message.pruning);
        source.apply(message.log);
        reply({ kind: 'compacted', id: message.id, snapshot: compact(source) });
      } catch (error) {
        reply({ kind: 'failed', id: message.id, error: String(error) });
      }
      return;
    }
  }
});
