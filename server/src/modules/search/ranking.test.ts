import { describe, expect, it } from 'vitest';
import {
  bandQuery,
  candidateBands,
  candidatesFor,
  ENGAGEMENT_THRESHOLDS,
  engagementFactor,
  engagementTier,
  searchRank,
  tierLexeme,
} from './ranking.ts';

/** An id minted `days` after 2026-01-01 (the top 41 bits are milliseconds since then). */
const idAt = (days: number, serial = 0) => ((BigInt(days * 86_400_000) << 22n) | BigInt(serial)).toString();

describe('engagement tiers', () => {
  it('count the thresholds reached', () => {
    expect(engagementTier(0)).toBe(0);
    for (const [i, threshold] of ENGAGEMENT_THRESHOLDS.entries()) {
      expect(engagementTier(threshold - 1)).toBe(i);
      expect(engagementTier(threshold)).toBe(i + 1);
    }
    expect(engagementTier(1_000_000)).toBe(ENGAGEMENT_THRESHOLDS.length);
  });

  it('are read in bands that cover every tier once, most engaged first', () => {
    const bands = candidateBands();
    const covered = (tier: number) =>
      bands.filter((band) => tier >= band.from && (band.until === null || tier < band.until)).length;
    for (let tier = 0; tier <= ENGAGEMENT_THRESHOLDS.length; tier++) expect(covered(tier)).toBe(1);
    expect(bands.map((band) => band.from)).toEqual([4, 2, 1, 0]);
    expect(bandQuery(bands[0]!)).toBe(`'${tierLexeme(4)}'`);
    expect(bandQuery(bands[1]!)).toBe(`'~e2' & !'~e4'`);
    expect(bandQuery(bands[3]!)).toBe(`!'~e1'`);
  });
});

describe('candidatesFor', () => {
  it('grows with the results already served, up to a ceiling', () => {
    expect(candidatesFor(0, 10)).toBe(110);
    expect(candidatesFor(110, 25)).toBe(235);
    expect(candidatesFor(5000, 50)).toBe(1000);
  });
});

describe('searchRank', () => {
  const pin = { textRank: 0.1, saves: 0, comments: 0, reactions: 0, id: idAt(300) };

  it('puts the more saved of two equally relevant pins first, with log damping', () => {
    expect(searchRank({ ...pin, saves: 5 })).toBeGreaterThan(searchRank(pin));
    expect(engagementFactor(0, 0, 0)).toBe(1);
    expect(engagementFactor(1000, 0, 0)).toBeCloseTo(1 + Math.log(1001));
    // Comments and reactions count half as much as saves.
    expect(engagementFactor(0, 3, 0)).toBeCloseTo(engagementFactor(0, 0, 3));
    expect(engagementFactor(3, 0, 0)).toBeGreaterThan(engagementFactor(0, 3, 0));
  });

  it('halves a pin’s weight every 60 days of age, whatever the day of the search', () => {
    const newer = searchRank({ ...pin, id: idAt(360) });
    expect(newer - searchRank(pin)).toBeCloseTo(Math.LN2);
  });

  it('weighs text relevance by its logarithm, so a 10x better match equals 10x the engagement factor', () => {
    const title = searchRank({ ...pin, textRank: 1 });
    const boardName = searchRank({ ...pin, textRank: 0.1 });
    expect(title - boardName).toBeCloseTo(Math.log(10));
    expect(Number.isFinite(searchRank({ ...pin, textRank: 0 }))).toBe(true);
  });
});
