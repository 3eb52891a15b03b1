import type { ReactNode } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router-dom';
import { LoadingState } from '../components/status-messages';
import type { Permission } from '../lib/auth/permissions';
import { RequireAuth, RequirePermission } from '../lib/auth/require-auth';
import { AppShell } from './layout/app-shell';
import { prefetchHome, prefetchServiceRequest } from './prefetch';
import { queryClient } from './provider';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';

/** A route only some roles may use: a typed-in URL shows "not available" instead of 403 errors. */
function guarded(permission: Permission, path: string, lazy: RouteObject['lazy']): RouteObject {
  const guard: ReactNode = (
    <RequirePermission permission={permission}>
      <Outlet />
    </RequirePermission>
  );
  return { path, element: guard, children: [{ index: true, lazy } as RouteObject] };
}

/*
 * The sign-in page and the shell are in the initial bundle (everyone needs them first); each
 * area is its own chunk, fetched when first visited. Permission guards wrap the areas a role may
 * not use (the API is what actually refuses; the navigation never offers those links).
 */
const routes: RouteObject[] = [
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
          {
            index: true,
            loader: () => prefetchHome(queryClient),
            lazy: () => import('./routes/home').then((m) => ({ Component: m.HomeRoute })),
          },
          {
            path: 'service-requests',
            lazy: () =>
              import('./routes/service-requests').then((m) => ({ Component: m.ServiceRequestsRoute })),
          },
          guarded('service-requests.create', 'service-requests/new', () =>
            import('./routes/service-request-new').then((m) => ({ Component: m.NewServiceRequestRoute })),
          ),
          {
            path: 'service-requests/:requestId',
            loader: ({ params }) => prefetchServiceRequest(queryClient, params.requestId),
            lazy: () =>
              import('./routes/service-request').then((m) => ({ Component: m.ServiceRequestRoute })),
          },
          {
            path: 'neighborhoods',
            lazy: () => import('./routes/neighborhoods').then((m) => ({ Component: m.NeighborhoodsRoute })),
          },
          {
            path: 'neighborhoods/:neighborhoodId',
            lazy: () => import('./routes/neighborhood').then((m) => ({ Component: m.NeighborhoodRoute })),
          },
          guarded('assignments.change', 'neighborhoods/:neighborhoodId/reassign', () =>
            import('./routes/reassign-lieutenant').then((m) => ({ Component: m.ReassignLieutenantRoute })),
          ),
          {
            path: 'assignments',
            lazy: () => import('./routes/responsibility').then((m) => ({ Component: m.ResponsibilityRoute })),
          },
          {
            path: 'personnel',
            lazy: () => import('./routes/personnel').then((m) => ({ Component: m.PersonnelRoute })),
          },
          {
            path: 'sara-cases',
            lazy: () => import('./routes/sara-cases').then((m) => ({ Component: m.SaraCasesRoute })),
          },
          guarded('sara.manage', 'sara-cases/new', () =>
            import('./routes/sara-cases').then((m) => ({ Component: m.NewSaraCaseRoute })),
          ),
          {
            path: 'sara-cases/candidates',
            lazy: () => import('./routes/sara-cases').then((m) => ({ Component: m.SaraCandidatesRoute })),
          },
          {
            path: 'sara-cases/:caseId',
            lazy: () => import('./routes/sara-cases').then((m) => ({ Component: m.SaraCaseRoute })),
          },
          {
            path: 'meetings',
            lazy: () => import('./routes/meetings').then((m) => ({ Component: m.MeetingsRoute })),
          },
          {
            path: 'meetings/:meetingId',
            lazy: () => import('./routes/meetings').then((m) => ({ Component: m.MeetingRoute })),
          },
          {
            path: 'priorities',
            lazy: () => import('./routes/priorities').then((m) => ({ Component: m.PrioritiesRoute })),
          },
          guarded('dashboards.view', 'dashboards', () =>
            import('./routes/dashboards').then((m) => ({ Component: m.DashboardsRoute })),
          ),
          guarded('users.manage', 'users', () =>
            import('./routes/users').then((m) => ({ Component: m.UsersRoute })),
          ),
          guarded('api-clients.manage', 'api-clients', () =>
            import('./routes/api-clients').then((m) => ({ Component: m.ApiClientsRoute })),
          ),
          guarded('webhooks.manage', 'webhooks', () =>
            import('./routes/webhooks').then((m) => ({ Component: m.WebhooksRoute })),
          ),
          guarded('geography.import', 'boundary-import', () =>
            import('./routes/geography-import').then((m) => ({ Component: m.BoundaryImportRoute })),
          ),
          guarded('geography.import', 'address-import', () =>
            import('./routes/geography-import').then((m) => ({ Component: m.AddressImportRoute })),
          ),
          guarded('public-texts.manage', 'public-texts', () =>
            import('./routes/public-texts').then((m) => ({ Component: m.PublicTextsRoute })),
          ),
          guarded('geography.import', 'places', () =>
            import('./routes/geocoding-data').then((m) => ({ Component: m.PlacesRoute })),
          ),
          guarded('geography.import', 'jurisdiction', () =>
            import('./routes/geocoding-data').then((m) => ({ Component: m.JurisdictionRoute })),
          ),
          {
            path: 'unsent',
            lazy: () => import('./routes/unsent').then((m) => ({ Component: m.UnsentRoute })),
          },
          {
            path: 'inbox',
            lazy: () => import('./routes/notifications').then((m) => ({ Component: m.InboxRoute })),
          },
          {
            path: 'notifications/preferences',
            lazy: () => import('./routes/notifications').then((m) => ({ Component: m.MyPreferencesRoute })),
          },
          guarded('users.manage', 'users/:userId/notification-preferences', () =>
            import('./routes/notifications').then((m) => ({ Component: m.UserPreferencesRoute })),
          ),
          guarded('notifications.outbox', 'notification-outbox', () =>
            import('./routes/notifications').then((m) => ({ Component: m.OutboxRoute })),
          ),
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

let router: ReturnType<typeof createBrowserRouter> | undefined;

/**
 * Makes the router, once. Not when the module loads: making it matches the address and starts the
 * page's code and data (tens of milliseconds on a phone), and main.tsx gives that a task of its own
 * rather than adding it to the one that runs all of the app's modules or to React's first render.
 */
export function startRouter(): ReturnType<typeof createBrowserRouter> {
  router ??= createBrowserRouter(routes);
  return router;
}

export function AppRouter() {
  return <RouterProvider router={startRouter()} />;
}
