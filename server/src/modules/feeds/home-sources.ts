// Where the home feed's candidates come from:
// - followed: the viewer's own pins and those of the users and boards they follow, newest first;
// - walk: the graph's random walks from what the viewer did lately — the pins they engaged with
//   (analytics.recentEngagement: saves, close-ups, outbound clicks) and their own newest pins — each
//   weighted by recency and kind, leaning towards the viewer's topics;
// - trending: originals saved most in the last TRENDING_DAYS days;
// - fresh: the newest originals on public boards.
// Walk, trending and fresh pins are recommendations: originals on PUBLIC boards (home-repo.ts),
// never the viewer's own, never from a pinner or board owner blocked either way (checked here
// against the viewer's block list, read on every plan). The two global lists are the same for
// everyone, so each process keeps them for `feedGlobalListsTtlSeconds` and refreshes them in the
// background; sessions keep nothing per process (home.ts). Trending counts a week of saves (seconds
// of database CPU at scale), so the count is made at most every TRENDING_REFRESH_SECONDS and shared
// through the cache: one process of many counts, the others read it (which of its pins may be
// recommended is still looked up per refresh). Every page is checked once more against the
// viewer's visibility rules when it is shown (home.ts), so nothing cached can show a hidden pin.
import { LRUCache } from 'lru-cache';
import type { ServiceContext } from '../../platform/context.ts';
import { hasScope, type Principal, userIdOf } from '../../platform/principal.ts';
import type { AnalyticsService } from '../analytics/index.ts';
import type { BoardsService } from '../boards/index.ts';
import {
  type DiscoveryService,
  HOME_FEED_RESTART,
  type QueryPin,
  type RelatedPinsService,
} from '../discovery/index.ts';
import { type FeedCandidate, type FeedSource, SOURCE_WEIGHTS } from './blend.ts';
import * as homeRepo from './home-repo.ts';

export const TRENDING_DAYS = 7;
/** How often trending is counted at most (a week of saves barely moves in ten minutes). */
const TRENDING_REFRESH_SECONDS = 600;
const TRENDING_KEY = 'feed:home:trending-origins:v1';
const GLOBAL_LIST_SIZE = 300;
/** Engagement events and own pins that seed a viewer's walks. */
const ENGAGEMENT_SEEDS = 50;
const OWN_SEEDS = 30;
const MAX_QUERY_PINS = 24;
/** A seed's weight halves every this many places back in time. */
const RECENCY_HALF_LIFE = 10;
const KIND_WEIGHTS: Record<string, number> = { own: 1, save: 1, outbound_click: 0.8, closeup: 0.6 };
/**
 * A home plan's walk budget: a segment takes about 40 walk pins, not the hundreds a related list
 * ranks, so the walk is a tenth of related pins' and stops once 200 pins have 4 visits. Walks are
 * most of a first page's CPU time (bench/suites/home.ts).
 */
export const HOME_STEPS = 12_000;
export const HOME_EARLY_STOP = { np: 200, nv: 4 };
const MAX_WALK_RESULTS = 10_000;
/**
 * The share of a plan's `limit` the followed source offers: the most turns it can take is its
 * weight's share when the walk has nothing (4 of 7, blend.ts; 5% more for margin), and each extra row is a pin, board
 * and pinner looked up on every new session's first page (the followed query was half of its
 * database time).
 */
const FOLLOWED_SHARE =
  (1.05 * SOURCE_WEIGHTS.followed) /
  (SOURCE_WEIGHTS.followed + SOURCE_WEIGHTS.trending + SOURCE_WEIGHTS.fresh);
const PIN_FACTS_CACHED = 200_000;
const PIN_FACTS_TTL_MS = 10 * 60_000;

export interface GatherInput {
  viewer: Principal;
  /** The session's walk seed. */
  seed: number;
  /** Originals planned earlier in the session. */
  seen: ReadonlySet<string>;
  /** How many candidates each source should offer at least. */
  limit: number;
}

