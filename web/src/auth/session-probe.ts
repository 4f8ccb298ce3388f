/**
 * The first `GET /api/auth/me` of the page, started by the entry (main.tsx) before React and
 * antd have loaded, so the answer is there when the app first renders instead of being asked
 * for only then.
 */
import { apiGet, isApiError } from '../api/client';
import type { UserView } from '../api/types';

let early: Promise<{ user: UserView }> | null = null;
/** The early probe's answer once it has come: the user, or null for no session (401). */
let answered: { user: UserView | null } | null = null;

/**
 * Where the page remembers that this browser was signed in when it was last here. The session
 * cookie itself is out of the page's reach (httpOnly), and the entry must decide before any
 * answer whether to start reads that need a session: without this hint a signed-out visit to
 * the cockpit sent one figures request doomed to a 401 before showing the login page.
 */
const SIGNED_IN_HINT = 'shuzhi.signed-in';

/** Notes whether a user is signed in now (the app calls this whenever it learns it). */
export function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_HINT, '1');
    else window.localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // Storage refused (private mode, quota): the hint only saves a request.
  }
}

/**
 * Whether this browser was signed in when the page last knew: only a hint (the session may
 * have expired since), used to skip early reads that a signed-out visit could not make.
 * Without storage it answers true, as the page behaved before the hint.
 */
export function probablySignedIn(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true;
  }
}

/** Starts the page's session probe (once). */
export function startSessionProbe(): void {
  if (early) return;
  const pending = apiGet<{ user: UserView }>('/api/auth/me', { redirectOn401: false });
  early = pending;
  pending.then(
    (body) => {
      if (early === pending) answered = { user: body.user };
    },
    (error: unknown) => {
      // Only a plain "no session" counts as an answer; other failures are the app's to report.
      if (early === pending && isApiError(error) && error.status === 401) answered = { user: null };
    },
  );
}

/**
 * The early probe's answer when it has come already (the app then starts from it without a
 * loading step), else undefined. Read once, by the app's one AuthProvider as it starts.
 */
export function answeredSession(): { user: UserView | null } | undefined {
  return answered ?? undefined;
}

/** The early probe the first time (when one was started), a fresh one after. */
export function takeSessionProbe(): Promise<{ user: UserView }> {
  const taken = early ?? apiGet<{ user: UserView }>('/api/auth/me', { redirectOn401: false });
  early = null;
  answered = null;
  return taken;
}

/**
 * Forgets the early probe once the app has started from its answer, so that nothing started
 * later (a remounted provider) can take the page-load user for the current one.
 */
export function forgetSessionProbe(): void {
  early = null;
  answered = null;
}
