import type { TokenStorage } from './session-store';

/**
 * Refresh tokens rotate, and presenting an already-rotated one ends the whole session (theft
 * detection). A duplicated browser tab starts with a copy of its parent's sessionStorage, so two
 * tabs can hold the same refresh token: the first to refresh would make the other's copy stale and
 * its next refresh would sign both out. Tabs therefore refresh one at a time (a Web Lock), and each
 * rotation is written to localStorage (old → new), so a tab about to refresh first follows the
 * chain to the newest token of its session instead of presenting a used one.
 */
export interface TokenRotation {
  /** Runs `work` while no other tab of this origin refreshes. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** The newest token this one was rotated into (by any tab), or the token itself. */
  latest(token: string): string;
  /** Records that `from` was exchanged for `to`. */
  record(from: string, to: string): void;
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

const PREFIX = 'nsp.rotated.';
/** Sessions end after 12 hours in any case: older rotations can never be followed again. */
const KEEP_MS = 12 * 60 * 60 * 1000;

export function createTokenRotation(
  storage: (TokenStorage & { key?(index: number): string | null; readonly length?: number }) | null,
  locks: LockManagerLike | null,
  now: () => number = Date.now,
): TokenRotation {
  const read = (token: string): string | null => {
    try {
      const raw = storage?.getItem(PREFIX + token);
      return raw ? (JSON.parse(raw) as { to: string }).to : null;
    } catch {
      return null;
    }
  };
  const prune = () => {
    if (!storage?.key || storage.length === undefined) return;
    const expired: string[] = [];
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        const { at } = JSON.parse(storage.getItem(key) ?? '{}') as { at?: number };
        if (!at || now() - at > KEEP_MS) expired.push(key);
      } catch {
        expired.push(key);
      }
    }
    for (const key of expired) storage.removeItem(key);
  };
  return {
    exclusive: (work) => (locks ? locks.request('nsp.token-refresh', work) : work()),
    latest(token) {
      let current = token;
      // A chain is as long as the refreshes of one session; the bound only guards against a loop.
      for (let step = 0; step < 1000; step++) {
        const next = read(current);
        if (!next || next === current) break;
        current = next;
      }
      return current;
    },
    record(from, to) {
      try {
        storage?.setItem(PREFIX + from, JSON.stringify({ to, at: now() }));
        prune();
      } catch {
        // No shared storage (private mode): tabs then cannot share a session, as before.
      }
    },
  };
}

function browserRotation(): TokenRotation {
  try {
    if (typeof window === 'undefined') return createTokenRotation(null, null);
    const locks = (navigator as Navigator & { locks?: LockManagerLike }).locks ?? null;
    return createTokenRotation(window.localStorage, locks);
  } catch {
    return createTokenRotation(null, null);
  }
}

export const tokenRotation = browserRotation();
