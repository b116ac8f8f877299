// Typeahead and refinements: typos and prefixes, people and boards, what others must never see,
// the groups and limits asked for, and the vocabulary's own rebuild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, SCOPES } from '../../platform/principal.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard } from '../boards/test-kit.ts';
import { Suggestions } from './suggestions.ts';
import { textPin, word } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ searchTermsRefreshMinutes: 0 });
});
afterAll(async () => t?.close());

const get = (who: Actor, url: string) => call(t.app, 'GET', url, who.headers);
const typeahead = (who: Actor, query: string, extra = '') =>
  get(who, `/v5/search/typeahead?query=${encodeURIComponent(query)}${extra}`);
const refinements = (who: Actor, query: string) =>
  get(who, `/v5/search/refinements?query=${encodeURIComponent(query)}`);
const refresh = () => t.app.services.search.refreshTerms();
const terms = (body: { queries: { term: string }[] }) => body.queries.map((q) => q.term);
const idsOf = (items: { id: string }[]) => items.map((item) => item.id);

/** Every suggestion of a response as text (not the echoed input), to prove a word appears nowhere. */
const text = ({ query: _echo, ...groups }: Record<string, unknown>) => JSON.stringify(groups).toLowerCase();

describe('typeahead', () => {
  it('reads "kitchn" as kitchen and completes "kitch", in queries, pins and boards', async () => {
    const owner = await actor(t.app);
    const viewer = await actor(t.app);
    const board = await createBoard(t.app, owner, { name: 'Kitchen Ideas' });
    const pin = await textPin(t.app, owner.userId, board.id, { title: 'Kitchen backsplash tiles' });
    await textPin(t.app, owner.userId, board.id, { title: 'Open shelving' });
    await refresh();

    const typo = await typeahead(viewer, 'Kitchn');
    expect(typo.status).toBe(200);
    expect(typo.body.query).toBe('kitchn');
    expect(typo.body.corrected).toBe('kitchen');
    expect(terms(typo.body)[0]).toBe('kitchen');
    expect(idsOf(typo.body.pins)).toContain(pin);
    expect(typo.body.pins.find((p: { id: string }) => p.id === pin).image_url).toMatch(/150x150/);
    expect(idsOf(typo.body.boards)).toEqual([board.id]);
    expect(typo.body.boards[0]).toMatchObject({ name: 'Kitchen Ideas', owner_username: owner.username });

    const prefix = await typeahead(viewer, 'kitch');
    expect(prefix.body.corrected).toBeNull();
    expect(terms(prefix.body)).toEqual(expect.arrayContaining(['kitchen', 'kitchen ideas']));
    expect(idsOf(prefix.body.pins)).toContain(pin);
    expect(idsOf(prefix.body.boards)).toEqual([board.id]);
    // Words of two: the last one partly typed.
    expect(terms((await typeahead(viewer, 'kitchen ide')).body)[0]).toBe('kitchen ideas');
  });

  it('finds people by username or display name, typos included, never one blocked either way', async () => {
    const ada = await actor(t.app);
    const viewer = await actor(t.app);
    await t.app.services.ctx.db
      .updateTable('users')
      .set({ display_name: 'Ada Quistlethwaite', profile_image: 'https://img.example/ada.jpg' })
      .where('id', '=', ada.userId)
      .execute();
    for (const typed of ['quistlethwaite', 'quistlethwate', 'ada quist', ada.username.slice(0, 8)]) {
      const found = await typeahead(viewer, typed, '&types=users');
      expect(idsOf(found.body.users), typed).toContain(ada.userId);
    }
    const [entry] = (await typeahead(viewer, 'quistlethwaite')).body.users;
    expect(entry).toMatchObject({
      username: ada.username,
      display_name: 'Ada Quistlethwaite',
      image_url: 'https://img.example/ada.jpg',
    });

    await call(t.app, 'POST', `/v5/user_account/blocks/${ada.username}`, viewer.headers);
    expect((await typeahead(viewer, 'quistlethwaite')).body.users).toEqual([]);
    expect(idsOf((await typeahead(ada, viewer.username)).body.users)).not.toContain(viewer.userId);
  });

  it('shows public boards and the caller’s own, never another’s secret board, nor a blocked owner’s', async () => {
    const owner = await actor(t.app);
    const stranger = await actor(t.app);
    const [w, hidden, later] = [word(), word(), word()];
    const open = await createBoard(t.app, owner, { name: `${w} open` });
    const secret = await createBoard(t.app, owner, { name: `${w} secret ${hidden}`, privacy: 'SECRET' });
    const turning = await createBoard(t.app, owner, { name: `${later} plans` });
    await textPin(t.app, owner.userId, secret.id, { title: `${hidden} surprise` });
    await textPin(t.app, owner.userId, open.id, { title: `${w} lamp` });
    await textPin(t.app, owner.userId, turning.id, { title: `${later} party` });
    await refresh();

    expect(idsOf((await typeahead(stranger, w)).body.boards)).toEqual([open.id]);
    expect(idsOf((await typeahead(owner, w)).body.boards).sort()).toEqual([open.id, secret.id].sort());
    // Secret content never enters the vocabulary, not even for its owner's suggestions.
    for (const who of [stranger, owner]) expect(terms((await typeahead(who, hidden)).body)).toEqual([]);
    expect(text((await typeahead(stranger, hidden)).body)).not.toContain(hidden);

    // A board made secret after the vocabulary was built: its words stop being suggested at once.
    expect(terms((await typeahead(stranger, later)).body)).toContain(later);
    await call(t.app, 'PATCH', `/v5/boards/${turning.id}`, owner.headers, { privacy: 'SECRET' });
    expect(text((await typeahead(stranger, later)).body)).not.toContain(later);

    await call(t.app, 'POST', `/v5/user_account/blocks/${owner.username}`, stranger.headers);
    const blocked = await typeahead(stranger, w);
    expect(blocked.body).toMatchObject({ queries: [], pins: [], boards: [], users: [] });
  });

  it('fills only the groups asked for, up to the limit, and refuses bad input with 400 code 1', async () => {
    const owner = await actor(t.app);
    const w = word();
    for (let i = 0; i < 3; i++) {
      const board = await createBoard(t.app, owner, { name: `${w} set ${i}` });
      await textPin(t.app, owner.userId, board.id, { title: `${w} piece ${i}` });
    }
    await refresh();
    const all = await typeahead(owner, w, '&limit=2');
    expect(all.body.queries).toHaveLength(2);
    expect(all.body.pins).toHaveLength(2);
    expect(all.body.boards).toHaveLength(2);
    const some = await typeahead(owner, w, '&types=boards,queries');
    expect(some.body.boards).toHaveLength(3);
    expect(some.body.queries.length).toBeGreaterThan(0);
    expect(some.body).toMatchObject({ pins: [], users: [] });

    for (const bad of ['', '%20', 'x'.repeat(101)]) {
      const response = await get(owner, `/v5/search/typeahead?query=${bad}`);
      expect(response.status, bad).toBe(400);
      expect(response.body.code).toBe(1);
    }
    for (const extra of ['&types=planets', '&limit=0', '&limit=21']) {
      expect((await typeahead(owner, w, extra)).status, extra).toBe(400);
    }
    expect((await t.app.inject({ url: `/v5/search/typeahead?query=${w}` })).statusCode).toBe(401);
  });
});

