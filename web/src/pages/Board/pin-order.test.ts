import { describe, expect, it } from 'vitest';
import { applyMove, applyReorder, dropTarget, reorderTarget } from './pin-order.ts';

// Board order a b c d; b and d sit in section S, a and c in no section.
const board = [
  { id: 'a', board_section_id: null },
  { id: 'b', board_section_id: 'S' },
  { id: 'c', board_section_id: null },
  { id: 'd', board_section_id: 'S' },
  { id: 'e', board_section_id: null },
];
const ids = (list: { id: string }[]) => list.map((p) => p.id).join('');

describe('reorderTarget', () => {
  it('moves up by placing the pin after the one two above it in its section', () => {
    expect(reorderTarget(board, 'e', 'up')).toEqual({ afterPinId: 'a' });
    expect(reorderTarget(board, 'c', 'up')).toEqual({ afterPinId: null });
    expect(reorderTarget(board, 'd', 'up')).toEqual({ afterPinId: null });
  });

  it('moves down after the next pin of the same section, skipping other sections', () => {
    expect(reorderTarget(board, 'a', 'down')).toEqual({ afterPinId: 'c' });
    expect(reorderTarget(board, 'b', 'down')).toEqual({ afterPinId: 'd' });
  });

  it('moves to the top of the section', () => {
    expect(reorderTarget(board, 'e', 'top')).toEqual({ afterPinId: null });
  });

  it('says when a step changes nothing', () => {
    expect(reorderTarget(board, 'a', 'up')).toBeUndefined();
    expect(reorderTarget(board, 'a', 'top')).toBeUndefined();
    expect(reorderTarget(board, 'e', 'down')).toBeUndefined();
    expect(reorderTarget(board, 'd', 'down')).toBeUndefined();
    expect(reorderTarget(board, 'zz', 'down')).toBeUndefined();
  });
});

describe('dropTarget', () => {
  it('places a pin dragged downwards after the pin it was dropped on', () => {
    expect(dropTarget(board, 'a', 'e')).toEqual({ afterPinId: 'e' });
  });

  it('places a pin dragged upwards before the pin it was dropped on', () => {
    expect(dropTarget(board, 'e', 'c')).toEqual({ afterPinId: 'a' });
    expect(dropTarget(board, 'e', 'a')).toEqual({ afterPinId: null });
  });

  it('refuses drops across sections and onto itself', () => {
    expect(dropTarget(board, 'a', 'b')).toBeUndefined();
    expect(dropTarget(board, 'a', 'a')).toBeUndefined();
  });
});

describe('applyReorder', () => {
  it('puts the pin right after its anchor', () => {
    expect(ids(applyReorder(board, 'a', 'e'))).toBe('bcdea');
    expect(ids(applyReorder(board, 'e', 'a'))).toBe('aebcd');
  });

  it('puts a pin placed first before the first pin of its own section', () => {
    expect(ids(applyReorder(board, 'd', null))).toBe('adbce');
    expect(ids(applyReorder(board, 'e', null))).toBe('eabcd');
  });

  it('leaves the list alone when the anchor is not shown', () => {
    expect(ids(applyReorder(board, 'a', 'zz'))).toBe('abcde');
  });
});

describe('applyMove', () => {
  it('drops pins that leave the board or the section shown', () => {
    expect(
      ids(
        applyMove(
          board,
          ['a', 'c'],
          { boardId: 'other', sectionId: null },
          { boardId: 'B', sectionId: null },
        ),
      ),
    ).toBe('bde');
    const section = board.filter((p) => p.board_section_id === 'S');
    expect(
      ids(applyMove(section, ['b'], { boardId: 'B', sectionId: null }, { boardId: 'B', sectionId: 'S' })),
    ).toBe('d');
  });

  it('keeps pins that move to another section of the board shown whole, with their new section', () => {
    const after = applyMove(
      board,
      ['a'],
      { boardId: 'B', sectionId: 'S' },
      { boardId: 'B', sectionId: null },
    );
    expect(ids(after)).toBe('abcde');
    expect(after[0]).toEqual({ id: 'a', board_section_id: 'S' });
    expect(reorderTarget(after, 'a', 'down')).toEqual({ afterPinId: 'b' });
  });
});
