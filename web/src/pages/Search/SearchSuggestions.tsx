// Typeahead under the header's search box: searches, pins, boards and people matching what is being
// typed (GET /v5/search/typeahead, typo-tolerant), each a link. Focus stays in the search box while
// typing; ArrowDown moves into the list, the arrow keys walk it, Escape goes back to the box.
// Loaded on demand, so pages that never search do not pay for it.
import { Avatar, Box, Flex, Icon, Image, Mask, TapAreaLink, Text } from 'gestalt';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { searchApi } from './search-api.ts';
import { inMenuOrder, type Suggestion, type SuggestionGroups, suggestionHref } from './typeahead.ts';

const DEBOUNCE_MS = 150;
const PER_GROUP = 4;

interface Props {
  /** The box around the search field (positioned: the list hangs below it); its input keeps the focus while typing. */
  anchor: HTMLElement | null;
  query: string;
  onDismiss: () => void;
}

const HEADINGS: Record<Suggestion['kind'], string> = {
  term: 'Searches',
  pin: 'Pins',
  board: 'Boards',
  user: 'People',
};
const KIND_LABELS: Record<Suggestion['kind'], string> = {
  term: 'Search',
  pin: 'Pin',
  board: 'Board',
  user: 'Person',
};

function Picture({ suggestion }: { suggestion: Suggestion }) {
  if (suggestion.kind === 'user')
    return <Avatar name={suggestion.text} src={suggestion.image ?? undefined} size="sm" />;
  if (suggestion.kind === 'term') {
    return (
      <Box width={32} height={32} display="flex" alignItems="center" justifyContent="center">
        <Icon icon="search" accessibilityLabel="" size={16} color="subtle" />
      </Box>
    );
  }
  return (
    <Mask rounding={2} width={32} height={32}>
      <Box width={32} height={32} color="secondary">
        {suggestion.image && (
          <Image alt="" src={suggestion.image} naturalWidth={1} naturalHeight={1} fit="cover" />
        )}
      </Box>
    </Mask>
  );
}

function useSuggestions(query: string): SuggestionGroups | null {
  const [groups, setGroups] = useState<SuggestionGroups | null>(null);
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      searchApi.typeahead(query, { limit: PER_GROUP }).then(
        (found) => live && setGroups(found),
        () => live && setGroups(null),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query]);
  return groups;
}

/** The suggestion links in the list, in order. */
function linksIn(list: HTMLElement | null): HTMLAnchorElement[] {
  return [...(list?.querySelectorAll<HTMLAnchorElement>('a') ?? [])];
}

export default function SearchSuggestions({ anchor, query, onDismiss }: Props) {
  const groups = useSuggestions(query.trim());
  const list = useRef<HTMLElement>(null);
  const items = groups ? inMenuOrder(groups, PER_GROUP) : [];
  const input = anchor?.querySelector('input') ?? null;

  // ArrowDown in the search box enters the list; Escape there closes it.
  useEffect(() => {
    if (!input) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      const first = linksIn(list.current)[0];
      if (event.key === 'ArrowDown' && first) {
        event.preventDefault();
        first.focus();
      } else if (event.key === 'Escape') onDismiss();
    };
    input.addEventListener('keydown', onKey);
    return () => input.removeEventListener('keydown', onKey);
  }, [input, onDismiss]);

  // A press outside the search box and the list closes the list.
  useEffect(() => {
    const onPress = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target && !anchor?.contains(target)) onDismiss();
    };
    document.addEventListener('pointerdown', onPress);
    return () => document.removeEventListener('pointerdown', onPress);
  }, [anchor, onDismiss]);

  if (items.length === 0) return null;

  const walk = (event: KeyboardEvent<HTMLElement>) => {
    const all = linksIn(list.current);
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at === -1) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = at + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input?.focus();
      else all[Math.min(next, all.length - 1)]!.focus();
    } else if (event.key === 'Escape') {
      input?.focus();
      onDismiss();
    }
  };

  return (
    <section
      ref={list}
      onKeyDown={walk}
      data-test-id="search-suggestions"
      aria-label="Search suggestions"
      style={{
        position: 'absolute',
        top: 'calc(100% + 8px)',
        left: 0,
        width: 'min(520px, 100%)',
        maxHeight: '70vh',
        overflowY: 'auto',
        background: '#fff',
        borderRadius: 16,
        boxShadow: '0 2px 16px rgba(0, 0, 0, 0.18)',
      }}
    >
      <Box padding={2}>
        {items.map((suggestion, index) => {
          const heading =
            index === 0 || items[index - 1]!.kind !== suggestion.kind ? HEADINGS[suggestion.kind] : null;
          return (
            <Box key={`${suggestion.kind}:${suggestion.id}`}>
              {heading && (
                <Box paddingX={2} paddingY={1} marginTop={index === 0 ? 0 : 2}>
                  <Text size="100" color="subtle" weight="bold">
                    {heading}
                  </Text>
                </Box>
              )}
              <TapAreaLink
                href={suggestionHref(suggestion)}
                rounding={2}
                onTap={onDismiss}
                accessibilityLabel={`${KIND_LABELS[suggestion.kind]}: ${suggestion.text}`}
                dataTestId="suggestion"
              >
                <Box padding={2}>
                  <Flex alignItems="center" gap={2}>
                    <Picture suggestion={suggestion} />
                    <Text lineClamp={1} weight={suggestion.kind === 'term' ? 'normal' : 'bold'}>
                      {suggestion.text}
                    </Text>
                  </Flex>
                </Box>
              </TapAreaLink>
            </Box>
          );
        })}
      </Box>
    </section>
  );
}
