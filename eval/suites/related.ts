// Offline evaluation of the Pixie recommender on a structured synthetic world with each user's
// last saves held out (eval/support/held-out-world.ts). For a sample of users:
//   related pins — query: the user's last training save; hit if a held-out pin is in the top K;
//   home feed walk — query: the user's last training saves, weighted by recency, biased toward
//     the topics of the user's boards, the user's own pins excluded;
//   baselines — the most saved pins (popularity) and the pins co-saved on the query pin's boards,
//     ranked by how many boards they share with it (one hop, no walk);
//   early stopping — top-100 overlap of the early-stopped walk with the full walk (same seed) and
//     the fraction of the budget it used.
// Sizes and knobs by environment: EVAL_USERS (evaluated), EVAL_WORLD_USERS, EVAL_BOARDS, EVAL_PINS,
// EVAL_SAVES, EVAL_STEPS, EVAL_NP, EVAL_NV, EVAL_RESTART, EVAL_HOME_RESTART, EVAL_BOARD_CAP,
// EVAL_THREADS, EVAL_RELATED_TOPICS (1: related walks lean toward the user's topics, as the endpoint's do).
import { report } from '../../bench/support/report.ts';
import {
  DEFAULT_EARLY_STOP,
  DEFAULT_RESTART,
  DEFAULT_STEPS,
  DiscoveryGraph,
  HOME_FEED_RESTART,
  type NodeQuery,
} from '../../server/src/modules/discovery/index.ts';
import { type HeldOutWorld, heldOutWorld } from '../support/held-out-world.ts';

const BENCH = 'eval-related';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
}

/** Hit at k: any target among the first k. */
function hit(ranked: readonly number[], targets: ReadonlySet<number>, k: number): boolean {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (targets.has(ranked[i]!)) return true;
  return false;
}

/** The most popular pins not excluded, best first. */
function popularPins(order: readonly number[], exclude: ReadonlySet<number>, k: number): number[] {
  const out: number[] = [];
  for (const p of order) {
    if (out.length === k) break;
    if (!exclude.has(p)) out.push(p);
  }
  return out;
}

/** Pins sharing boards with the query pin, by shared boards, then popularity. */
function cosavedPins(world: HeldOutWorld, query: number, exclude: ReadonlySet<number>, k: number): number[] {
  const shared = new Map<number, number>();
  for (const b of new Set(world.pinBoards[query]!)) {
    for (const p of new Set(world.boardPins[b]!))
      if (!exclude.has(p)) shared.set(p, (shared.get(p) ?? 0) + 1);
  }
  return [...shared]
    .sort((a, b) => b[1] - a[1] || world.popularity[b[0]]! - world.popularity[a[0]]! || a[0] - b[0])
    .slice(0, k)
    .map(([p]) => p);
}

class Rate {
  hits = 0;
  total = 0;
  add(hit: boolean): void {
    this.total++;
    if (hit) this.hits++;
  }
  get value(): number {
    return this.total === 0 ? 0 : this.hits / this.total;
  }
}

