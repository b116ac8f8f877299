// How a query's step budget is spent (Pixie, Algorithm 3): each query pin q gets a share
// proportional to its weight times s_q = deg(q) · (C − ln deg(q)), so a pin on many boards walks
// more, but sub-linearly; C = 1 + ln(max degree) keeps s_q increasing over every possible degree.
// Each pin's share is split over `lanes` walks with seeds derived from the query seed, the pin's
// position and the lane, so the same seed gives the same tasks whichever thread runs them.
import { MAX_DEGREE } from '../graph/csr.ts';
import type { WalkTask } from './kernel.ts';

export interface PlannedPin {
  index: number;
  /** Relative importance from the caller (recency for a home feed); 1 by default. */
  weight: number;
  degree: number;
}

export interface EarlyStop {
  /** Stop once this many pins … */
  np: number;
  /** … have been visited at least this many times. */
  nv: number;
}

const C = 1 + Math.log(MAX_DEGREE);

export function pixieScale(degree: number): number {
  return degree <= 0 ? 0 : degree * (C - Math.log(degree));
}

/** Steps per query pin, summing to `steps` (pins with no boards get none). */
export function stepBudgets(pins: readonly PlannedPin[], steps: number): number[] {
  const scales = pins.map((p) => Math.max(0, p.weight) * pixieScale(p.degree));
  const total = scales.reduce((a, b) => a + b, 0);
  if (total === 0) return pins.map(() => 0);
  const budgets = scales.map((s) => Math.floor((steps * s) / total));
  // Hand the rounding remainder to the largest shares, in order, so the total is exact.
  let left = steps - budgets.reduce((a, b) => a + b, 0);
  const order = scales.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) budgets[order[k]![1]]!++;
  return budgets;
}

/** splitmix32 over the parts: well-spread 32-bit seeds from small related inputs. */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = (h + Math.imul(part | 0, 0x85ebca6b) + 0x6d2b79f5) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
    h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
    h ^= h >>> 15;
  }
  return h | 0 || 1;
}

export interface LaneTask extends WalkTask {
  /** Which query pin (position in the request) this lane walks for. */
  pinPosition: number;
  lane: number;
}

/**
 * The walks of one query: per query pin, `lanes` tasks splitting its budget. Early stopping is
 * shared out the same way: a pin's share of np, and nv split across its lanes, so the lanes
 * together stop about when one walk would.
 */
export function planTasks(
  pins: readonly PlannedPin[],
  steps: number,
  lanes: number,
  seed: number,
  earlyStop: EarlyStop | null,
): LaneTask[] {
  const budgets = stepBudgets(pins, steps);
  const tasks: LaneTask[] = [];
  budgets.forEach((budget, position) => {
    if (budget === 0) return;
    const share = budget / steps;
    const np = earlyStop ? Math.max(1, Math.round(earlyStop.np * share)) : 0;
    const nv = earlyStop ? Math.max(1, Math.ceil(earlyStop.nv / lanes)) : 0;
    for (let lane = 0; lane < lanes; lane++) {
      const laneSteps = Math.floor(budget / lanes) + (lane < budget % lanes ? 1 : 0);
      if (laneSteps === 0) continue;
      tasks.push({
        query: pins[position]!.index,
        steps: laneSteps,
        seed: deriveSeed(seed, position, lane),
        np,
        nv,
        pinPosition: position,
        lane,
      });
    }
  });
  return tasks;
}
