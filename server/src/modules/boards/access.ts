// Who may see which boards, as values and as SQL conditions other modules can put in their queries.
import type { Expression, SqlBool } from 'kysely';
import { hasScope, type Principal } from '../../platform/principal.ts';
import * as repo from './repo.ts';

/** What visibility depends on, from the caller's principal. */
export function viewerOf(principal: Principal | null): repo.Viewer {
  return { userId: principal?.userId ?? null, readSecret: hasScope(principal, 'boards:read_secret') };
}

/**
 * A `where` condition selecting the boards `viewer` may see (owned, joined as an accepted
 * collaborator, or public; never a blocked owner's; secret ones only with boards:read_secret).
 * It refers to the board table by name, `boards` unless `table` says otherwise, so join boards
 * unaliased (or pass the alias):
 *
 *   db.selectFrom('pins').innerJoin('boards', 'boards.id', 'pins.board_id')
 *     .where(visibleBoardsFilter(viewer))
 *   db.selectFrom('boards as b').where(visibleBoardsFilter(viewer, 'b'))
 *   .where((eb) => eb.and([eb('pins.owner_id', '=', id), visibleBoardsFilter(viewer)(eb)]))
 */
export function visibleBoardsFilter(
  viewer: Principal | null,
  table = 'boards',
): (eb?: unknown) => Expression<SqlBool> {
  const condition = repo.visibilityFilter(viewerOf(viewer), table);
  return () => condition;
}
