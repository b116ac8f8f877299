// The bookmarklet itself: a javascript: link that people drag to their bookmarks bar. It only loads
// /bookmarklet.js from this Corkboard (fresh each time, so it improves with the app), which does the
// work in the page being read. Pure.

export const BOOKMARKLET_PATH = '/bookmarklet.js';

/** The script the bookmark runs: adds a <script> for the overlay to the current page. */
export function bookmarkletCode(origin: string): string {
  const src = JSON.stringify(`${origin.replace(/\/+$/, '')}${BOOKMARKLET_PATH}`);
  return `(function(d){var s=d.createElement('script');s.src=${src}+'?t='+Date.now();s.charset='utf-8';(d.body||d.documentElement).appendChild(s);})(document);void 0`;
}

export function bookmarkletHref(origin: string): string {
  return `javascript:${encodeURIComponent(bookmarkletCode(origin))}`;
}
