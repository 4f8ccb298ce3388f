import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiPost, isApiError, onUnauthorized } from '../api/client';
import type { UserView } from '../api/types';
import { answeredSession, forgetSessionProbe, rememberSignedIn, takeSessionProbe } from './session-probe';

/** What the app knows about the session. */
export interface AuthState {
  /** False until the first `GET /api/auth/me` has answered. */
  ready: boolean;
  user: UserView | null;
  /** Logs in; throws the server's ApiError (INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS, …). */
  login(username: string, password: string): Promise<UserView>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/**
 * Holds the logged-in user. Asks the server once on start; any later 401 from any call
 * forgets the user, which makes the route guard show the login page.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  // The entry's probe has usually answered before React starts: no loading step then.
  const [initial] = useState(answeredSession);
  const [ready, setReady] = useState(initial !== undefined);
  const [user, setUser] = useState<UserView | null>(initial?.user ?? null);

  useEffect(() => {
    if (initial) {
      forgetSessionProbe();
      if (!initial.user) rememberSignedIn(false); // the early probe's 401
      return;
    }
    const controller = new AbortController();
    // Usually the entry's probe, already under way (or answered) before React started.
    takeSessionProbe()
      .then((body) => {
        if (!controller.signal.aborted) setUser(body.user);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (!isApiError(error) || error.status !== 401) console.warn('session probe failed', error);
        // Only a 401 says "signed out"; a failed probe (server down) leaves the hint as it was.
        else rememberSignedIn(false);
        setUser(null);
      })
      .finally(() => {
        if (!controller.signal.aborted) setReady(true);
      });
    return () => controller.abort();
  }, [initial]);

  useEffect(
    () =>
      onUnauthorized(() => {
        rememberSignedIn(false);
        setUser(null);
      }),
    [],
  );

  // The next page load's entry reads this to decide whether to start signed-in reads early.
  useEffect(() => {
    if (user) rememberSignedIn(true);
  }, [user]);

  const login = useCallback(async (username: string, password: string) => {
    const body = await apiPost<{ user: UserView }>('/api/auth/login', { username, password }, { redirectOn401: false });
    setUser(body.user);
    return body.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiPost<void>('/api/auth/logout', undefined, { redirectOn401: false });
    } finally {
      rememberSignedIn(false);
      setUser(null);
    }
  }, []);

  const value = useMemo<AuthState>(() => ({ ready, user, login, logout }), [ready, user, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session; only inside {@link AuthProvider}. */
export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The logged-in user; only inside routes guarded by RequireAuth. */
export function useCurrentUser(): UserView {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser used outside a guarded route');
  return user;
}
