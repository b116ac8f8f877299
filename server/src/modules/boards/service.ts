// Boards and their sections, and the access rules every other module asks about a board.
//
// Visibility (Pinterest semantics): PUBLIC boards are visible to everyone; PROTECTED and SECRET
// boards only to their owner and accepted collaborators; a token also needs boards:read_secret to
// see a SECRET board, even its own, and boards:write_secret to change one (cookie sessions carry
// every scope). A board whose owner and viewer have blocked each other either way is invisible.
// Invisible is always 404, exactly like missing; visible but not writable is 403.
import type { Expression, Kysely, SqlBool } from 'kysely';
import { isId } from '../../db/ids.ts';
import type { BoardPrivacy, DB } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import {
  DEFAULT_PAGE_SIZE,
  decodeIdBookmark,
  type Page,
  type PageQuery,
  pageFrom,
} from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/postgres-errors.ts';
import { hasScope, type Principal, userIdOf } from '../../platform/principal.ts';
import { type AccountsService, adjustUserCounters } from '../accounts/index.ts';
import { type EventsService, serverEvent } from '../events/index.ts';
import type { SocialService } from '../social/index.ts';
import { viewerOf, visibleBoardsFilter } from './access.ts';
import {
  adsOnlyUnsupported,
  boardNameTaken,
  boardNotFound,
  emptyName,
  missingSecretScope,
  notPermitted,
  sectionNameTaken,
  sectionNotFound,
  userNotFound,
} from './errors.ts';
import { mediaByBoard, NO_MEDIA, toBoard, toSection } from './presenter.ts';
import * as relationsRepo from './relations-repo.ts';
import { BoardRelationsService } from './relations-service.ts';
import * as repo from './repo.ts';
import type {
  Board,
  BoardCreateBody,
  BoardListQuery,
  BoardMedia,
  BoardSection,
  BoardUpdateBody,
  PrivacyFilter,
} from './schemas.ts';

export type { BoardRow, BoardView, SectionRow } from './repo.ts';

const PRIVACIES: Record<PrivacyFilter, BoardPrivacy[]> = {
  ALL: ['PUBLIC', 'PROTECTED', 'SECRET'],
  PUBLIC: ['PUBLIC'],
  PROTECTED: ['PROTECTED'],
  SECRET: ['SECRET'],
  PUBLIC_AND_SECRET: ['PUBLIC', 'SECRET'],
};

function pageSizeOf(query: PageQuery): number {
  return query.page_size ?? DEFAULT_PAGE_SIZE;
}

