// Discovery-grade search: the engagement blend, board names in pins' text (kept in step with
// renames and moves), engagement tier markers and the candidate bands they drive.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import { type Actor, actor, call, createBoard, walk } from '../boards/test-kit.ts';
import { engagementTier, searchRank } from './ranking.ts';
import { eitherTsQuery, searchPublicPins, textMatch } from './repo.ts';
import { ids, textPin, urls, word } from './test-kit.ts';
import { parseQuery } from './text-query.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ searchTermsRefreshMinutes: 0 });
});
afterAll(async () => t?.close());

const get = (who: Actor, url: string) => call(t.app, 'GET', url, who.headers);
const db = () => t.app.services.ctx.db;

async function markersOf(pinId: string): Promise<string[]> {
  const result = await sql<{ lexemes: string[] }>`
    select array(select l from unnest(tsvector_to_array(search)) l where l like '~%' order by l) as lexemes
    from pins where id = ${pinId}`.execute(db());
  return result.rows[0]!.lexemes;
}

describe('ranking', () => {
  it('puts the more saved of two equally relevant pins first, and stays within the spec', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner);
    const plain = await textPin(t.app, owner.userId, board.id, { title: `${w} soup` });
    const saved = await textPin(t.app, owner.userId, board.id, { title: `${w} soup`, saveCount: 9 });
    const commented = await textPin(t.app, owner.userId, board.id, { title: `${w} soup` });
    await db().updateTable('pins').set({ comment_count: 2 }).where('id', '=', commented).execute();
    const found = await get(owner, urls.partner(w));
    assertMatchesSpec('GET', '/search/partner/pins', 200, found.body);
    expect(ids(found.body)).toEqual([saved, commented, plain]);
  });

  it('computes in SQL the rank ranking.ts defines', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner);
    const pinId = await textPin(t.app, owner.userId, board.id, { description: `${w} stew`, saveCount: 7 });
    await db()
      .updateTable('pins')
      .set({ comment_count: 3, reaction_count: 2 })
      .where('id', '=', pinId)
      .execute();
    const match = textMatch(parseQuery(w));
    const query = eitherTsQuery(match.exact, match.prefix!);
    const [row] = await searchPublicPins(db(), {
      viewerId: null,
      match,
      boardVisible: t.app.services.boards.visibleBoardsFilter(null),
      candidates: 10,
      limit: 1,
    });
    const text = await sql<{
      r: number;
    }>`select ts_rank_cd(search, ${query}) as r from pins where id = ${pinId}`.execute(db());
    const expected = searchRank({
      textRank: text.rows[0]!.r,
      saves: 7,
      comments: 3,
      reactions: 2,
      id: pinId,
    });
    expect(Number(row!.rank)).toBeCloseTo(expected, 6);
  });
});

describe('board names', () => {
  it('find pins on the board, below pins with the word in their own text', async () => {
    const owner = await actor(t.app);
    const [w, tile] = [word(), word()];
    const kitchen = await createBoard(t.app, owner, { name: `${w} ideas` });
    const onBoard = await textPin(t.app, owner.userId, kitchen.id, { title: `Subway ${tile}` });
    const titled = await textPin(t.app, owner.userId, (await createBoard(t.app, owner)).id, { title: w });
    expect(ids((await get(owner, urls.partner(w))).body)).toEqual([titled, onBoard]);
    expect(ids((await get(owner, urls.pins(w))).body)).toEqual([titled, onBoard]);
    // The board's words and the pin's own words satisfy one query together.
    expect(ids((await get(owner, urls.partner(`${w} ${tile}`))).body)).toEqual([onBoard]);
  });

  it('follow a board rename and a pin moved to another board', async () => {
    const owner = await actor(t.app);
    const [before, after, other] = [word(), word(), word()];
    const board = await createBoard(t.app, owner, { name: `${before} things` });
    const pinId = await textPin(t.app, owner.userId, board.id, { title: 'Plain' });
    expect(ids((await get(owner, urls.partner(before))).body)).toEqual([pinId]);

    const renamed = await call(t.app, 'PATCH', `/v5/boards/${board.id}`, owner.headers, {
      name: `${after} things`,
    });
    expect(renamed.status).toBe(200);
    expect((await get(owner, urls.partner(before))).body.items).toEqual([]);
    expect(ids((await get(owner, urls.partner(after))).body)).toEqual([pinId]);

    const target = await createBoard(t.app, owner, { name: `${other} stuff` });
    const moved = await call(t.app, 'PATCH', `/v5/pins/${pinId}`, owner.headers, { board_id: target.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await get(owner, urls.partner(after))).body.items).toEqual([]);
    expect(ids((await get(owner, urls.partner(other))).body)).toEqual([pinId]);
  });
});

