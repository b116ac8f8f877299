// Trending: topics (board names) and pins whose saves are rising, comparing the window just ended
// with the one before (rising.ts).
//
// Rules: only pins on public boards, never one from a pinner the viewer blocked or who blocked
// them, nor on a board the viewer may not see; topics come from public boards only and need
// several pinners. The counting is the same for everyone, so it is computed once per window and
// kept in the shared cache for TRENDING_CACHE_SECONDS; the viewer's rules are applied to the cached
// candidates on every request.
import type { ServiceContext } from '../../platform/context.ts';
import type { Principal } from '../../platform/principal.ts';
import type { BoardsService } from '../boards/index.ts';
import type { PinsService } from '../pins/index.ts';
import * as repo from './repo.ts';
import { type TrendingWindow, windowBounds } from './rising.ts';
import { MAX_TRENDING_LIMIT, type Trending } from './schemas.ts';

/** Candidates kept per window: enough to fill the largest page after the viewer's filters. */
const PIN_CANDIDATES = 3 * MAX_TRENDING_LIMIT;

interface Lists {
  since: string;
  topics: repo.RisingTopic[];
  pins: repo.RisingPin[];
}

const round = (score: number) => Math.round(score * 1000) / 1000;

export class TrendingService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly boards: BoardsService,
    private readonly pins: PinsService,
  ) {}

  async trending(
    viewer: Principal | null,
    options: { window: TrendingWindow; limit: number },
  ): Promise<Trending> {
    const lists = await this.lists(options.window);
    const visible = await repo.visiblePins(
      this.ctx.db,
      lists.pins.map((p) => p.id),
      viewer?.userId ?? null,
      this.boards.visibleBoardsFilter(viewer),
    );
    const rowOf = new Map(visible.map((row) => [row.id, row]));
    const chosen = lists.pins.filter((p) => rowOf.has(p.id)).slice(0, options.limit);
    const presented = await this.pins.present(
      viewer,
      chosen.map((p) => rowOf.get(p.id)!),
      false,
    );
    return {
      window: options.window,
      since: lists.since,
      topics: lists.topics.slice(0, options.limit).map((topic) => ({
        name: topic.name,
        query: topic.phrase,
        recent_saves: topic.recent,
        previous_saves: topic.previous,
        score: round(topic.score),
      })),
      pins: presented.map((pin, i) => ({
        pin,
        recent_saves: chosen[i]!.recent,
        previous_saves: chosen[i]!.previous,
        score: round(chosen[i]!.score),
      })),
    };
  }

  /** The window's rising topics and pin candidates, from the cache or computed (and cached). */
  private async lists(window: TrendingWindow): Promise<Lists> {
    const ttl = this.ctx.config.trendingCacheSeconds;
    const key = `trending:v1:${window}`;
    if (ttl > 0) {
      const cached = await this.ctx.cache.get<Lists>(key);
      if (cached) return cached;
    }
    const { since, previousSince } = windowBounds(window, new Date());
    const bounds = { since, previousSince };
    const [topics, pins] = await Promise.all([
      repo.risingTopics(this.ctx.db, { ...bounds, limit: MAX_TRENDING_LIMIT }),
      repo.risingPins(this.ctx.db, { ...bounds, limit: PIN_CANDIDATES }),
    ]);
    const lists: Lists = { since: since.toISOString(), topics, pins };
    if (ttl > 0) await this.ctx.cache.fill(key, lists, ttl);
    return lists;
  }
}
