// Every page's URL in one place, so links and routes cannot drift apart.
const enc = encodeURIComponent;

export const paths = {
  home: '/',
  login: (next?: string) => (next && next !== '/' ? `/login?next=${enc(next)}` : '/login'),
  signup: '/signup',
  onboarding: '/onboarding',
  create: '/create',
  pin: (id: string) => `/pin/${enc(id)}`,
  /** "More like this": the close-up, scrolled to its More to explore section. */
  related: (id: string) => `/pin/${enc(id)}#more`,
  board: (id: string) => `/board/${enc(id)}`,
  search: (query: string) => `/search/pins?q=${enc(query)}`,
  /** Search results of one kind; refinements narrow the query with extra words. */
  searchOf: (kind: 'pins' | 'boards' | 'users', query: string) => `/search/${kind}?q=${enc(query)}`,
  boardSection: (id: string, sectionId: string) => `/board/${enc(id)}?section=${enc(sectionId)}`,
  profile: (username: string, tab?: 'created' | 'saved') =>
    `/user/${enc(username)}${tab === 'created' ? '/created' : ''}`,
  settings: (section?: 'profile' | 'password' | 'apps' | 'browser-button' | 'account') =>
    section ? `/settings/${section}` : '/settings',
  analytics: '/analytics',
  admin: '/admin',
  /** The bookmarklet's small window: save an image from another site. */
  pinBuilder: (media: string, url: string, description = '') =>
    `/pin-builder?media=${enc(media)}&url=${enc(url)}&description=${enc(description)}`,
};

/** Only same-site paths may be a post-login destination (never //evil.example or a URL). */
export function safeNext(next: string | null | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : paths.home;
}
