// Search: the caller's own pins and boards, and public pins from everyone (partner search).
//
// Rules: a user's search sees what boards/list and pins/list would show them (their pins on any
// board they may see, secret ones included, since these operations require the *_secret scopes);
// partner search sees only pins on PUBLIC boards, never those of a user the viewer has blocked or
// who has blocked the viewer. A user's own search is ranked by full-text relevance; partner search
// by relevance blended with engagement and recency (ranking.ts). Both page by (rank, id) bookmarks.
// Typeahead, refinements and the terms they draw on live in suggestions.ts; SearchService is the
// module's one face for all of them.
import { isId } from '../../db/ids.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { decodeBookmark, type Page, pageFrom } from '../../platform/pagination.ts';
import { hasScope, type Principal, userIdOf } from '../../platform/principal.ts';
import type { Board, BoardsService } from '../boards/index.ts';
import { type EventsService, normalizedQuery, serverEvent } from '../events/index.ts';
import type { Pin, PinsService } from '../pins/index.ts';
import { invalidBookmark } from './errors.ts';
import { candidatesFor } from './ranking.ts';
import * as repo from './repo.ts';
import type { Refinements, SummaryPin, Typeahead, TypeaheadType } from './schemas.ts';
import { type RefreshOutcome, Suggestions } from './suggestions.ts';
import { containsPattern, parseQuery } from './text-query.ts';

/** search_user_pins/list has no page_size parameter; pages hold Pinterest's default. */
export const USER_PINS_PAGE_SIZE = 25;
/** Ranks are signed decimals (ranking.ts works in log space). */
const RANK = /^-?\d{1,15}(\.\d{1,9})?$/;

function decodeRankBookmark(bookmark: string | undefined): repo.RankKey | undefined {
  if (bookmark === undefined) return undefined;
  const [rank, id] = decodeBookmark(bookmark, 2);
  if (typeof rank !== 'string' || !RANK.test(rank) || typeof id !== 'string' || !isId(id)) {
    throw invalidBookmark();
  }
  return [rank, id];
}

/** Partner search's bookmark: the (rank, id) position and how many results came before it. */
function decodePartnerBookmark(bookmark: string | undefined): { after?: repo.RankKey; served: number } {
  if (bookmark === undefined) return { served: 0 };
  const [rank, id, served] = decodeBookmark(bookmark, 3);
  if (
    typeof rank !== 'string' ||
    !RANK.test(rank) ||
    typeof id !== 'string' ||
    !isId(id) ||
    typeof served !== 'number' ||
    !Number.isSafeInteger(served) ||
    served < 1
  ) {
    throw invalidBookmark();
  }
  return { after: [rank, id], served };
}

const rankKey = (row: { rank: string; id: string }) => [row.rank, row.id];

