// Blending the home feed's sources into one planned list. Pure: no I/O.
//
// Sources take turns by weight (smooth weighted round robin: each turn every source with
// candidates gains its weight in credit, the richest source places its next candidate and pays
// the total), so followed pins and walk recommendations alternate and trending and fresh pins come
// in now and then; a source that runs dry hands its turns to the others, which is how a new user's
// feed becomes all trending and fresh pins.
//
// Guarantees, over the whole plan and across segment boundaries (`recent` is what came before):
// - never a pin or a copy of a pin already planned (by original: a save and its original are one);
// - never more than MAX_RUN pins in a row from one board or from one creator (pinner). A candidate
//   that would break the rule waits for a later turn; when every source's next candidates would,
//   the plan ends there rather than break it.

export const FEED_SOURCES = ['followed', 'walk', 'trending', 'fresh'] as const;
export type FeedSource = (typeof FEED_SOURCES)[number];

export const SOURCE_WEIGHTS: Readonly<Record<FeedSource, number>> = {
  followed: 4,
  walk: 4,
  trending: 2,
  fresh: 1,
};

/** Most pins in a row from one board, or from one creator. */
export const MAX_RUN = 2;
/** How far past a source's next candidate the planner looks for one that keeps the rule. */
const LOOKAHEAD = 24;

export interface FeedCandidate {
  id: string;
  /** The original at the root of the pin's save chain (the pin itself for an original). */
  origin: string;
  board: string;
  creator: string;
  /** Why this pin: shown with debug=true. */
  detail: string;
}

export interface PlannedPin {
  id: string;
  origin: string;
  board: string;
  creator: string;
  source: FeedSource;
  detail: string;
}

export interface BlendInput {
  candidates: Readonly<Record<FeedSource, readonly FeedCandidate[]>>;
  /** Most pins to plan. */
  size: number;
  /** Originals already planned earlier in the session. */
  seen: ReadonlySet<string>;
  /** The pins planned just before (their last MAX_RUN count for the run rule). */
  recent: readonly Pick<PlannedPin, 'board' | 'creator'>[];
}

/** Whether placing `next` after `tail` makes a run longer than MAX_RUN of one board or creator. */
export function breaksRun(
  tail: readonly Pick<PlannedPin, 'board' | 'creator'>[],
  next: Pick<PlannedPin, 'board' | 'creator'>,
) {
  if (tail.length < MAX_RUN) return false;
  const last = tail.slice(-MAX_RUN);
  return last.every((p) => p.board === next.board) || last.every((p) => p.creator === next.creator);
}

/** One source's candidates in order; those whose original is already planned are skipped as met. */
class SourceQueue {
  credit = 0;
  private start = 0;

  constructor(
    readonly source: FeedSource,
    private readonly items: readonly FeedCandidate[],
    private readonly seen: ReadonlySet<string>,
  ) {}

  /** Whether any candidate is left. */
  active(): boolean {
    while (this.start < this.items.length && this.seen.has(this.items[this.start]!.origin)) this.start++;
    return this.start < this.items.length;
  }

  /** The first of the next LOOKAHEAD candidates that `fits`, if any. */
  pick(fits: (candidate: FeedCandidate) => boolean): FeedCandidate | undefined {
    let looked = 0;
    for (let k = this.start; k < this.items.length && looked < LOOKAHEAD; k++) {
      const candidate = this.items[k]!;
      if (this.seen.has(candidate.origin)) continue;
      looked++;
      if (fits(candidate)) return candidate;
    }
    return undefined;
  }
}

export function blend(input: BlendInput): PlannedPin[] {
  const seen = new Set(input.seen);
  const queues = FEED_SOURCES.map((source) => new SourceQueue(source, input.candidates[source], seen));
  const planned: PlannedPin[] = [];
  const tail: Pick<PlannedPin, 'board' | 'creator'>[] = input.recent.slice(-MAX_RUN);
  const fits = (candidate: FeedCandidate) => !breaksRun(tail, candidate);
  while (planned.length < input.size) {
    const active = queues.filter((queue) => queue.active());
    if (active.length === 0) break;
    const total = active.reduce((sum, queue) => sum + SOURCE_WEIGHTS[queue.source], 0);
    for (const queue of active) queue.credit += SOURCE_WEIGHTS[queue.source];
    // Richest first; ties go to the earlier source in FEED_SOURCES (stable sort).
    const order = [...active].sort((a, b) => b.credit - a.credit);
    let placed = false;
    for (const queue of order) {
      const chosen = queue.pick(fits);
      if (!chosen) continue;
      const pin: PlannedPin = { ...chosen, source: queue.source };
      planned.push(pin);
      seen.add(pin.origin);
      tail.push(pin);
      if (tail.length > MAX_RUN) tail.shift();
      queue.credit -= total;
      placed = true;
      break;
    }
    if (!placed) break;
  }
  return planned;
}
