// The signed-in person's boards, loaded once and kept current as they create boards and save pins,
// and the board they last saved to (remembered in this browser).
import { useEffect } from 'react';
import { boards as boardsApi } from '../api/endpoints.ts';
import type { Board, Privacy } from '../api/types.ts';
import { Store, useStore } from './store.ts';

interface BoardsState {
  ownerId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  boards: Board[];
  lastUsedId: string | null;
}

const store = new Store<BoardsState>({ ownerId: null, status: 'idle', boards: [], lastUsedId: null });
const lastUsedKey = (userId: string) => `corkboard:last-board:${userId}`;

function readLastUsed(userId: string): string | null {
  try {
    return localStorage.getItem(lastUsedKey(userId));
  } catch {
    return null;
  }
}

async function loadAll(): Promise<Board[]> {
  const all: Board[] = [];
  let bookmark: string | null = null;
  do {
    const page = await boardsApi.mine(bookmark);
    all.push(...page.items);
    bookmark = page.bookmark;
  } while (bookmark);
  return all;
}

/** Loads the boards of `userId` (once per person), and forgets them when nobody is signed in. */
export function loadBoards(userId: string | null): void {
  const current = store.get();
  if (userId === null) {
    store.set({ ownerId: null, status: 'idle', boards: [], lastUsedId: null });
    return;
  }
  if (current.ownerId === userId && current.status !== 'failed') return;
  store.set({ ownerId: userId, status: 'loading', boards: [], lastUsedId: readLastUsed(userId) });
  loadAll().then(
    (boards) => {
      if (store.get().ownerId === userId) store.set((s) => ({ ...s, status: 'ready', boards }));
    },
    () => {
      if (store.get().ownerId === userId) store.set((s) => ({ ...s, status: 'failed' }));
    },
  );
}

export function useMyBoards(userId: string | null): BoardsState {
  useEffect(() => loadBoards(userId), [userId]);
  return useStore(store);
}

/** Remembers the board a pin was saved or created on, and freshens its activity for ordering. */
export function markBoardUsed(boardId: string): void {
  const { ownerId } = store.get();
  if (ownerId) {
    try {
      localStorage.setItem(lastUsedKey(ownerId), boardId);
    } catch {
      // Private browsing without storage: the order still holds for this visit.
    }
  }
  const now = new Date().toISOString();
  store.set((s) => ({
    ...s,
    lastUsedId: boardId,
    boards: s.boards.map((b) =>
      b.id === boardId ? { ...b, board_pins_modified_at: now, pin_count: b.pin_count + 1 } : b,
    ),
  }));
}

export async function createBoard(body: {
  name: string;
  description?: string;
  privacy?: Privacy;
}): Promise<Board> {
  const board = await boardsApi.create(body);
  store.set((s) => ({ ...s, boards: [board, ...s.boards] }));
  return board;
}
