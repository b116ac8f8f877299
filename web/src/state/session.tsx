// Who is signed in. The session lives in HttpOnly cookies set by /v5/auth/*; the app asks
// /v5/auth/session once at start, and only when the readable CSRF cookie says a session may exist,
// so a first visit makes no request that is bound to fail.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { hasSessionCookie } from '../api/client.ts';
import { auth } from '../api/endpoints.ts';
import { ApiError } from '../api/errors.ts';
import type { Profile, SessionInfo } from '../api/types.ts';
import { loadBoards } from './boards.ts';
import { forgetFollowing } from './following.ts';

export type SessionState =
  | { status: 'loading'; user: null }
  | { status: 'anonymous'; user: null }
  | { status: 'signed-in'; user: Profile };

interface SessionApi {
  session: SessionState;
  /** After sign-up or log-in: the server has set the cookies, this is what it answered. */
  signedIn(info: SessionInfo): void;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>(() =>
    hasSessionCookie() ? { status: 'loading', user: null } : { status: 'anonymous', user: null },
  );

  useEffect(() => {
    if (!hasSessionCookie()) return;
    let live = true;
    auth.session().then(
      (info) => live && setSession({ status: 'signed-in', user: info.user }),
      (error: unknown) => {
        if (!live) return;
        // An expired session is simply signed out; anything else leaves the app usable signed out too.
        if (!(error instanceof ApiError)) console.warn('session check failed', error);
        setSession({ status: 'anonymous', user: null });
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const signedIn = useCallback((info: SessionInfo) => {
    forgetFollowing();
    setSession({ status: 'signed-in', user: info.user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await auth.logout();
    } finally {
      loadBoards(null);
      forgetFollowing();
      setSession({ status: 'anonymous', user: null });
    }
  }, []);

  const value = useMemo(() => ({ session, signedIn, logout }), [session, signedIn, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession needs a SessionProvider');
  return context;
}

/** The signed-in user; only for pages behind RequireSession. */
export function useUser(): Profile {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser needs a signed-in session');
  return session.user;
}
