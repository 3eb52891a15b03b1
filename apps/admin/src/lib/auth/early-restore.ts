import { api } from '../api-client';
import { sessionStore } from './session-store';

/** The refresh started while the page's code still loads, until useRestoreSession takes it over. */
let early: Promise<boolean> | null = null;
let started = false;

/**
 * Starts trading the stored refresh token as the app boots, in parallel with fetching the page's
 * code, instead of after it has loaded and rendered (one round trip less before the page's data on a
 * phone). Called by the boot script (src/boot.ts), which arrives long before React does, and again
 * by main.tsx for the development server, which has no boot script: only the first call counts.
 * React-free on purpose: whatever this module imports, the boot script waits for.
 */
export function startSessionRestore(): void {
  if (started) return;
  started = true;
  if (sessionStore.getState().status !== 'restoring') return;
  early = api.refreshSession();
  // Handled by the hook; until it mounts, a failure is not an unhandled rejection.
  early.catch(() => {});
}

/** The early attempt, once: RequireAuth's hook takes it over, with its error handling. */
export function takeEarlyRestore(): Promise<boolean> | null {
  const attempt = early;
  early = null;
  return attempt;
}