describe('refinements', () => {
  it('suggest words that narrow a query, from its best matches, never its own words or secret pins', async () => {
    const owner = await actor(t.app);
    const viewer = await actor(t.app);
    const hidden = word();
    const board = await createBoard(t.app, owner, { name: 'Home projects' });
    for (const title of [
      'Stove backsplash tile',
      'White stove backsplash',
      'Stove backsplash grout guide',
      'Farmhouse stove hood',
      'Stoves for small spaces',
      'Stove island lighting',
    ]) {
      await textPin(t.app, owner.userId, board.id, { title });
    }
    const secret = await createBoard(t.app, owner, { name: 'Private', privacy: 'SECRET' });
    for (let i = 0; i < 4; i++) await textPin(t.app, owner.userId, secret.id, { title: `Stove ${hidden}` });

    const found = await refinements(viewer, 'stove');
    expect(found.status).toBe(200);
    expect(found.body.query).toBe('stove');
    expect(found.body.items[0]).toEqual({ term: 'backsplash', query: 'stove backsplash', pins: 3 });
    const words = found.body.items.map((item: { term: string }) => item.term);
    expect(words).not.toContain('stove');
    expect(words).not.toContain('stoves');
    expect(words).not.toContain('for');
    expect(words).not.toContain(hidden);
    expect((await get(viewer, '/v5/search/refinements?query=')).status).toBe(400);
  });
});

describe('the vocabulary', () => {
  it('rebuilds itself in the background once it is older than SEARCH_TERMS_REFRESH_MINUTES', async () => {
    const { ctx } = t.app.services;
    // This app never rebuilds on its own (0); the same parts with a 1-minute interval do.
    const suggestions = new Suggestions(
      { ...ctx, config: { ...ctx.config, searchTermsRefreshMinutes: 1 } },
      t.app.services.boards,
      t.app.services.pins,
    );
    const who = await actor(t.app);
    const principal: Principal = { userId: who.userId, scopes: new Set(SCOPES), via: 'session' };
    const w = word();
    await textPin(t.app, who.userId, (await createBoard(t.app, who)).id, { title: `${w} vase` });
    await refresh();
    const known = async () =>
      (await ctx.db.selectFrom('search_terms').select('term').where('term', '=', w).executeTakeFirst()) !==
      undefined;
    expect(await known()).toBe(true);
    const later = word();
    await textPin(t.app, who.userId, (await createBoard(t.app, who)).id, { title: `${later} bowl` });

    // Fresh: nothing happens.
    await suggestions.refinements(principal, w, 5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      await ctx.db.selectFrom('search_terms').where('term', '=', later).selectAll().executeTakeFirst(),
    ).toBe(undefined);

    // Stale: the next request starts a rebuild and answers without waiting for it.
    await ctx.db
      .updateTable('search_term_refreshes')
      .set({ refreshed_at: new Date(Date.now() - 2 * 60_000) })
      .execute();
    const other = new Suggestions(
      { ...ctx, config: { ...ctx.config, searchTermsRefreshMinutes: 1 } },
      t.app.services.boards,
      t.app.services.pins,
    );
    await other.refinements(principal, w, 5);
    let found = false;
    for (let i = 0; i < 100 && !found; i++) {
      found =
        (await ctx.db
          .selectFrom('search_terms')
          .select('term')
          .where('term', '=', later)
          .executeTakeFirst()) !== undefined;
      if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toBe(true);
  });
});
