import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/**
 * Which public updates of a request the department published on the public announcements feed
 * (RSS / Atom / JSON Feed, syndicated by its social-media tools), and publishing or withdrawing one.
 */
export interface FeedPublication {
  eventId: string;
  requestId: string;
  publishedAt: string;
  withdrawnAt: string | null;
}

const base = (requestId: string) =>
  `/api/v1/service-requests/${encodeURIComponent(requestId)}/public-updates`;

export function getFeedPublications(requestId: string, signal?: AbortSignal) {
  return api.get<{ items: FeedPublication[] }>(`${base(requestId)}/publications`, { signal });
}

export const feedPublicationsKey = (requestId: string) => ['feed-publications', requestId] as const;

export function getFeedPublicationsQueryOptions(requestId: string) {
  return queryOptions({
    queryKey: feedPublicationsKey(requestId),
    queryFn: ({ signal }) => getFeedPublications(requestId, signal),
    staleTime: 30_000,
  });
}

export function useFeedPublications(requestId: string, enabled = true) {
  return useQuery({ ...getFeedPublicationsQueryOptions(requestId), enabled });
}

export function setFeedPublication(input: { requestId: string; eventId: string; published: boolean }) {
  const path = `${base(input.requestId)}/${encodeURIComponent(input.eventId)}/publication`;
  return api.request<FeedPublication>(input.published ? 'PUT' : 'DELETE', path);
}

export function useSetFeedPublication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setFeedPublication,
    onSuccess: (_publication, input) =>
      queryClient.invalidateQueries({ queryKey: feedPublicationsKey(input.requestId) }),
  });
}