export async function run(): Promise<void> {
  const worldUsers = envNumber('EVAL_WORLD_USERS', 6000);
  const pins = envNumber('EVAL_PINS', 60_000);
  const started = performance.now();
  const pruning = { boardCap: envNumber('EVAL_BOARD_CAP', 2000), pinCap: 4095 };
  const world = heldOutWorld({
    users: worldUsers,
    boards: envNumber('EVAL_BOARDS', 24_000),
    pins,
    saves: envNumber('EVAL_SAVES', 600_000),
    holdOut: 2,
    minSaves: 8,
    seed: 'eval-related',
    pruning,
  });
  const graph = new DiscoveryGraph(world.graph, null, { pruning, threads: envNumber('EVAL_THREADS', 2) });
  process.stderr.write(
    `eval related: world of ${worldUsers} users, ${world.graph.edges} edges, ${world.users.length} users with held-out saves (${Math.round(performance.now() - started)} ms)\n`,
  );

  const steps = envNumber('EVAL_STEPS', DEFAULT_STEPS);
  const earlyStop = {
    np: envNumber('EVAL_NP', DEFAULT_EARLY_STOP.np),
    nv: envNumber('EVAL_NV', DEFAULT_EARLY_STOP.nv),
  };
  const restart = envNumber('EVAL_RESTART', DEFAULT_RESTART);
  const homeRestart = envNumber('EVAL_HOME_RESTART', HOME_FEED_RESTART);
  const popularityOrder = Array.from(world.popularity.keys()).sort(
    (a, b) => world.popularity[b]! - world.popularity[a]! || a - b,
  );
  const sample = world.users.slice(0, envNumber('EVAL_USERS', 2000));
  // The viewer's topics: those of the boards they keep (as the endpoints derive them from names).
  const topicsOf = new Map<number, number[]>();
  world.world.boardOwner.forEach((owner, board) => {
    const list = topicsOf.get(owner) ?? [];
    list.push(world.world.boardTopic[board]! + 1);
    topicsOf.set(owner, list);
  });
  const relatedTopics = envNumber('EVAL_RELATED_TOPICS', 1) === 1;

  const related = { at10: new Rate(), at100: new Rate(), fullAt100: new Rate() };
  const home = { at10: new Rate(), at100: new Rate() };
  const popular = new Rate();
  const cosaved = new Rate();
  let overlap = 0;
  let stepFraction = 0;
  let early = 0;
  const nodes = (ranked: { node: number }[]) => ranked.map((r) => r.node);

  for (const [n, { user, history, heldOut }] of sample.entries()) {
    const seed = 1000 + n;
    const query = history[history.length - 1]!;
    // Pins the user already saved are no discovery: no ranking (walk or baseline) may spend a
    // slot on them — the standard leave-last-out protocol.
    const own = new Set(history);
    const topics = [...new Set(topicsOf.get(user) ?? [])];
    const walk = { steps, limit: 100, seed, restart };
    const relatedWalk = relatedTopics ? { ...walk, topics, topicBias: 0.5 } : walk;
    const full = await graph.relatedNodes([{ node: query, weight: 1 }], relatedWalk, own);
    const stopped = await graph.relatedNodes(
      [{ node: query, weight: 1 }],
      { ...relatedWalk, earlyStop },
      own,
    );
    const fullTop = nodes(full.ranked);
    related.at10.add(hit(nodes(stopped.ranked), heldOut, 10));
    related.at100.add(hit(nodes(stopped.ranked), heldOut, 100));
    related.fullAt100.add(hit(fullTop, heldOut, 100));
    popular.add(hit(popularPins(popularityOrder, own, 100), heldOut, 100));
    cosaved.add(hit(cosavedPins(world, query, own, 100), heldOut, 100));
    if (fullTop.length > 0) {
      const fullSet = new Set(fullTop);
      overlap += nodes(stopped.ranked).filter((p) => fullSet.has(p)).length / fullTop.length;
      stepFraction += stopped.steps / full.steps;
      early++;
    }

    // Home feed: the last 10 training saves, newer ones weighing more, the user's pins excluded,
    // biased toward the topics of the user's boards.
    const recent = history.slice(-10);
    const queries: NodeQuery[] = recent.map((node, i) => ({ node, weight: 0.85 ** (recent.length - 1 - i) }));
    const feed = await graph.relatedNodes(
      queries,
      { ...walk, restart: homeRestart, earlyStop, topics, topicBias: 0.5 },
      own,
    );
    home.at10.add(hit(nodes(feed.ranked), heldOut, 10));
    home.at100.add(hit(nodes(feed.ranked), heldOut, 100));
  }
  await graph.close();

  report(BENCH, 'hit_rate_at_10', related.at10.value, 'ratio');
  report(BENCH, 'hit_rate_at_100', related.at100.value, 'ratio');
  report(BENCH, 'full_walk_hit_rate_at_100', related.fullAt100.value, 'ratio');
  report(BENCH, 'popularity_hit_rate_at_100', popular.value, 'ratio');
  report(BENCH, 'cosaved_hit_rate_at_100', cosaved.value, 'ratio');
  report(BENCH, 'related_vs_popularity_at_100', related.at100.value / Math.max(popular.value, 1e-9), 'x');
  report(BENCH, 'home_hit_rate_at_10', home.at10.value, 'ratio');
  report(BENCH, 'home_hit_rate_at_100', home.at100.value, 'ratio');
  report(BENCH, 'early_stop_overlap_at_100', early === 0 ? 0 : overlap / early, 'ratio');
  report(BENCH, 'early_stop_step_fraction', early === 0 ? 0 : stepFraction / early, 'ratio');
  report(BENCH, 'users', sample.length, 'users');
}
