import type { ServiceRequestDetail } from '../../types';

/**
 * The phone's own apps, one tap from the top of a request: the maps app at the request's location,
 * the dialler and mail with the requester (only roles that see the requester get `requester`), and
 * a jump to the note form, and the camera (a photo reduced on the phone, added to the request's photos). iPhones open Apple Maps; other phones get a geo: link their maps app takes.
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
  cameraInputId,
}: {
  request: ServiceRequestDetail;
  /** Where the note form is, for roles that may write notes. */
  noteFormId: string | undefined;
  /** The photos panel's camera input, for roles that may add photos. */
  cameraInputId: string | undefined;
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
      {cameraInputId ? (
        <button
          type="button"
          className="button field-link camera-button"
          // The panel's <input type="file" accept="image/*" capture>: it reduces and uploads the photo.
          onClick={() => document.getElementById(cameraInputId)?.click()}
        >
          Take a photo
        </button>
      ) : null}
      {noteFormId ? (
        <a className="button field-link" href={`#${noteFormId}`}>
          Add a note or update
        </a>
      ) : null}
    </nav>
  );
}
