import { useEffect } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { LoginForm } from '../../features/auth/components/login-form';
import { safeRedirectTarget } from '../../lib/auth/require-auth';
import { useRestoreSession } from '../../lib/auth/restore-session';
import { useSession } from '../../lib/auth/use-session';

export function LoginRoute() {
  const { status, endReason } = useSession();
  const [searchParams] = useSearchParams();
  const redirectTo = safeRedirectTarget(searchParams.get('redirectTo'));
  // A reload on this page with a live session goes straight back in.
  useRestoreSession();

  useEffect(() => {
    document.title = 'Sign in · NSP';
  }, []);

  // Also how a successful sign-in leaves this page: the session store flips to signed-in.
  if (status === 'signed-in') return <Navigate to={redirectTo} replace />;

  return (
    <div className="login-page">
      <header className="login-brand">
        <span className="brand-mark" aria-hidden="true">
          NSP
        </span>
        <span>Neighborhood Service Platform</span>
      </header>
      <main className="login-card" id="main">
        <h1>Sign in</h1>
        <p className="muted">Community Outreach Division staff access.</p>
        {endReason === 'expired' ? (
          <p className="notice notice-info" role="status">
            Your session has ended. Sign in again to continue where you left off.
          </p>
        ) : null}
        <LoginForm />
      </main>
    </div>
  );
}
