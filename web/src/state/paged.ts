// A list that loads page by page (bookmark pagination), for grids with infinite scroll. Items are
// kept once per id, so a pin that moves between pages while reading is not shown twice.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types.ts';

export interface Paged<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  /** False once the last page arrived. */
  hasMore: boolean;
  loadMore: () => void;
}

export function appendUnique<T extends { id: string }>(current: readonly T[], next: readonly T[]): T[] {
  const seen = new Set(current.map((item) => item.id));
  return [...current, ...next.filter((item) => !seen.has(item.id) && seen.add(item.id))];
}

/** `fetchPage` must be stable (useCallback) for a given list; a new one starts the list over. */
export function usePaged<T extends { id: string }>(
  fetchPage: ((bookmark: string | null) => Promise<Page<T>>) | null,
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [bookmark, setBookmark] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const generation = useRef(0);
  const inFlight = useRef(false);

  const load = useCallback(
    (from: string | null, reset: boolean) => {
      if (!fetchPage || inFlight.current) return;
      const mine = generation.current;
      inFlight.current = true;
      setLoading(true);
      fetchPage(from)
        .then(
          (page) => {
            if (mine !== generation.current) return;
            setItems((current) => (reset ? appendUnique([], page.items) : appendUnique(current, page.items)));
            setBookmark(page.bookmark);
            setHasMore(page.bookmark !== null);
            setError(null);
          },
          (failure: unknown) => {
            if (mine !== generation.current) return;
            setError(failure);
            setHasMore(false);
          },
        )
        .finally(() => {
          if (mine !== generation.current) return;
          inFlight.current = false;
          setLoading(false);
        });
    },
    [fetchPage],
  );

  useEffect(() => {
    generation.current += 1;
    inFlight.current = false;
    setItems([]);
    setBookmark(null);
    setHasMore(true);
    setError(null);
    load(null, true);
  }, [load]);

  const loadMore = useCallback(() => {
    if (hasMore && bookmark !== null) load(bookmark, false);
  }, [hasMore, bookmark, load]);

  return { items, loading, error, hasMore, loadMore };
}
