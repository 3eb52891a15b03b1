import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigation } from 'react-router-dom';
import { useLogout } from '../../features/auth/api/logout';
import { InboxLink } from '../../features/notifications/components/unread-badge';
import { ConnectionStatus } from '../../features/service-requests/components/offline/outbox-status';
import { can } from '../../lib/auth/permissions';
import { ROLE_LABELS } from '../../lib/auth/types';
import { useCurrentUser } from '../../lib/auth/use-session';
import { useLiveUpdates } from '../../lib/live-updates';
import { NAV_SECTIONS } from './navigation';

export function AppShell() {
  const user = useCurrentUser();
  const logoutMutation = useLogout();
  const navigation = useNavigation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const isFirstRender = useRef(true);
  const [menuOpen, setMenuOpen] = useState(false);
  useLiveUpdates();

  // After client-side navigation, move focus to the new page's heading, as a full page load
  // would reset it: screen-reader users hear where they are, keyboard users start at the top.
  useEffect(() => {
    setMenuOpen(false);
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    (heading ?? mainRef.current)?.focus();
  }, [location.pathname]);

  const sections = NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => !item.permission || can(user, item.permission)),
  })).filter((section) => section.items.length > 0);

  const isNavigating = navigation.state === 'loading';

  return (
    <div className={`shell${menuOpen ? ' nav-open' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        {/* Narrow windows (and 200 % zoom) fold the navigation away behind this button. */}
        <button
          type="button"
          className="button button-on-dark button-small menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-navigation"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <NavLink to="/" className="brand">
          <span className="brand-mark">NSP</span>
          <span className="brand-name">Neighborhood Service Platform</span>
        </NavLink>
        <div className="account">
          <InboxLink />
          <span className="account-name">
            {user.name}
            <span className="account-roles">
              {user.roles.map((role) => ROLE_LABELS[role] ?? role).join(', ')}
            </span>
          </span>
          <button
            type="button"
            className="button button-on-dark"
            onClick={() => logoutMutation.mutate()}
            aria-disabled={logoutMutation.isPending}
          >
            {logoutMutation.isPending ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      <div className={`progress${isNavigating ? ' progress-visible' : ''}`} aria-hidden="true" />
      <ConnectionStatus />
      <p role="status" className="visually-hidden">
        {isNavigating ? 'Loading page…' : ''}
      </p>
      <div className="shell-body">
        <nav className="sidenav" aria-label="Main" id="main-navigation">
          {sections.map((section) => (
            <div className="sidenav-section" key={section.label}>
              <h2 className="sidenav-heading">{section.label}</h2>
              <ul>
                {section.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} className="sidenav-link">
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
