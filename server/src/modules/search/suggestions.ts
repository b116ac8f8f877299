// Typeahead, guided refinements and the vocabulary they draw on (extensions of the search module).
//
// Vocabulary: search_terms holds the words of public pin titles and board names and the public
// board names, each with how many public pins and boards use it. It is rebuilt whole (one pass
// over public pins, seconds for a million) when a typeahead or refinements request finds it older
// than SEARCH_TERMS_REFRESH_MINUTES, in the background and by one process at a time, or on demand
// (refreshTerms). A rebuild copes with deletions, privacy changes and renames without any
// bookkeeping on the write paths; a new word is suggested from the next rebuild on. Because a
// rebuild can be minutes old, every suggested term is checked against what the viewer may see
// right now (typeahead-repo visibleTerms), and boards found through it are read live with the
// viewer's board filter. Matching names in the vocabulary rather than trigram-scanning boards
// matters at scale: thousands of boards share a popular name, and each would be read and scored.
//
// Typeahead starts from the vocabulary's matches of the input (trigram similarity and prefixes, so
// "kitch" and "kitchn" both find "kitchen"): they are the query suggestions, pins are searched for
// them and for the input's own words, and boards are found by the names among them (plus the
// caller's own boards, matched live). `corrected` says when the best match is not a completion of
// the input but a correction. People are matched live.
import { withGenericPlans } from '../../db/generic-plans.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { type Principal, userIdOf } from '../../platform/principal.ts';
import type { BoardsService, BoardView } from '../boards/index.ts';
import type { PinsService } from '../pins/index.ts';
import type { BoardCondition } from './repo.ts';
import * as repo from './repo.ts';
import type { Refinements, Typeahead, TypeaheadType } from './schemas.ts';
import * as terms from './terms-repo.ts';
import { correctedTerm, parseQuery, startsWithPattern, typeaheadText } from './text-query.ts';
import * as typeaheadRepo from './typeahead-repo.ts';

/** Pins ranked for typeahead's pins group (a few; the full search is a click away). */
const TYPEAHEAD_PIN_CANDIDATES = 50;
/** Pins whose titles and board names refinements count words in. */
const REFINEMENT_SAMPLE = 200;
/** Vocabulary matches typeahead's pins group also searches for. */
const PIN_TERMS = 3;
/** Vocabulary matches looked at per suggestion shown (some may be invisible to the viewer). */
const TERM_OVERSAMPLE = 3;
/** How often a process looks at the rebuild time (a cheap read, but not one per keystroke). */
const STALENESS_CHECK_MS = 60_000;

export interface RefreshOutcome {
  refreshedAt: string;
  terms: number;
  seconds: number;
}

const imageOrNull = (url: string | undefined) => (url && url !== '' ? url : null);

