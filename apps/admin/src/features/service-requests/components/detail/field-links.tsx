import type { ServiceRequestDetail } from '../../types';

/**
 * The phone's own apps, one tap from the top of a request: the maps app at the request's location,
 * the dialler and mail with the requester (only roles that see the requester get `requester`), and
 * a jump to the note form. iPhones open Apple Maps; other phones get a geo: link their maps app takes.
 */
export function mapsLink(lat: number, lon: number, label: string): string {
  const isApple = /iPhone|iPad|iPod|Macintosh/.test(navigator.userAgent) && 'ontouchend' in document;
  return isApple
    ? `https://maps.apple.com/?ll=${lat},${lon}&q=${encodeURIComponent(label)}`
    : `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(label)})`;
}

export function FieldLinks({
  request,
  noteFormId,
}: {
  request: ServiceRequestDetail;
  /** Where the note form is, for roles that may write notes. */
  noteFormId: string | undefined;
}) {
  const requester = request.requester;
  const phone = requester?.phone?.replace(/[^\d+]/g, '');
  const place = request.address ?? request.trackingNumber;
  return (
    <nav className="field-links" aria-label="Quick actions">
      {request.lat !== null && request.lon !== null ? (
        <a className="button field-link" href={mapsLink(request.lat, request.lon, place)}>
          Open in maps
        </a>
      ) : null}
      {phone ? (
        <a className="button field-link" href={`tel:${phone}`}>
          Call requester
        </a>
      ) : null}
      {requester?.email ? (
        <a
          className="button field-link"
          href={`mailto:${requester.email}?subject=${encodeURIComponent(`Your request ${request.trackingNumber}`)}`}
        >
          E-mail requester
        </a>
      ) : null}
      {/*
       * SLOT (#15 attachments): "Add a photo" goes here once attachments exist: an
       * <input type="file" accept="image/*" capture="environment"> whose image is reduced on the
       * phone (canvas, longest side ~1600 px, JPEG) before upload; made offline, the upload joins
       * the outbox (lib/offline/outbox.ts) behind the request's other changes.
       */}
      {noteFormId ? (
        <a className="button field-link" href={`#${noteFormId}`}>
          Add a note or update
        </a>
      ) : null}
    </nav>
  );
}
