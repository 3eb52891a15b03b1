import { type DragEvent, type ReactNode, useId, useState } from 'react';

/** What the server accepts (it checks the bytes itself; this only filters the file picker). */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf,.heic,.heif';

/**
 * Files by drag and drop or by the file picker (the keyboard way: the visible "Choose files" is the
 * label of a real file input, which keeps its focus ring). `children` go beside "Choose files" (the
 * panel's camera button).
 */
export function DropZone({
  onFiles,
  disabled,
  children,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const inputId = useId();
  const hintId = useId();
  const [dragging, setDragging] = useState(false);

  function handleDrop(event: DragEvent<HTMLFieldSetElement>) {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  }

  return (
    <fieldset
      className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
      data-testid="attachment-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        if (!dragging) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={handleDrop}
    >
      <legend className="visually-hidden">Add photos and documents</legend>
      <input
        id={inputId}
        type="file"
        multiple
        accept={ACCEPT}
        className="visually-hidden drop-zone-input"
        aria-describedby={hintId}
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={inputId} className="button button-small">
        Choose files
      </label>
      {children}
      <p id={hintId} className="drop-zone-hint">
        or drop photos (JPEG, PNG, WebP, HEIC) and PDF documents here. Photos lose their location and camera
        data when they are saved.
      </p>
    </fieldset>
  );
}
