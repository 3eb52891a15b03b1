import { useId, useState } from 'react';
import { ProblemAlert } from '../../../components/status-messages';
import { isApiProblem } from '../../../lib/api-problem';
import { useAttachments } from '../api/get-attachments';
import { useUploadAttachment } from '../api/upload-attachment';
import type { AttachmentOwnerRef } from '../types';
import { AttachmentThumbnail, attachmentLabel } from './attachment-thumbnail';
import { AttachmentViewer } from './attachment-viewer';
import { DropZone } from './drop-zone';

interface UploadState {
  key: string;
  name: string;
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  message?: string;
}

/**
 * Photos and documents of one owner (a service request; SARA cases and meetings use it too): a drop
 * zone with per-file progress, a gallery of thumbnails, and a viewer.
 */
export function AttachmentsPanel({
  owner,
  canWrite,
  canMakePublic,
  onChanged,
}: {
  owner: AttachmentOwnerRef;
  canWrite: boolean;
  /** A request's photos can be public; other owners' attachments are internal. */
  canMakePublic: boolean;
  onChanged: (message: string) => void;
}) {
  const headingId = useId();
  const attachments = useAttachments(owner);
  const upload = useUploadAttachment(owner);
  const [fromRequester, setFromRequester] = useState(false);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const items = attachments.data ?? [];

  function update(key: string, change: Partial<UploadState>) {
    setUploads((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  function startUploads(files: File[]) {
    const started = files.map((file, index) => ({
      key: `${Date.now()}-${index}-${file.name}`,
      name: file.name,
      progress: 0,
      status: 'uploading' as const,
    }));
    setUploads((current) => [...current.filter((item) => item.status !== 'done'), ...started]);
    // mutateAsync per file: mutate's own callbacks would only fire for the last of several files.
    files.forEach((file, index) => {
      const key = started[index]!.key;
      upload
        .mutateAsync({
          owner,
          file,
          fromRequester,
          onProgress: (fraction) => update(key, { progress: fraction }),
        })
        .then(
          (created) => {
            update(key, { status: 'done', progress: 1 });
            onChanged(`${created.fileName} added.`);
          },
          (error: unknown) =>
            update(key, {
              status: 'failed',
              message: isApiProblem(error) ? error.userMessage : 'The upload failed.',
            }),
        );
    });
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Photos and documents</h2>
      {canWrite ? (
        <>
          <DropZone onFiles={startUploads} />
          <div className="checkbox">
            <input
              id={`${headingId}-from-requester`}
              type="checkbox"
              checked={fromRequester}
              onChange={(event) => setFromRequester(event.target.checked)}
            />
            <label htmlFor={`${headingId}-from-requester`}>
              Sent by the resident (removed with their contact data after the retention period)
            </label>
          </div>
        </>
      ) : null}
      {uploads.length > 0 ? (
        <ul className="upload-list" aria-label="Uploads">
          {uploads.map((item) => (
            <li key={item.key}>
              <span>{item.name}</span>{' '}
              {item.status === 'failed' ? (
                <span className="field-error" role="alert">
                  Not added: {item.message}
                </span>
              ) : (
                <>
                  <progress value={item.progress} max={1} aria-label={`Uploading ${item.name}`} />{' '}
                  <span>{item.status === 'done' ? 'Added' : `${Math.round(item.progress * 100)} %`}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {attachments.isError ? (
        <ProblemAlert
          error={attachments.error}
          title="Could not load the attachments"
          onRetry={() => attachments.refetch()}
        />
      ) : attachments.isPending ? (
        <p className="muted">Loading the attachments…</p>
      ) : items.length === 0 ? (
        <p className="muted">No photos or documents yet.</p>
      ) : (
        <ul className="attachment-gallery" aria-label="Attachments">
          {items.map((attachment, index) => (
            <li key={attachment.id}>
              <button
                type="button"
                className="attachment-open"
                onClick={() => setViewing(index)}
                aria-label={`Open ${attachmentLabel(attachment)}`}
              >
                <AttachmentThumbnail attachment={attachment} />
              </button>
              <span className="attachment-name">{attachment.fileName}</span>
              <span
                className={`badge ${attachment.visibility === 'public' ? 'badge-success' : 'badge-muted'}`}
              >
                {attachment.visibility === 'public' ? 'Public' : 'Internal'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <AttachmentViewer
        owner={owner}
        items={items}
        index={viewing !== null && viewing < items.length ? viewing : null}
        canWrite={canWrite}
        canMakePublic={canMakePublic}
        onNavigate={setViewing}
        onClose={() => setViewing(null)}
        onChanged={onChanged}
      />
    </section>
  );
}

/** The panel with its own status line, for pages that have no announcement area of their own. */
export function WorkingFiles({ owner, canWrite }: { owner: AttachmentOwnerRef; canWrite: boolean }) {
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <AttachmentsPanel owner={owner} canWrite={canWrite} canMakePublic={false} onChanged={setAnnouncement} />
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
    </>
  );
}
