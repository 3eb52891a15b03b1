import { type ReactNode, useDeferredValue } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { useRestoreSession } from './restore-session';
import { useCan, useSession } from './use-session';
import type { Permission } from './permissions';

/** Where to send someone after sign-in: only same-app paths, never another origin. */
export function safeRedirectTarget(raw: string | null | undefined): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (raw.startsWith('/login')) return '/';
  return raw;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  // The session coming back swaps "Restoring your session…" for the whole app (shell, navigation,
  // the page and its queries). The store's change renders synchronously, in one task that held a
  // phone's main thread for a quarter of a second; as a deferred value React renders the app in the
  // background, in slices, and shows it when it is complete. Only that switch waits: a session
  // that ends shows the sign-in page at once (the app's pages need a signed-in user).
  const deferred = useDeferredValue(session);
  const { status, endReason } =
    session.status === 'signed-in' && deferred.status === 'restoring' ? deferred : session;
  const location = useLocation();
  const { error, retry } = useRestoreSession();

  if (status === 'restoring') {
    if (error) {
      return (
        <div className="fullpage-message">
          <div role="alert" className="alert alert-error">
            <h1 className="alert-title">Cannot restore your session</h1>
            <p>{error}</p>
            <button type="button" className="button button-primary" onClick={retry}>
              Try again
            </button>
          </div>
        </div>
      );
    }
    // The boot shell of index.html, only its message changed: the screen does not move between the
    // page loading, the session coming back and the app appearing (no layout shift).
    return (
      <div className="boot-shell">
        <p className="boot-brand">
          <span className="brand-mark">NSP</span> Neighborhood Service Platform
        </p>
        <p role="status" className="boot-message">
          Restoring your session…
        </p>
      </div>
    );
  }

  if (status === 'signed-out') {
    // After an explicit sign-out the next person starts fresh at the overview.
    if (endReason === 'signed-out') return <Navigate to="/login" replace />;
    // Remember the exact place (path, filters in the query string, anchor) to come back to.
    const redirectTo = `${location.pathname}${location.search}${location.hash}`;
    const search = redirectTo === '/' ? '' : `?redirectTo=${encodeURIComponent(redirectTo)}`;
    return <Navigate to={`/login${search}`} replace />;
  }

  return children;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  if (!allowed) {
    return (
      <div className="page">
        <PageHeader title="Not available for your role" />
        <p>Your account does not have access to this page. Ask an administrator if you need it.</p>
      </div>
    );
  }
  return children;
}
