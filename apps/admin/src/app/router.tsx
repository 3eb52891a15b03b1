import { createBrowserRouter, Outlet, RouterProvider } from 'react-router-dom';
import { LoadingState } from '../components/status-messages';
import { RequireAuth, RequirePermission } from '../lib/auth/require-auth';
import { AppShell } from './layout/app-shell';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';

/*
 * The sign-in page and the shell are in the initial bundle (everyone needs them first); each
 * area is its own chunk, fetched when first visited. Permission guards wrap the areas a role may
 * not use, so a typed-in URL shows "not available" instead of a page of 403 errors (the API is
 * what actually refuses; the navigation never offers those links).
 */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    HydrateFallback: () => <LoadingState label="Loading NSP…" />,
    children: [
      {
        // Errors inside a page render here, inside the shell, so navigation stays usable.
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: () => import('./routes/home').then((m) => ({ Component: m.HomeRoute })) },
          {
            path: 'neighborhoods',
            lazy: () => import('./routes/neighborhoods').then((m) => ({ Component: m.NeighborhoodsRoute })),
          },
          {
            path: 'neighborhoods/:neighborhoodId/reassign',
            element: (
              <RequirePermission permission="assignments.change">
                <Outlet />
              </RequirePermission>
            ),
            children: [
              {
                index: true,
                lazy: () =>
                  import('./routes/placeholders').then((m) => ({ Component: m.ReassignLieutenantRoute })),
              },
            ],
          },
          {
            path: 'service-requests',
            lazy: () => import('./routes/placeholders').then((m) => ({ Component: m.ServiceRequestsRoute })),
          },
          {
            path: 'sara-cases',
            lazy: () => import('./routes/placeholders').then((m) => ({ Component: m.SaraCasesRoute })),
          },
          {
            path: 'meetings',
            lazy: () => import('./routes/placeholders').then((m) => ({ Component: m.MeetingsRoute })),
          },
          {
            path: 'dashboards',
            element: (
              <RequirePermission permission="dashboards.view">
                <Outlet />
              </RequirePermission>
            ),
            children: [
              {
                index: true,
                lazy: () => import('./routes/placeholders').then((m) => ({ Component: m.DashboardsRoute })),
              },
            ],
          },
          {
            path: 'users',
            element: (
              <RequirePermission permission="users.manage">
                <Outlet />
              </RequirePermission>
            ),
            children: [
              {
                index: true,
                lazy: () => import('./routes/users').then((m) => ({ Component: m.UsersRoute })),
              },
            ],
          },
          {
            path: 'api-clients',
            element: (
              <RequirePermission permission="api-clients.manage">
                <Outlet />
              </RequirePermission>
            ),
            children: [
              {
                index: true,
                lazy: () => import('./routes/api-clients').then((m) => ({ Component: m.ApiClientsRoute })),
              },
            ],
          },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
