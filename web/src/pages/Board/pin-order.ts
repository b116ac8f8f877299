// Where a pin goes when someone reorders a board: the API places a pin right after another pin of
// the same board section (or first), so every move here is expressed as "after which pin", found
// among the pins that share the moving pin's section. Pure: no I/O.

export interface OrderedPin {
  id: string;
  board_section_id: string | null;
}

export type ReorderStep = 'top' | 'up' | 'down';

/** The pins in `list` that share `pin`'s section, in board order. */
function sameSection<T extends OrderedPin>(list: readonly T[], pin: OrderedPin): T[] {
  return list.filter((other) => other.board_section_id === pin.board_section_id);
}

/**
 * The `after_pin_id` that carries out a step for `pinId`, or undefined when the step changes
 * nothing (already first, already last, or not in the list).
 */
export function reorderTarget(
  list: readonly OrderedPin[],
  pinId: string,
  step: ReorderStep,
): { afterPinId: string | null } | undefined {
  const pin = list.find((p) => p.id === pinId);
  if (!pin) return undefined;
  const peers = sameSection(list, pin);
  const index = peers.findIndex((p) => p.id === pinId);
  if (step === 'top' || step === 'up') {
    if (index === 0) return undefined;
    if (step === 'top' || index === 1) return { afterPinId: null };
    return { afterPinId: peers[index - 2]!.id };
  }
  if (index === peers.length - 1) return undefined;
  return { afterPinId: peers[index + 1]!.id };
}

/**
 * After dragging `draggedId` onto `targetId`: the dragged pin takes the target's place, so it lands
 * after the target when it came from above, and before it (after the target's predecessor) when it
 * came from below. Undefined when the two are in different sections or the drop changes nothing.
 */
export function dropTarget(
  list: readonly OrderedPin[],
  draggedId: string,
  targetId: string,
): { afterPinId: string | null } | undefined {
  if (draggedId === targetId) return undefined;
  const dragged = list.find((p) => p.id === draggedId);
  const target = list.find((p) => p.id === targetId);
  if (!dragged || !target || dragged.board_section_id !== target.board_section_id) return undefined;
  const peers = sameSection(list, dragged);
  const from = peers.findIndex((p) => p.id === draggedId);
  const to = peers.findIndex((p) => p.id === targetId);
  if (from < to) return { afterPinId: targetId };
  const before = peers[to - 1];
  return { afterPinId: before ? before.id : null };
}

/**
 * The list as the board shows it once the server has placed `pinId` after `afterPinId` (or first
 * among its section's pins when null). Pins of other sections keep their places.
 */
export function applyReorder<T extends OrderedPin>(
  list: readonly T[],
  pinId: string,
  afterPinId: string | null,
): T[] {
  const pin = list.find((p) => p.id === pinId);
  if (!pin) return [...list];
  const rest = list.filter((p) => p.id !== pinId);
  let at: number;
  if (afterPinId === null) {
    at = rest.findIndex((p) => p.board_section_id === pin.board_section_id);
    if (at === -1) at = 0;
  } else {
    const anchor = rest.findIndex((p) => p.id === afterPinId);
    if (anchor === -1) return [...list];
    at = anchor + 1;
  }
  return [...rest.slice(0, at), pin, ...rest.slice(at)];
}

export interface MoveView {
  boardId: string;
  /** The section the page shows, or null for the whole board. */
  sectionId: string | null;
}

/**
 * The list after moving pins to `target`: pins that leave what the page shows drop out; pins that
 * stay (another section of the board shown whole) take their new section.
 */
export function applyMove<T extends OrderedPin>(
  list: readonly T[],
  pinIds: readonly string[],
  target: { boardId: string; sectionId: string | null },
  view: MoveView,
): T[] {
  const moved = new Set(pinIds);
  const staysVisible =
    target.boardId === view.boardId && (view.sectionId === null || view.sectionId === target.sectionId);
  return list.flatMap((pin) => {
    if (!moved.has(pin.id)) return [pin];
    return staysVisible ? [{ ...pin, board_section_id: target.sectionId }] : [];
  });
}
