// Search results for /search/<pins|boards|users>?q=: pins from everyone in a Masonry grid (best
// match first), boards and people as the API finds them, and guided refinements as chips that
// narrow the search with one more word.
import { Box, Flex, Heading, SearchGuide, Tabs } from 'gestalt';
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { search } from '../../api/endpoints.ts';
import { LoadError, Message } from '../../components/Message.tsx';
import { PinGrid } from '../../components/PinGrid.tsx';
import { paths } from '../../paths.ts';
import { usePaged } from '../../state/paged.ts';
import { BoardResults, PeopleResults } from './SearchResults.tsx';
import { searchApi } from './search-api.ts';
import { refinedQuery } from './typeahead.ts';

export type SearchKind = 'pins' | 'boards' | 'users';

const KINDS: { kind: SearchKind; text: string }[] = [
  { kind: 'pins', text: 'Pins' },
  { kind: 'boards', text: 'Boards' },
  { kind: 'users', text: 'People' },
];

const GUIDE_COLORS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'] as const;

function Refinements({ query, kind }: { query: string; kind: SearchKind }) {
  const [, navigate] = useLocation();
  const [terms, setTerms] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    setTerms([]);
    searchApi.refinements(query).then(
      (found) => live && setTerms(found),
      () => live && setTerms([]),
    );
    return () => {
      live = false;
    };
  }, [query]);
  if (terms.length === 0) return null;
  return (
    <Box marginBottom={4} overflow="scrollX" paddingY={1}>
      <nav aria-label="Refine your search">
        <Flex gap={2}>
          {terms.map((term, i) => (
            <SearchGuide
              key={term}
              text={term}
              color={GUIDE_COLORS[i % GUIDE_COLORS.length]}
              accessibilityLabel={`Search for ${refinedQuery(query, term)}`}
              onClick={() => navigate(paths.searchOf(kind, refinedQuery(query, term)))}
            />
          ))}
        </Flex>
      </nav>
    </Box>
  );
}

function PinResults({ query }: { query: string }) {
  const fetchPage = useCallback((bookmark: string | null) => search.pins(query, bookmark), [query]);
  const results = usePaged(fetchPage);
  if (results.error && results.items.length === 0) return <LoadError error={results.error} />;
  if (!results.loading && !results.hasMore && results.items.length === 0) {
    return <Message title="No pins found">Try fewer or different words.</Message>;
  }
  return (
    <PinGrid
      pins={results.items}
      surface="search"
      loading={results.loading}
      loadMore={results.hasMore ? results.loadMore : undefined}
    />
  );
}

export default function SearchPage({ kind = 'pins' }: { kind?: SearchKind }) {
  const query = (new URLSearchParams(useSearch()).get('q') ?? '').trim();
  if (!query)
    return <Message title="Search for ideas">Type what you’re looking for in the search box above.</Message>;
  const active = Math.max(
    0,
    KINDS.findIndex((k) => k.kind === kind),
  );
  return (
    <Box paddingX={2} paddingY={4}>
      <Box paddingX={2} marginBottom={3}>
        <Flex direction="column" gap={3}>
          <Heading size="400" accessibilityLevel={1}>
            {`Results for “${query}”`}
          </Heading>
          <Tabs
            activeTabIndex={active}
            onChange={() => {}}
            tabs={KINDS.map((k) => ({ href: paths.searchOf(k.kind, query), text: k.text }))}
          />
        </Flex>
      </Box>
      <Box paddingX={2}>
        <Refinements query={query} kind={kind} />
      </Box>
      {kind === 'boards' ? (
        <BoardResults query={query} />
      ) : kind === 'users' ? (
        <PeopleResults query={query} />
      ) : (
        <PinResults query={query} />
      )}
    </Box>
  );
}
