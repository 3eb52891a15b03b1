import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Attachment, AttachmentOwnerRef } from '../types';
import { attachmentsKey } from './get-attachments';

const attachmentPath = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;

export function setAttachmentVisibility({
  id,
  visibility,
}: {
  id: string;
  visibility: Attachment['visibility'];
}) {
  return api.patch<Attachment>(attachmentPath(id), { visibility });
}

export function removeAttachment({ id }: { id: string }) {
  return api.delete(attachmentPath(id));
}

export function useSetAttachmentVisibility(owner: AttachmentOwnerRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAttachmentVisibility,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(owner) }),
  });
}

export function useRemoveAttachment(owner: AttachmentOwnerRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAttachment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(owner) }),
  });
}
