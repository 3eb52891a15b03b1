import { useId, useRef, useState } from 'react';
import { ProblemAlert } from '../../../components/status-messages';
import { isApiProblem, isTransientFailure } from '../../../lib/api-problem';
import { useOnline } from '../../../lib/offline/connection';
import { useAttachments } from '../api/get-attachments';
import { useUploadAttachment } from '../api/upload-attachment';
import type { AttachmentOwnerRef } from '../types';
import { reducePhoto } from '../utils/reduce-photo';
import { AttachmentThumbnail, attachmentLabel } from './attachment-thumbnail';
import { AttachmentViewer } from './attachment-viewer';
import { DropZone } from './drop-zone';

interface UploadState {
  key: string;
  name: string;
  /** Kept until it is added: a failed upload (no signal) is tried again without retaking the photo. */
  file: File;
  /** A camera photo, reduced on the phone before it is sent. */
  fromCamera: boolean;
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  message?: string;
  /** No signal, too many requests or a server fault: the same file may go through later. */
  retryable?: boolean;
}

/**
 * Photos and documents of one owner (a service request; SARA cases and meetings use it too): a drop
 * zone with per-file progress, a "Take a photo" button for the phone's camera (the photo is reduced
 * on the phone before it is sent), a gallery of thumbnails, and a viewer.
 */
export function AttachmentsPanel({
  owner,
  canWrite,
  canMakePublic,
  onChanged,
  cameraInputId,
}: {
  owner: AttachmentOwnerRef;
  canWrite: boolean;
  /** A request's photos can be public; other owners' attachments are internal. */
  canMakePublic: boolean;
  onChanged: (message: string) => void;
  /** The camera input's id, for a "Take a photo" button elsewhere on the page (a request's quick actions). */
  cameraInputId?: string;
}) {
  const headingId = useId();
  const cameraId = cameraInputId ?? `${headingId}-camera`;
  const sectionRef = useRef<HTMLElement>(null);
  const attachments = useAttachments(owner);
  const upload = useUploadAttachment(owner);
  const [fromRequester, setFromRequester] = useState(false);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const items = attachments.data ?? [];
  const online = useOnline();

  function update(key: string, change: Partial<UploadState>) {
    setUploads((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  function send({ key, file, fromCamera }: Pick<UploadState, 'key' | 'file' | 'fromCamera'>) {
    // mutateAsync per file: mutate's own callbacks would only fire for the last of several files.
    (fromCamera ? reducePhoto(file) : Promise.resolve(file))
      .then((sent) =>
        upload.mutateAsync({
          owner,
          file: sent,
          fromRequester,
          onProgress: (fraction) => update(key, { progress: fraction }),
        }),
      )
      .then(
        (created) => {
          update(key, { status: 'done', progress: 1 });
          onChanged(`${created.fileName} added.`);
        },
        (error: unknown) =>
          update(key, {
            status: 'failed',
            message: isApiProblem(error) ? error.userMessage : 'The upload failed.',
            retryable: isTransientFailure(error),
          }),
      );
  }

  function startUploads(files: File[], fromCamera = false) {
    const started = files.map((file, index) => ({
      key: `${Date.now()}-${index}-${file.name}`,
      name: file.name,
      file,
      fromCamera,
      progress: 0,
      status: 'uploading' as const,
    }));
    setUploads((current) => [...current.filter((item) => item.status !== 'done'), ...started]);
    for (const item of started) send(item);
  }

  function retry(item: UploadState) {
    update(item.key, { status: 'uploading', progress: 0, message: undefined });
    send(item);
  }

  return (
    <section className="card" aria-labelledby={headingId} ref={sectionRef}>
      <h2 id={headingId}>Photos and documents</h2>
      {canWrite ? (
        <>
          <DropZone onFiles={(files) => startUploads(files)}>
            <input
              id={cameraId}
              type="file"
              accept="image/*"
              capture="environment"
              className="visually-hidden drop-zone-input camera-input"
              onChange={(event) => {
                const files = Array.from(event.target.files ?? []);
                event.target.value = '';
                if (files.length === 0) return;
                startUploads(files, true);
                // Taken from the request's quick actions at the top: the progress is shown here.
                sectionRef.current?.scrollIntoView({ block: 'start' });
              }}
            />
            <label htmlFor={cameraId} className="button button-small camera-button">
              Take a photo
            </label>
          </DropZone>
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
                <>
                  <span className="field-error" role="alert">
                    Not added: {item.message}
                  </span>
                  {item.retryable ? (
                    <>
                      {' '}
                      <button type="button" className="button button-small" onClick={() => retry(item)}>
                        Try again
                      </button>
                    </>
                  ) : null}
                </>
              ) : (
                <>
                  <progress value={item.progress} max={1} aria-label={`Uploading ${item.name}`} />{' '}
                  <span>
                    {item.status === 'done'
                      ? 'Added'
                      : !online && item.progress === 0
                        ? // React Query holds the upload and sends it when the connection returns.
                          'Waiting for a connection: keep this page open'
                        : `${Math.round(item.progress * 100)} %`}
                  </span>
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
