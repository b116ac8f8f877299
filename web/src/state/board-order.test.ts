import { describe, expect, it } from 'vitest';
import type { Board } from '../api/types.ts';
import { boardsForPicker } from './board-order.ts';

const board = (id: string, name: string, modified: string): Board => ({
  id,
  name,
  board_pins_modified_at: modified,
  created_at: modified,
  description: null,
  collaborator_count: 0,
  pin_count: 0,
  follower_count: 0,
  media: { image_cover_url: null, pin_thumbnail_urls: [] },
  owner: { username: 'ada' },
  privacy: 'PUBLIC',
  is_ads_only: false,
});

const boards = [
  board('1', 'Recipes', '2026-01-01T00:00:00Z'),
  board('2', 'Garden ideas', '2026-03-01T00:00:00Z'),
  board('3', 'Travel', '2026-02-01T00:00:00Z'),
  board('4', 'Apartment', '2026-02-01T00:00:00Z'),
];
const ids = (list: Board[]) => list.map((b) => b.id);

describe('board picker order', () => {
  it('puts the last board used first, then the most recently active', () => {
    expect(ids(boardsForPicker(boards, '1'))).toEqual(['1', '2', '4', '3']);
    expect(ids(boardsForPicker(boards, null))).toEqual(['2', '4', '3', '1']);
    expect(ids(boardsForPicker(boards, 'gone'))).toEqual(['2', '4', '3', '1']);
  });

  it('filters by every word typed, ignoring case, keeping the order', () => {
    expect(ids(boardsForPicker(boards, '3', 'a'))).toEqual(['3', '2', '4']);
    expect(ids(boardsForPicker(boards, null, 'GARDEN id'))).toEqual(['2']);
    expect(boardsForPicker(boards, null, 'nothing like this')).toEqual([]);
  });

  it('does not reorder the list it was given', () => {
    boardsForPicker(boards, '3');
    expect(ids(boards)).toEqual(['1', '2', '3', '4']);
  });
});
