// The options of a recommendation query: checked (out-of-range values are 400s, never 500s) and
// completed with the defaults tuned on the held-out evaluation (npm run eval -- related).
import { invalidWalkOption } from '../errors.ts';
import type { WireParams } from './lanes.ts';
import type { EarlyStop } from './plan.ts';

export interface RelatedOptions {
  /** Total step budget over all query pins. */
  steps: number;
  earlyStop?: EarlyStop | null;
  /** Same seed, same graph ⇒ same result. Random when absent. */
  seed?: number;
  /** The viewer's topics (1..255), where known. */
  topics?: readonly number[];
  /** Probability of re-drawing a neighbour off those topics (0..1); 0.5 by default with topics. */
  topicBias?: number;
  /** Probability of returning to the query pin after each step. */
  restart?: number;
  limit: number;
  /** Pins never to return (besides the query pins, which never come back). */
  exclude?: readonly (bigint | string)[];
  /** Walks per query pin (each with its own seed); defaults to the thread count. */
  lanes?: number;
}

/**
 * Defaults tuned on the held-out evaluation (npm run eval -- related): early stopping at 1000 pins
 * with 4 visits keeps about 84% of the full walk's top 100 for about 14% of its steps, with the same
 * hit rates (nv 6 kept 89% for 28%; np 500 × nv 4 fell to 77%). On the 100M-edge benchmark graph,
 * whose walks spread wider, nv 6 stopped only after ~80% of a 100k budget and nv 4 after ~33%. Single-pin
 * queries (related pins) do best with long walks (restart 0.1: the query's theme, not just its
 * boards); multi-pin home-feed queries with shorter ones (0.3), their pins already spanning themes.
 */
export const DEFAULT_STEPS = 100_000;
export const DEFAULT_EARLY_STOP: EarlyStop = { np: 1000, nv: 4 };
export const DEFAULT_RESTART = 0.1;
export const HOME_FEED_RESTART = 0.3;
export const DEFAULT_TOPIC_BIAS = 0.5;
const MAX_STEPS = 10_000_000;
const MAX_LIMIT = 10_000;

/** Checks a query's options and fills in defaults; lanes default to the thread count. */
export function checkWalkOptions(options: RelatedOptions, threads: number) {
  const { steps, limit } = options;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
    throw invalidWalkOption(`steps must be a whole number from 1 to ${MAX_STEPS}.`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalidWalkOption(`limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  }
  const early = options.earlyStop;
  if (early && (!Number.isInteger(early.np) || early.np < 1 || !Number.isInteger(early.nv) || early.nv < 1)) {
    throw invalidWalkOption('earlyStop needs whole numbers np ≥ 1 and nv ≥ 1.');
  }
  const restart = options.restart ?? DEFAULT_RESTART;
  if (!(restart > 0 && restart <= 1)) throw invalidWalkOption('restart must be in (0, 1].');
  const topics = options.topics ?? [];
  if (topics.some((t) => !Number.isInteger(t) || t < 1 || t > 255)) {
    throw invalidWalkOption('topics are whole numbers from 1 to 255.');
  }
  const topicBias = topics.length > 0 ? (options.topicBias ?? DEFAULT_TOPIC_BIAS) : 0;
  if (!(topicBias >= 0 && topicBias <= 1)) throw invalidWalkOption('topicBias must be in [0, 1].');
  const lanes = options.lanes ?? Math.max(1, threads);
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 64)
    throw invalidWalkOption('lanes must be from 1 to 64.');
  const seed = options.seed ?? (Math.random() * 4294967296) | 0;
  const wire: WireParams = { restart, topics: topics.length > 0 ? [...topics] : null, topicBias };
  return { steps, limit, lanes, seed, wire };
}
