import type { AuthResponse, SessionUser } from './types';

export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';
/** Why a session ended: shown on the sign-in page so the person knows what happened. */
export type SessionEndReason = 'signed-out' | 'expired';

export interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  endReason: SessionEndReason | null;
}

/** The subset of the Web Storage API we use, so tests can pass a Map-backed fake. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const REFRESH_TOKEN_KEY = 'nsp.refreshToken';
/** Who is signed in in this tab (no secret): lets a phone reopen the app offline (resumeOffline). */
const USER_KEY = 'nsp.sessionUser';

/**
 * The signed-in person and their tokens. The access token lives only in memory (never
 * persisted, so script injection cannot lift a long-lived copy); the refresh token sits in
 * sessionStorage so a reload of this tab keeps the session while closing the tab ends it.
 */
export class SessionStore {
  private accessToken: string | null = null;
  /** Survives the end of a session, so a different person signing in can be detected. */
  private lastUserId: string | null = null;
  private state: SessionState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: TokenStorage | null) {
    this.state = {
      status: this.getRefreshToken() ? 'restoring' : 'signed-out',
      user: null,
      endReason: null,
    };
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getLastUserId(): string | null {
    return this.lastUserId;
  }

  getAccessToken(): string | null {
    return this.accessToken;
  }

  getRefreshToken(): string | null {
    try {
      return this.storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  /** Called after a login or a refresh: both rotate the refresh token. */
  signIn(auth: AuthResponse): void {
    this.accessToken = auth.accessToken;
    try {
      this.storage?.setItem(REFRESH_TOKEN_KEY, auth.refreshToken);
      this.storage?.setItem(USER_KEY, JSON.stringify(auth.user));
    } catch {
      // Storage can be unavailable (private mode quota); the session then lasts until reload.
    }
    this.lastUserId = auth.user.id;
    this.setState({ status: 'signed-in', user: auth.user, endReason: null });
  }

  /**
   * Without a connection the refresh token cannot be exchanged: a tab reopened offline continues as
   * the person it was signed in as, with no access token. Pages show what the service worker kept;
   * the first request once online gets a 401, refreshes, and carries on (or ends the session).
   */
  resumeOffline(): boolean {
    if (this.state.status !== 'restoring' || !this.getRefreshToken()) return false;
    let user: SessionUser | null = null;
    try {
      user = JSON.parse(this.storage?.getItem(USER_KEY) ?? 'null') as SessionUser | null;
    } catch {
      user = null;
    }
    if (!user?.id || !Array.isArray(user.roles)) return false;
    this.lastUserId = user.id;
    this.setState({ status: 'signed-in', user, endReason: null });
    return true;
  }

  end(reason: SessionEndReason): void {
    this.accessToken = null;
    try {
      this.storage?.removeItem(REFRESH_TOKEN_KEY);
      this.storage?.removeItem(USER_KEY);
    } catch {
      // nothing to clean up
    }
    this.setState({ status: 'signed-out', user: null, endReason: reason });
  }

  private setState(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

function browserSessionStorage(): TokenStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export const sessionStore = new SessionStore(browserSessionStorage());
