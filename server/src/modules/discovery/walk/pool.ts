// Walker threads over shared memory. Every worker maps the same snapshot (SharedArrayBuffers)
// and replays the same op log onto its own delta replica; a query's lane tasks go to worker
// lane % size and come back in task order, so results do not depend on which thread finished
// first. Messages to one worker are handled in order, so a walk posted after an op sees it.
import { Worker } from 'node:worker_threads';
import type { PruneOptions } from '../graph/builder.ts';
import type { GraphSnapshot } from '../graph/csr.ts';
import type { LaneCounts, WireParams } from './lanes.ts';
import type { LaneTask } from './plan.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

const WORKER_URL = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** A thread running walk/worker; from TypeScript sources it first registers tsx's loader. */
function spawn(): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL);
  const loader = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(boot, { eval: true });
}

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
}

class WalkerThread {
  readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  failed: Error | null = null;

  constructor(onFailure: (error: Error) => void) {
    this.worker = spawn();
    this.worker.unref();
    this.worker.on('message', (message: WorkerReply) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.kind === 'failed') waiting.reject(new Error(message.error));
      else waiting.resolve(message);
    });
    const fail = (error: Error) => {
      this.failed ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      onFailure(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`walker thread exited (${code})`)));
  }

  post(message: WorkerRequest): void {
    this.worker.postMessage(message);
  }

  request(message: WorkerRequest & { id: number }): Promise<WorkerReply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  id(): number {
    return this.nextId++;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

export class WalkerPool {
  private readonly threads: WalkerThread[];
  /** Set when a thread died; the owner then walks in-thread. */
  failed: Error | null = null;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a walker pool needs at least one thread');
    this.threads = Array.from({ length: size }, () => new WalkerThread((error) => (this.failed ??= error)));
  }

  load(snapshot: GraphSnapshot, pruning: PruneOptions, log: number[]): void {
    for (const thread of this.threads) thread.post({ kind: 'load', snapshot, pruning, log });
  }

  ops(log: number[]): void {
    for (const thread of this.threads) thread.post({ kind: 'ops', log });
  }

  /** Runs the tasks (lane ℓ on thread ℓ mod size) and returns their counts in task order. */
  async walk(tasks: readonly LaneTask[], params: WireParams): Promise<LaneCounts[]> {
    const byThread = this.threads.map(() => [] as number[]);
    tasks.forEach((task, k) => {
      byThread[task.lane % this.size]!.push(k);
    });
    const results: LaneCounts[] = new Array(tasks.length);
    await Promise.all(
      byThread.map(async (indexes, t) => {
        if (indexes.length === 0) return;
        const thread = this.threads[t]!;
        const reply = await thread.request({
          kind: 'walk',
          id: thread.id(),
          tasks: indexes.map((k) => tasks[k]!),
          params,
        });
        if (reply.kind !== 'walked') throw new Error(`unexpected walker reply ${reply.kind}`);
        reply.results.forEach((counts, i) => {
          results[indexes[i]!] = counts;
        });
      }),
    );
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}

/** Folds `log` into `snapshot` on a thread of its own, so the main thread keeps serving. */
export async function compactOffThread(
  snapshot: GraphSnapshot,
  pruning: PruneOptions,
  log: number[],
): Promise<GraphSnapshot> {
  const thread = new WalkerThread(() => {});
  try {
    const reply = await thread.request({ kind: 'compact', id: thread.id(), snapshot, pruning, log });
    if (reply.kind !== 'compacted') throw new Error(`unexpected compaction reply ${reply.kind}`);
    return reply.snapshot;
  } finally {
    await thread.close();
  }
}
