// Typeahead suggestions and guided refinements as the search UI uses them, read from the API's
// answers (GET /v5/search/typeahead: {queries, pins, boards, users}; GET /v5/search/refinements:
// {items: [{term}]}, Corkboard extensions). The reader also takes one list of typed items and the
// usual other names for each field, so a renamed field degrades to fewer suggestions, not an
// error. Pure: no I/O.
import { paths } from '../../paths.ts';

export type SuggestionKind = 'pin' | 'board' | 'user' | 'term';

export interface Suggestion {
  kind: SuggestionKind;
  /** Pin or board id, username, or the suggested search text. */
  id: string;
  text: string;
  /** A small picture (pin, board cover, avatar) when the API gives one. */
  image: string | null;
}

export interface SuggestionGroups {
  terms: Suggestion[];
  pins: Suggestion[];
  boards: Suggestion[];
  users: Suggestion[];
}

type Loose = Record<string, unknown>;

const asObject = (value: unknown): Loose | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : null;

function firstString(item: Loose, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = item[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

const TEXT_KEYS = [
  'text',
  'display_text',
  'label',
  'title',
  'name',
  'display_name',
  'term',
  'query',
  'username',
];
const IMAGE_KEYS = [
  'image',
  'image_url',
  'thumbnail_url',
  'thumbnail',
  'cover_image_url',
  'image_cover_url',
  'avatar_url',
  'profile_image',
];

const KIND_NAMES: Record<string, SuggestionKind> = {
  pin: 'pin',
  pins: 'pin',
  board: 'board',
  boards: 'board',
  user: 'user',
  users: 'user',
  people: 'user',
  person: 'user',
  term: 'term',
  terms: 'term',
  query: 'term',
  queries: 'term',
};

function suggestionOf(raw: unknown, kind: SuggestionKind | null): Suggestion | null {
  if (typeof raw === 'string')
    return raw.trim() ? { kind: kind ?? 'term', id: raw.trim(), text: raw.trim(), image: null } : null;
  const item = asObject(raw);
  if (!item) return null;
  const type = typeof item.type === 'string' ? KIND_NAMES[item.type.toLowerCase()] : undefined;
  const resolved = type ?? kind;
  if (!resolved) return null;
  const text = firstString(item, resolved === 'user' ? ['display_name', ...TEXT_KEYS] : TEXT_KEYS);
  const id = firstString(
    item,
    resolved === 'user' ? ['username', 'id'] : resolved === 'term' ? ['term', 'query', 'text'] : ['id'],
  );
  if (!text || !id) return null;
  let image = firstString(item, IMAGE_KEYS);
  const media = asObject(item.media);
  if (!image && media) image = firstString(media, IMAGE_KEYS);
  return { kind: resolved, id, text, image };
}

const empty = (): SuggestionGroups => ({ terms: [], pins: [], boards: [], users: [] });

function add(groups: SuggestionGroups, suggestion: Suggestion | null): void {
  if (!suggestion) return;
  const list = { term: groups.terms, pin: groups.pins, board: groups.boards, user: groups.users }[
    suggestion.kind
  ];
  if (!list.some((s) => s.id === suggestion.id)) list.push(suggestion);
}

/** The suggestions in a typeahead answer, grouped, each group without repeats. */
export function readTypeahead(body: unknown): SuggestionGroups {
  const groups = empty();
  const root = asObject(body);
  if (!root) return groups;
  const container = asObject(root.suggestions) ?? asObject(root.results) ?? root;
  for (const [key, value] of Object.entries(container)) {
    const kind = KIND_NAMES[key.toLowerCase()];
    if (kind && Array.isArray(value)) for (const raw of value) add(groups, suggestionOf(raw, kind));
  }
  for (const listKey of ['items', 'suggestions', 'results']) {
    const list = root[listKey];
    if (Array.isArray(list)) for (const raw of list) add(groups, suggestionOf(raw, null));
  }
  return groups;
}

/** The refinement terms in a refinements answer (strings or {term}), at most `limit`, minus the query's own words. */
export function readRefinements(body: unknown, query: string, limit = 8): string[] {
  const root = asObject(body);
  const list = Array.isArray(body)
    ? body
    : (['items', 'refinements', 'terms', 'suggestions'].map((key) => root?.[key]).find(Array.isArray) as
        | unknown[]
        | undefined);
  if (!list) return [];
  const words = new Set(query.toLocaleLowerCase().split(/\s+/).filter(Boolean));
  const terms: string[] = [];
  for (const raw of list) {
    const text =
      typeof raw === 'string'
        ? raw.trim()
        : asObject(raw)
          ? firstString(asObject(raw)!, ['term', 'text', 'label', 'query'])
          : null;
    if (!text) continue;
    const lower = text.toLocaleLowerCase();
    if (words.has(lower) || terms.some((t) => t.toLocaleLowerCase() === lower)) continue;
    terms.push(text);
    if (terms.length >= limit) break;
  }
  return terms;
}

/** Where choosing a suggestion goes. */
export function suggestionHref(suggestion: Suggestion): string {
  switch (suggestion.kind) {
    case 'pin':
      return paths.pin(suggestion.id);
    case 'board':
      return paths.board(suggestion.id);
    case 'user':
      return paths.profile(suggestion.id);
    default:
      return paths.search(suggestion.id);
  }
}

/** The suggestions in the order the menu lists them (and the arrow keys walk them). */
export function inMenuOrder(groups: SuggestionGroups, perGroup = 4): Suggestion[] {
  return [groups.terms, groups.pins, groups.boards, groups.users].flatMap((group) =>
    group.slice(0, perGroup),
  );
}

/** A refinement chip's search: the query with the term added (once). */
export function refinedQuery(query: string, term: string): string {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.some((w) => w.toLocaleLowerCase() === term.toLocaleLowerCase())) return words.join(' ');
  return [...words, term].join(' ');
}