describe('engagement tiers', () => {
  it('are the same numbers in SQL as in ranking.ts, and follow a pin’s saves', async () => {
    const values = [0, 1, 3, 4, 15, 16, 63, 64, 255, 256, 1023, 1024, 50_000];
    const result = await sql<{ e: number; tier: number }>`
      select e::integer, search_engagement_tier(e) as tier from unnest(${values}::bigint[]) as e`.execute(
      db(),
    );
    expect(result.rows.map((r) => r.tier)).toEqual(values.map(engagementTier));

    const owner = await actor(t.app);
    const pinId = await textPin(t.app, owner.userId, (await createBoard(t.app, owner)).id, { title: word() });
    expect(await markersOf(pinId)).toEqual([]);
    await db()
      .updateTable('pins')
      .set({ save_count: 3, reaction_count: 1 })
      .where('id', '=', pinId)
      .execute();
    expect(await markersOf(pinId)).toEqual(['~e1', '~e2']);
    await db()
      .updateTable('pins')
      .set({ save_count: 0, reaction_count: 0 })
      .where('id', '=', pinId)
      .execute();
    expect(await markersOf(pinId)).toEqual([]);
  });

  it('make a search rank the most engaged matches, then the newest, when there are more than it ranks', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner);
    const engaged = [];
    for (const saveCount of [300, 20, 5, 1])
      engaged.push(await textPin(t.app, owner.userId, board.id, { title: w, saveCount }));
    const unengaged = [];
    for (let i = 0; i < 9; i++) unengaged.push(await textPin(t.app, owner.userId, board.id, { title: w }));
    const ranked = await searchPublicPins(db(), {
      viewerId: owner.userId,
      match: textMatch(parseQuery(w)),
      boardVisible: t.app.services.boards.visibleBoardsFilter(null),
      candidates: 6,
      limit: 20,
    });
    expect(ranked.map((r) => r.id).sort()).toEqual([...engaged, ...unengaged.slice(-2)].sort());
    // Through the API, every match is ranked (far fewer than the candidate limit).
    expect((await get(owner, `${urls.partner(w)}&limit=50`)).body.items).toHaveLength(13);
  });

  it('lets partner search page on past the first page’s candidates, each result once', async () => {
    const owner = await actor(t.app);
    const w = word();
    const board = await createBoard(t.app, owner);
    // 130 matches, inserted in one statement: more than a first page of 10 ranks (candidatesFor: 110).
    await sql`insert into pins (owner_id, board_id, origin_pin_id, title, media_type, sort_key, save_count)
      select ${owner.userId}, ${board.id}, 0, ${w} || ' no ' || n, 'image', n, n % 7
      from generate_series(1, 130) as n`.execute(db());
    await sql`update pins set origin_pin_id = id where board_id = ${board.id}`.execute(db());
    const walked = await walk<{ id: string }>(t.app, `${urls.partner(w)}&limit=10`, owner.headers, (body) =>
      assertMatchesSpec('GET', '/search/partner/pins', 200, body),
    );
    expect(walked).toHaveLength(130);
    expect(new Set(walked.map((p) => p.id)).size).toBe(130);
  });
});
