import { useAttachmentObjectUrl } from '../api/get-attachment-file';
import type { Attachment } from '../types';

export function attachmentLabel(attachment: Attachment) {
  return attachment.caption ? `${attachment.caption} (${attachment.fileName})` : attachment.fileName;
}

/** A photo's thumbnail, or a plain tile for a document. */
export function AttachmentThumbnail({ attachment }: { attachment: Attachment }) {
  const { objectUrl, query } = useAttachmentObjectUrl(attachment.thumbnailUrl);
  if (!attachment.thumbnailUrl) {
    return (
      <span className="attachment-tile attachment-tile-document" aria-hidden="true">
        PDF
      </span>
    );
  }
  if (!objectUrl) {
    return (
      <span className="attachment-tile" aria-hidden="true">
        {query.isError ? 'Not available' : '…'}
      </span>
    );
  }
  return <img className="attachment-tile" src={objectUrl} alt="" width={120} height={120} />;
}
