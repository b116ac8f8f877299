// Whom the signed-in person follows: loaded once (all pages) when a follow button first needs it,
// then kept current by the buttons themselves.
import { useEffect } from 'react';
import { users } from '../api/endpoints.ts';
import { Store, useStore } from './store.ts';

interface FollowingState {
  ownerId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  usernames: ReadonlySet<string>;
}

const store = new Store<FollowingState>({ ownerId: null, status: 'idle', usernames: new Set() });
const key = (username: string) => username.toLowerCase();

async function loadAll(): Promise<Set<string>> {
  const names = new Set<string>();
  let bookmark: string | null = null;
  do {
    const page = await users.following(bookmark);
    for (const user of page.items) names.add(key(user.username));
    bookmark = page.bookmark;
  } while (bookmark);
  return names;
}

export function useFollowing(
  userId: string | null,
): FollowingState & { isFollowing(username: string): boolean } {
  useEffect(() => {
    const current = store.get();
    if (userId === null || (current.ownerId === userId && current.status !== 'failed')) return;
    store.set({ ownerId: userId, status: 'loading', usernames: new Set() });
    loadAll().then(
      (usernames) =>
        store.get().ownerId === userId && store.set({ ownerId: userId, status: 'ready', usernames }),
      () => store.get().ownerId === userId && store.set((s) => ({ ...s, status: 'failed' })),
    );
  }, [userId]);
  const state = useStore(store);
  return { ...state, isFollowing: (username) => state.usernames.has(key(username)) };
}

export async function setFollowing(username: string, follow: boolean): Promise<void> {
  if (follow) await users.follow(username);
  else await users.unfollow(username);
  store.set((s) => {
    const usernames = new Set(s.usernames);
    if (follow) usernames.add(key(username));
    else usernames.delete(key(username));
    return { ...s, usernames };
  });
}

/** After onboarding follows people, the next follow button reloads the list. */
export function forgetFollowing(): void {
  store.set({ ownerId: null, status: 'idle', usernames: new Set() });
}
