import { QueryClient, type DefaultOptions, type UseMutationOptions } from '@tanstack/react-query';
import { isApiProblem } from './api-problem';

const MAX_RETRIES = 2;

/** Retrying a 4xx cannot succeed (and a 401 has already been refreshed by the api client). */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiProblem(error) && error.status >= 400 && error.status < 500 && error.status !== 408) return false;
  return failureCount < MAX_RETRIES;
}

const defaultOptions: DefaultOptions = {
  queries: {
    // Always try the fetch, even when the browser says it is offline: the service worker answers
    // from the phone's copy (React Query's default 'online' mode would wait for a connection).
    networkMode: 'offlineFirst',
    staleTime: 30_000,
    retry: shouldRetry,
    refetchOnWindowFocus: true,
  },
  mutations: {
    retry: false,
  },
};

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions });
}

/** Lets a hook's caller add options (onSuccess, …) without replacing the hook's own wiring. */
export type MutationConfig<TFn extends (...args: never[]) => Promise<unknown>> = Omit<
  UseMutationOptions<Awaited<ReturnType<TFn>>, Error, Parameters<TFn>[0]>,
  'mutationFn'
>;
