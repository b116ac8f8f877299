// Search: the spec's shapes, ranking, prefixes, paging and hostile queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import { type Actor, actor, call, createBoard, walk } from '../boards/test-kit.ts';
import { patternImage } from '../media/test-images.ts';
import { ids, textPin, urls, word } from './test-kit.ts';

let t: TestApp;
let png: string;
beforeAll(async () => {
  t = await startTestApp();
  png = (await patternImage(320, 240, 'png')).toString('base64');
});
afterAll(async () => t?.close());

const get = (who: Actor, url: string) => call(t.app, 'GET', url, who.headers);

async function apiPin(who: Actor, boardId: string, fields: Record<string, unknown>) {
  const response = await call(t.app, 'POST', '/v5/pins', who.headers, {
    board_id: boardId,
    media_source: { source_type: 'image_base64', content_type: 'image/png', data: png },
    ...fields,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; media: { images: Record<string, { url: string }> } };
}

describe('contract', () => {
  it('answers all three operations in the spec’s shapes', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner, { name: `Tarts ${w}`, description: 'Sweet things' });
    const pin = await apiPin(owner, board.id, {
      title: `Lemon ${w}`,
      description: 'Bright and sharp',
      link: 'https://recipes.example/lemon',
      alt_text: 'A tart on a plate',
    });

    const pins = await get(owner, urls.pins(w));
    expect(pins.status).toBe(200);
    assertMatchesSpec('GET', '/search/pins', 200, pins.body);
    expect(ids(pins.body)).toEqual([pin.id]);
    expect(pins.body.items[0]).toMatchObject({ is_owner: true, board_id: board.id, title: `Lemon ${w}` });
    expect(pins.body.bookmark).toBeNull();

    const boards = await get(owner, urls.boards(w));
    expect(boards.status).toBe(200);
    assertMatchesSpec('GET', '/search/boards', 200, boards.body);
    expect(ids(boards.body)).toEqual([board.id]);
    expect(boards.body.items[0].media.image_cover_url).toMatch(/\/media\//);

    const partner = await get(owner, urls.partner(w, '&locale=en-US&limit=5'));
    expect(partner.status).toBe(200);
    assertMatchesSpec('GET', '/search/partner/pins', 200, partner.body);
    expect(partner.body.items).toEqual([
      {
        id: pin.id,
        title: `Lemon ${w}`,
        description: 'Bright and sharp',
        link: 'https://recipes.example/lemon',
        alt_text: 'A tart on a plate',
        media: { media_type: 'image', images: pin.media.images },
      },
    ]);
    const image = await t.app.inject({
      url: new URL(partner.body.items[0].media.images['400x300'].url).pathname,
    });
    expect(image.statusCode).toBe(200);

    for (const url of [urls.pins(word()), urls.boards(word()), urls.partner(word())]) {
      const empty = await get(owner, url);
      expect(empty.body).toEqual({ items: [], bookmark: null });
    }
  });

  it('lists every board of the caller when search/boards has no query', async () => {
    const owner = await actor(t.app);
    const made = [await createBoard(t.app, owner), await createBoard(t.app, owner, { privacy: 'SECRET' })];
    const all = await get(owner, urls.boards());
    expect(all.status).toBe(200);
    assertMatchesSpec('GET', '/search/boards', 200, all.body);
    expect(ids(all.body).sort()).toEqual(made.map((b) => b.id).sort());
  });

  it('finds the caller’s pins by comma-separated ids, as the spec allows', async () => {
    const owner = await actor(t.app);
    const stranger = await actor(t.app);
    const board = await createBoard(t.app, owner);
    const a = await textPin(t.app, owner.userId, board.id, { title: 'Anything' });
    const b = await textPin(t.app, owner.userId, board.id, { title: 'Else' });
    await textPin(t.app, owner.userId, board.id, { title: 'Not named' });
    const found = await get(owner, urls.pins(`${a}, ${b}`));
    expect(ids(found.body).sort()).toEqual([a, b].sort());
    expect((await get(stranger, urls.pins(`${a},${b}`))).body.items).toEqual([]);
  });
});

