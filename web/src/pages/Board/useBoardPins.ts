// A board's (or one section's) pins, page by page, as a list the page may rearrange in place: after
// a reorder or a move the grid shows the new order at once, without loading the board again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Pin } from '../../api/types.ts';
import { appendUnique } from '../../state/paged.ts';
import { boardApi } from './board-api.ts';

export interface BoardPins {
  items: Pin[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  /** Replaces the shown list (after a reorder or move the server has accepted). */
  update: (change: (items: Pin[]) => Pin[]) => void;
  reload: () => void;
}

export function useBoardPins(boardId: string | null, sectionId: string | null): BoardPins {
  const [items, setItems] = useState<Pin[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [bookmark, setBookmark] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [generation, setGeneration] = useState(0);
  const live = useRef(0);

  const load = useCallback(
    (from: string | null, reset: boolean) => {
      if (!boardId) return;
      const mine = live.current;
      setLoading(true);
      boardApi.pins(boardId, sectionId, from).then(
        (page) => {
          if (mine !== live.current) return;
          setItems((current) => appendUnique(reset ? [] : current, page.items));
          setBookmark(page.bookmark);
          setHasMore(page.bookmark !== null);
          setError(null);
          setLoading(false);
        },
        (failure: unknown) => {
          if (mine !== live.current) return;
          setError(failure);
          setHasMore(false);
          setLoading(false);
        },
      );
    },
    [boardId, sectionId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` restarts the list on reload
  useEffect(() => {
    live.current += 1;
    setItems([]);
    setBookmark(null);
    setHasMore(true);
    setError(null);
    load(null, true);
  }, [load, generation]);

  const loadMore = useCallback(() => {
    if (!loading && hasMore && bookmark !== null) load(bookmark, false);
  }, [loading, hasMore, bookmark, load]);

  const update = useCallback((change: (items: Pin[]) => Pin[]) => setItems((current) => change(current)), []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { items, loading, error, hasMore, loadMore, update, reload };
}