export class SearchService {
  private readonly suggestions: Suggestions;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly boards: BoardsService,
    private readonly pins: PinsService,
    private readonly events: EventsService,
  ) {
    this.suggestions = new Suggestions(ctx, boards, pins);
  }

  /**
   * A search.performed event for the first page of a search (later pages are the same search).
   * Searches change nothing, so the event is its own small write. The query is passed cleaned
   * (parseQuery): raw text may hold NUL, which no text column can store.
   */
  private async recordSearch(
    actorId: string | null,
    scope: 'partner_pins' | 'user_pins' | 'user_boards',
    query: string,
    bookmark: string | undefined,
    resultCount: number,
  ): Promise<void> {
    if (bookmark !== undefined) return;
    const data = { scope, query: query.slice(0, 1000), result_count: resultCount };
    await this.events.record(
      this.ctx.db,
      serverEvent('search.performed.v1', actorId, normalizedQuery(query), data),
    );
  }

  /** The caller's pins matching `query` (words, or comma-separated pin ids), best first. */
  async userPins(viewer: Principal, query: string, bookmark?: string): Promise<Page<Pin>> {
    const userId = userIdOf(viewer);
    const text = parseQuery(query, 'query');
    const rows = await repo.searchOwnPins(this.ctx.db, {
      ownerId: userId,
      text,
      boardVisible: this.boards.visibleBoardsFilter(viewer),
      includeSecret: hasScope(viewer, 'pins:read_secret'),
      after: decodeRankBookmark(bookmark),
      limit: USER_PINS_PAGE_SIZE + 1,
    });
    const page = pageFrom(rows, USER_PINS_PAGE_SIZE, rankKey);
    await this.recordSearch(userId, 'user_pins', text.text, bookmark, page.items.length);
    return { items: await this.pins.present(viewer, page.items, false), bookmark: page.bookmark };
  }

  /**
   * Boards the caller owns or collaborates on whose name or description match `query`, best
   * first; without a query, all of them, newest first.
   */
  async userBoards(
    viewer: Principal,
    query: string | undefined,
    options: { bookmark?: string; pageSize: number },
  ): Promise<Page<Board>> {
    const userId = userIdOf(viewer);
    const text = query === undefined ? null : parseQuery(query, 'query');
    const rows = await repo.searchMemberBoards(this.ctx.db, {
      userId,
      text,
      contains: text ? containsPattern(text.text) : null,
      boardVisible: this.boards.visibleBoardsFilter(viewer),
      after: decodeRankBookmark(options.bookmark),
      limit: options.pageSize + 1,
    });
    const page = pageFrom(rows, options.pageSize, rankKey);
    if (text !== null)
      await this.recordSearch(userId, 'user_boards', text.text, options.bookmark, page.items.length);
    return { items: await this.boards.present(page.items), bookmark: page.bookmark };
  }

  /** Public pins from anyone matching `term`, one per original, best first. */
  async partnerPins(
    viewer: Principal | null,
    term: string,
    options: { bookmark?: string; limit: number },
  ): Promise<Page<SummaryPin>> {
    const text = parseQuery(term, 'term');
    const { after, served } = decodePartnerBookmark(options.bookmark);
    const rows = await repo.searchPublicPins(this.ctx.db, {
      viewerId: viewer?.userId ?? null,
      match: repo.textMatch(text),
      boardVisible: this.boards.visibleBoardsFilter(viewer),
      candidates: candidatesFor(served, options.limit),
      after,
      limit: options.limit + 1,
    });
    const shown = served + Math.min(rows.length, options.limit);
    const page = pageFrom(rows, options.limit, (row) => [row.rank, row.id, shown]);
    await this.recordSearch(
      viewer?.userId ?? null,
      'partner_pins',
      text.text,
      options.bookmark,
      page.items.length,
    );
    const pins = await this.pins.present(viewer, page.items, false);
    return {
      items: pins.map((pin) => ({
        id: pin.id,
        title: pin.title,
        description: pin.description,
        link: pin.link,
        alt_text: pin.alt_text,
        media: pin.media,
      })),
      bookmark: page.bookmark,
    };
  }

  /**
   * How PostgreSQL runs partner search for `term` (EXPLAIN ANALYZE as JSON), for diagnostics and the
   * search benchmark: which indexes it used and how many pin rows it read.
   */
  partnerSearchPlan(term: string): Promise<unknown> {
    return repo.explainPublicPins(this.ctx.db, {
      viewerId: null,
      match: repo.textMatch(parseQuery(term, 'term')),
      boardVisible: this.boards.visibleBoardsFilter(null),
      candidates: candidatesFor(0, 10),
      limit: 11,
    });
  }

  /** Typo-tolerant suggestions for a search box: queries, pins, boards and people (extension). */
  typeahead(
    viewer: Principal,
    query: string,
    options: { types: readonly TypeaheadType[]; limit: number },
  ): Promise<Typeahead> {
    return this.suggestions.typeahead(viewer, query, options);
  }

  /** Words that narrow a query, from what its best matches are titled and filed under (extension). */
  refinements(viewer: Principal, query: string, limit: number): Promise<Refinements> {
    return this.suggestions.refinements(viewer, query, limit);
  }

  /** Rebuilds the typeahead vocabulary now (it also rebuilds itself when stale). */
  refreshTerms(): Promise<RefreshOutcome> {
    return this.suggestions.refreshTerms();
  }
}
