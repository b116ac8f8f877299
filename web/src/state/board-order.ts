// The order boards appear in the board picker. Pure: no I/O.
import type { Board } from '../api/types.ts';

/**
 * The last board the person saved to comes first, then the others by their latest pin activity
 * (newest first), then by name. A filter keeps boards whose name contains every word typed.
 */
export function boardsForPicker(boards: readonly Board[], lastUsedId: string | null, filter = ''): Board[] {
  const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matching = boards.filter((board) => {
    const name = board.name.toLocaleLowerCase();
    return words.every((word) => name.includes(word));
  });
  return [...matching].sort((a, b) => {
    if (a.id === lastUsedId) return -1;
    if (b.id === lastUsedId) return 1;
    const activity = Date.parse(b.board_pins_modified_at) - Date.parse(a.board_pins_modified_at);
    return activity !== 0 ? activity : a.name.localeCompare(b.name);
  });
}
