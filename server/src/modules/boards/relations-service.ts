// The people around a board: followers (board follows, including Pinterest's list of followed
// boards) and collaborators (invite, accept, leave or remove, list). Counts on the board move in
// the same transaction as the rows they count.
import type { Kysely } from 'kysely';
import { isId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import {
  DEFAULT_PAGE_SIZE,
  decodeTimeBookmark,
  type Page,
  type PageQuery,
  pageFrom,
} from '../../platform/pagination.ts';
import { type Principal, userIdOf } from '../../platform/principal.ts';
import type { AccountsService } from '../accounts/index.ts';
import { type EventsService, serverEvent } from '../events/index.ts';
import type { SocialService } from '../social/index.ts';
import { viewerOf } from './access.ts';
import {
  boardNotFound,
  cannotFollowOwnBoard,
  cannotInviteSelf,
  collaboratorExists,
  collaboratorNotFound,
  userNotFound,
} from './errors.ts';
import * as relationsRepo from './relations-repo.ts';
import * as repo from './repo.ts';
import type { Board, BoardInvite, Collaborator } from './schemas.ts';
import type { BoardsService } from './service.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

function keyset(query: PageQuery) {
  return {
    after: query.bookmark ? decodeTimeBookmark(query.bookmark) : undefined,
    pageSize: query.page_size ?? DEFAULT_PAGE_SIZE,
  };
}

export class BoardRelationsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly boards: BoardsService,
    private readonly social: SocialService,
    private readonly accounts: AccountsService,
    private readonly events: EventsService,
  ) {}

  // ---- follows ----

  /** Follows a board the caller can see (not their own); idempotent. */
  async follow(viewer: Principal, boardId: string): Promise<Board> {
    const userId = userIdOf(viewer);
    const board = await this.boards.visibleBoard(viewer, boardId);
    if (board.owner_id === userId) throw cannotFollowOwnBoard();
    await this.ctx.db.transaction().execute(async (trx) => {
      if (await relationsRepo.insertBoardFollow(trx, userId, board.id)) {
        await repo.adjustFollowerCount(trx, board.id, 1);
        const followed = serverEvent('board.followed.v1', userId, board.id, {
          board_owner_id: board.owner_id,
        });
        await this.events.record(trx, followed);
      }
    });
    return this.boards.get(viewer, board.id);
  }

  /** Stops following a board the caller can see; succeeds whether or not they followed it. */
  async unfollow(viewer: Principal, boardId: string): Promise<void> {
    const userId = userIdOf(viewer);
    const board = await this.boards.visibleBoard(viewer, boardId);
    await this.ctx.db.transaction().execute(async (trx) => {
      if (await relationsRepo.deleteBoardFollow(trx, userId, board.id)) {
        await repo.adjustFollowerCount(trx, board.id, -1);
      }
    });
  }

  /** Boards the caller follows (boards_user_follows/list), most recently followed first. */
  async followed(
    viewer: Principal,
    query: PageQuery & { explicit_following?: boolean },
  ): Promise<Page<Board>> {
    const userId = userIdOf(viewer);
    const { after, pageSize } = keyset(query);
    const rows = await relationsRepo.listFollowedBoards(
      this.ctx.db,
      userId,
      viewerOf(viewer),
      query.explicit_following ?? false,
      after,
      pageSize + 1,
    );
    const result = pageFrom(rows, pageSize, (row) => [row.key_time, row.id]);
    return { items: await this.boards.present(result.items), bookmark: result.bookmark };
  }

  // ---- collaborators ----

  /** The owner invites a user (not blocked either way) to collaborate; 409 if already invited or a member. */
  async invite(viewer: Principal, boardId: string, username: string): Promise<Collaborator> {
    const board = await this.boards.ownedBoard(viewer, boardId);
    const invitee = await this.accounts.getByUsername(username);
    if (invitee.id === board.owner_id) throw cannotInviteSelf();
    if (await this.social.isBlockedEitherWay(board.owner_id, invitee.id)) throw userNotFound();
    const row = await relationsRepo.insertInvite(this.ctx.db, board.id, invitee.id, board.owner_id);
    if (!row) throw collaboratorExists();
    return {
      user: { id: invitee.id, username: invitee.username },
      status: row.status,
      created_at: iso(row.created_at),
    };
  }

  /**
   * The invitee accepts a pending invitation and from then on sees and adds to the board. Without
   * an invitation (or, for a secret board, without boards:read_secret) the board is not found.
   */
  async accept(viewer: Principal, boardId: string): Promise<Board> {
    const userId = userIdOf(viewer);
    const board = isId(boardId) ? await repo.findBoard(this.ctx.db, boardId) : undefined;
    if (!board || !viewerMaySeePrivacy(viewer, board.privacy)) throw boardNotFound();
    await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await relationsRepo.acceptInvite(trx, board.id, userId))) throw boardNotFound();
      await repo.adjustCollaboratorCount(trx, board.id, 1);
    });
    return this.boards.get(viewer, board.id);
  }

  /**
   * Ends a collaboration or invitation: the owner removes anyone; a user removes themself
   * (leaving, or declining an invitation). A member who leaves a non-public board stops following it.
   */
  async remove(viewer: Principal, boardId: string, username: string): Promise<void> {
    const userId = userIdOf(viewer);
    const target = await this.accounts.getByUsername(username);
    if (target.id === userId) {
      const board = isId(boardId) ? await repo.findBoard(this.ctx.db, boardId) : undefined;
      const removed = board && (await this.removeMember(board, target.id));
      if (removed) return;
      await this.boards.visibleBoard(viewer, boardId);
      throw collaboratorNotFound();
    }
    const board = await this.boards.ownedBoard(viewer, boardId);
    if (!(await this.removeMember(board, target.id))) throw collaboratorNotFound();
  }

  private removeMember(board: repo.BoardRow, userId: string): Promise<boolean> {
    return this.ctx.db.transaction().execute(async (trx: Kysely<DB>) => {
      const status = await relationsRepo.deleteCollaborator(trx, board.id, userId);
      if (!status) return false;
      if (status === 'accepted') await repo.adjustCollaboratorCount(trx, board.id, -1);
      if (board.privacy !== 'PUBLIC') await repo.dropFollowersWithoutAccess(trx, board.id);
      return true;
    });
  }

  /** Collaborators of a visible board; its owner also sees pending invitations. */
  async list(viewer: Principal, boardId: string, query: PageQuery): Promise<Page<Collaborator>> {
    const board = await this.boards.visibleBoard(viewer, boardId);
    const { after, pageSize } = keyset(query);
    const includeInvited = board.owner_id === viewer.userId;
    const rows = await relationsRepo.listCollaborators(
      this.ctx.db,
      board.id,
      includeInvited,
      after,
      pageSize + 1,
    );
    const result = pageFrom(rows, pageSize, (row) => [row.key_time, row.user_id]);
    return {
      items: result.items.map((row) => ({
        user: { id: row.user_id, username: row.username },
        status: row.status,
        created_at: iso(row.created_at),
      })),
      bookmark: result.bookmark,
    };
  }

  /** Invitations waiting for the caller, with the boards they are for. */
  async invites(viewer: Principal, query: PageQuery): Promise<Page<BoardInvite>> {
    const userId = userIdOf(viewer);
    const { after, pageSize } = keyset(query);
    const includeSecret = viewerOf(viewer).readSecret;
    const rows = await relationsRepo.listInvites(this.ctx.db, userId, includeSecret, after, pageSize + 1);
    const result = pageFrom(rows, pageSize, (row) => [row.key_time, row.id]);
    const boards = await this.boards.present(result.items);
    return {
      items: result.items.map((row, i) => ({
        board: boards[i]!,
        invited_by: row.invited_by_username === null ? null : { username: row.invited_by_username },
        created_at: iso(row.invited_at),
      })),
      bookmark: result.bookmark,
    };
  }
}

function viewerMaySeePrivacy(viewer: Principal, privacy: repo.BoardRow['privacy']): boolean {
  return privacy !== 'SECRET' || viewerOf(viewer).readSecret;
}
