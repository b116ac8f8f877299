// A Masonry grid of pins with infinite scroll: `loadMore` runs as the reader nears the end.
import { Box, Masonry, Spinner } from 'gestalt';
import { useCallback } from 'react';
import type { Surface } from '../state/events/tracker.ts';
import { useImpressions } from '../state/events/useImpressions.ts';
import { type GridPin, PinCard } from './PinCard.tsx';
import { shortGridWidth } from './pin-image.ts';

export const COLUMN_WIDTH = 236;
export const GUTTER = 16;

interface Props {
  pins: readonly GridPin[];
  surface: Surface;
  /** Fetches the next page; absent when there is none. */
  loadMore?: () => void;
  loading?: boolean;
}

export function PinGrid({ pins, surface, loadMore, loading = false }: Props) {
  const watch = useImpressions(surface);
  const renderItem = useCallback(
    ({ data }: { data: GridPin }) => (
      <PinCard pin={data} columnWidth={COLUMN_WIDTH} watchImpression={watch(data.id)} />
    ),
    [watch],
  );
  // A short, complete list (a new board, a few search results) gets a grid just wide enough for
  // its pins, centred under the page's centred header, rather than hugging the left edge. Masonry
  // measures its width only when mounted, so the grid remounts when that width changes.
  const fewWidth = shortGridWidth(pins.length, !loadMore, COLUMN_WIDTH, GUTTER);
  return (
    <Box>
      <div style={{ maxWidth: fewWidth, marginInline: 'auto' }}>
        <Masonry
          key={fewWidth ?? 'full'}
          items={pins}
          renderItem={renderItem}
          columnWidth={COLUMN_WIDTH}
          gutterWidth={GUTTER}
          minCols={fewWidth ? 1 : 2}
          layout="flexible"
          scrollContainer={() => window}
          loadItems={loadMore && !loading ? () => loadMore() : undefined}
          virtualize
        />
      </div>
      <Box padding={6}>
        <Spinner show={loading} accessibilityLabel="Loading more pins" />
      </Box>
    </Box>
  );
}
