// How public search ranks pins, as numbers and as the SQL that computes them. Pure: no I/O.
//
// The blend, in log space so that it is a sum:
//
//   rank = ln(text) + ln(1 + ln(1 + saves) + ½·ln(1 + comments + reactions)) + ln 2 · age⁻¹
//
// - text: ts_rank_cd over the pin's document (title A 1.0, description B 0.4, alt text C 0.2,
//   board name D 0.1), so a title match outweighs a board-name match tenfold.
// - engagement, log-damped: the first save doubles a pin's rank; a thousand saves multiply it by 8.
//   Comments and reactions count half. (Impressions and clicks from the analytics rollups would
//   join here as another damped term.)
// - recency as exponential decay with a half-life of HALF_LIFE_DAYS, measured from a fixed epoch
//   (the pin's id carries its creation millisecond since 2026-01-01) instead of from now: decaying
//   every pin by its age from now multiplies all of them by the same factor at any moment, so the
//   order is the same and a rank never changes while a reader pages with (rank, id) bookmarks.
//
// Which pins get ranked (candidates) is the other half of speed: a pin's document carries a marker
// lexeme for each engagement threshold it reaches (ENGAGEMENT_THRESHOLDS; the migration
// 2026_11_22_1930 has the same numbers), and a search reads matches band by band, most engaged
// first, until it has enough candidates (candidateBands). The least engaged band is read newest
// first, so fresh pins without saves still surface for specific queries.

/** Saves + comments + reactions at which a pin reaches tier 1, 2, …; one marker lexeme each. */
export const ENGAGEMENT_THRESHOLDS = [1, 4, 16, 64, 256, 1024] as const;
export const HALF_LIFE_DAYS = 60;
export const COMMENT_WEIGHT = 0.5;
/** ts_rank_cd can be 0 for odd documents; the floor keeps ln finite. */
export const MIN_TEXT_RANK = 1e-6;
/** Milliseconds since 2026-01-01 are the top 41 bits of every id (db/ids.ts). */
const ID_TIME_SHIFT = 22n;
const RECENCY_PER_MS = Math.LN2 / (HALF_LIFE_DAYS * 86_400_000);

/** The marker lexeme of tier `tier` (1-based): '~' never survives the tokenizer, so no query makes one. */
export const tierLexeme = (tier: number) => `~e${tier}`;

/** How many thresholds `engagement` reaches (0 … ENGAGEMENT_THRESHOLDS.length). */
export function engagementTier(engagement: number): number {
  return ENGAGEMENT_THRESHOLDS.filter((threshold) => engagement >= threshold).length;
}

export interface RankInputs {
  textRank: number;
  saves: number;
  comments: number;
  reactions: number;
  /** The pin id, whose top bits are its creation time. */
  id: string;
}

/** The engagement factor, before its logarithm: 1 for a pin nobody engaged with. */
export function engagementFactor(saves: number, comments: number, reactions: number): number {
  return 1 + Math.log1p(saves) + COMMENT_WEIGHT * Math.log1p(comments + reactions);
}

/** The rank SQL computes (rankSql), in JavaScript, for tests and for reasoning about the weights. */
export function searchRank(pin: RankInputs): number {
  const createdMs = Number(BigInt(pin.id) >> ID_TIME_SHIFT);
  return (
    Math.log(Math.max(pin.textRank, MIN_TEXT_RANK)) +
    Math.log(engagementFactor(pin.saves, pin.comments, pin.reactions)) +
    createdMs * RECENCY_PER_MS
  );
}

/**
 * The rank as a SQL expression over a row with columns text_rank, save_count, comment_count,
 * reaction_count and id (qualified by `table`). Constants are inlined: they are code, not input.
 */
export function rankSql(table: string): string {
  const c = (column: string) => `${table}.${column}`;
  return (
    `ln(greatest(${c('text_rank')}, ${MIN_TEXT_RANK})) ` +
    `+ ln(1 + ln(1 + ${c('save_count')}) + ${COMMENT_WEIGHT} * ln(1 + ${c('comment_count')} + ${c('reaction_count')})) ` +
    `+ (${c('id')} >> ${ID_TIME_SHIFT}) * ${RECENCY_PER_MS.toExponential(15)}`
  );
}

/** Matches partner search ranks beyond the page it returns (the whole first page's candidates). */
export const FIRST_PAGE_CANDIDATES = 100;
/** The most matches any page ranks: results end after about this many. */
export const MAX_CANDIDATES = 1000;

/**
 * How many matches to rank for a page after `served` results: enough for the page and a margin, so
 * a first page reads ~100 rows however common the words, and deeper pages read more as they go.
 * The candidates are a prefix of one fixed order (the bands), so each page's set contains the
 * previous page's and the (rank, id) bookmark continues it: a pin that only a larger set brings in
 * ranks either below the bookmark (shown later) or above it (skipped, never repeated).
 */
export function candidatesFor(served: number, limit: number): number {
  return Math.min(MAX_CANDIDATES, FIRST_PAGE_CANDIDATES + served + limit);
}

/** A slice of the engagement tiers: pins with tier ≥ from and < until (null: no bound). */
export interface TierBand {
  from: number;
  until: number | null;
}

/**
 * The bands a search reads, most engaged first: 64+ engagements, 4 to 63, 1 to 3, none. Each band
 * is one more branch to plan, so there are few; within a band matches come in storage order, and
 * the last band (most pins) newest first.
 */
export function candidateBands(): TierBand[] {
  return [
    { from: 4, until: null },
    { from: 2, until: 4 },
    { from: 1, until: 2 },
    { from: 0, until: 1 },
  ];
}

/** A range of engagement (saves + comments + reactions): min ≤ engagement < max (null: no max). */
export interface EngagementRange {
  min: number;
  max: number | null;
}

/**
 * The bands with a full-text index of their own, over their originals alone (migration
 * 2026_12_03_0930: pins_search_band_64_up and pins_search_band_4_63, with the same numbers).
 */
const OWN_INDEX_BANDS: readonly TierBand[] = [
  { from: 4, until: null },
  { from: 2, until: 4 },
];

/** The engagement range of a band that has its own index (a query names it to use it), else null. */
export function ownIndexRange(band: TierBand): EngagementRange | null {
  if (!OWN_INDEX_BANDS.some((b) => b.from === band.from && b.until === band.until)) return null;
  return {
    min: ENGAGEMENT_THRESHOLDS[band.from - 1]!,
    max: band.until === null ? null : ENGAGEMENT_THRESHOLDS[band.until - 1]!,
  };
}

/**
 * The bands of the prefix pass (a partly typed last word): engaged, then the rest. Fewer than for
 * whole words, since each branch makes GIN gather every posting of every word the prefix starts.
 */
export function prefixBands(): TierBand[] {
  return [
    { from: 1, until: null },
    { from: 0, until: 1 },
  ];
}

/**
 * The band as tsquery text to AND with the words, e.g. `'~e3' & !'~e4'`; null for the band with
 * no lower bound and no upper bound (never produced by candidateBands).
 */
export function bandQuery(band: TierBand): string | null {
  const parts: string[] = [];
  if (band.from > 0) parts.push(`'${tierLexeme(band.from)}'`);
  if (band.until !== null) parts.push(`!'${tierLexeme(band.until)}'`);
  return parts.length === 0 ? null : parts.join(' & ');
}