describe('ranking', () => {
  it('puts a title match above a description match above an alt-text match', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner);
    // Inserted best-last, so id order alone would give the opposite answer.
    const inAlt = await textPin(t.app, owner.userId, board.id, { title: 'Plain', alt_text: `a ${w}` });
    const inDescription = await textPin(t.app, owner.userId, board.id, { description: `about ${w}` });
    const inTitle = await textPin(t.app, owner.userId, board.id, { title: `The ${w}` });
    const expected = [inTitle, inDescription, inAlt];
    expect(ids((await get(owner, urls.pins(w))).body)).toEqual(expected);
    expect(ids((await get(owner, urls.partner(w))).body)).toEqual(expected);
  });

  it('blends saves into partner-search relevance, but not into the caller’s own search', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner);
    const popular = await textPin(t.app, owner.userId, board.id, { description: w, saveCount: 40 });
    const plain = await textPin(t.app, owner.userId, board.id, { description: w });
    const titled = await textPin(t.app, owner.userId, board.id, { title: w, saveCount: 1 });
    expect(ids((await get(owner, urls.partner(w))).body)).toEqual([popular, titled, plain]);
    expect(ids((await get(owner, urls.pins(w))).body)).toEqual([titled, plain, popular]);
  });

  it('ranks a board whose name matches above one whose description does', async () => {
    const owner = await actor(t.app);
    const w = word();
    const byDescription = await createBoard(t.app, owner, { name: word(), description: `all ${w}` });
    const byName = await createBoard(t.app, owner, { name: `${w} ideas` });
    const bySubstring = await createBoard(t.app, owner, { name: `pre${w}post` });
    const found = await get(owner, urls.boards(w));
    expect(ids(found.body)).toEqual([byName.id, byDescription.id, bySubstring.id]);
  });
});

describe('prefix matching', () => {
  it('matches a partly typed last word, keeping the earlier words required', async () => {
    const owner = await actor(t.app);
    const [a, b] = [word(), word()];
    const board = await createBoard(t.app, owner, { name: `${a} board` });
    const both = await textPin(t.app, owner.userId, board.id, { title: `${a} ${b}` });
    // On another board: the board's name is part of its pins' text, so this one would match `a`.
    const elsewhere = await createBoard(t.app, owner);
    await textPin(t.app, owner.userId, elsewhere.id, { title: `${word()} ${b}` });
    const partial = `${a} ${b.slice(0, 4)}`;
    expect(ids((await get(owner, urls.pins(partial))).body)).toEqual([both]);
    expect(ids((await get(owner, urls.partner(partial))).body)).toEqual([both]);
    expect(ids((await get(owner, urls.pins(a.slice(0, 5)))).body)).toEqual([both]);
    expect(ids((await get(owner, urls.boards(a.slice(0, 5)))).body)).toEqual([board.id]);
    // Websearch syntax keeps its meaning: an excluded word is not brought back as a prefix.
    expect(ids((await get(owner, urls.pins(`${a} -${b.slice(0, 4)}`))).body)).toEqual([both]);
    expect(ids((await get(owner, urls.pins(`${a} -${b}`))).body)).toEqual([]);
  });
});

describe('pagination', () => {
  it('walks each search result exactly once, in rank order', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner);
    const made: string[] = [];
    for (let i = 0; i < 31; i++) {
      // Three tiers of rank, many ties within each: the id breaks them.
      const text = i % 3 === 0 ? { title: w } : i % 3 === 1 ? { description: w } : { alt_text: w };
      made.push(await textPin(t.app, owner.userId, board.id, { ...text, saveCount: i % 2 }));
    }
    const check = (route: string) => (body: unknown) => assertMatchesSpec('GET', route, 200, body);
    const own = await walk<{ id: string }>(t.app, urls.pins(w), owner.headers, check('/search/pins'));
    expect(own.length).toBe(31);
    expect(new Set(own.map((p) => p.id))).toEqual(new Set(made));
    const firstPage = await get(owner, urls.pins(w));
    expect(firstPage.body.items.length).toBe(25);
    expect(firstPage.body.items.slice(0, 11).every((p: { title: string }) => p.title === w)).toBe(true);

    const partner = await walk<{ id: string }>(
      t.app,
      urls.partner(w, '&limit=4'),
      owner.headers,
      check('/search/partner/pins'),
    );
    expect(partner.map((p) => p.id).sort()).toEqual([...made].sort());
    expect((await get(owner, urls.partner(w))).body.items.length).toBe(10);
  });

  it('pages boards by page_size', async () => {
    const owner = await actor(t.app);
    const w = word();
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await createBoard(t.app, owner, { name: `${w} ${i}` })).id);
    const walked = await walk<{ id: string }>(t.app, `${urls.boards(w)}&page_size=2`, owner.headers);
    expect(walked.map((b) => b.id).sort()).toEqual(made.sort());
  });

  it('refuses a bookmark it did not issue with 400 code 1', async () => {
    const owner = await actor(t.app);
    const forged = Buffer.from(JSON.stringify(['1; drop table pins', '1'])).toString('base64url');
    for (const bookmark of ['nonsense', forged]) {
      for (const url of [urls.pins('x'), urls.boards('x'), urls.partner('x')]) {
        const response = await get(owner, `${url}&bookmark=${bookmark}`);
        expect(response.status, url).toBe(400);
        expect(response.body.code).toBe(1);
      }
    }
  });
});

