// A Masonry grid of pins with infinite scroll: `loadMore` runs as the reader nears the end.
import { Box, Masonry, Spinner } from 'gestalt';
import { useCallback } from 'react';
import type { Surface } from '../state/events/tracker.ts';
import { useImpressions } from '../state/events/useImpressions.ts';
import { type GridPin, PinCard } from './PinCard.tsx';

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
  return (
    <Box>
      <Masonry
        items={pins}
        renderItem={renderItem}
        columnWidth={COLUMN_WIDTH}
        gutterWidth={GUTTER}
        minCols={2}
        layout="flexible"
        scrollContainer={() => window}
        loadItems={loadMore && !loading ? () => loadMore() : undefined}
        virtualize
      />
      <Box padding={6}>
        <Spinner show={loading} accessibilityLabel="Loading more pins" />
      </Box>
    </Box>
  );
}
