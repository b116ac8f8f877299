// What a search box's text becomes before it reaches SQL. Pure functions: no database, no I/O.
//
// The text goes to PostgreSQL's websearch_to_tsquery, which accepts any input (quotes, `or`, `-`)
// and never raises a syntax error. For search-as-you-type, a second query ANDs the same words with
// the last one as a prefix (`red & cak:*`); it is built only from runs of letters, marks and
// digits, so nothing in it is tsquery syntax, and it is left out when the text uses websearch
// syntax (quoted phrases, `-word`) whose meaning a plain AND would widen.
import { emptyQuery, queryTooLong } from './errors.ts';

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 500;
/** The most words the prefix query uses (the last ones typed). */
const MAX_PREFIX_WORDS = 16;
/** Longer words are not prefixes anyone types; PostgreSQL ignores words over 2047 bytes anyway. */
const MAX_PREFIX_WORD_LENGTH = 100;
/** The most pin ids a comma-separated query may name. */
const MAX_IDS = 50;

export interface TextQuery {
  /** The text for websearch_to_tsquery, control characters removed. */
  text: string;
  /** to_tsquery text of plain words with the last as a prefix, or null. */
  prefix: string | null;
  /** Pin ids, when the query is a comma-separated list of them (the spec allows this). */
  ids: string[];
}

const CONTROL = /[\p{Cc}\p{Cs}]/gu;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ID_LIST = /^\d{1,19}(\s*,\s*\d{1,19})*$/;
const MAX_ID = (1n << 63n) - 1n;

/** Text without control characters (PostgreSQL text cannot hold NUL) and outer whitespace. */
export function cleanText(raw: string): string {
  return raw.replace(CONTROL, ' ').trim();
}

export function prefixQuery(text: string): string | null {
  if (text.includes('"') || /(^|\s)-/.test(text)) return null;
  const words = (text.match(WORD) ?? []).slice(-MAX_PREFIX_WORDS);
  if (words.length === 0 || words.some((word) => word.length > MAX_PREFIX_WORD_LENGTH)) return null;
  return words.map((word, i) => (i === words.length - 1 ? `${word}:*` : word)).join(' & ');
}

function idsIn(text: string): string[] {
  if (!ID_LIST.test(text)) return [];
  const ids = text
    .split(',')
    .map((part) => part.trim())
    .filter((id) => BigInt(id) > 0n && BigInt(id) <= MAX_ID);
  return [...new Set(ids)].slice(0, MAX_IDS);
}

/** The query as SQL will use it; 400 (code 1) when it holds no text at all. */
export function parseQuery(raw: string, name = 'query'): TextQuery {
  const text = cleanText(raw);
  if (text === '') throw emptyQuery(name);
  if ([...text].length > MAX_QUERY_LENGTH) throw queryTooLong(name, MAX_QUERY_LENGTH);
  return { text, prefix: prefixQuery(text), ids: idsIn(text) };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The longest typeahead input, in characters: a search box's prefix, not a document. */
export const MAX_TYPEAHEAD_LENGTH = 100;

/**
 * Typeahead input as the vocabulary stores terms (SQL search_phrase): lower case, runs of
 * whitespace as one space, trimmed; 400 (code 1) when nothing is left.
 */
export function typeaheadText(raw: string, name = 'query'): string {
  const text = cleanText(raw).toLowerCase().replace(/\s+/gu, ' ');
  if (text === '') throw emptyQuery(name);
  if ([...text].length > MAX_TYPEAHEAD_LENGTH) throw queryTooLong(name, MAX_TYPEAHEAD_LENGTH);
  return text;
}

/** A LIKE pattern matching text that starts with `text`, with LIKE's own characters taken literally. */
export function startsWithPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The term a typeahead reads the input as, when the best suggestion is not simply a completion of
 * what was typed (a typo: "kitchn" → "kitchen"); null when the input already reads right.
 */
export function correctedTerm(text: string, best: string | undefined): string | null {
  if (best === undefined || best.startsWith(text)) return null;
  return best;
}
