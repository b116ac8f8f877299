// Search calls beyond pin results: typeahead and refinements (Corkboard extensions, used only once
// the server lists them in its OpenAPI document), and the signed-in person's own boards.
import { supports } from '../../api/capabilities.ts';
import { api } from '../../api/client.ts';
import type { Board, Page } from '../../api/types.ts';
import { readRefinements, readTypeahead, type SuggestionGroups } from './typeahead.ts';

const NO_SUGGESTIONS: SuggestionGroups = { terms: [], pins: [], boards: [], users: [] };

export const searchApi = {
  async typeahead(
    query: string,
    options: { types?: ('queries' | 'pins' | 'boards' | 'users')[]; limit?: number } = {},
  ): Promise<SuggestionGroups> {
    if (!query.trim() || !(await supports('get /v5/search/typeahead'))) return NO_SUGGESTIONS;
    const body = await api.get<unknown>('/v5/search/typeahead', {
      query: query.trim(),
      types: (options.types ?? ['queries', 'pins', 'boards', 'users']).join(','),
      limit: options.limit ?? 5,
    });
    return readTypeahead(body);
  },

  async refinements(query: string): Promise<string[]> {
    if (!query.trim() || !(await supports('get /v5/search/refinements'))) return [];
    return readRefinements(await api.get<unknown>('/v5/search/refinements', { query: query.trim() }), query);
  },

  /** GET /v5/search/boards: the signed-in person's own boards matching the query. */
  myBoards: (query: string) => api.get<Page<Board>>('/v5/search/boards', { query, page_size: 25 }),

  typeaheadSupported: () => supports('get /v5/search/typeahead'),
};
