import type { FetchQueryOptions, QueryClient } from '@tanstack/react-query';
import { getMyWorkQueryOptions } from '../features/service-requests/api/get-my-work';
import { getServiceRequestQueryOptions } from '../features/service-requests/api/get-service-request';
import { sessionStore } from '../lib/auth/session-store';
import { getMyAssignmentsQueryOptions } from '../lib/reference-data/my-assignments';
import { getServiceTypesQueryOptions } from '../lib/reference-data/service-types';

/**
 * Starts a page's main replies as soon as the session allows, in parallel with fetching the page's
 * code (route loaders run alongside `lazy`): on a phone the data no longer waits for the code, the
 * render and then a round trip. The pages' own queries pick the replies up from the cache. A loader
 * never waits for these (the page shows its loading state as before) and never fails the navigation.
 */
function whenSignedIn(work: () => void): void {
  const { status } = sessionStore.getState();
  if (status === 'signed-in') {
    work();
    return;
  }
  if (status !== 'restoring') return;
  const unsubscribe = sessionStore.subscribe(() => {
    const next = sessionStore.getState().status;
    if (next === 'restoring') return;
    unsubscribe();
    if (next === 'signed-in') work();
  });
}

function prefetch(queryClient: QueryClient, options: () => FetchQueryOptions[]): null {
  whenSignedIn(() => {
    for (const option of options()) void queryClient.prefetchQuery(option);
  });
  return null;
}

/** "My work" on the home page (officers and lieutenants): their assignments, open requests, categories. */
export function prefetchHome(queryClient: QueryClient): null {
  return prefetch(queryClient, () =>
    sessionStore.getState().user?.roles.some((role) => role === 'staff' || role === 'lieutenant')
      ? ([
          getMyAssignmentsQueryOptions(),
          getMyWorkQueryOptions(),
          getServiceTypesQueryOptions(),
        ] as FetchQueryOptions[])
      : [],
  );
}

/** A request's page: the request itself and the categories. */
export function prefetchServiceRequest(queryClient: QueryClient, requestId: string | undefined): null {
  if (!requestId) return null;
  return prefetch(
    queryClient,
    () => [getServiceRequestQueryOptions(requestId), getServiceTypesQueryOptions()] as FetchQueryOptions[],
  );
}
