// What "rising" means for trending, as numbers and as SQL. Pure: no I/O.
//
// A pin (or a topic) is compared with itself: its saves in the window just ended (recent) against
// the window before it (previous), both of the same length. The score is
//
//   rising = recent · ln((recent + 1) / (previous + 1))
//
// volume times growth: 20 saves after 2 scores 20·ln 7 ≈ 39; 20 after 20 scores 0 (steady is not
// trending); 3 after 0 scores 3·ln 4 ≈ 4.2 (new but small); falling scores below 0 and is left out.
// The +1s keep a first save from counting as infinite growth.

export const TRENDING_WINDOWS = ['24h', '7d'] as const;
export type TrendingWindow = (typeof TRENDING_WINDOWS)[number];

const HOUR_MS = 3_600_000;
export const WINDOW_MS: Record<TrendingWindow, number> = { '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS };

/** Fewer recent saves than this is noise, not a trend. */
export const MIN_RECENT_SAVES = 2;
/** A topic is a board name that at least this many pinners saved into: one pinner is not a trend. */
export const MIN_TOPIC_PINNERS = 2;

export function risingScore(recent: number, previous: number): number {
  return recent * Math.log((recent + 1) / (previous + 1));
}

/** risingScore over two SQL expressions. */
export function risingSql(recent: string, previous: string): string {
  return `(${recent}) * ln(((${recent}) + 1.0) / ((${previous}) + 1.0))`;
}

/** The two windows ending at `now`: [previousSince, since) and [since, now]. */
export function windowBounds(window: TrendingWindow, now: Date): { since: Date; previousSince: Date } {
  const length = WINDOW_MS[window];
  return { since: new Date(now.getTime() - length), previousSince: new Date(now.getTime() - 2 * length) };
}
