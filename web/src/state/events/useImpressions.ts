// One ImpressionWatcher per grid; each card registers its element through the returned ref maker.
import { useCallback, useEffect, useRef } from 'react';
import { useTrack } from './EventsProvider.tsx';
import { ImpressionWatcher } from './impressions.ts';
import type { Surface } from './tracker.ts';

export function useImpressions(surface: Surface): (pinId: string) => (element: Element | null) => void {
  const track = useTrack();
  const watcher = useRef<ImpressionWatcher | null>(null);
  const stops = useRef(new Map<string, () => void>());
  // One ref callback per pin, so memoized cards keep the same ref across renders.
  const refs = useRef(new Map<string, (element: Element | null) => void>());

  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return;
    const current = new ImpressionWatcher({
      onImpression: (pinId) => track('pin.impression.v1', pinId, surface),
    });
    watcher.current = current;
    return () => {
      current.disconnect();
      watcher.current = null;
      stops.current.clear();
    };
  }, [track, surface]);

  return useCallback((pinId: string) => {
    let ref = refs.current.get(pinId);
    if (!ref) {
      ref = (element: Element | null) => {
        stops.current.get(pinId)?.();
        stops.current.delete(pinId);
        if (element && watcher.current) stops.current.set(pinId, watcher.current.watch(element, pinId));
      };
      refs.current.set(pinId, ref);
    }
    return ref;
  }, []);
}