export class BoardsService {
  /** Board followers and collaborators. */
  readonly relations: BoardRelationsService;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly social: SocialService,
    private readonly accounts: AccountsService,
    private readonly events: EventsService,
  ) {
    this.relations = new BoardRelationsService(ctx, this, social, accounts, events);
    // A block ends board follows and collaborations between the two users, in the block's transaction.
    social.onBlock((db, blockerId, blockedId) => relationsRepo.severBoardTies(db, blockerId, blockedId));
    // Until the pins module installs its own check, a pin is reportable when its board is visible.
    social.setPinVisibility((viewer, pinId) => this.pinVisible(viewer, pinId));
  }

  // ---- the access API other modules use ----

  /** The board if `viewer` may see it; 404 (code 40) when missing, invisible or not an id. */
  async visibleBoard(
    viewer: Principal | null,
    boardId: string,
    db: Kysely<DB> = this.ctx.db,
  ): Promise<repo.BoardView> {
    const board = isId(boardId) ? await repo.findBoard(db, boardId, viewerOf(viewer)) : undefined;
    if (!board) throw boardNotFound();
    return board;
  }

  /** The section of a visible board; 404 for the board as above, then SECTION_NOT_FOUND. */
  async visibleSection(
    viewer: Principal | null,
    boardId: string,
    sectionId: string,
    db: Kysely<DB> = this.ctx.db,
  ): Promise<{ board: repo.BoardView; section: repo.SectionRow }> {
    const board = await this.visibleBoard(viewer, boardId, db);
    return { board, section: await this.sectionOf(board, sectionId, db) };
  }

  /**
   * A board (and optionally a section of it) `viewer` may add to: owner or accepted collaborator.
   * Invisible: 404. Visible but not a member: 403 code 29. A secret board with a token lacking
   * boards:write_secret: 403 code 3.
   */
  async writableBoard(
    viewer: Principal | null,
    boardId: string,
    sectionId: string | null | undefined,
    db: Kysely<DB> = this.ctx.db,
  ): Promise<{ board: repo.BoardView; section: repo.SectionRow | null }> {
    const board = await this.visibleBoard(viewer, boardId, db);
    const userId = viewer?.userId;
    if (!userId) throw notPermitted();
    if (board.owner_id !== userId && !(await repo.isAcceptedCollaborator(db, board.id, userId))) {
      throw notPermitted('Only the board owner and its collaborators may change this board.');
    }
    this.requireSecretWrite(viewer, board.privacy);
    const section =
      sectionId === null || sectionId === undefined ? null : await this.sectionOf(board, sectionId, db);
    return { board, section };
  }

  /** Account deletion hook: counts on others' boards the user followed or joined (services.ts). */
  accountDeleting(db: Kysely<DB>, userId: string): Promise<void> {
    return relationsRepo.releaseBoardTies(db, userId);
  }

  /** Adds `delta` to the board's pin_count and bumps board_pins_modified_at; pass the pin's transaction. */
  adjustPinCount(db: Kysely<DB>, boardId: string, delta: number): Promise<void> {
    return repo.adjustPinCount(db, boardId, delta);
  }

  visibleBoardsFilter(viewer: Principal | null, table = 'boards'): (eb?: unknown) => Expression<SqlBool> {
    return visibleBoardsFilter(viewer, table);
  }

  /** Board.media for each board id (boards without pins are absent from the map). */
  async boardMedia(boardIds: string[]): Promise<Map<string, BoardMedia>> {
    const rows = await repo.boardMediaRows(this.ctx.db, boardIds);
    return mediaByBoard(rows, this.ctx.config.publicUrl);
  }

  /** Boards as the spec's Board, media included. */
  async present(rows: repo.BoardView[]): Promise<Board[]> {
    const media = await this.boardMedia(rows.map((row) => row.id));
    return rows.map((row) => toBoard(row, media.get(row.id) ?? NO_MEDIA));
  }

  /** Whether the pin exists on a board the viewer may see. */
  async pinVisible(viewer: Principal | null, pinId: string): Promise<boolean> {
    const boardId = isId(pinId) ? await repo.boardOfPin(this.ctx.db, pinId) : undefined;
    if (!boardId) return false;
    return (await repo.findBoard(this.ctx.db, boardId, viewerOf(viewer))) !== undefined;
  }

  private async sectionOf(board: repo.BoardRow, sectionId: string, db: Kysely<DB>): Promise<repo.SectionRow> {
    const section = isId(sectionId) ? await repo.findSection(db, board.id, sectionId) : undefined;
    if (!section) throw sectionNotFound();
    return section;
  }

  private requireSecretWrite(viewer: Principal | null, privacy: BoardPrivacy): void {
    if (privacy === 'SECRET' && !hasScope(viewer, 'boards:write_secret')) throw missingSecretScope();
  }

  /** A board only its owner may change (update, delete, invite); 404 if invisible, else 403. */
  async ownedBoard(viewer: Principal, boardId: string): Promise<repo.BoardView> {
    const board = await this.visibleBoard(viewer, boardId);
    if (board.owner_id !== viewer.userId) throw notPermitted('Only the board owner may do this.');
    this.requireSecretWrite(viewer, board.privacy);
    return board;
  }

  private async presentById(boardId: string): Promise<Board> {
    const row = await repo.findBoard(this.ctx.db, boardId);
    if (!row) throw boardNotFound();
    return (await this.present([row]))[0]!;
  }

  // ---- boards ----

  /** The caller's boards and the group boards they joined, newest first (boards/list). */
  async list(viewer: Principal, query: BoardListQuery): Promise<Page<Board>> {
    const userId = userIdOf(viewer);
    const v = viewerOf(viewer);
    const privacies = PRIVACIES[query.privacy ?? 'ALL'].filter((p) => p !== 'SECRET' || v.readSecret);
    if (privacies.length === 0) return { items: [], bookmark: null };
    const pageSize = pageSizeOf(query);
    const afterId = query.bookmark ? decodeIdBookmark(query.bookmark) : undefined;
    const rows = await repo.listMemberBoards(this.ctx.db, userId, v, {
      privacies,
      afterId,
      limit: pageSize + 1,
    });
    const result = pageFrom(rows, pageSize, (row) => [row.id]);
    return { items: await this.present(result.items), bookmark: result.bookmark };
  }

  /** Boards `username` owns that the caller may see, newest first (an extension). */
  async listOfUser(viewer: Principal, username: string, query: PageQuery): Promise<Page<Board>> {
    const owner = await this.accounts.getByUsername(username);
    if (viewer.userId && (await this.social.isBlockedEitherWay(viewer.userId, owner.id)))
      throw userNotFound();
    const pageSize = pageSizeOf(query);
    const afterId = query.bookmark ? decodeIdBookmark(query.bookmark) : undefined;
    const rows = await repo.listOwnedBoards(this.ctx.db, owner.id, viewerOf(viewer), afterId, pageSize + 1);
    const result = pageFrom(rows, pageSize, (row) => [row.id]);
    return { items: await this.present(result.items), bookmark: result.bookmark };
  }

  async get(viewer: Principal, boardId: string): Promise<Board> {
    return (await this.present([await this.visibleBoard(viewer, boardId)]))[0]!;
  }

  /** Creates a board of the caller's; the name is unique per owner, ignoring case (409 otherwise). */
  async create(viewer: Principal, body: BoardCreateBody): Promise<Board> {
    const userId = userIdOf(viewer);
    if (body.is_ads_only) throw adsOnlyUnsupported();
    const privacy = body.privacy ?? 'PUBLIC';
    this.requireSecretWrite(viewer, privacy);
    const name = body.name.trim();
    if (!name) throw emptyName();
    const description = body.description?.trim() ?? '';
    const row = await this.uniqueName(() =>
      this.ctx.db.transaction().execute(async (trx) => {
        const inserted = await repo.insertBoard(trx, { owner_id: userId, name, description, privacy });
        await adjustUserCounters(trx, userId, { board_count: 1 });
        return inserted;
      }),
    );
    return this.presentById(row.id);
  }

  /** Renames, redescribes or changes the privacy of the caller's board. */
  async update(viewer: Principal, boardId: string, body: BoardUpdateBody): Promise<Board> {
    const board = await this.ownedBoard(viewer, boardId);
    if (body.privacy) this.requireSecretWrite(viewer, body.privacy);
    const patch: repo.BoardPatch = {};
    if (body.name !== undefined) {
      patch.name = body.name.trim();
      if (!patch.name) throw emptyName();
    }
    if (body.description !== undefined) patch.description = body.description?.trim() ?? '';
    if (body.privacy !== undefined) patch.privacy = body.privacy;
    await this.uniqueName(() =>
      this.ctx.db.transaction().execute(async (trx) => {
        await repo.updateBoard(trx, board.id, patch);
        await this.recordUpdated(trx, viewer, board, patch.privacy ?? board.privacy);
        // Followers who are not members lose sight of a board that stops being public.
        if (patch.privacy && patch.privacy !== 'PUBLIC' && board.privacy === 'PUBLIC') {
          await repo.dropFollowersWithoutAccess(trx, board.id);
        }
      }),
    );
    return this.presentById(board.id);
  }

  /** Deletes the caller's board with its pins and sections, fixing the counts in one transaction. */
  async remove(viewer: Principal, boardId: string): Promise<void> {
    const board = await this.ownedBoard(viewer, boardId);
    await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.lockBoard(trx, board.id))) throw boardNotFound();
      await repo.deleteBoardWithPins(trx, board.id);
      await adjustUserCounters(trx, board.owner_id, { board_count: -1 });
      const deleted = serverEvent('board.deleted.v1', userIdOf(viewer), board.id, {
        board_owner_id: board.owner_id,
      });
      await this.events.record(trx, deleted);
    });
  }

  /**
   * A change to the board as a whole, in its transaction: what reads boards from the event log
   * (the discovery graph) re-reads this one.
   */
  private async recordUpdated(
    trx: Kysely<DB>,
    viewer: Principal,
    board: { id: string; owner_id: string },
    privacy: BoardPrivacy,
  ): Promise<void> {
    const updated = serverEvent('board.updated.v1', userIdOf(viewer), board.id, {
      board_owner_id: board.owner_id,
      privacy,
    });
    await this.events.record(trx, updated);
  }

  private async uniqueName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'boards_owner_name_unique')) throw boardNameTaken();
      throw error;
    }
  }

  // ---- sections ----

  async listSections(viewer: Principal, boardId: string, query: PageQuery): Promise<Page<BoardSection>> {
    const board = await this.visibleBoard(viewer, boardId);
    const pageSize = pageSizeOf(query);
    const afterId = query.bookmark ? decodeIdBookmark(query.bookmark) : undefined;
    const rows = await repo.listSections(this.ctx.db, board.id, afterId, pageSize + 1);
    const result = pageFrom(rows, pageSize, (row) => [row.id]);
    return { items: result.items.map(toSection), bookmark: result.bookmark };
  }

  async createSection(viewer: Principal, boardId: string, name: string): Promise<BoardSection> {
    const { board } = await this.writableBoard(viewer, boardId, null);
    const trimmed = name.trim();
    if (!trimmed) throw emptyName();
    return toSection(await this.uniqueSection(() => repo.insertSection(this.ctx.db, board.id, trimmed)));
  }

  async updateSection(
    viewer: Principal,
    boardId: string,
    sectionId: string,
    name: string,
  ): Promise<BoardSection> {
    const { section } = await this.writableBoard(viewer, boardId, sectionId);
    const trimmed = name.trim();
    if (!trimmed) throw emptyName();
    const renamed = await this.uniqueSection(() => repo.renameSection(this.ctx.db, section!.id, trimmed));
    if (!renamed) throw sectionNotFound();
    return toSection(renamed);
  }

  /** Deletes a section and the pins in it (as Pinterest does), fixing pin counts. */
  async deleteSection(viewer: Principal, boardId: string, sectionId: string): Promise<void> {
    const { board, section } = await this.writableBoard(viewer, boardId, sectionId);
    await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.lockBoard(trx, board.id))) throw boardNotFound();
      await repo.deleteSectionWithPins(trx, board.id, section!.id);
      await this.recordUpdated(trx, viewer, board, board.privacy);
    });
  }

  private async uniqueSection<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'board_sections_name_unique')) throw sectionNameTaken();
      throw error;
    }
  }
}
