import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { api } from '../../../lib/api-client';
import { ATTACHMENTS_QUERY_KEY } from './get-attachments';

/*
 * Files are fetched with the session's token (an <img src> could not send it) and shown through an
 * object URL. The blob is cached by React Query like any other read; the URL lives as long as the
 * component showing it.
 */

export function getAttachmentFile(url: string, signal?: AbortSignal): Promise<Blob> {
  return api.get<Blob>(url, { signal, responseType: 'blob' });
}

export function getAttachmentFileQueryOptions(url: string) {
  return queryOptions({
    queryKey: [...ATTACHMENTS_QUERY_KEY, 'file', url] as const,
    queryFn: ({ signal }) => getAttachmentFile(url, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });
}

/** An object URL for the file at `url` (null while loading or when `url` is null). */
export function useAttachmentObjectUrl(url: string | null) {
  const query = useQuery({ ...getAttachmentFileQueryOptions(url ?? ''), enabled: url !== null });
  const objectUrl = useMemo(() => (query.data ? URL.createObjectURL(query.data) : null), [query.data]);
  useEffect(() => () => (objectUrl ? URL.revokeObjectURL(objectUrl) : undefined), [objectUrl]);
  return { objectUrl, query };
}
