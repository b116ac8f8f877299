// Pinterest's list conventions as every list endpoint sees them: arrays in the query three ways,
// a tolerated trailing "?", page_size 1..250 (default 25) and opaque bookmarks.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppWith } from '../testing/fuzz.ts';
import type { TestApp } from '../testing/harness.ts';
import { AppError } from './errors.ts';
import { DEFAULT_PAGE_SIZE, decodeBookmark, encodeBookmark, PageQuery, pageFrom } from './pagination.ts';
import { parseQueryString } from './query-string.ts';

const ITEMS = Array.from({ length: 60 }, (_, i) => i + 1);
const ListQuery = Type.Object({ ids: Type.Optional(Type.Array(Type.String())), ...PageQuery.properties });

let t: TestApp;
beforeAll(async () => {
  t = await startAppWith((app) => {
    const typed = app.withTypeProvider<TypeBoxTypeProvider>();
    typed.get('/test/list', { schema: { querystring: ListQuery } }, async (request) => ({
      ids: request.query.ids ?? null,
      page_size: request.query.page_size ?? null,
      bookmark: request.query.bookmark ?? null,
    }));
    typed.get('/test/items', { schema: { querystring: PageQuery } }, async (request) => {
      const { bookmark, page_size = DEFAULT_PAGE_SIZE } = request.query;
      const after = bookmark ? Number(decodeBookmark(bookmark, 1)[0]) : 0;
      const rows = ITEMS.filter((n) => n > after).slice(0, page_size + 1);
      return pageFrom(rows, page_size, (n) => [n]);
    });
  });
});
afterAll(async () => t?.close());

async function list(query: string) {
  const response = await t.app.inject({ url: `/test/list${query}` });
  return { status: response.statusCode, body: response.json() };
}

describe('array query parameters', () => {
  it.each([
    ['repeated keys', '?ids=1&ids=2'],
    ['CSV', '?ids=1,2'],
    ['indexed keys', '?ids[0]=1&ids[1]=2'],
    ['indexed keys out of order', '?ids[1]=2&ids[0]=1'],
    ['empty brackets', '?ids[]=1&ids[]=2'],
    ['percent-encoded brackets', '?ids%5B%5D=1&ids%5B%5D=2'],
    ['CSV with blanks and spaces', '?ids=1,,%202%20,'],
    ['a trailing "?"', '?ids=1,2?'],
  ])('arrive equal from %s', async (_name, query) => {
    expect(await list(query)).toEqual({
      status: 200,
      body: { ids: ['1', '2'], page_size: 25, bookmark: null },
    });
  });

  it('mixes the forms in order, and wraps a single value in an array', async () => {
    expect((await list('?ids=1&ids[]=2,3&ids=4')).body.ids).toEqual(['1', '4', '2', '3']);
    expect((await list('?ids[2]=c&ids[0]=a&ids[]=z')).body.ids).toEqual(['a', 'c', 'z']);
    expect((await list('?ids=7')).body.ids).toEqual(['7']);
    expect((await list('?other=1')).body.ids).toBeNull();
  });

  it('parses into an object without a prototype, so keys like __proto__ are plain data', () => {
    const parsed = parseQueryString('__proto__=x&constructor[]=y&toString=z');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.entries(parsed).sort()).toEqual([
      ['__proto__', 'x'],
      ['constructor', ['y']],
      ['toString', 'z'],
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('a trailing "?"', () => {
  it.each(['/test/list?', '/test/list??', '/test/list/?'])('is tolerated on %s', async (url) => {
    const response = await t.app.inject({ url });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ids: null, page_size: 25, bookmark: null });
  });

  it('is not taken as part of the last value', async () => {
    expect((await list('?page_size=5?')).body.page_size).toBe(5);
    expect((await list('?page_size=5??')).body.page_size).toBe(5);
  });
});

describe('page_size', () => {
  it('defaults to 25 and accepts 1 through 250', async () => {
    expect(DEFAULT_PAGE_SIZE).toBe(25);
    expect((await list('')).body.page_size).toBe(25);
    for (const n of [1, 2, 25, 249, 250])
      expect(await list(`?page_size=${n}`)).toMatchObject({ body: { page_size: n } });
  });

  it.each(['0', '251', 'abc', '-1', '1.5', '', '1000000', 'Infinity', '1e400', '5&page_size=6'])(
    'answers page_size=%s with 400 and code 1',
    async (value) => {
      const { status, body } = await list(`?page_size=${value}`);
      expect(status).toBe(400);
      expect(body.code).toBe(1);
      expect(typeof body.message).toBe('string');
    },
  );
});

describe('bookmarks', () => {
  it('round-trip any keyset position and are opaque base64url', () => {
    const positions: (string | number)[][] = [
      [1],
      ['117813047006855169', '2026-11-22T09:00:00.000Z'],
      ['ünïcødé 🙂', -0.5, 0],
      ['', 'a,b', '"quoted"'],
    ];
    for (const position of positions) {
      const bookmark = encodeBookmark(position);
      expect(bookmark).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeBookmark(bookmark, position.length)).toEqual(position);
    }
  });

  it.each([
    ['the wrong arity', encodeBookmark(['a', 1]), 1],
    ['not base64url JSON', '!!not-a-bookmark!!', 1],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url'), 1],
    ['a null member', Buffer.from('[null]').toString('base64url'), 1],
    ['a nested array', Buffer.from('[[1]]').toString('base64url'), 1],
    ['the empty string', '', 1],
  ])('reject %s with AppError 400/1', (_name, bookmark, arity) => {
    let thrown: unknown;
    try {
      decodeBookmark(bookmark, arity);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).toBody()).toEqual({ code: 1, message: 'Invalid bookmark.' });
    expect((thrown as AppError).status).toBe(400);
  });

  it('pageFrom gives a bookmark only when an extra row proves there is a next page', () => {
    const position = (n: number) => [n];
    expect(pageFrom([], 3, position)).toEqual({ items: [], bookmark: null });
    expect(pageFrom([1, 2], 3, position)).toEqual({ items: [1, 2], bookmark: null });
    expect(pageFrom([1, 2, 3], 3, position)).toEqual({ items: [1, 2, 3], bookmark: null });
    expect(pageFrom([1, 2, 3, 4], 3, position)).toEqual({ items: [1, 2, 3], bookmark: encodeBookmark([3]) });
  });

  it.each([7, 30, 59, 60, 250])('walk every item exactly once with page_size=%i', async (pageSize) => {
    const seen: number[] = [];
    let bookmark: string | null = null;
    let pages = 0;
    do {
      const query: string = bookmark ? `&bookmark=${bookmark}` : '';
      const response = await t.app.inject({ url: `/test/items?page_size=${pageSize}${query}` });
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: number[]; bookmark: string | null };
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.length).toBeLessThanOrEqual(pageSize);
      seen.push(...page.items);
      bookmark = page.bookmark;
      pages += 1;
    } while (bookmark !== null && pages < 100);
    expect(seen).toEqual(ITEMS);
    expect(pages).toBe(Math.ceil(ITEMS.length / pageSize));
  });

  it('answers an invalid bookmark with 400 and code 1', async () => {
    for (const bookmark of ['garbage', encodeBookmark(['a', 'b']), 'x'.repeat(2049)]) {
      const response = await t.app.inject({ url: `/test/items?bookmark=${bookmark}` });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 1 });
    }
  });
});
