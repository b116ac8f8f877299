import { describe, expect, it } from 'vitest';
import { blend, breaksRun, type FeedCandidate, type FeedSource, MAX_RUN, type PlannedPin } from './blend.ts';

let serial = 0;
const pin = (board: string, creator: string, origin?: string): FeedCandidate => {
  serial += 1;
  return { id: `p${serial}`, origin: origin ?? `o${serial}`, board, creator, detail: '' };
};
const none: Record<FeedSource, FeedCandidate[]> = { followed: [], walk: [], trending: [], fresh: [] };

function longestRun(plan: PlannedPin[], key: 'board' | 'creator'): number {
  let longest = 0;
  let run = 0;
  plan.forEach((p, i) => {
    run = i > 0 && plan[i - 1]![key] === p[key] ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  return longest;
}

describe('blending the home feed', () => {
  it('takes turns by weight: followed and walk alternate, trending and fresh now and then', () => {
    const many = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => pin(`${tag}b${i}`, `${tag}u${i}`));
    const plan = blend({
      candidates: {
        followed: many(40, 'f'),
        walk: many(40, 'w'),
        trending: many(40, 't'),
        fresh: many(40, 'n'),
      },
      size: 22,
      seen: new Set(),
      recent: [],
    });
    const count = (source: FeedSource) => plan.filter((p) => p.source === source).length;
    expect(plan).toHaveLength(22);
    expect([count('followed'), count('walk'), count('trending'), count('fresh')]).toEqual([8, 8, 4, 2]);
    expect(plan.slice(0, 2).map((p) => p.source)).toEqual(['followed', 'walk']);
  });

  it('gives a new user’s feed entirely to trending and fresh pins', () => {
    const plan = blend({
      candidates: { ...none, trending: [pin('a', 'x'), pin('b', 'y')], fresh: [pin('c', 'z')] },
      size: 10,
      seen: new Set(),
      recent: [],
    });
    expect(plan.map((p) => p.source).sort()).toEqual(['fresh', 'trending', 'trending']);
  });

  it('never puts more than two pins of one board or creator in a row, waiting or ending instead', () => {
    const sameBoard = Array.from({ length: 10 }, (_, i) => pin('B', `u${i}`));
    const sameCreator = Array.from({ length: 10 }, (_, i) => pin(`b${i}`, 'C'));
    const others = Array.from({ length: 4 }, (_, i) => pin(`x${i}`, `y${i}`));
    const plan = blend({
      candidates: { ...none, followed: [...sameBoard, ...sameCreator], trending: others },
      size: 100,
      seen: new Set(),
      recent: [],
    });
    expect(longestRun(plan, 'board')).toBeLessThanOrEqual(MAX_RUN);
    expect(longestRun(plan, 'creator')).toBeLessThanOrEqual(MAX_RUN);
    // Four others can separate at most five pairs; the rest cannot be placed without a run of three.
    expect(plan.length).toBeLessThan(24);
    expect(plan.length).toBeGreaterThanOrEqual(12);
  });

  it('keeps the rule across segments and never repeats an original already planned', () => {
    const recent = [
      { board: 'B', creator: 'u1' },
      { board: 'B', creator: 'u2' },
    ];
    const first = pin('B', 'u3');
    const copy = pin('other', 'u4', 'shared');
    const plan = blend({
      candidates: { ...none, followed: [first, copy, pin('c', 'u5')] },
      size: 5,
      seen: new Set(['shared']),
      recent,
    });
    expect(plan.map((p) => p.id)).not.toContain(copy.id);
    expect(plan[0]!.board).not.toBe('B');
    expect(breaksRun(recent, first)).toBe(true);
    expect(plan.map((p) => p.id)).toContain(first.id);
  });

  it('plans a copy and its original once, whichever source offers it first', () => {
    const original = pin('b1', 'u1', 'o-shared');
    const save = pin('b2', 'u2', 'o-shared');
    const plan = blend({
      candidates: { ...none, followed: [save], walk: [original] },
      size: 5,
      seen: new Set(),
      recent: [],
    });
    expect(plan).toHaveLength(1);
    expect(plan[0]!.id).toBe(save.id);
  });
});
