// The lists for visibility.test.ts: every list a hidden board or pin could leak through, with
// whether an insider (the owner or an accepted collaborator) sees it there; an outsider must never see it.
import type { Ctx, Items } from './visibility-table.ts';

export interface ListRow {
  name: string;
  url(ctx: Ctx): string;
  /** Whether this insider's list shows the hidden thing; undefined: not checked for insiders. */
  insiderSees?: (ctx: Ctx) => boolean;
  shows(body: Items, ctx: Ctx): boolean;
}

const has = (body: Items, id: string) => body.items.some((item) => item.id === id);

export const lists: ListRow[] = [
  {
    name: 'the owner’s boards',
    url: (c) => `/v5/users/${c.fx.owner.username}/boards`,
    insiderSees: () => true,
    shows: (body, c) => has(body, c.fx.board.id),
  },
  {
    name: 'the caller’s boards',
    url: () => '/v5/boards',
    insiderSees: () => true,
    shows: (body, c) => has(body, c.fx.board.id),
  },
  {
    name: 'followed boards (implicit too)',
    url: () => '/v5/user_account/following/boards',
    shows: (body, c) => has(body, c.fx.board.id),
  },
  {
    name: 'the owner’s pins',
    url: (c) => `/v5/users/${c.fx.owner.username}/pins`,
    insiderSees: () => true,
    shows: (body, c) => has(body, c.fx.pin.id),
  },
  {
    name: 'the collaborator’s pins',
    url: (c) => `/v5/users/${c.fx.collaborator.username}/pins`,
    insiderSees: () => true,
    shows: (body, c) => has(body, c.fx.collabPin.id),
  },
  {
    name: 'home feed',
    url: () => '/v5/feeds/home?page_size=100',
    shows: (body, c) => has(body, c.fx.pin.id) || has(body, c.fx.collabPin.id),
  },
  {
    name: 'search: own pins',
    url: (c) => `/v5/search/pins?query=${c.fx.word}`,
    insiderSees: () => true,
    shows: (body, c) =>
      c.role === 'outsider' ? has(body, c.fx.pin.id) || has(body, c.fx.collabPin.id) : has(body, c.pin.id),
  },
  {
    name: 'search: own boards',
    url: (c) => `/v5/search/boards?query=${c.fx.word}`,
    insiderSees: () => true,
    shows: (body, c) => has(body, c.fx.board.id),
  },
  {
    name: 'search: partner pins',
    url: (c) => `/v5/search/partner/pins?term=${c.fx.word}&country_code=US`,
    // Partner search shows public boards only, even to their members.
    insiderSees: (c) => c.fx.privacy === 'PUBLIC',
    shows: (body, c) => has(body, c.fx.pin.id) || has(body, c.fx.collabPin.id),
  },
];
