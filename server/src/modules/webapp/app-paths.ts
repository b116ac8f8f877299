// Which requests the web app answers. Pure: no I/O.
//
// The server's own prefixes (the API, media, OAuth pages, health, API docs, built assets) never
// fall back to the app, so a missing API route stays a JSON 404 and a missing asset never turns
// into HTML. Every other GET or HEAD from a browser navigation (Accept names text/html) is a page
// of the app: index.html, whose router draws it. Other callers get the JSON 404 they always had.

export const SERVER_PREFIXES = [
  '/v5',
  '/media',
  '/oauth',
  '/healthz',
  '/readyz',
  '/docs',
  '/assets',
] as const;

/** The path of a request URL, without its query string. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export function wantsHtml(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept);
}

export type WebAnswer = { kind: 'file'; name: string } | { kind: 'app' } | { kind: 'not-found' };

/**
 * What a GET or HEAD of `url` gets: a top-level file of the build (favicon.svg, robots.txt), the
 * app's index.html, or the usual 404.
 */
export function answerFor(
  url: string,
  accept: string | undefined,
  topLevelFiles: ReadonlySet<string>,
): WebAnswer {
  const path = pathOf(url);
  if (isServerPath(path)) return { kind: 'not-found' };
  const name = path.slice(1);
  if (name !== 'index.html' && topLevelFiles.has(name)) return { kind: 'file', name };
  return wantsHtml(accept) ? { kind: 'app' } : { kind: 'not-found' };
}
