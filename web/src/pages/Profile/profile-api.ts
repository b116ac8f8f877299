// A person's public side: their boards and pins as the viewer may see them, their followers and
// whom they follow (extensions), and blocking them.
import { api } from '../../api/client.ts';
import type { Board, Page, Pin } from '../../api/types.ts';

const enc = encodeURIComponent;

export interface UserSummary {
  type: 'user';
  username: string;
}

export type PeopleList = 'followers' | 'following';

export const profileApi = {
  boards: (username: string, bookmark: string | null) =>
    api.get<Page<Board>>(`/v5/users/${enc(username)}/boards`, { bookmark, page_size: 50 }),
  /** exclude_repins: only the pins they created (the Created tab). */
  createdPins: (username: string, bookmark: string | null) =>
    api.get<Page<Pin>>(`/v5/users/${enc(username)}/pins`, {
      bookmark,
      page_size: 25,
      pin_filter: 'exclude_repins',
    }),
  firstPins: (boardId: string) => api.get<Page<Pin>>(`/v5/boards/${enc(boardId)}/pins`, { page_size: 3 }),
  people: (username: string, list: PeopleList, bookmark: string | null) =>
    api.get<Page<UserSummary>>(`/v5/users/${enc(username)}/${list}`, { bookmark, page_size: 50 }),
  blocked: (bookmark: string | null) =>
    api.get<Page<UserSummary>>('/v5/user_account/blocks', { bookmark, page_size: 250 }),
  block: (username: string) => api.post<UserSummary>(`/v5/user_account/blocks/${enc(username)}`),
  unblock: (username: string) => api.delete<void>(`/v5/user_account/blocks/${enc(username)}`),
};

/** Whether the signed-in person has blocked `username` (walks their block list). */
export async function hasBlocked(username: string): Promise<boolean> {
  const wanted = username.toLowerCase();
  let bookmark: string | null = null;
  do {
    const page: Page<UserSummary> = await profileApi.blocked(bookmark);
    if (page.items.some((user) => user.username.toLowerCase() === wanted)) return true;
    bookmark = page.bookmark;
  } while (bookmark);
  return false;
}
