// The board page's API calls beyond the shared ones: editing and deleting a board, sections,
// arranging pins (extensions: reorder, bulk move) and collaborators (extensions).
import { api } from '../../api/client.ts';
import type { Board, Page, Pin, Section } from '../../api/types.ts';

const enc = encodeURIComponent;

export interface Collaborator {
  user: { id: string; username: string };
  status: 'invited' | 'accepted';
  created_at: string;
}

export interface BoardPatch {
  name?: string;
  description?: string | null;
  privacy?: 'PUBLIC' | 'SECRET';
}

export const boardApi = {
  update: (id: string, patch: BoardPatch) => api.patch<Board>(`/v5/boards/${enc(id)}`, patch),
  remove: (id: string) => api.delete<void>(`/v5/boards/${enc(id)}`),
  pins: (id: string, sectionId: string | null, bookmark: string | null) =>
    api.get<Page<Pin>>(
      sectionId ? `/v5/boards/${enc(id)}/sections/${enc(sectionId)}/pins` : `/v5/boards/${enc(id)}/pins`,
      { bookmark, page_size: 50 },
    ),
  renameSection: (id: string, sectionId: string, name: string) =>
    api.patch<Section>(`/v5/boards/${enc(id)}/sections/${enc(sectionId)}`, { name }),
  deleteSection: (id: string, sectionId: string) =>
    api.delete<void>(`/v5/boards/${enc(id)}/sections/${enc(sectionId)}`),
  reorder: (id: string, pinId: string, afterPinId: string | null) =>
    api.post<void>(`/v5/boards/${enc(id)}/pins/reorder`, { pin_id: pinId, after_pin_id: afterPinId }),
  move: (pinIds: string[], boardId: string, sectionId: string | null) =>
    api.post<{ moved: number }>('/v5/pins/move', {
      pin_ids: pinIds,
      board_id: boardId,
      board_section_id: sectionId,
    }),
  followedBoards: (bookmark: string | null) =>
    api.get<Page<Board>>('/v5/user_account/following/boards', { bookmark, page_size: 250 }),
  collaborators: (id: string) =>
    api.get<Page<Collaborator>>(`/v5/boards/${enc(id)}/collaborators`, { page_size: 250 }),
  invite: (id: string, username: string) =>
    api.post<Collaborator>(`/v5/boards/${enc(id)}/collaborators`, { username }),
  removeCollaborator: (id: string, username: string) =>
    api.delete<void>(`/v5/boards/${enc(id)}/collaborators/${enc(username)}`),
  accept: (id: string) => api.post<Board>(`/v5/boards/${enc(id)}/collaborators/accept`),
};

/** Whether the signed-in person follows the board (walks their followed boards until found). */
export async function followsBoard(boardId: string): Promise<boolean> {
  let bookmark: string | null = null;
  do {
    const page: Page<Board> = await boardApi.followedBoards(bookmark);
    if (page.items.some((board) => board.id === boardId)) return true;
    bookmark = page.bookmark;
  } while (bookmark);
  return false;
}
