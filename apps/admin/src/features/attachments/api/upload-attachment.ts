import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadWithProgress } from '../../../lib/upload-with-progress';
import type { Attachment, AttachmentOwnerRef } from '../types';
import { attachmentsKey, attachmentsPath } from './get-attachments';

export interface UploadAttachmentInput {
  owner: AttachmentOwnerRef;
  file: File;
  /** A resident's own photo (removed with their contact data by retention). */
  fromRequester: boolean;
  onProgress: (fraction: number) => void;
}

export function uploadAttachment({ owner, file, fromRequester, onProgress }: UploadAttachmentInput) {
  const form = new FormData();
  // Fields before the file: the server reads them with it.
  form.append('source', fromRequester ? 'requester' : 'staff');
  form.append('file', file, file.name);
  return uploadWithProgress<Attachment>(attachmentsPath(owner), form, onProgress);
}

export function useUploadAttachment(owner: AttachmentOwnerRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAttachment,
    onSettled: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(owner) }),
  });
}
