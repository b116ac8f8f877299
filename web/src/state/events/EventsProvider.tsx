// Wires the tracker to the page: one tracker per signed-in visit, flushed when the tab is hidden or
// left. Sending uses fetch with keepalive rather than sendBeacon, because a cookie-session write
// must carry the X-CSRF-Token header and sendBeacon cannot set headers. Until the server lists
// POST /v5/events in its OpenAPI document, events are dropped without a request.
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { supports } from '../../api/capabilities.ts';
import { writeHeaders } from '../../api/client.ts';
import { useSession } from '../session.tsx';
import {
  type ClientEvent,
  type ClientEventType,
  EventTracker,
  eventLocale,
  type Surface,
} from './tracker.ts';

type Track = (type: ClientEventType, pinId: string, surface: Surface) => void;

interface Events {
  track: Track;
  /** Sends what is queued now (before logging out, while the session still accepts it). */
  flush: () => Promise<void>;
}

const EventsContext = createContext<Events>({ track: () => {}, flush: async () => {} });

async function sendEvents(events: ClientEvent[], leaving: boolean): Promise<void> {
  if (!(await supports('post /v5/events'))) return;
  await fetch('/v5/events', {
    method: 'POST',
    credentials: 'same-origin',
    keepalive: leaving,
    headers: writeHeaders(true),
    body: JSON.stringify({ events }),
  });
}

function browsingSessionId(): string | null {
  try {
    const key = 'corkboard:event-session';
    const existing = sessionStorage.getItem(key);
    if (existing) return existing;
    const id = crypto.randomUUID();
    sessionStorage.setItem(key, id);
    return id;
  } catch {
    return null;
  }
}

export function EventsProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const signedIn = session.status === 'signed-in';
  const tracker = useMemo(
    () =>
      signedIn
        ? new EventTracker({
            send: sendEvents,
            locale: eventLocale(navigator.language),
            sessionId: browsingSessionId(),
          })
        : null,
    [signedIn],
  );

  useEffect(() => {
    if (!tracker) return;
    const leave = () => void tracker.flush(true);
    const hidden = () => {
      if (document.visibilityState === 'hidden') void tracker.flush(true);
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
      // The session changed (logged out): its events can no longer be sent as that person.
      tracker.discard();
    };
  }, [tracker]);

  const events = useMemo<Events>(
    () => ({
      track: (type, pinId, surface) => tracker?.track(type, pinId, surface),
      flush: async () => tracker?.flush(false),
    }),
    [tracker],
  );
  return <EventsContext.Provider value={events}>{children}</EventsContext.Provider>;
}

export const useTrack = (): Track => useContext(EventsContext).track;
export const useFlushEvents = (): (() => Promise<void>) => useContext(EventsContext).flush;