describe('input validation', () => {
  it('rejects missing, empty, blank and overlong queries with 400 code 1', async () => {
    const owner = await actor(t.app);
    const long = 'a'.repeat(501);
    const bad = [
      '/v5/search/pins',
      urls.pins(''),
      urls.pins('   '),
      urls.pins(long),
      urls.boards(''),
      urls.boards(' \t '),
      urls.boards(long),
      '/v5/search/partner/pins?country_code=US',
      urls.partner(''),
      urls.partner('\u0000'),
      urls.partner(long),
      `/v5/search/partner/pins?term=x`,
      `/v5/search/partner/pins?term=x&country_code=USA`,
      urls.partner('x', '&locale=en US!'),
      urls.partner('x', '&limit=51'),
      urls.partner('x', '&limit=0'),
    ];
    for (const url of bad) {
      const response = await get(owner, url);
      expect(response.status, url).toBe(400);
      expect(response.body.code, url).toBe(1);
    }
  });

  it('refuses Business Access (ad_account_id) with 403', async () => {
    const owner = await actor(t.app);
    expect((await get(owner, `${urls.pins('x')}&ad_account_id=123`)).status).toBe(403);
    expect((await get(owner, `${urls.boards('x')}&ad_account_id=123`)).status).toBe(403);
  });

  it('never fails on tsquery syntax, LIKE wildcards, unicode or long text', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner, { name: `100% ${w}` });
    const pin = await textPin(t.app, owner.userId, board.id, { title: `${w} café naïve 東京` });
    const weird = [
      `'`,
      `"`,
      `"unterminated ${w}`,
      `&|!():*`,
      `${w}:*`,
      `${w} & | !`,
      `!${w}`,
      `(${w}`,
      `<->`,
      `a <-> b`,
      `\\`,
      `%`,
      `_`,
      `-`,
      `--`,
      `or`,
      `${w} or`,
      `the`,
      `' or 1=1; --`,
      `\u0000${w}`,
      `\u0301`,
      `½ ٣ ²`,
      `😀🎉`,
      `東京`,
      `ǅ`,
      'é'.repeat(500),
      '𠀀'.repeat(250),
      `${w} `.repeat(45),
      Array.from({ length: 250 }, () => 'x').join(' '),
      'a:'.repeat(250),
    ];
    for (const query of weird) {
      for (const url of [urls.pins(query), urls.boards(query), urls.partner(query)]) {
        const response = await get(owner, url);
        expect(response.status, `${url} → ${JSON.stringify(response.body)}`).toBe(200);
      }
    }
    for (const raw of ['%ED%A0%80', '%FF', '%C0%80', '%', '%E0%A4%A']) {
      for (const url of ['/v5/search/pins?query=', '/v5/search/boards?query=', urls.partner('x', '&term=')]) {
        const response = await get(owner, `${url}${raw}`);
        expect(response.status, `${url}${raw}`).toBeLessThan(500);
      }
    }
    expect(ids((await get(owner, urls.pins(`\u0000${w}`))).body)).toEqual([pin]);
    expect(ids((await get(owner, urls.pins('東京'))).body)).toContain(pin);
    expect(ids((await get(owner, urls.pins('naïv'))).body)).toContain(pin);
    expect(ids((await get(owner, urls.boards('100%'))).body)).toEqual([board.id]);
    expect(ids((await get(owner, urls.boards('_'))).body)).toEqual([]);
  });
});