export class Suggestions {
  private nextStalenessCheck = 0;
  private rebuilding: Promise<void> | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly boards: BoardsService,
    private readonly pins: PinsService,
  ) {}

  async typeahead(
    viewer: Principal,
    query: string,
    options: { types: readonly TypeaheadType[]; limit: number },
  ): Promise<Typeahead> {
    const text = typeaheadText(query);
    const typed: typeaheadRepo.TypedText = { text, startsWith: startsWithPattern(text) };
    const wants = (type: TypeaheadType) => options.types.includes(type);
    const { limit } = options;
    const userId = userIdOf(viewer);
    const boardVisible = this.boards.visibleBoardsFilter(viewer);

    // Every group but people starts from the vocabulary's matches the viewer may see.
    const vocabulary = async () => {
      if (!wants('queries') && !wants('pins') && !wants('boards')) return [];
      return withGenericPlans(this.ctx.db, async (trx) => {
        const found = await typeaheadRepo.matchingTerms(trx, typed, limit * TERM_OVERSAMPLE);
        await typeaheadRepo.preferIndexScans(trx);
        const visible = new Set(
          await typeaheadRepo.visibleTerms(
            trx,
            found.map((t) => t.term),
            userId,
            boardVisible,
          ),
        );
        return found.filter((t) => visible.has(t.term));
      });
    };
    const [terms, ownBoards, users] = await Promise.all([
      vocabulary(),
      wants('boards') ? typeaheadRepo.ownBoardsLike(this.ctx.db, typed, userId, boardVisible, limit) : [],
      wants('users')
        ? withGenericPlans(this.ctx.db, (trx) => typeaheadRepo.matchingUsers(trx, typed, userId, limit))
        : [],
    ]);
    const corrected = correctedTerm(text, terms[0]?.term);
    const [pins, boards] = await Promise.all([
      wants('pins') ? this.typeaheadPins(viewer, text, terms.slice(0, PIN_TERMS), limit) : [],
      wants('boards') ? this.typeaheadBoards(terms, ownBoards, boardVisible, limit) : [],
    ]);
    this.rebuildIfStale();
    return {
      query: text,
      corrected,
      queries: wants('queries') ? terms.slice(0, limit) : [],
      pins,
      boards,
      users: users.map((user) => ({
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        follower_count: user.follower_count,
        image_url: imageOrNull(user.profile_image),
      })),
    };
  }

  /**
   * The best public pins for the input's words or for the vocabulary's best matches of it
   * (completions like "kitch" → "kitchen", corrections like "kitchn" → "kitchen"). The vocabulary
   * stands in for a prefix query, which would gather the postings of every word the prefix starts.
   */
  private async typeaheadPins(
    viewer: Principal,
    text: string,
    terms: typeaheadRepo.TermMatch[],
    limit: number,
  ) {
    const exact = terms.reduce(
      (query, term) => repo.eitherTsQuery(query, repo.termTsQuery(term.term)),
      repo.textMatch(parseQuery(text)).exact,
    );
    const rows = await repo.searchPublicPins(this.ctx.db, {
      viewerId: viewer.userId,
      match: { exact, prefix: null },
      boardVisible: this.boards.visibleBoardsFilter(viewer),
      candidates: TYPEAHEAD_PIN_CANDIDATES,
      limit,
    });
    return (await this.pins.present(viewer, rows, false)).map((pin) => ({
      id: pin.id,
      title: pin.title,
      dominant_color: pin.dominant_color,
      image_url: pin.media.media_type === 'image' ? imageOrNull(pin.media.images['150x150']?.url) : null,
    }));
  }

  /**
   * The caller's own matching boards first, then the most followed visible boards named as the
   * vocabulary's matches are (public board names are vocabulary terms).
   */
  private async typeaheadBoards(
    terms: typeaheadRepo.TermMatch[],
    own: BoardView[],
    boardVisible: BoardCondition,
    limit: number,
  ) {
    const names = terms.filter((t) => t.boards > 0).map((t) => t.term);
    const named = await typeaheadRepo.boardsNamed(this.ctx.db, names, boardVisible, limit);
    const seen = new Set<string>();
    const rows = [...own, ...named].filter((row) => !seen.has(row.id) && seen.add(row.id)).slice(0, limit);
    return (await this.boards.present(rows)).map((board) => ({
      id: board.id,
      name: board.name,
      owner_username: board.owner.username,
      privacy: board.privacy,
      pin_count: board.pin_count,
      follower_count: board.follower_count,
      image_url: imageOrNull(board.media.image_cover_url ?? undefined),
    }));
  }

  async refinements(viewer: Principal, query: string, limit: number): Promise<Refinements> {
    const text = parseQuery(query, 'query');
    const words = await terms.refinementWords(this.ctx.db, {
      viewerId: viewer.userId,
      match: repo.textMatch(text),
      boardVisible: this.boards.visibleBoardsFilter(viewer),
      candidates: REFINEMENT_SAMPLE,
      text: text.text,
      limit,
    });
    this.rebuildIfStale();
    return {
      query: text.text,
      items: words.map((word) => ({ term: word.term, query: `${text.text} ${word.term}`, pins: word.pins })),
    };
  }

  /** Rebuilds the vocabulary now, after any rebuild another process is running. */
  async refreshTerms(): Promise<RefreshOutcome> {
    const started = Date.now();
    const refresh = await this.ctx.db.transaction().execute(async (trx) => {
      await terms.lockRebuild(trx, true);
      return terms.rebuildTerms(trx, started);
    });
    return { refreshedAt: refresh.refreshedAt.toISOString(), terms: refresh.terms, seconds: refresh.seconds };
  }

  /**
   * Starts a background rebuild when the last one is older than the configured interval (0: never
   * on its own). Checks at most once a minute per process; a rebuild another process is already
   * running is left to it.
   */
  private rebuildIfStale(): void {
    const minutes = this.ctx.config.searchTermsRefreshMinutes;
    const now = Date.now();
    if (minutes === 0 || this.rebuilding || now < this.nextStalenessCheck) return;
    this.nextStalenessCheck = now + STALENESS_CHECK_MS;
    this.rebuilding = this.rebuildInBackground(minutes * 60_000)
      .catch((error) => this.ctx.log.warn({ err: error }, 'search vocabulary rebuild failed'))
      .finally(() => {
        this.rebuilding = undefined;
      });
  }

  private async rebuildInBackground(maxAgeMs: number): Promise<void> {
    const fresh = (last: terms.Refresh | undefined) =>
      last !== undefined && Date.now() - last.refreshedAt.getTime() < maxAgeMs;
    if (fresh(await terms.lastRefresh(this.ctx.db))) return;
    const started = Date.now();
    const refresh = await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await terms.lockRebuild(trx, false))) return undefined;
      // Another process may have finished a rebuild between the look above and the lock.
      if (fresh(await terms.lastRefresh(trx))) return undefined;
      return terms.rebuildTerms(trx, started);
    });
    if (refresh)
      this.ctx.log.info({ terms: refresh.terms, seconds: refresh.seconds }, 'search vocabulary rebuilt');
  }
}
