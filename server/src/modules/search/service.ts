// Search: the caller's own pins and boards, and public pins from everyone (partner search).
//
// Rules: a user's search sees what boards/list and pins/list would show them (their pins on any
// board they may see, secret ones included, since these operations require the *_secret scopes);
// partner search sees only pins on PUBLIC boards, never those of a user the viewer has blocked or
// who has blocked the viewer. Results are ranked by PostgreSQL full-text relevance and paged by
// (rank, id) bookmarks.
import { isId } from '../../db/ids.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { decodeBookmark, type Page, pageFrom } from '../../platform/pagination.ts';
import { hasScope, type Principal, userIdOf } from '../../platform/principal.ts';
import type { Board, BoardsService } from '../boards/index.ts';
import type { Pin, PinsService } from '../pins/index.ts';
import { invalidBookmark } from './errors.ts';
import * as repo from './repo.ts';
import type { SummaryPin } from './schemas.ts';
import { containsPattern, parseQuery } from './text-query.ts';

/** search_user_pins/list has no page_size parameter; pages hold Pinterest's default. */
export const USER_PINS_PAGE_SIZE = 25;

const RANK = /^\d{1,15}(\.\d{1,9})?$/;

function decodeRankBookmark(bookmark: string | undefined): repo.RankKey | undefined {
  if (bookmark === undefined) return undefined;
  const [rank, id] = decodeBookmark(bookmark, 2);
  if (typeof rank !== 'string' || !RANK.test(rank) || typeof id !== 'string' || !isId(id)) {
    throw invalidBookmark();
  }
  return [rank, id];
}

const rankKey = (row: { rank: string; id: string }) => [row.rank, row.id];

export class SearchService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly boards: BoardsService,
    private readonly pins: PinsService,
  ) {}

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
    return { items: await this.boards.present(page.items), bookmark: page.bookmark };
  }

  /** Public pins from anyone matching `term`, one per original, best first. */
  async partnerPins(
    viewer: Principal | null,
    term: string,
    options: { bookmark?: string; limit: number },
  ): Promise<Page<SummaryPin>> {
    const text = parseQuery(term, 'term');
    const rows = await repo.searchPublicPins(this.ctx.db, {
      viewerId: viewer?.userId ?? null,
      text,
      boardVisible: this.boards.visibleBoardsFilter(viewer),
      after: decodeRankBookmark(options.bookmark),
      limit: options.limit + 1,
    });
    const page = pageFrom(rows, options.limit, rankKey);
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
}
