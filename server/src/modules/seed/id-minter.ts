// Ids and times for bulk rows, minted in the app with the layout of db/ids.ts, so a seed can write
// millions of rows without asking next_id() for each. They cannot collide with next_id(): their
// shard bits are SYNTHETIC_SHARD (1023), which next_id() never uses. They cannot collide with each
// other: within a run every row gets a millisecond of its own (see Timeline), and the sequence
// bits hold the run's slot, a number no other run in the database holds. Pure.
import { ID_EPOCH_MS } from '../../db/ids.ts';

export const SYNTHETIC_SHARD = 1023;
/** Shard and sequence bits: the low 22 bits of an id. */
export const RUN_MARK_MASK = (1 << 22) - 1;
export const MAX_RUN_SLOTS = 4096;

/** The low 22 bits every id of a run's rows carries. */
export function runMark(slot: number): number {
  if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_RUN_SLOTS)
    throw new RangeError(`bad run slot ${slot}`);
  return (SYNTHETIC_SHARD << 12) | slot;
}

/** The id of a row created at `ms` (Unix milliseconds) by the run in `slot`. */
export function syntheticId(ms: number, slot: number): string {
  const since = BigInt(Math.floor(ms)) - ID_EPOCH_MS;
  if (since < 0n) throw new RangeError('synthetic ids need times after 2026-01-01');
  return ((since << 22n) | BigInt(runMark(slot))).toString();
}

/** Rows of different kinds take different residues of the millisecond, so they never share one. */
export const STREAM = { users: 0, boards: 1, pins: 2, saves: 3, comments: 4 } as const;
const STREAMS = 8;

/**
 * Spreads each kind of row over a part of a time window. The i-th of n rows of a stream gets a
 * millisecond that grows strictly with i, so ids in a stream are distinct and sort by creation.
 */
export class Timeline {
  private readonly base: number;
  private readonly slots: number;

  constructor(
    readonly startMs: number,
    readonly endMs: number,
  ) {
    this.base = Math.ceil(startMs / STREAMS) * STREAMS;
    this.slots = Math.floor((endMs - this.base) / STREAMS);
  }

  /** The last `days` days before `now`, but never before the id epoch. */
  static lastDays(days: number, now = Date.now()): Timeline {
    const start = Math.max(Number(ID_EPOCH_MS) + 1, now - days * 86_400_000);
    return new Timeline(start, now - 60_000);
  }

  /**
   * The time of row i of n in `stream`, within the fraction [from, to) of the window. With
   * `growth`, rows come thicker toward the end, as activity on a growing site does.
   */
  at(stream: number, i: number, n: number, from: number, to: number, growth = false): number {
    const first = Math.floor(from * this.slots);
    const room = Math.floor((to - from) * this.slots);
    if (n > room) throw new RangeError(`${n} rows do not fit the time window`);
    const u = i / n;
    const q = Math.floor((growth ? Math.sqrt(u) : u) * (room - n)) + i;
    return this.base + (first + q) * STREAMS + stream;
  }
}
