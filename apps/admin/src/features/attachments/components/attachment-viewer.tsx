import { useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { ProblemAlert } from '../../../components/status-messages';
import { getAttachmentFile, useAttachmentObjectUrl } from '../api/get-attachment-file';
import { useRemoveAttachment, useSetAttachmentVisibility } from '../api/change-attachment';
import type { Attachment, AttachmentOwnerRef } from '../types';

function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Saves the file under its name (fetched with the session's token, then handed to the browser). */
async function saveFile(attachment: Attachment) {
  const blob = await getAttachmentFile(`${attachment.url}?download=true`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * One attachment large, with previous/next through the gallery, and (for people who may) marking a
 * photo public or internal and removing it. Removing asks once more before it happens.
 */
export function AttachmentViewer({
  owner,
  items,
  index,
  canWrite,
  canMakePublic,
  onNavigate,
  onClose,
  onChanged,
}: {
  owner: AttachmentOwnerRef;
  items: Attachment[];
  index: number | null;
  canWrite: boolean;
  canMakePublic: boolean;
  onNavigate: (index: number) => void;
  onClose: () => void;
  onChanged: (message: string) => void;
}) {
  const attachment = index === null ? undefined : items[index];
  return (
    <Dialog
      open={attachment !== undefined}
      title={attachment ? attachment.fileName : 'Attachment'}
      onClose={onClose}
      description={attachment ? `${index! + 1} of ${items.length}` : undefined}
    >
      {attachment ? (
        <ViewerBody
          key={attachment.id}
          owner={owner}
          attachment={attachment}
          hasPrevious={index! > 0}
          hasNext={index! < items.length - 1}
          canWrite={canWrite}
          canMakePublic={canMakePublic}
          onPrevious={() => onNavigate(index! - 1)}
          onNext={() => onNavigate(index! + 1)}
          onRemoved={(message) => {
            onChanged(message);
            onClose();
          }}
          onChanged={onChanged}
        />
      ) : null}
    </Dialog>
  );
}

function ViewerBody({
  owner,
  attachment,
  hasPrevious,
  hasNext,
  canWrite,
  canMakePublic,
  onPrevious,
  onNext,
  onRemoved,
  onChanged,
}: {
  owner: AttachmentOwnerRef;
  attachment: Attachment;
  hasPrevious: boolean;
  hasNext: boolean;
  canWrite: boolean;
  canMakePublic: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onRemoved: (message: string) => void;
  onChanged: (message: string) => void;
}) {
  const isImage = attachment.kind === 'image';
  const { objectUrl, query } = useAttachmentObjectUrl(isImage ? attachment.url : null);
  const visibility = useSetAttachmentVisibility(owner);
  const removal = useRemoveAttachment(owner);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const isPublic = attachment.visibility === 'public';

  return (
    <div className="attachment-viewer">
      {isImage ? (
        objectUrl ? (
          <img
            className="attachment-viewer-image"
            src={objectUrl}
            alt={attachment.caption ?? `Photo ${attachment.fileName}`}
          />
        ) : query.isError ? (
          <ProblemAlert
            error={query.error}
            title="Could not load the photo"
            onRetry={() => query.refetch()}
          />
        ) : (
          <p className="muted">Loading the photo…</p>
        )
      ) : (
        <p>PDF document. Download it to read it.</p>
      )}
      {attachment.caption ? <p>{attachment.caption}</p> : null}
      <p className="muted">
        {formatBytes(attachment.byteSize)}
        {attachment.width ? ` · ${attachment.width} × ${attachment.height} pixels` : ''} · added{' '}
        {new Date(attachment.createdAt).toLocaleString()}
        {attachment.uploadedBy.name ? ` by ${attachment.uploadedBy.name}` : ''} ·{' '}
        {attachment.source === 'requester' ? 'from the resident' : 'from staff'} ·{' '}
        <strong>{isPublic ? 'Public' : 'Internal'}</strong>
      </p>
      {visibility.isError ? <ProblemAlert error={visibility.error} title="Could not change it" /> : null}
      {removal.isError ? <ProblemAlert error={removal.error} title="Could not remove it" /> : null}
      {saveError ? <ProblemAlert error={saveError} title="Could not download it" /> : null}
      <div className="button-row">
        <button type="button" className="button button-small" disabled={!hasPrevious} onClick={onPrevious}>
          Previous
        </button>
        <button type="button" className="button button-small" disabled={!hasNext} onClick={onNext}>
          Next
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setSaveError(null);
            saveFile(attachment).catch(setSaveError);
          }}
        >
          Download
        </button>
        {canWrite && canMakePublic && isImage ? (
          <button
            type="button"
            className="button button-small"
            disabled={visibility.isPending}
            onClick={() =>
              visibility.mutate(
                { id: attachment.id, visibility: isPublic ? 'internal' : 'public' },
                {
                  onSuccess: (changed) =>
                    onChanged(
                      changed.visibility === 'public'
                        ? `${changed.fileName} is public: it shows on the public status page.`
                        : `${changed.fileName} is internal again.`,
                    ),
                },
              )
            }
          >
            {isPublic ? 'Make internal' : 'Make public'}
          </button>
        ) : null}
        {canWrite ? (
          confirmingRemoval ? (
            <>
              <button
                type="button"
                className="button button-small button-danger"
                disabled={removal.isPending}
                onClick={() =>
                  removal.mutate(
                    { id: attachment.id },
                    { onSuccess: () => onRemoved(`${attachment.fileName} was removed.`) },
                  )
                }
              >
                Yes, remove it
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setConfirmingRemoval(false)}
              >
                Keep it
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => setConfirmingRemoval(true)}
            >
              Remove
            </button>
          )
        ) : null}
      </div>
    </div>
  );
}
