// The home feed (home.ts plans and pages it) and onboarding topics and interests (extensions).
//
// Interests: picking topics follows, for each topic, its most followed public boards (the discovery
// module's topic-match.ts says which boards match) and the owner of the first of them, so the home
// feed fills at once.
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Page } from '../../platform/pagination.ts';
import { type Principal, userIdOf } from '../../platform/principal.ts';
import type { AnalyticsService } from '../analytics/index.ts';
import type { BoardsService } from '../boards/index.ts';
import {
  type DiscoveryService,
  matcherFor,
  type RelatedPinsService,
  type TopicMatcher,
} from '../discovery/index.ts';
import type { PinsService } from '../pins/index.ts';
import { TOPICS } from '../seed/index.ts';
import type { SocialService } from '../social/index.ts';
import { unknownTopics } from './errors.ts';
import { HomeFeed, type HomePin, type HomeQuery } from './home.ts';
import { HomeSources } from './home-sources.ts';
import * as repo from './repo.ts';
import type { InterestsResult, TopicView } from './schemas.ts';

/** Boards followed for each topic picked; the owner of the first is followed too. */
export const BOARDS_PER_TOPIC = 2;

/** What the home feed draws on besides pins and boards. */
export interface FeedSourcesDeps {
  discovery: DiscoveryService;
  related: RelatedPinsService;
  analytics: AnalyticsService;
}

export class FeedsService {
  private readonly matchers: ReadonlyMap<string, TopicMatcher>;
  private readonly homeFeed: HomeFeed;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly pins: PinsService,
    private readonly boards: BoardsService,
    private readonly social: SocialService,
    deps: FeedSourcesDeps,
  ) {
    this.matchers = new Map(TOPICS.map((topic) => [topic.key, matcherFor(topic)]));
    const sources = new HomeSources(ctx, boards, deps.discovery, deps.related, deps.analytics);
    this.homeFeed = new HomeFeed(ctx, pins, boards, sources);
  }

  home(viewer: Principal, query: HomeQuery): Promise<Page<HomePin>> {
    return this.homeFeed.page(viewer, query);
  }

  /** Every topic, with a picture from its most saved public pin when one exists. */
  async topics(viewer: Principal | null): Promise<TopicView[]> {
    const matchers = [...this.matchers.values()];
    const covers = await repo.topicCoverPins(this.ctx.db, matchers, viewer?.userId ?? null);
    const rows = await repo.visiblePinsByIds(
      this.ctx.db,
      covers.map((cover) => cover.pin_id),
      this.boards.visibleBoardsFilter(viewer),
    );
    const shown = await this.pins.present(viewer, rows, false);
    const byTopic = new Map(covers.map((cover) => [cover.key, shown.find((pin) => pin.id === cover.pin_id)]));
    return matchers.map((matcher) => {
      const pin = byTopic.get(matcher.key);
      const image = pin?.media.media_type === 'image' ? pin.media.images['400x300'] : undefined;
      return {
        key: matcher.key,
        label: matcher.label,
        cover:
          pin && image?.url
            ? {
                pin_id: pin.id,
                url: image.url,
                width: image.width,
                height: image.height,
                dominant_color: pin.dominant_color,
              }
            : null,
      };
    });
  }

  /** Follows the most followed boards of each topic, and the owner of each topic's first board. */
  async chooseInterests(viewer: Principal, topicKeys: string[]): Promise<InterestsResult> {
    const viewerId = userIdOf(viewer);
    const unknown = topicKeys.filter((key) => !this.matchers.has(key));
    if (unknown.length > 0) throw unknownTopics(unknown);
    const matchers = topicKeys.map((key) => this.matchers.get(key)!);
    const candidates = await repo.topicBoards(this.ctx.db, matchers, viewerId, BOARDS_PER_TOPIC);
    const followedBoards: InterestsResult['followed_boards'] = [];
    const followedUsers = new Set<string>();
    const firstOfTopic = new Set<string>();
    for (const board of candidates) {
      if (followedBoards.some((b) => b.id === board.id)) continue;
      if (!(await this.skippingVanished(() => this.boards.relations.follow(viewer, board.id)))) continue;
      followedBoards.push({ id: board.id, name: board.name });
      if (firstOfTopic.has(board.key)) continue;
      firstOfTopic.add(board.key);
      if (await this.skippingVanished(() => this.social.follow(viewerId, board.owner_username))) {
        followedUsers.add(board.owner_username);
      }
    }
    return {
      topics: topicKeys,
      followed_boards: followedBoards,
      followed_users: [...followedUsers].map((username) => ({ username })),
    };
  }

  /** Runs a follow; a board or user that vanished (or was blocked) since it was chosen is skipped. */
  private async skippingVanished(follow: () => Promise<unknown>): Promise<boolean> {
    try {
      await follow();
      return true;
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return false;
      throw error;
    }
  }
}
