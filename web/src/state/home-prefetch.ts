// The home feed's first page, asked for as the app starts when the browser opens "/" holding a
// session, so it travels while the session check and the home page's code load instead of after
// them (the first pins appear that much sooner). HomePage takes it once; a page it would show
// long after the start (the person went elsewhere first) is fetched afresh instead.
import { hasSessionCookie } from '../api/client.ts';
import { feeds } from '../api/endpoints.ts';
import type { Page, Pin } from '../api/types.ts';

export const HOME_PAGE_SIZE = 25;
const FRESH_MS = 10_000;

let early: { page: Promise<Page<Pin>>; at: number } | null = null;

export function prefetchHomeFeed(): void {
  if (window.location.pathname !== '/' || !hasSessionCookie()) return;
  const page = feeds.home(null, HOME_PAGE_SIZE);
  page.catch(() => {}); // HomePage sees the failure when it takes the page; unclaimed, it is moot
  early = { page, at: performance.now() };
}

/** The prefetched first page if there is a fresh one, at most once. */
export function takeHomePrefetch(): Promise<Page<Pin>> | null {
  const taken = early;
  early = null;
  return taken && performance.now() - taken.at < FRESH_MS ? taken.page : null;
}
