import { useCallback, useEffect, useState } from 'react';
import { api } from '../api-client';
import { isApiProblem } from '../api-problem';
import { takeEarlyRestore } from './early-restore';
import { sessionStore } from './session-store';
import { useSession } from './use-session';

/**
 * After a reload only the refresh token survives (sessionStorage); trade it for a fresh access
 * token before rendering signed-in pages. A network failure keeps the token so "Try again"
 * can still restore the session instead of forcing a new sign-in.
 */
export function useRestoreSession(): { error: string | null; retry: () => void } {
  const { status } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (status !== 'restoring') return;
    let cancelled = false;
    setError(null);
    const attempt = takeEarlyRestore() ?? api.refreshSession();
    attempt.catch((reason: unknown) => {
      if (cancelled) return;
      // refreshSession only rejects for an unreachable or failing server: keep the token.
      // Offline (status 0): carry on as the person this tab was signed in as, from the phone's copy.
      if (isApiProblem(reason) && reason.status === 0 && sessionStore.resumeOffline()) return;
      if (isApiProblem(reason)) setError(reason.userMessage);
      else sessionStore.end('expired');
    });
    return () => {
      cancelled = true;
    };
  }, [status, attempt]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  return { error, retry };
}
