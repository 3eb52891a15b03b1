import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Attachment, AttachmentOwnerRef } from '../types';

export const ATTACHMENTS_QUERY_KEY = ['attachments'] as const;

export const attachmentsPath = (owner: AttachmentOwnerRef) =>
  `/api/v1/${owner.segment}/${encodeURIComponent(owner.id)}/attachments`;

export function attachmentsKey(owner: AttachmentOwnerRef) {
  return [...ATTACHMENTS_QUERY_KEY, owner.segment, owner.id] as const;
}

export function getAttachments(owner: AttachmentOwnerRef, signal?: AbortSignal): Promise<Attachment[]> {
  return api.get<{ items: Attachment[] }>(attachmentsPath(owner), { signal }).then((reply) => reply.items);
}

export function getAttachmentsQueryOptions(owner: AttachmentOwnerRef) {
  return queryOptions({
    queryKey: attachmentsKey(owner),
    queryFn: ({ signal }) => getAttachments(owner, signal),
    staleTime: 30_000,
  });
}

export function useAttachments(owner: AttachmentOwnerRef) {
  return useQuery(getAttachmentsQueryOptions(owner));
}
