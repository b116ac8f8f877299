import type { Kysely } from 'kysely';
import { isId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { decodeBookmark, type Page, pageFrom } from '../../platform/pagination.ts';
import { type Principal, userIdOf } from '../../platform/principal.ts';
import { adjustPinCounter, type PinsService } from '../pins/index.ts';
import { commentNotFound, notCommentModerator } from './errors.ts';
import * as repo from './repo.ts';

export const REACTION_KINDS = ['like', 'love', 'haha', 'wow', 'thanks', 'good_idea'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export interface Comment {
  id: string;
  pin_id: string;
  text: string;
  created_at: string;
  author: { id: string; username: string };
}

const toComment = (row: repo.CommentRow): Comment => ({
  id: row.id,
  pin_id: row.pin_id,
  text: row.text,
  created_at: new Date(row.created_at).toISOString(),
  author: { id: row.author_id, username: row.author_username },
});

/** Comments and reactions on pins. Whoever cannot see a pin cannot see or touch either. */
export class CommentsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly pins: PinsService,
  ) {}

  /** Account deletion hook: comment and reaction counts of the pins the user engaged with (services.ts). */
  accountDeleting(db: Kysely<DB>, userId: string): Promise<void> {
    return repo.releaseEngagement(db, userId);
  }

  async add(viewer: Principal, pinId: string, text: string): Promise<Comment> {
    const authorId = userIdOf(viewer);
    const pin = await this.pins.visiblePin(viewer, pinId);
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      const id = await repo.insertComment(trx, pin.id, authorId, text.trim());
      await adjustPinCounter(trx, pin.id, 'comment_count', 1);
      return id;
    });
    return toComment((await repo.findComment(this.ctx.db, pin.id, id))!);
  }

  async list(
    viewer: Principal | null,
    pinId: string,
    bookmark: string | undefined,
    pageSize: number,
  ): Promise<Page<Comment>> {
    const pin = await this.pins.visiblePin(viewer, pinId);
    const before = bookmark ? decodeBookmark(bookmark, 1)[0] : undefined;
    const rows = await repo.listComments(
      this.ctx.db,
      pin.id,
      viewer?.userId ?? null,
      typeof before === 'string' && isId(before) ? before : undefined,
      pageSize + 1,
    );
    const page = pageFrom(rows, pageSize, (row) => [row.id]);
    return { items: page.items.map(toComment), bookmark: page.bookmark };
  }

  /** The author may delete their comment; the pin's owner may delete any comment on it. */
  async remove(viewer: Principal, pinId: string, commentId: string): Promise<void> {
    const userId = userIdOf(viewer);
    const pin = await this.pins.visiblePin(viewer, pinId);
    const comment = isId(commentId) ? await repo.findComment(this.ctx.db, pin.id, commentId) : undefined;
    if (!comment) throw commentNotFound();
    if (comment.author_id !== userId && pin.owner_id !== userId) throw notCommentModerator();
    await this.ctx.db.transaction().execute(async (trx) => {
      await repo.deleteComment(trx, comment.id);
      await adjustPinCounter(trx, pin.id, 'comment_count', -1);
    });
  }

  async react(viewer: Principal, pinId: string, kind: ReactionKind) {
    const userId = userIdOf(viewer);
    const pin = await this.pins.visiblePin(viewer, pinId);
    await this.ctx.db.transaction().execute(async (trx) => {
      if (await repo.upsertReaction(trx, pin.id, userId, kind)) {
        await adjustPinCounter(trx, pin.id, 'reaction_count', 1);
      }
    });
    return this.reactions(viewer, pin.id);
  }

  async unreact(viewer: Principal, pinId: string) {
    const userId = userIdOf(viewer);
    const pin = await this.pins.visiblePin(viewer, pinId);
    await this.ctx.db.transaction().execute(async (trx) => {
      if (await repo.deleteReaction(trx, pin.id, userId)) {
        await adjustPinCounter(trx, pin.id, 'reaction_count', -1);
      }
    });
  }

  async reactions(viewer: Principal | null, pinId: string) {
    const pin = await this.pins.visiblePin(viewer, pinId);
    const summary = await repo.reactionSummary(this.ctx.db, pin.id, viewer?.userId ?? null);
    const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    return { pin_id: pin.id, total, counts: summary.counts, mine: summary.mine };
  }
}