/** A value loaded on demand and kept for a while; a stale value is served while it reloads. */
class Refreshing<T> {
  private value: T | undefined;
  private loadedAt = 0;
  private loading: Promise<T> | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
  ) {}

  get(): Promise<T> {
    if (this.ttlMs === 0) return this.load();
    const fresh = this.value !== undefined && performance.now() - this.loadedAt < this.ttlMs;
    if (fresh) return Promise.resolve(this.value!);
    if (!this.loading) {
      this.loading = this.load()
        .then((value) => {
          this.value = value;
          this.loadedAt = performance.now();
          return value;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    const reload = this.loading;
    if (this.value === undefined) return reload;
    reload.catch(() => {}); // a failed refresh keeps the stale list; the next request tries again
    return Promise.resolve(this.value);
  }
}

/** A global list's pins with what the viewer's checks need. */
type Listed<T> = homeRepo.RecommendedRow & T;

export class HomeSources {
  private readonly trending: Refreshing<Listed<{ saves: number }>[]>;
  private readonly fresh: Refreshing<homeRepo.FreshRow[]>;
  /** recommendable()'s answers per pin id (false: not recommendable). */
  private readonly pinFacts = new LRUCache<string, homeRepo.RecommendedRow | false>({
    max: PIN_FACTS_CACHED,
    ttl: PIN_FACTS_TTL_MS,
  });

  constructor(
    private readonly ctx: ServiceContext,
    private readonly boards: BoardsService,
    private readonly discovery: DiscoveryService,
    private readonly related: RelatedPinsService,
    private readonly analytics: AnalyticsService,
  ) {
    const ttlSeconds = ctx.config.feedGlobalListsTtlSeconds;
    const ttlMs = ttlSeconds * 1000;
    const trendingSeconds = ttlSeconds === 0 ? 0 : Math.max(ttlSeconds, TRENDING_REFRESH_SECONDS);
    this.trending = new Refreshing(async () => {
      const counted = await this.shared(TRENDING_KEY, trendingSeconds, () =>
        homeRepo.trendingOrigins(ctx.db, TRENDING_DAYS, GLOBAL_LIST_SIZE),
      );
      const rows = new Map(
        (
          await homeRepo.recommendable(
            ctx.db,
            counted.map((c) => c.id),
          )
        ).map((r) => [r.id, r]),
      );
      return counted.flatMap((c) => {
        const row = rows.get(c.id);
        return row ? [{ ...row, saves: c.saves }] : [];
      });
    }, ttlMs);
    this.fresh = new Refreshing(() => homeRepo.freshOrigins(ctx.db, GLOBAL_LIST_SIZE), ttlMs);
  }

  /** A value from the shared cache, or loaded and stored there for `seconds` (0: always loaded). */
  private async shared<T>(key: string, seconds: number, load: () => Promise<T>): Promise<T> {
    if (seconds === 0) return load();
    const cached = await this.ctx.cache.get<T>(key);
    if (cached !== undefined && cached !== null) return cached;
    const value = await load();
    await this.ctx.cache.fill(key, value, seconds);
    return value;
  }

  async gather(input: GatherInput): Promise<Record<FeedSource, FeedCandidate[]>> {
    const viewerId = userIdOf(input.viewer);
    const [blockedIds, followed, walked, trending, fresh] = await Promise.all([
      homeRepo.blockedEitherWay(this.ctx.db, viewerId),
      this.followed(input.viewer, Math.ceil(input.limit * FOLLOWED_SHARE)),
      this.walk(viewerId, input),
      this.trending.get(),
      this.fresh.get(),
    ]);
    const blocked = new Set(blockedIds);
    const walkRows = await this.recommendable(walked.map((w) => w.pinId));
    // Recommendations: never the viewer's own, nor anyone blocked either way, nor what the session showed.
    const shown = (row: homeRepo.RecommendedRow) =>
      row.creator !== viewerId &&
      !blocked.has(row.creator) &&
      !blocked.has(row.board_owner) &&
      !input.seen.has(row.id);
    const candidate = (row: homeRepo.RecommendedRow, detail: string): FeedCandidate => ({
      id: row.id,
      origin: row.id,
      board: row.board,
      creator: row.creator,
      detail,
    });
    const walkCandidates = walked.flatMap((w) => {
      const row = walkRows.get(w.pinId);
      const detail = `walks from ${walked.queryPins} of your recent pins reached it ${w.visits} times (score ${w.score.toFixed(1)})`;
      return row && shown(row) ? [candidate(row, detail)] : [];
    });
    return {
      followed: followed.filter((pin) => !blocked.has(pin.creator)),
      walk: walkCandidates,
      trending: trending
        .filter(shown)
        .map((row) => candidate(row, `saved ${row.saves} times in the last ${TRENDING_DAYS} days`)),
      fresh: fresh
        .filter(shown)
        .map((row) => candidate(row, `new: pinned ${new Date(row.created_at).toISOString()}`)),
    };
  }

  /**
   * Board, pinner and board owner of the recommendable pins among `ids` (originals on public
   * boards). Each process remembers the answer for a while: walks keep returning the same popular
   * pins, and a stale answer cannot show anything hidden, because every page is checked again
   * against the viewer's visibility rules (repo.feedPagePins); it can only misjudge the run rule.
   */
  private async recommendable(ids: readonly string[]): Promise<Map<string, homeRepo.RecommendedRow>> {
    const found = new Map<string, homeRepo.RecommendedRow>();
    const missing: string[] = [];
    for (const id of ids) {
      const known = this.pinFacts.get(id);
      if (known === undefined) missing.push(id);
      else if (known !== false) found.set(id, known);
    }
    if (missing.length > 0) {
      const rows = await homeRepo.recommendable(this.ctx.db, missing);
      for (const row of rows) found.set(row.id, row);
      for (const id of missing) this.pinFacts.set(id, found.get(id) ?? false);
    }
    return found;
  }

  private async followed(viewer: Principal, limit: number): Promise<FeedCandidate[]> {
    const rows = await homeRepo.followedPins(this.ctx.db, {
      viewerId: userIdOf(viewer),
      boardVisible: this.boards.visibleBoardsFilter(viewer, 'b'),
      ownSecrets: hasScope(viewer, 'pins:read_secret'),
      limit,
    });
    return rows.map((row) => ({
      id: row.id,
      origin: row.origin,
      board: row.board,
      creator: row.creator,
      detail:
        row.via === 'self'
          ? 'your pin'
          : row.via === 'user'
            ? `you follow @${row.creator_username}`
            : `you follow the board “${row.board_name}”`,
    }));
  }

  /** The viewer's recent pins and engagement as weighted query pins (originals), newest first. */
  private async queryPins(viewerId: string): Promise<QueryPin[]> {
    const engaged = await this.analytics.recentEngagement(viewerId, ENGAGEMENT_SEEDS);
    const rows = await homeRepo.seedOrigins(
      this.ctx.db,
      viewerId,
      engaged.map((e) => e.pin_id),
      OWN_SEEDS,
    );
    const originOf = new Map(rows.filter((r) => r.kind === 'engaged').map((r) => [r.id, r.origin]));
    const weights = new Map<string, number>();
    const add = (origin: string | undefined, place: number, kind: string) => {
      if (!origin) return;
      const weight = (KIND_WEIGHTS[kind] ?? 0.5) * 0.5 ** (place / RECENCY_HALF_LIFE);
      weights.set(origin, (weights.get(origin) ?? 0) + weight);
    };
    for (const [place, e] of engaged.entries()) add(originOf.get(e.pin_id), place, e.kind);
    for (const [place, r] of rows.filter((row) => row.kind === 'own').entries()) add(r.origin, place, 'own');
    return [...weights]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_QUERY_PINS)
      .map(([id, weight]) => ({ id, weight }));
  }

  private async walk(viewerId: string, input: GatherInput) {
    const none = Object.assign([] as { pinId: string; score: number; visits: number }[], { queryPins: 0 });
    // The graph builds in the background after start; until then the other sources fill the feed.
    if (this.discovery.stats() === null) return none;
    const [queries, topics] = await Promise.all([
      this.queryPins(viewerId),
      this.related.viewerTopics(viewerId),
    ]);
    if (queries.length === 0) return none;
    const found = await this.discovery.related(queries, {
      steps: HOME_STEPS,
      earlyStop: HOME_EARLY_STOP,
      restart: HOME_FEED_RESTART,
      seed: input.seed,
      topics,
      limit: Math.min(MAX_WALK_RESULTS, input.limit * 2),
      exclude: [...input.seen],
    });
    return Object.assign(found, { queryPins: queries.length });
  }
}
