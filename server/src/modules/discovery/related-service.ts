// Related pins (GET /v5/pins/{pin_id}/related): what the graph's walks from the pin reach, then,
// for pins the graph knows little about (new, or never saved), pins sharing its words, its board's
// popular pins and its topic's. Rules:
// - The pin itself must be visible to the caller, exactly as GET /v5/pins/{id} decides (404 else).
// - Results are originals on PUBLIC boards (no secret or protected pins, even the caller's own),
//   never from a pinner or board owner the caller has blocked or who blocked the caller, never
//   the pin itself nor a copy of it, and one pin per picture (duplicates.ts).
// - Walks lean towards the caller's topics (from the names of the boards they keep and follow).
// - The same seed over the same graph gives the same list: the default seed comes from the pin id,
//   and the `seed` parameter picks another.
//
// Paging: the first page computes the list and keeps it in the shared cache under a new handle;
// the bookmark names the handle, the seed and the offset, so later pages slice the same list on any
// process. A list that has expired is recomputed from the seed.
import { randomBytes } from 'node:crypto';
import type { ServiceContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { decodeBookmark, encodeBookmark, type Page } from '../../platform/pagination.ts';
import type { Principal } from '../../platform/principal.ts';
import type { Pin, PinsService } from '../pins/index.ts';
import { collapseDuplicates, type Picture } from './duplicates.ts';
import * as repo from './related-repo.ts';
import type { DiscoveryService } from './service.ts';
import { dominantTopics, matcherOfTopicId, topicIdOfBoardName } from './topic-match.ts';
import { DEFAULT_EARLY_STOP, DEFAULT_STEPS } from './walk/options.ts';
import { deriveSeed } from './walk/plan.ts';

/** Longest related list kept for paging. */
export const RELATED_LIST_MAX = 200;
/** Below this many walk results the text and topic fallbacks fill the list. */
const FALLBACK_BELOW = 50;
const FALLBACK_LIMIT = 100;
const TOPIC_WINDOW_DAYS = 365;
const LIST_TTL_SECONDS = 15 * 60;
const TOPICS_TTL_SECONDS = 10 * 60;
/** At most this many of the viewer's topics bias walks. */
const VIEWER_TOPICS = 3;
const BOARD_NAMES_FOR_TOPICS = 50;

export type RelatedSource = 'walk' | 'text' | 'board' | 'topic';

interface RelatedEntry {
  id: string;
  source: RelatedSource;
}

export interface RelatedQuery {
  bookmark?: string;
  pageSize: number;
  seed?: number;
}

const HANDLE = /^[A-Za-z0-9_-]{16}$/;

function decodeRelatedBookmark(bookmark: string): { handle: string; seed: number; offset: number } {
  const [handle, seed, offset] = decodeBookmark(bookmark, 3);
  if (
    typeof handle !== 'string' ||
    !HANDLE.test(handle) ||
    !Number.isSafeInteger(seed) ||
    !Number.isSafeInteger(offset) ||
    (offset as number) < 1 ||
    (offset as number) >= RELATED_LIST_MAX
  ) {
    throw invalid('Invalid bookmark.');
  }
  return { handle, seed: seed as number, offset: offset as number };
}

/** The default seed of a pin's related list: fixed per pin, so repeated requests agree. */
export function seedOfPin(pinId: string): number {
  return deriveSeed(Number(BigInt(pinId) >> 32n), Number(BigInt(pinId) & 0xffffffffn));
}

export class RelatedPinsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly discovery: DiscoveryService,
    private readonly pins: PinsService,
  ) {}

  async related(viewer: Principal | null, pinId: string, query: RelatedQuery): Promise<Page<Pin>> {
    const pin = await this.pins.visiblePin(viewer, pinId);
    const viewerId = viewer?.userId ?? null;
    const position = query.bookmark ? decodeRelatedBookmark(query.bookmark) : null;
    const seed = position?.seed ?? query.seed ?? seedOfPin(pin.id);
    const handle = position?.handle ?? randomBytes(12).toString('base64url');
    const key = `related:${viewerId ?? 'anon'}:${pin.id}:${handle}`;
    let list = position ? await this.ctx.cache.get<RelatedEntry[]>(key) : undefined;
    if (!list) {
      list = await this.compute(viewerId, pin, seed);
      await this.ctx.cache.fill(key, list, LIST_TTL_SECONDS);
    }
    const offset = position?.offset ?? 0;
    const slice = list.slice(offset, offset + query.pageSize);
    const next = offset + slice.length;
    const bookmark = next < list.length && slice.length > 0 ? encodeBookmark([handle, seed, next]) : null;
    return {
      items: await this.present(
        viewer,
        slice.map((entry) => entry.id),
      ),
      bookmark,
    };
  }

  /** The pins with these ids that may still be shown to the viewer, in the order given. */
  async present(viewer: Principal | null, ids: readonly string[]): Promise<Pin[]> {
    const rows = await repo.pagePins(this.ctx.db, ids, viewer?.userId ?? null);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const ordered = ids.flatMap((id) => byId.get(id) ?? []);
    return this.pins.present(viewer, ordered, false);
  }

  private async compute(
    viewerId: string | null,
    pin: { id: string; origin_pin_id: string; board_id: string; title: string; description: string },
    seed: number,
  ): Promise<RelatedEntry[]> {
    const facts = await repo.queryPinFacts(this.ctx.db, pin.id);
    const walked = await this.walk(pin.origin_pin_id, viewerId, seed);
    const rows = await repo.shownCandidates(
      this.ctx.db,
      walked.map((w) => w.pinId),
      viewerId,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const ranked: (repo.CandidateRow & { source: RelatedSource })[] = walked.flatMap((w) => {
      const row = byId.get(w.pinId);
      return row ? [{ ...row, source: 'walk' as const }] : [];
    });
    if (ranked.length < FALLBACK_BELOW) {
      const base = { originId: pin.origin_pin_id, viewerId, limit: FALLBACK_LIMIT };
      const text = [pin.title, pin.description, facts?.board_name ?? ''].join(' ');
      const add = (source: RelatedSource, found: repo.CandidateRow[]) =>
        ranked.push(...found.map((row) => ({ ...row, source })));
      add('text', await repo.textMatches(this.ctx.db, { ...base, text }));
      add('board', await repo.boardPopular(this.ctx.db, { ...base, boardId: pin.board_id }));
      const topic = matcherOfTopicId(topicIdOfBoardName(facts?.board_name ?? ''));
      if (topic) {
        const found = await repo.topicPopular(this.ctx.db, {
          ...base,
          pattern: topic.pattern,
          withinDays: TOPIC_WINDOW_DAYS,
        });
        add('topic', found);
      }
    }
    const seen = new Set<string>([pin.id, pin.origin_pin_id]);
    const distinct = ranked.filter((row) => !seen.has(row.id) && seen.add(row.id));
    const own: Picture[] = facts ? [{ imageId: facts.image_id, phash: facts.phash }] : [];
    const pictures = distinct.map((row) => ({ ...row, imageId: row.image_id, phash: row.phash }));
    return collapseDuplicates(pictures, own)
      .slice(0, RELATED_LIST_MAX)
      .map((row) => ({ id: row.id, source: row.source }));
  }

  /** Pins the graph's walks reach from the pin's original; nothing until the graph is built. */
  private async walk(originId: string, viewerId: string | null, seed: number) {
    // The graph builds in the background after start; until then the fallbacks answer alone.
    if (this.discovery.stats() === null) return [];
    return this.discovery.related([{ id: originId }], {
      // The budget, early stopping and restart tuned on held-out saves (walk/options.ts).
      steps: DEFAULT_STEPS,
      earlyStop: DEFAULT_EARLY_STOP,
      seed,
      topics: viewerId ? await this.viewerTopics(viewerId) : [],
      limit: RELATED_LIST_MAX * 2,
    });
  }

  /** The viewer's topics (ids, most boards first), cached for a while in the shared cache. */
  async viewerTopics(viewerId: string): Promise<number[]> {
    const key = `discovery:topics:${viewerId}`;
    const cached = await this.ctx.cache.get<number[]>(key);
    if (cached) return cached;
    const names = await repo.boardNamesOf(this.ctx.db, viewerId, BOARD_NAMES_FOR_TOPICS);
    const topics = dominantTopics(names, VIEWER_TOPICS);
    await this.ctx.cache.fill(key, topics, TOPICS_TTL_SECONDS);
    return topics;
  }
}
