import { describe, expect, it } from 'vitest';
import { risingScore, WINDOW_MS, windowBounds } from './rising.ts';

describe('risingScore', () => {
  it('rewards growth and volume together, and nothing for steady or falling saves', () => {
    expect(risingScore(20, 2)).toBeCloseTo(20 * Math.log(21 / 3));
    expect(risingScore(20, 2)).toBeGreaterThan(risingScore(3, 0));
    expect(risingScore(40, 10)).toBeGreaterThan(risingScore(10, 0));
    expect(risingScore(20, 20)).toBe(0);
    expect(risingScore(5, 30)).toBeLessThan(0);
  });
});

describe('windowBounds', () => {
  it('gives two back-to-back windows of the same length ending now', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const { since, previousSince } = windowBounds('24h', now);
    expect(now.getTime() - since.getTime()).toBe(WINDOW_MS['24h']);
    expect(since.getTime() - previousSince.getTime()).toBe(WINDOW_MS['24h']);
    expect(windowBounds('7d', now).since.toISOString()).toBe('2026-11-15T12:00:00.000Z');
  });
});
