// The home feed: followed pins, walk recommendations, trending and fresh pins blended into one
// plan per session (blend.ts says how), paged through bookmarks (home-session.ts).
//
// The plan lives in the shared cache (Redis when configured), in segments of SEGMENT_SIZE pins
// kept for HOME_FEED_SESSION_TTL_SECONDS: segment k is planned when a page first reaches it, from
// the sources as they are then, leaving out every original of segments 0..k-1 and continuing their
// run rule. A segment is stored set-if-absent, so when two processes plan the same segment at
// once, both answer with the one stored first. Hence, on any number of processes:
// - no pin (nor a copy of one) is shown twice in a session;
// - the same bookmark gives the same page while the session lives (a pin that has since become
//   hidden from the viewer, or was deleted, is left out of its page rather than shown);
// - after the session expires, its bookmarks continue a newly planned feed.
import type { ServiceContext } from '../../platform/context.ts';
import type { Page } from '../../platform/pagination.ts';
import { hasScope, type Principal, userIdOf } from '../../platform/principal.ts';
import type { BoardsService } from '../boards/index.ts';
import type { Pin, PinsService } from '../pins/index.ts';
import { blend, MAX_RUN, type PlannedPin } from './blend.ts';
import {
  decodeSessionBookmark,
  encodeSessionBookmark,
  MAX_SEGMENTS,
  newSession,
  SEGMENT_SIZE,
  sessionSeed,
} from './home-session.ts';
import type { HomeSources } from './home-sources.ts';
import * as repo from './repo.ts';
import type { FeedReason } from './schemas.ts';

export interface HomeQuery {
  bookmark?: string;
  pageSize: number;
  /** Attach each pin's reason (source and detail). */
  debug: boolean;
}

export type HomePin = Pin & { reason?: FeedReason };

interface Segment {
  pins: PlannedPin[];
  /** No segment follows: the sources ran dry (or the run rule stopped the plan). */
  final: boolean;
}

export class HomeFeed {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly pins: PinsService,
    private readonly boards: BoardsService,
    private readonly sources: HomeSources,
  ) {}

  async page(viewer: Principal, query: HomeQuery): Promise<Page<HomePin>> {
    const position = query.bookmark ? decodeSessionBookmark(query.bookmark) : newSession();
    const first = Math.floor(position.offset / SEGMENT_SIZE);
    const last = Math.min(
      MAX_SEGMENTS - 1,
      Math.floor((position.offset + query.pageSize - 1) / SEGMENT_SIZE),
    );
    // A new session has nothing in the cache yet: plan it without asking.
    const segments = query.bookmark
      ? await this.segments(viewer, position.handle, first, last)
      : await this.plan(viewer, position.handle, last, true);
    const planned = segments.flatMap((segment) => segment.pins);
    const start = position.offset - first * SEGMENT_SIZE;
    const slice = planned.slice(start, start + query.pageSize);
    const next = position.offset + slice.length;
    const lastSegment = segments[segments.length - 1];
    const more =
      slice.length > 0 &&
      next < SEGMENT_SIZE * MAX_SEGMENTS &&
      (start + slice.length < planned.length || (lastSegment !== undefined && !lastSegment.final));
    const bookmark = more ? encodeSessionBookmark({ handle: position.handle, offset: next }) : null;
    return { items: await this.present(viewer, slice, query.debug), bookmark };
  }

  private key(viewer: Principal, handle: string, segment: number): string {
    return `feed:home:${userIdOf(viewer)}:${handle}:${segment}`;
  }

  /** Segments first..last of the session (fewer when one before `last` is final). */
  private async segments(viewer: Principal, handle: string, first: number, last: number): Promise<Segment[]> {
    const wanted = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const cached = await Promise.all(
      wanted.map((k) => this.ctx.cache.get<Segment>(this.key(viewer, handle, k))),
    );
    const found: Segment[] = [];
    for (const segment of cached) {
      if (!segment) return (await this.plan(viewer, handle, last)).slice(first);
      found.push(segment);
      if (segment.final) break;
    }
    return found;
  }

  /** Segments 0..upTo, planning and storing those not in the cache (or all, for a new session), in order. */
  private async plan(viewer: Principal, handle: string, upTo: number, isNew = false): Promise<Segment[]> {
    const segments: Segment[] = [];
    for (let k = 0; k <= upTo; k++) {
      const key = this.key(viewer, handle, k);
      let segment = isNew ? undefined : await this.ctx.cache.get<Segment>(key);
      if (!segment) {
        const planned = await this.planSegment(viewer, handle, k, segments);
        const stored = await this.ctx.cache.fill(key, planned, this.ctx.config.homeFeedSessionTtlSeconds);
        // Another process planned it first: everyone answers with the stored one.
        segment = stored ? planned : ((await this.ctx.cache.get<Segment>(key)) ?? planned);
      }
      segments.push(segment);
      if (segment.final) break;
    }
    return segments;
  }

  private async planSegment(
    viewer: Principal,
    handle: string,
    k: number,
    before: Segment[],
  ): Promise<Segment> {
    const seen = new Set(before.flatMap((segment) => segment.pins.map((pin) => pin.origin)));
    const recent = before[before.length - 1]?.pins.slice(-MAX_RUN) ?? [];
    const candidates = await this.sources.gather({
      viewer,
      seed: sessionSeed(handle),
      seen,
      limit: SEGMENT_SIZE * (k + 1),
    });
    const pins = blend({ candidates, size: SEGMENT_SIZE, seen, recent });
    return { pins, final: pins.length < SEGMENT_SIZE || k === MAX_SEGMENTS - 1 };
  }

  /** The page's pins the viewer may still see, in plan order, as GET /v5/pins/{id} shows them. */
  private async present(viewer: Principal, planned: PlannedPin[], debug: boolean): Promise<HomePin[]> {
    const rows = await repo.feedPagePins(
      this.ctx.db,
      planned.map((pin) => pin.id),
      {
        viewerId: userIdOf(viewer),
        boardVisible: this.boards.visibleBoardsFilter(viewer),
        ownSecrets: hasScope(viewer, 'pins:read_secret'),
      },
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const kept = planned.filter((pin) => byId.has(pin.id));
    const shown = await this.pins.present(
      viewer,
      kept.map((pin) => byId.get(pin.id)!),
      false,
    );
    if (!debug) return shown;
    return shown.map((pin, i) => ({ ...pin, reason: { source: kept[i]!.source, detail: kept[i]!.detail } }));
  }
}
