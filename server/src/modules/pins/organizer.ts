// Reordering pins within a board or section, and moving many pins at once (extensions).
import { isId } from '../../db/ids.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { hasScope, type Principal, userIdOf } from '../../platform/principal.ts';
import type { BoardsService } from '../boards/index.ts';
import { notPinOwner, pinNotFound } from './errors.ts';
import * as repo from './repo.ts';

export const MAX_BULK_MOVE = 100;
const GAP = 1024;

/** A sort key strictly between two neighbours (keys descend down the board). */
export function keyBetween(above: number | null, below: number | null): number {
  if (above === null && below === null) return Date.now();
  if (above === null) return below! + GAP;
  if (below === null) return above - GAP;
  return (above + below) / 2;
}

export class PinOrganizer {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly boards: BoardsService,
  ) {}

  /**
   * Puts a pin right after another pin of the same board (or section), or first when `afterPinId`
   * is null. Anyone who may add pins to the board may arrange it.
   */
  async reorder(viewer: Principal, boardId: string, pinId: string, afterPinId: string | null): Promise<void> {
    userIdOf(viewer);
    const { board } = await this.boards.writableBoard(viewer, boardId, null);
    const pin = isId(pinId) ? await repo.findPin(this.ctx.db, pinId) : undefined;
    if (!pin || pin.board_id !== board.id) throw pinNotFound();
    if (afterPinId === pin.id) throw invalid('A pin cannot be placed after itself.');
    if (afterPinId !== null) {
      const anchor = isId(afterPinId) ? await repo.findPin(this.ctx.db, afterPinId) : undefined;
      if (!anchor || anchor.board_id !== board.id || anchor.section_id !== pin.section_id) {
        throw invalid('after_pin_id must be a pin in the same board and section.');
      }
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      const { above, below } = await repo.neighbourKeys(trx, board.id, pin.section_id, afterPinId, pin.id);
      await repo.updatePin(trx, pin.id, { sort_key: keyBetween(above, below) });
    });
  }

  /** Moves pins the viewer owns (or that sit on the viewer's boards) to one board or section. */
  async move(
    viewer: Principal,
    pinIds: string[],
    boardId: string,
    sectionId: string | null,
  ): Promise<number> {
    const userId = userIdOf(viewer);
    const unique = [...new Set(pinIds)];
    if (unique.length === 0 || unique.length > MAX_BULK_MOVE) {
      throw invalid(`Move between 1 and ${MAX_BULK_MOVE} pins at a time.`);
    }
    const target = await this.boards.writableBoard(viewer, boardId, sectionId);
    // Pins the viewer cannot see are missing (404), not someone else's (403): that would confirm
    // that a pin on a secret board, or a blocked user's pin, exists.
    const pins = (
      await repo.pinsByIds(this.ctx.db, unique.filter(isId), this.boards.visibleBoardsFilter(viewer))
    ).filter((pin) => pin.board_privacy !== 'SECRET' || hasScope(viewer, 'pins:read_secret'));
    if (pins.length !== unique.length) throw pinNotFound();
    for (const pin of pins) {
      if (pin.owner_id !== userId && pin.board_owner_id !== userId) throw notPinOwner();
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      let sortKey = Date.now();
      for (const pin of pins) {
        await repo.updatePin(trx, pin.id, {
          board_id: target.board.id,
          section_id: target.section?.id ?? null,
          sort_key: pin.board_id === target.board.id ? pin.sort_key : sortKey--,
        });
        if (pin.board_id !== target.board.id) {
          await this.boards.adjustPinCount(trx, pin.board_id, -1);
          await this.boards.adjustPinCount(trx, target.board.id, 1);
        }
      }
    });
    return pins.length;
  }
}
