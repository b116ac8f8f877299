import { describe, expect, it } from 'vitest';
import { inMenuOrder, readRefinements, readTypeahead, refinedQuery, suggestionHref } from './typeahead.ts';

describe('readTypeahead', () => {
  it('reads the server’s answer (GET /v5/search/typeahead)', () => {
    const groups = readTypeahead({
      query: 'kitchn',
      corrected: 'kitchen',
      queries: [{ term: 'kitchen', pins: 12, boards: 2 }],
      pins: [{ id: '7', title: 'Kitchen shelves', dominant_color: '#aabbcc', image_url: 'http://x/7.jpg' }],
      boards: [
        {
          id: '8',
          name: 'Kitchen ideas',
          owner_username: 'ada',
          privacy: 'PUBLIC',
          pin_count: 3,
          follower_count: 0,
          image_url: null,
        },
      ],
      users: [{ id: '9', username: 'kitchen_fan', display_name: '', follower_count: 1, image_url: null }],
    });
    expect(groups).toEqual({
      terms: [{ kind: 'term', id: 'kitchen', text: 'kitchen', image: null }],
      pins: [{ kind: 'pin', id: '7', text: 'Kitchen shelves', image: 'http://x/7.jpg' }],
      boards: [{ kind: 'board', id: '8', text: 'Kitchen ideas', image: null }],
      users: [{ kind: 'user', id: 'kitchen_fan', text: 'kitchen_fan', image: null }],
    });
  });

  it('reads suggestions grouped by type', () => {
    const groups = readTypeahead({
      pins: [{ id: '11', title: 'Kitchen island', image_url: 'http://x/p.jpg' }],
      boards: [{ id: '22', name: 'Kitchen ideas', image_cover_url: null }],
      users: [{ username: 'kitchenfan', display_name: 'Kitchen Fan', profile_image: 'http://x/a.jpg' }],
    });
    expect(groups.pins).toEqual([{ kind: 'pin', id: '11', text: 'Kitchen island', image: 'http://x/p.jpg' }]);
    expect(groups.boards).toEqual([{ kind: 'board', id: '22', text: 'Kitchen ideas', image: null }]);
    expect(groups.users).toEqual([
      { kind: 'user', id: 'kitchenfan', text: 'Kitchen Fan', image: 'http://x/a.jpg' },
    ]);
  });

  it('reads one list of typed items, nested under suggestions, and drops repeats and junk', () => {
    const groups = readTypeahead({
      suggestions: [
        { type: 'pin', id: '1', text: 'Tart' },
        { type: 'pin', id: '1', text: 'Tart again' },
        { type: 'user', username: 'ada' },
        { type: 'query', text: 'tart recipes' },
        { type: 'spaceship', id: '9', text: '?' },
        { type: 'board', name: 'no id' },
        42,
      ],
    });
    expect(groups.pins.map((s) => s.text)).toEqual(['Tart']);
    expect(groups.users).toEqual([{ kind: 'user', id: 'ada', text: 'ada', image: null }]);
    expect(groups.terms.map((s) => s.id)).toEqual(['tart recipes']);
    expect(groups.boards).toEqual([]);
  });

  it('finds a picture inside media', () => {
    const groups = readTypeahead({
      items: [{ type: 'board', id: '5', name: 'B', media: { image_cover_url: 'http://x/c.jpg' } }],
    });
    expect(groups.boards[0]?.image).toBe('http://x/c.jpg');
  });

  it('survives answers that are not objects', () => {
    expect(readTypeahead(null)).toEqual({ terms: [], pins: [], boards: [], users: [] });
    expect(readTypeahead('nope').pins).toEqual([]);
  });
});

describe('readRefinements', () => {
  it('reads the server’s answer (GET /v5/search/refinements)', () => {
    const body = { query: 'kitchen', items: [{ term: 'backsplash', query: 'kitchen backsplash', pins: 4 }] };
    expect(readRefinements(body, 'kitchen')).toEqual(['backsplash']);
  });

  it('reads strings or {term} objects, skipping the query’s own words and repeats', () => {
    expect(
      readRefinements(
        { items: ['Small', { term: 'white' }, 'kitchen', 'small', { text: 'island' }] },
        'Kitchen',
      ),
    ).toEqual(['Small', 'white', 'island']);
  });

  it('keeps at most the limit and accepts a bare list', () => {
    expect(readRefinements(['a', 'b', 'c'], 'q', 2)).toEqual(['a', 'b']);
    expect(readRefinements({ nothing: true }, 'q')).toEqual([]);
  });
});

describe('suggestion navigation', () => {
  it('sends each kind to its page', () => {
    expect(suggestionHref({ kind: 'pin', id: '1', text: '', image: null })).toBe('/pin/1');
    expect(suggestionHref({ kind: 'board', id: '2', text: '', image: null })).toBe('/board/2');
    expect(suggestionHref({ kind: 'user', id: 'ada', text: '', image: null })).toBe('/user/ada');
    expect(suggestionHref({ kind: 'term', id: 'lemon tart', text: '', image: null })).toBe(
      '/search/pins?q=lemon%20tart',
    );
  });

  it('lists terms, pins, boards, then people, a few of each', () => {
    const s = (kind: 'pin' | 'board' | 'user' | 'term', id: string) => ({ kind, id, text: id, image: null });
    const order = inMenuOrder(
      {
        terms: [s('term', 't')],
        pins: [s('pin', '1'), s('pin', '2'), s('pin', '3')],
        boards: [s('board', 'b')],
        users: [s('user', 'u')],
      },
      2,
    );
    expect(order.map((x) => x.id)).toEqual(['t', '1', '2', 'b', 'u']);
  });

  it('adds a refinement to the query once', () => {
    expect(refinedQuery(' kitchen  ideas ', 'white')).toBe('kitchen ideas white');
    expect(refinedQuery('kitchen white', 'White')).toBe('kitchen white');
  });
});
